import { claimNameOf, podTemplateOf, volumesOf, WORKLOAD_KINDS } from '../../k8s/podspec';
import { claimTemplates } from '../../model/claims';
import { generatedClaimOwner } from '../../model/identity';
import type { ResourceRule } from '../types';

export const volumeClaimMissing: ResourceRule = {
  code: 'volume-claim-missing',
  severity: 'warning',
  title: 'Volume claimName names no PersistentVolumeClaim in the namespace',
  source: 'persistent-volumes.md "Claims As Volumes" (the claim must exist in the pod\'s namespace); reference V7b',
  docs: `A pod volume \`persistentVolumeClaim.claimName\` must name a PVC in the **same namespace** as the
pod. No such PVC is defined in the workspace, so, unless it is created some other way, the pods stay
\`Pending\` (\`persistentvolumeclaim "x" not found\`). Claims a StatefulSet generates from its
\`volumeClaimTemplates\` (\`<claim>-<statefulset>-<ordinal>\`) count as existing.

When the claims live outside these manifests (created by hand, by another repository or by an
operator), turn this check off with the \`kubeStateful.rules\` setting:
\`{"volume-claim-missing": "off"}\`.

**Fix:** add the PersistentVolumeClaim to the workspace in the pod's namespace, or correct
\`claimName\`.`,
  bad: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data-pvc   # no PVC data-pvc',
  good: 'kind: PersistentVolumeClaim\nmetadata:\n  name: data-pvc\n---\n# volumes: [{name: data, persistentVolumeClaim: {claimName: data-pvc}}]',
  kinds: [...WORKLOAD_KINDS],
  check(res, ctx) {
    const pt = podTemplateOf(res);
    if (!pt) return;
    // A StatefulSet claim template replaces a template volume of the same name.
    const replaced = new Set(res.kind === 'StatefulSet' ? claimTemplates(res).map((c) => c.name) : []);
    for (const v of volumesOf(pt)) {
      if (v.name && replaced.has(v.name)) continue;
      const c = claimNameOf(pt, v);
      if (!c?.name) continue;
      if (ctx.q.get('PersistentVolumeClaim', res.namespace, c.name)) continue;
      if (generatedClaimOwner(ctx.q, res.namespace, c.name)) continue;
      const elsewhere = ctx.q.named('PersistentVolumeClaim', c.name).filter((r) => r.namespace !== res.namespace);
      const where = elsewhere.length
        ? ` A PVC \`${c.name}\` exists in namespace ${elsewhere.map((r) => `\`${r.namespace}\``).join(', ')}, but a pod can only use claims of its own namespace.`
        : '';
      ctx.report(
        c.node,
        `No PersistentVolumeClaim \`${c.name}\` in namespace \`${res.namespace}\` in the workspace: the pods stay Pending until it exists.${where} Add the PVC, fix claimName, or set "volume-claim-missing": "off" in kubeStateful.rules if claims are created elsewhere.`,
        {
          related: elsewhere.map((r) => ({
            span: ctx.span(r, r.at('metadata', 'name')),
            message: `PersistentVolumeClaim ${c.name} in namespace ${r.namespace}`,
          })),
        },
      );
    }
  },
};
