import type { ResourceRule } from '../types';
import { checkEnumField } from '../support';

const POLICIES = ['Retain', 'Delete'];

export const stsRetentionPolicyInvalid: ResourceRule = {
  code: 'sts-retention-policy-invalid',
  severity: 'error',
  title: "persistentVolumeClaimRetentionPolicy value is not 'Retain' or 'Delete'",
  source:
    'pkg/apis/apps/validation ValidatePersistentVolumeClaimRetentionPolicy; feature StatefulSetAutoDeletePVC (GA v1.32); reference S18',
  docs: `\`spec.persistentVolumeClaimRetentionPolicy.whenDeleted\` and \`.whenScaled\` say what happens to the PVCs
created from \`volumeClaimTemplates\` when the StatefulSet is deleted or scaled down: \`Retain\` (the default:
keep them) or \`Delete\`. Values are case-sensitive; anything else is rejected:
\`spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"\`.

**Fix:** use \`Retain\` or \`Delete\` exactly.`,
  bad: 'persistentVolumeClaimRetentionPolicy:\n  whenDeleted: delete\n  whenScaled: Keep',
  good: 'persistentVolumeClaimRetentionPolicy:\n  whenDeleted: Delete\n  whenScaled: Retain',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      const path = `spec.persistentVolumeClaimRetentionPolicy.${f}`;
      checkEnumField(ctx, res.at('spec', 'persistentVolumeClaimRetentionPolicy', f), path, POLICIES, {
        allowEmpty: true,
        nonString: true,
      });
    }
  },
};
