import { at, isNullish } from '../../yaml/nodes';
import { checkQuantity, POD_KINDS, podVolumes, volumePath } from '../support';
import type { ResourceRule } from '../types';

export const emptydirSizeLimitInvalid: ResourceRule = {
  code: 'emptydir-size-limit-invalid',
  severity: 'error',
  title: 'emptyDir sizeLimit is not a quantity, or is negative',
  source:
    'pkg/apis/core/validation validateVolumeSource; apimachinery resource.ParseQuantity (reference §4 V4, §5.1 quantity format)',
  docs: `\`emptyDir.sizeLimit\` caps the space an emptyDir may use. It is a Kubernetes quantity: a number with
an optional suffix \`Ki Mi Gi Ti Pi Ei\` (powers of 1024) or \`k M G T P E\` (powers of 1000). A value
such as \`500MB\` or \`1gi\` does not parse, and the API server cannot decode the object at all. A
negative size is rejected (\`spec.volumes[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a
valid resource quantity\`).

**Fix:** write a quantity such as \`500Mi\`; the quick fixes offer the binary and decimal spelling.`,
  bad: 'emptyDir:\n  sizeLimit: 500MB',
  good: 'emptyDir:\n  sizeLimit: 500Mi',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv) return;
    for (const v of pv.volumes) {
      const node = at(ctx.y, v.node, 'emptyDir', 'sizeLimit');
      if (node === undefined || isNullish(ctx.y, node)) continue;
      const field = `${volumePath(pv.pt, v)}.emptyDir.sizeLimit`;
      const q = checkQuantity(ctx, node, field);
      if (q && q.value < 0)
        ctx.report(
          node,
          `\`${field}\`: Forbidden: SizeLimit field must be a valid resource quantity (${JSON.stringify(q.text)} is negative). The API server rejects the pod. Use a positive size such as \`500Mi\`, or remove the limit.`,
        );
    }
  },
};
