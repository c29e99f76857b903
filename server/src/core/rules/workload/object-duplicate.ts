import { kindType } from '../../schema/schema';
import type { ResourceRule } from '../types';

export const objectDuplicate: ResourceRule = {
  code: 'object-duplicate',
  severity: 'warning',
  title: 'The same object (kind, namespace, name) defined twice in one file',
  source: 'kustomize resource id conflicts ("may not add resource with an already registered id"); kubectl apply applies documents in order',
  docs: `Two documents of one file with the same kind, namespace and name describe one object.
\`kubectl apply -f\` applies both, so the later silently replaces the earlier; kustomize refuses the
file (\`may not add resource with an already registered id\`).

**Fix:** remove or rename one of the copies.`,
  bad: 'kind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: a}',
  good: 'kind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: b}',
  kinds: '*',
  check(res, ctx) {
    if (res.name === undefined || !kindType(res.apiVersion, res.kind)) return;
    const group = res.apiVersion.split('/')[0];
    // The first object of this file with the same identity (no allocation: files may hold thousands).
    let first: typeof res | undefined;
    for (const r of ctx.q.getAll(res.kind, res.namespace, res.name)) {
      if (r.uri === res.uri && r.apiVersion.split('/')[0] === group) {
        first = r;
        break;
      }
    }
    if (!first || first === res) return;
    ctx.report(res.at('metadata', 'name'), `${res.kind} ${JSON.stringify(res.name)}${res.namespace ? ` in namespace ${res.namespace}` : ''} is already defined in this file (document ${first.doc.index + 1}); kubectl apply lets this copy replace it and kustomize rejects the duplicate.`, {
      related: [{ span: ctx.span(first, first.at('metadata', 'name')), message: 'first definition' }],
    });
  },
};
