import { asMap, child, isNullish, keyNode } from '../../yaml/nodes';
import { POD_KINDS, podVolumes, stringField, visible, volumePath } from '../support';
import type { ResourceRule } from '../types';

export const volumeClaimNameMissing: ResourceRule = {
  code: 'volume-claim-name-missing',
  severity: 'error',
  title: 'persistentVolumeClaim volume without claimName',
  source: 'pkg/apis/core/validation validatePersistentClaimVolumeSource (reference §4 V7)',
  docs: `A \`persistentVolumeClaim\` volume mounts an existing PersistentVolumeClaim of the pod's namespace,
named by \`claimName\`. Without it the API server rejects the pod
(\`spec.volumes[0].persistentVolumeClaim.claimName: Required value\`).

In a StatefulSet, per-replica claims come from \`volumeClaimTemplates\` instead: mount the template's
name directly and do not declare a \`persistentVolumeClaim\` volume for it.

**Fix:** set \`claimName\` to the PVC's \`metadata.name\`.`,
  bad: 'volumes:\n  - name: data\n    persistentVolumeClaim: {}',
  good: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data-pvc',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv) return;
    for (const v of pv.volumes) {
      const pvc = child(ctx.y, v.node, 'persistentVolumeClaim');
      if (!asMap(ctx.y, pvc)) continue;
      const node = child(ctx.y, pvc, 'claimName');
      const name = stringField(ctx, node);
      if (node !== undefined && !isNullish(ctx.y, node) && name !== '') continue;
      ctx.report(
        visible(node, keyNode(ctx.y, pvc, 'claimName')) ?? keyNode(ctx.y, v.node, 'persistentVolumeClaim'),
        `\`${volumePath(pv.pt, v)}.persistentVolumeClaim.claimName\`: Required value. The API server rejects the pod. Name the PersistentVolumeClaim to mount (its \`metadata.name\`, in the pod's namespace).${res.kind === 'StatefulSet' ? ' For per-replica storage, use `volumeClaimTemplates` and mount the template name instead.' : ''}`,
      );
    }
  },
};
