/**
 * Scoped resolution of references by name (serviceName, claimName, storageClassName,
 * volumeName, claimRef, …). When several objects carry the referenced name, the reference
 * resolves in the narrowest scope that has a candidate:
 *
 *   1. the same kustomize build (the referrer and the candidate end up in one build);
 *   2. the same file;
 *   3. the same folder, then each parent folder up to the workspace root;
 *   4. the whole workspace.
 *
 * Unrelated deployments that reuse a name in other folders (examples, install variants) are
 * then not linked to each other. Callers get every candidate of the chosen scope: when those
 * disagree on what matters, they stay silent instead of picking one.
 */
import { KustomizeIndex } from '../kustomize';
import type { Resource } from './resource';
import { KUSTOMIZE_KEY, Workspace } from './workspace';

const parent = (dir: string) => {
  const i = dir.lastIndexOf('/');
  return i > 0 ? dir.slice(0, i) : '';
};

/** The candidates of the narrowest scope around `from` (all of them when none is narrower). */
export function narrowestScope(ws: Workspace, from: Resource, candidates: readonly Resource[], deps?: Set<string>): readonly Resource[] {
  if (candidates.length <= 1) return candidates;
  if (ws.kustomize.size > 0) {
    deps?.add(KUSTOMIZE_KEY);
    const builds = ws.kustomize.buildsContaining(ws.fileAccess, from);
    if (builds.length) {
      const inBuild = candidates.filter((c) => builds.some((b) => KustomizeIndex.contains(b, c)));
      if (inBuild.length) return inBuild;
    }
  }
  const sameFile = candidates.filter((c) => c.uri === from.uri);
  if (sameFile.length) return sameFile;
  for (let dir = parent(from.uri); dir.includes('/'); dir = parent(dir)) {
    const inDir = candidates.filter((c) => c.uri.startsWith(dir + '/'));
    if (inDir.length) return inDir;
  }
  return candidates;
}
