import type { ResourceRule } from '../types';
import { reportIssues, SCHEMA_SOURCE } from './util';

export const schemaRequiredMissing: ResourceRule = {
  code: 'schema-required-missing',
  severity: 'error',
  title: 'Required field missing (container name, containerPort, selector, template…)',
  source: `${SCHEMA_SOURCE}; required fields of the OpenAPI definitions`,
  docs: `Some fields must always be set: a container's \`name\`, a port's \`containerPort\`, a
StatefulSet's \`selector\` and \`template\`, an env entry's \`name\`, a volume mount's \`name\` and
\`mountPath\`, a RoleBinding's \`roleRef\`. kubectl and the API server reject the
object: \`spec.template.spec.containers[0].name: Required value\`. kustomize patches are partial
objects and are not checked for required fields.

**Fix:** add the missing field.`,
  bad: 'ports:\n  - name: http',
  good: 'ports:\n  - name: http\n    containerPort: 8080',
  kinds: '*',
  check(res, ctx) {
    reportIssues(res, ctx, 'required');
  },
};
