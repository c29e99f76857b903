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
import { docJs, KustomizeIndex } from '../kustomize';
import { Build, BuiltObject, kindOf } from '../kustomize/build';
import type { Resource } from './resource';
import { dirKey, KUSTOMIZE_KEY, Workspace } from './workspace';

const parent = (dir: string) => {
  const i = dir.lastIndexOf('/');
  return i > 0 ? dir.slice(0, i) : '';
};

/** The candidates of the narrowest scope around `from` (all of them when none is narrower). */
export function narrowestScope(
  ws: Workspace,
  from: Resource,
  candidates: readonly Resource[],
  deps?: Set<string>,
): readonly Resource[] {
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

/**
 * Where `sameScopeCopies` looks: `together` finds the copies that are certainly applied with
 * `res` (the same kustomize build, else the same file); `siblings` finds the copies in other files
 * of the same folder outside any build (applied together only by `kubectl apply -f <folder>`).
 */
export type CopyScope = 'together' | 'siblings';

/**
 * The other definitions of the same object as `res` in one scope (see `CopyScope`). Same names in
 * other folders or other builds are unrelated deployments, identical sibling copies are harmless
 * for kubectl, a folder of self-contained examples is applied one file at a time, and patches are
 * not objects (they are never candidates).
 */
export function sameScopeCopies(
  ws: Workspace,
  res: Resource,
  candidates: readonly Resource[],
  among: CopyScope,
  deps?: Set<string>,
  limit = Infinity,
  same: (c: Resource) => boolean = () => true,
): Resource[] {
  const out: Resource[] = [];
  if (candidates.length < 2) return out;
  let inScope: (c: Resource) => boolean;
  const builds =
    ws.kustomize.size > 0 ? (deps?.add(KUSTOMIZE_KEY), ws.kustomize.buildsContaining(ws.fileAccess, res)) : [];
  if (builds.length) {
    if (among === 'siblings') return out;
    inScope = (c) => builds.some((b) => sameBuiltId(b, res, c));
  } else if (among === 'together') inScope = (c) => c.uri === res.uri;
  else {
    const dir = parent(res.uri);
    inScope = (c) =>
      c.uri !== res.uri &&
      parent(c.uri) === dir &&
      !(ws.kustomize.size > 0 && ws.kustomize.buildsContaining(ws.fileAccess, c).length) &&
      !sameContent(res, c) &&
      !exampleFolder(ws, res.uri, deps);
  }
  for (const c of candidates) {
    if (c === res || !same(c) || !inScope(c)) continue;
    out.push(c);
    if (out.length >= limit) break;
  }
  return out;
}

/** Whether a build makes an object from `a` and one from `b` with the same kind, namespace and name (after its prefixes, suffixes and namespace). */
function sameBuiltId(b: Build, a: Resource, c: Resource): boolean {
  if (!KustomizeIndex.contains(b, c)) return false;
  const id = (o: BuiltObject) =>
    `${kindOf(o.obj)}|${o.namespaces[o.namespaces.length - 1] ?? ''}|${o.names[o.names.length - 1] ?? ''}`;
  const ids = new Set<string>();
  for (const o of b.objects) if (o.origin === a) ids.add(id(o));
  for (const o of b.objects) if (o.origin === c && ids.has(id(o))) return true;
  return false;
}

/** The object's content as JSON text (comments and layout ignored). */
function contentOf(r: Resource): string | undefined {
  let v: unknown = docJs(r.doc);
  for (const k of r.prefix) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v === undefined ? undefined : JSON.stringify(v);
}

const sameContent = (a: Resource, b: Resource) => {
  const x = contentOf(a);
  return x !== undefined && x === contentOf(b);
};

const examples = new WeakMap<Workspace, Map<string, { revision: number; value: boolean }>>();

/**
 * Whether a folder is a collection of self-contained examples rather than one deployment: two of
 * its files define two or more of the same objects (variants applied one at a time).
 */
function exampleFolder(ws: Workspace, uri: string, deps?: Set<string>): boolean {
  deps?.add(dirKey(uri));
  const dir = parent(uri);
  let m = examples.get(ws);
  if (!m) examples.set(ws, (m = new Map()));
  const c = m.get(dir);
  if (c && c.revision === ws.revision) return c.value;
  let value = false;
  const files = [...ws.files()].filter((f) => parent(f.uri) === dir);
  outer: for (const f of files) {
    const shared = new Map<string, number>();
    for (const r of f.resources) {
      if (r.name === undefined) continue;
      for (const x of ws.named(r.kind, r.namespace, r.name)) {
        if (x.uri === f.uri || parent(x.uri) !== dir) continue;
        const n = (shared.get(x.uri) ?? 0) + 1;
        shared.set(x.uri, n);
        if (n >= 2) {
          value = true;
          break outer;
        }
      }
    }
  }
  m.set(dir, { revision: ws.revision, value });
  return value;
}
