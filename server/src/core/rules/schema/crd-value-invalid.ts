import type { ResourceRule } from '../types';
import { reportIssues } from './util';

export const crdValueInvalid: ResourceRule = {
  code: 'crd-value-invalid',
  severity: 'error',
  title: 'Custom resource value outside its CRD schema bounds (minimum/maximum, pattern, length, items)',
  source: 'apiextensions-apiserver structural schema validation (kube-openapi validate); the CRD in the workspace',
  docs: `A CustomResourceDefinition in the workspace describes its custom resources with an OpenAPI v3
schema. Besides unknown fields, types, enums and required fields (reported by the \`schema-*\` rules), the
API server checks \`minimum\`/\`maximum\`, \`pattern\`, \`minLength\`/\`maxLength\` and
\`minItems\`/\`maxItems\`: \`spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1\`.
Custom resources whose CRD is not in the workspace are not checked.

**Fix:** use a value within the bounds the CRD states.`,
  bad: 'spec:\n  replicas: 0   # CRD: minimum: 1',
  good: 'spec:\n  replicas: 1',
  kinds: '*',
  check(res, ctx) {
    reportIssues(res, ctx, 'range');
  },
};
