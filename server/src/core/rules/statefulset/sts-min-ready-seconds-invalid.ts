import type { ResourceRule } from '../types';
import { checkNonNegativeInt32 } from '../support';

export const stsMinReadySecondsInvalid: ResourceRule = {
  code: 'sts-min-ready-seconds-invalid',
  severity: 'error',
  title: 'StatefulSet minReadySeconds is not a non-negative integer',
  source: 'pkg/apis/apps/validation ValidateStatefulSetSpec (ValidateNonnegativeField); reference S13',
  docs: `\`spec.minReadySeconds\` (how long a new pod must be ready before it counts as available; default 0) is an
int32 that must be ≥ 0. The API server rejects a negative value
(\`spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0\`) and cannot decode a quoted
number, a fraction or a boolean.

**Fix:** use a whole number of seconds, without quotes, e.g. \`minReadySeconds: 10\`.`,
  bad: 'spec:\n  minReadySeconds: -5',
  good: 'spec:\n  minReadySeconds: 10',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    checkNonNegativeInt32(ctx, res, res.at('spec', 'minReadySeconds'), 'spec.minReadySeconds');
  },
};
