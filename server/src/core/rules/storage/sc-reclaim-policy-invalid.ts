import type { ResourceRule } from '../types';
import { checkEnumField, stringField } from '../support';

const SC_RECLAIM_POLICIES = ['Delete', 'Retain'] as const;

export const scReclaimPolicyInvalid: ResourceRule = {
  code: 'sc-reclaim-policy-invalid',
  severity: 'error',
  title: 'StorageClass reclaimPolicy is neither Delete nor Retain (Recycle is not allowed)',
  source: 'pkg/apis/storage/validation validateReclaimPolicy (reference §5.3 C3)',
  docs: `\`reclaimPolicy\` of a StorageClass is given to every volume it provisions: \`Delete\` (the default)
removes the volume with its claim, \`Retain\` keeps it. Unlike a hand-made PersistentVolume, a
StorageClass may **not** use \`Recycle\`; it and any other value are rejected
(\`reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"\`).

**Fix:** use \`Delete\` or \`Retain\`.`,
  bad: 'kind: StorageClass\nreclaimPolicy: Recycle',
  good: 'kind: StorageClass\nreclaimPolicy: Retain',
  kinds: ['StorageClass'],
  check(res, ctx) {
    const node = res.at('reclaimPolicy');
    const recycle = /^recycle$/i.test(stringField(ctx, node) ?? '');
    checkEnumField(ctx, node, 'reclaimPolicy', SC_RECLAIM_POLICIES, {
      allowEmpty: true,
      note: (s) =>
        recycle
          ? 'A StorageClass cannot use Recycle (only a manually created PersistentVolume can, and it is deprecated there): use `Retain` to keep released volumes, or `Delete`.'
          : s
            ? `Did you mean \`${s}\`?`
            : 'Use `Delete` or `Retain`.',
    });
  },
};
