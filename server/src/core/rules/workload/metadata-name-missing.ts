import { kindType } from '../../schema/schema';
import { has, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

/** Kinds that are requests or views, never stored with a name of their own. */
const UNNAMED = new Set([
  'SelfSubjectReview',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'SubjectAccessReview',
  'LocalSubjectAccessReview',
  'TokenReview',
  'TokenRequest',
  'Eviction',
  'Binding',
  'Scale',
]);

export const metadataNameMissing: ResourceRule = {
  code: 'metadata-name-missing',
  severity: 'error',
  title: 'Object without metadata.name (and without generateName)',
  source: 'apimachinery ValidateObjectMeta (name or generateName is required)',
  docs: `Every stored object needs \`metadata.name\`, unless \`metadata.generateName\` asks the API server
to make one up (\`kubectl create\` only; \`kubectl apply\` needs a name). Without either the request fails:
\`metadata.name: Required value: name or generateName is required\`.

**Fix:** add \`metadata.name\`.`,
  bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {app: web}',
  good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config',
  kinds: '*',
  check(res, ctx) {
    if (!ctx.settings.schemaEnable || res.name !== undefined || UNNAMED.has(res.kind)) return;
    if (!kindType(res.apiVersion, res.kind)) return;
    const md = res.at('metadata');
    if (md && (has(ctx.y, md, 'generateName') || has(ctx.y, md, 'name'))) return;
    ctx.report(
      keyNode(ctx.y, res.root, 'metadata') ?? res.at('kind'),
      `metadata.name: Required value: name or generateName is required. Add metadata.name to this ${res.kind}.`,
    );
  },
};
