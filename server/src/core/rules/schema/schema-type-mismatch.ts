import type { ResourceRule } from '../types';
import { reportIssues, SCHEMA_SOURCE } from './util';

export const schemaTypeMismatch: ResourceRule = {
  code: 'schema-type-mismatch',
  severity: 'error',
  title: 'Value of the wrong type (string for integer, number for string, list for object…)',
  source: `${SCHEMA_SOURCE}; sigs.k8s.io/yaml (YAML 1.1 booleans yes/no/on/off/y/n)`,
  docs: `kubectl converts YAML to JSON and decodes it into the API types; a value of the wrong type
fails with \`json: cannot unmarshal string into Go struct field … of type int32\`. Common cases:
\`containerPort: "5432"\` (a quoted number), \`value: 8080\` in an env entry or a label \`version: 1.0\`
(numbers where strings are expected), \`readOnly: "true"\` (a quoted boolean). YAML 1.1 words such as
\`yes\`, \`no\`, \`on\`, \`off\`, \`y\` and \`n\` are booleans for kubectl, so \`enabled: "yes"\` in a label
must stay quoted and \`readOnly: yes\` is a boolean.

**Fix:** remove or add the quotes as the field's type requires (quick fixes for both).`,
  bad: 'ports:\n  - containerPort: "5432"\nenv:\n  - name: PORT\n    value: 8080',
  good: 'ports:\n  - containerPort: 5432\nenv:\n  - name: PORT\n    value: "8080"',
  kinds: '*',
  check(res, ctx) {
    reportIssues(res, ctx, 'type');
  },
};
