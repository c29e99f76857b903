import type { ResourceRule } from '../types';
import { reportIssues, SCHEMA_SOURCE } from './util';

export const schemaEnumInvalid: ResourceRule = {
  code: 'schema-enum-invalid',
  severity: 'error',
  title: 'Value outside the fixed set of values of an enum field',
  source: `${SCHEMA_SOURCE}; enum lists from the OpenAPI (+enum markers in the API types)`,
  docs: `Many fields accept a fixed set of values (\`imagePullPolicy\`: \`Always\`, \`IfNotPresent\`, \`Never\`;
\`protocol\`: \`TCP\`, \`UDP\`, \`SCTP\`; …). The API server rejects anything else:
\`Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"\`. Values are
case-sensitive. Fields that have their own, more specific rule (Service type, access modes…) are
reported by that rule only.

**Fix:** use one of the supported values (the quick fix offers the nearest one).`,
  bad: 'imagePullPolicy: Sometimes',
  good: 'imagePullPolicy: IfNotPresent',
  kinds: '*',
  check(res, ctx) {
    reportIssues(res, ctx, 'enum');
  },
};
