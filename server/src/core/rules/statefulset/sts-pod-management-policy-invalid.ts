import type { ResourceRule } from '../types';
import { checkEnumField } from '../support';

export const stsPodManagementPolicyInvalid: ResourceRule = {
  code: 'sts-pod-management-policy-invalid',
  severity: 'error',
  title: "StatefulSet podManagementPolicy is not 'OrderedReady' or 'Parallel'",
  source: 'pkg/apis/apps/validation ValidateStatefulSetSpec; reference S8',
  docs: `\`spec.podManagementPolicy\` is \`OrderedReady\` (the default: pods are created one at a time, in order,
each waiting for the previous to be ready) or \`Parallel\` (all at once). Values are case-sensitive; anything
else is rejected: \`spec.podManagementPolicy: Invalid value: "parallel": must be 'OrderedReady' or 'Parallel'\`.
The field cannot be changed after creation.

**Fix:** use \`OrderedReady\` or \`Parallel\` exactly (the quick fix corrects the case).`,
  bad: 'spec:\n  podManagementPolicy: parallel',
  good: 'spec:\n  podManagementPolicy: Parallel',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    checkEnumField(
      ctx,
      res.at('spec', 'podManagementPolicy'),
      'spec.podManagementPolicy',
      ['OrderedReady', 'Parallel'],
      {
        allowEmpty: true,
        nonString: true,
        invalid: "must be 'OrderedReady' or 'Parallel'",
      },
    );
  },
};
