import { lineNumber } from '../../convert';
import { claimNameOf, podTemplateOf, volumesOf, WORKLOAD_KINDS } from '../../k8s/podspec';
import { dirOf, relativeLabel } from '../../kustomize/uri';
import type { Resource } from '../../model/resource';
import type { YNode } from '../../yaml/nodes';
import { str } from '../../yaml/nodes';
import type { ResourceRule, RuleContext } from '../types';

/** The fields of a referenced object that the checks of the reference depend on. */
const FACETS: Record<string, { what: string; paths: string[][] }> = {
  Service: {
    what: 'type, clusterIP (headless or not) or selector',
    paths: [
      ['spec', 'type'],
      ['spec', 'clusterIP'],
      ['spec', 'selector'],
    ],
  },
  PersistentVolumeClaim: {
    what: 'access modes, StorageClass, volume mode or volume',
    paths: [
      ['spec', 'accessModes'],
      ['spec', 'storageClassName'],
      ['spec', 'volumeMode'],
      ['spec', 'volumeName'],
    ],
  },
  PersistentVolume: {
    what: 'capacity, access modes, StorageClass or claimRef',
    paths: [
      ['spec', 'capacity'],
      ['spec', 'accessModes'],
      ['spec', 'storageClassName'],
      ['spec', 'claimRef'],
    ],
  },
};

/** Kinds whose pod template can name claims (Pod and every workload with a template). */
const WORKLOADS = [...WORKLOAD_KINDS];

function fingerprint(r: Resource, paths: string[][]): string {
  return JSON.stringify(
    paths.map((p) => {
      try {
        return (r.at(...p) as { toJSON?: () => unknown } | undefined)?.toJSON?.() ?? null;
      } catch {
        return null;
      }
    }),
  );
}

function where(ctx: RuleContext, from: Resource, r: Resource): string {
  const file = ctx.q.ws.file(r.uri);
  const node = r.at('metadata', 'name') ?? r.at('kind');
  const line = file ? lineNumber(file, ctx.span(r, node)) : undefined;
  const label = r.uri === from.uri ? 'this file' : relativeLabel(dirOf(from.uri), r.uri);
  return `${label}${line ? `:${line}` : ''}`;
}

function check(
  ctx: RuleContext,
  res: Resource,
  kind: string,
  namespace: string,
  name: string,
  node: YNode | undefined,
): void {
  const cands = ctx.q.scoped(kind, namespace, name, res);
  if (cands.length < 2) return;
  const f = FACETS[kind];
  if (new Set(cands.map((c) => fingerprint(c, f.paths))).size < 2) return;
  const shown = cands.slice(0, 5).map((c) => where(ctx, res, c));
  const more = cands.length > 5 ? ` and ${cands.length - 5} more` : '';
  ctx.report(
    node,
    `${cands.length} ${kind}s \`${name}\` are equally close to this ${res.kind} (${shown.join(', ')}${more}) and differ in ${f.what}: which one it gets depends on what is applied, so the checks of this reference are skipped. Keep one definition in reach (same kustomize build, file or folder), or give the variants different names.`,
    { related: cands.map((c) => ({ span: ctx.span(c, c.at('metadata', 'name')), message: `${kind} ${name}` })) },
  );
}

export const referenceAmbiguous: ResourceRule = {
  code: 'reference-ambiguous',
  severity: 'information',
  title: 'A reference by name has several different candidates in its narrowest scope',
  source: 'model/scope.ts (scoped resolution); kubectl apply: the last object applied with a name wins',
  docs: `A reference by name (a StatefulSet's \`serviceName\`, a pod volume's \`claimName\`, a claim's \`volumeName\`)
resolves in the narrowest scope that has a candidate: the same kustomize build, the same file, the same
folder and its parents, then the whole workspace. When that scope holds several objects of that name
that differ in what the checks look at (a headless and a ClusterIP Service, ReadWriteOnce and
ReadWriteMany claims), which one the cluster gets depends on which file is applied, so the checks that
depend on the reference say nothing. This note names the candidates so that you can tell.

**Fix:** keep one definition within reach of the referrer (the same kustomize build, file or folder), or
give the variants different names.`,
  bad: '# a/pvc.yaml: claim data, ReadWriteOnce\n# b/pvc.yaml: claim data, ReadWriteMany\n# app.yaml (in neither folder):\nvolumes:\n  - name: d\n    persistentVolumeClaim: {claimName: data}',
  good: '# app/pvc.yaml next to app/app.yaml: claim data\nvolumes:\n  - name: d\n    persistentVolumeClaim: {claimName: data}',
  kinds: [...WORKLOADS, 'PersistentVolumeClaim'],
  check(res, ctx) {
    if (ctx.q.ws.isPatchFile(res.uri)) return;
    if (res.kind === 'PersistentVolumeClaim') {
      const v = res.at('spec', 'volumeName');
      const name = str(res.yaml, v);
      if (name) check(ctx, res, 'PersistentVolume', '', name, v);
      return;
    }
    if (res.kind === 'StatefulSet') {
      const s = res.at('spec', 'serviceName');
      const name = str(res.yaml, s);
      if (name) check(ctx, res, 'Service', res.namespace, name, s);
    }
    const pt = podTemplateOf(res);
    if (!pt) return;
    const seen = new Set<string>();
    for (const v of volumesOf(pt)) {
      const c = claimNameOf(pt, v);
      if (!c?.name || seen.has(c.name)) continue;
      seen.add(c.name);
      check(ctx, res, 'PersistentVolumeClaim', res.namespace, c.name, c.node);
    }
  },
};
