import { asMap, entries, isNullish, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { checkQuantity, fixTo, visible } from '../support';

export const pvCapacityInvalid: ResourceRule = {
  code: 'pv-capacity-invalid',
  severity: 'error',
  title: 'PersistentVolume capacity missing, not only storage, or not a positive quantity',
  source: 'pkg/apis/core/validation ValidatePersistentVolumeSpec (reference §5.2 V-2)',
  docs: `A PersistentVolume must state its size: \`spec.capacity\` is required, may contain only the
\`storage\` key, and \`storage\` must be a quantity greater than zero. The API server rejects anything
else (\`spec.capacity: Required value\`; \`spec.capacity: Unsupported value: …: supported values:
"storage"\`; \`spec.capacity[storage]: Invalid value: "0": must be greater than zero\`). A size that is not
a quantity (\`10GB\`) makes the object undecodable.

**Fix:** write \`capacity: {storage: 10Gi}\` with the real size of the volume.`,
  bad: 'kind: PersistentVolume\nspec:\n  capacity:\n    storage: 10GB',
  good: 'kind: PersistentVolume\nspec:\n  capacity:\n    storage: 10Gi',
  kinds: ['PersistentVolume'],
  check(res, ctx) {
    const y = ctx.y;
    const spec = res.at('spec');
    if (spec !== undefined && !asMap(y, spec)) return;
    const cap = res.at('spec', 'capacity');
    if (cap !== undefined && !isNullish(y, cap) && !asMap(y, cap)) return;
    const list = entries(y, cap);
    if (list.length === 0) {
      ctx.report(
        keyNode(y, spec, 'capacity') ?? keyNode(y, res.root, 'spec') ?? res.at('kind'),
        'PersistentVolume has no size: `spec.capacity`: Required value. The API server rejects it. Add `capacity: {storage: 10Gi}` with the size of the volume.',
      );
      return;
    }
    const others = list.filter(([key]) => key !== 'storage');
    const storageEntry = list.find(([key]) => key === 'storage');
    if (!storageEntry) {
      // One API error (`Unsupported value` on spec.capacity): point at the likely misspelling.
      const near = others.find(([key]) => key.toLowerCase().replace(/[^a-z]/g, '') === 'storage');
      ctx.report(
        near ? near[1] : keyNode(y, spec, 'capacity'),
        `\`spec.capacity\` has no \`storage\` entry (Unsupported value: supported values: "storage"); the API server rejects the PersistentVolume.${near ? ` Did you mean \`storage\` instead of \`${near[0]}\`?` : ' Add `storage: <size>`.'}`,
        near ? fixTo(near[1], 'storage') : undefined,
      );
      return;
    }
    for (const [key, kNode] of others)
      ctx.report(
        kNode,
        `\`spec.capacity\` may only contain \`storage\`, not \`${key}\` (Unsupported value: supported values: "storage"); the API server rejects the PersistentVolume. Remove it.`,
      );
    const [, kNode, vNode] = storageEntry;
    if (isNullish(y, vNode)) {
      ctx.report(
        visible(vNode, kNode),
        '`spec.capacity[storage]` has no value, which the API reads as 0: must be greater than zero. Set the size, e.g. `10Gi`.',
      );
      return;
    }
    const q = checkQuantity(ctx, vNode, 'spec.capacity.storage');
    if (q && q.value <= 0)
      ctx.report(
        vNode,
        `\`spec.capacity[storage]\`: Invalid value: ${JSON.stringify(q.text)}: must be greater than zero. Set the real size of the volume, e.g. \`10Gi\`.`,
      );
  },
};
