import type { ResourceRule } from '../types';
import { checkNonNegativeInt32 } from '../support';

export const stsReplicasInvalid: ResourceRule = {
  code: 'sts-replicas-invalid',
  severity: 'error',
  title: 'StatefulSet replicas is not a non-negative integer',
  source:
    'pkg/apis/apps/validation ValidateStatefulSetSpec (ValidateNonnegativeField); k8s.io/api apps/v1 types.go (int32); reference S7',
  docs: `\`spec.replicas\` is an int32 that must be ≥ 0 (it defaults to 1 when left out). The API server rejects
a negative count (\`spec.replicas: Invalid value: -1: must be greater than or equal to 0\`), and cannot decode a
quoted number (\`"3"\`), a fraction or a boolean into the field.

**Fix:** write a plain whole number, without quotes: \`replicas: 3\`.`,
  bad: 'spec:\n  replicas: "3"',
  good: 'spec:\n  replicas: 3',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    checkNonNegativeInt32(ctx, res, res.at('spec', 'replicas'), 'spec.replicas');
  },
};
