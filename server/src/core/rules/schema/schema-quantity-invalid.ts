import type { ResourceRule } from '../types';
import { reportIssues, SCHEMA_SOURCE } from './util';

export const schemaQuantityInvalid: ResourceRule = {
  code: 'schema-quantity-invalid',
  severity: 'error',
  title: 'Resource quantity that does not parse (limits, requests, capacity, overhead…)',
  source: `${SCHEMA_SOURCE}; apimachinery pkg/api/resource ParseQuantity`,
  docs: `CPU, memory and storage amounts (\`resources.limits\`, \`resources.requests\`, \`capacity\`,
\`overhead\`, \`sizeLimit\`, \`hard\` quotas…) are quantities: a number with an optional suffix
\`Ki Mi Gi Ti Pi Ei\` (powers of 1024), \`m k M G T P E\` (decimal) or an exponent. \`1GB\`, \`512mb\`
and \`1 Gi\` do not parse, and the object cannot be decoded:
\`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\`.

**Fix:** write the amount with a Kubernetes suffix, e.g. \`1Gi\` or \`1G\` (quick fixes offer both).`,
  bad: 'limits:\n  memory: 1GB',
  good: 'limits:\n  memory: 1Gi',
  kinds: '*',
  check(res, ctx) {
    reportIssues(res, ctx, 'quantity');
  },
};
