import type { ResourceRule } from '../types';
import { checkNonNegativeInt32 } from '../support';

export const stsOrdinalsStartInvalid: ResourceRule = {
  code: 'sts-ordinals-start-invalid',
  severity: 'error',
  title: 'StatefulSet ordinals.start is not a non-negative integer',
  source:
    'pkg/apis/apps/validation ValidateStatefulSetSpec (`ordinals.start`); feature StatefulSetStartOrdinal (GA v1.31); reference S14',
  docs: `\`spec.ordinals.start\` sets the ordinal of the first pod (pods are \`<name>-<start>\` …
\`<name>-<start+replicas-1>\`; default 0). It is an int32 that must be ≥ 0: the API server rejects
\`spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0\`, and cannot decode a quoted
number, a fraction or a boolean.

**Fix:** use a whole number ≥ 0, without quotes, e.g. \`ordinals: {start: 5}\`.`,
  bad: 'spec:\n  ordinals:\n    start: -1',
  good: 'spec:\n  ordinals:\n    start: 5',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    checkNonNegativeInt32(ctx, res, res.at('spec', 'ordinals', 'start'), 'spec.ordinals.start');
  },
};
