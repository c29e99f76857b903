import { isAlias } from '../../yaml/predicates';
import { asSeq, child } from '../../yaml/nodes';
import { POD_KINDS, podVolumes, stringField, volumePath } from '../support';
import type { ResourceRule } from '../types';

export const volumeNameDuplicate: ResourceRule = {
  code: 'volume-name-duplicate',
  severity: 'error',
  title: 'Two pod volumes have the same name',
  source: 'pkg/apis/core/validation ValidateVolumes; pkg/api/pod GetWarningsForPodTemplate (reference §4 V2)',
  docs: `Volume names must be unique within a pod: mounts refer to volumes by name, so a second volume with
the same name could never be told apart. The API server rejects the pod
(\`spec.volumes[1].name: Duplicate value: "data"\`); for workload templates it also warns
\`duplicate name "data"\`, and every pod the controller creates is rejected.

**Fix:** rename one of the volumes (and the mounts that mean it), or delete the extra entry.`,
  bad: 'volumes:\n  - name: data\n    emptyDir: {}\n  - name: data\n    configMap: {name: app}',
  good: 'volumes:\n  - name: data\n    emptyDir: {}\n  - name: config\n    configMap: {name: app}',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv) return;
    const raw = asSeq(ctx.y, child(ctx.y, pv.pt.spec, 'volumes'))?.items ?? [];
    const first = new Map<string, (typeof pv.volumes)[number]>();
    for (const v of pv.volumes) {
      const name = stringField(ctx, v.nameNode);
      if (!name) continue;
      const prev = first.get(name);
      if (!prev) {
        first.set(name, v);
        continue;
      }
      // A repeated alias (`- *vol`) has one name node: point at the alias itself.
      const target = isAlias(raw[v.index]) ? (raw[v.index] as never) : v.nameNode;
      ctx.report(
        target,
        `\`${volumePath(pv.pt, v)}.name\`: Duplicate value: ${JSON.stringify(name)}; \`${volumePath(pv.pt, prev)}\` already has this name. The API server rejects the pod. Rename one of them (and its mounts) or remove the duplicate.`,
        { related: [{ span: ctx.span(res, prev.nameNode), message: `first volume named ${name}` }] },
      );
    }
  },
};
