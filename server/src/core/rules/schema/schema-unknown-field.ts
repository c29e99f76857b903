import type { ResourceRule } from '../types';
import { reportIssues, SCHEMA_SOURCE } from './util';

export const schemaUnknownField: ResourceRule = {
  code: 'schema-unknown-field',
  severity: 'error',
  title: 'Field that the Kubernetes API does not define (typo or wrong level)',
  source: SCHEMA_SOURCE,
  docs: `Every built-in kind has a fixed set of fields. Since Kubernetes 1.27 kubectl validates fields
strictly by default and rejects an object with a field its schema does not have:
\`unknown field "spec.replica"\`. A misspelt field (\`replica\`, \`servicename\`) or a field at the
wrong level (\`volumeMounts\` under \`spec\` instead of a container) is never silently ignored.

**Fix:** rename the field (the quick fix offers the nearest field name, case included) or move it
to the object that defines it.`,
  bad: 'spec:\n  replica: 3\n  servicename: db',
  good: 'spec:\n  replicas: 3\n  serviceName: db',
  kinds: '*',
  check(res, ctx) {
    reportIssues(res, ctx, 'unknown');
  },
};
