import { kindType } from '../../schema/schema';
import { lineNumber } from '../../convert';
import { CopyScope, sameScopeCopies } from '../../model/scope';
import { fileKey } from '../../model/workspace';
import { dirOf, relativeLabel } from '../../kustomize/uri';
import type { Resource } from '../../model/resource';
import type { ResourceRule, RuleContext } from '../types';

/** Copies named in one message (a file may repeat one object thousands of times). */
const MAX_NAMED = 3;

const group = (r: Resource) => (r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : '');

/**
 * Finds the other copies of `res` in `among` and, when there are any, reports them on its name
 * (each copy named as `file:line`, with related information); `consequence` ends the message.
 */
export function reportCopies(res: Resource, ctx: RuleContext, among: CopyScope, consequence: string): void {
  if (res.name === undefined || !kindType(res.apiVersion, res.kind)) return;
  const all = ctx.q.getAll(res.kind, res.namespace, res.name);
  if (all.length < 2) return;
  const copies = sameScopeCopies(ctx.q.ws, res, all, among, ctx.q.deps, MAX_NAMED + 1, group);
  if (!copies.length) return;
  const more = copies.length > MAX_NAMED ? ' and elsewhere' : '';
  copies.length = Math.min(copies.length, MAX_NAMED);
  const dir = dirOf(res.uri);
  const where = copies.map((c) => {
    ctx.q.deps.add(fileKey(c.uri));
    const file = ctx.q.ws.file(c.uri);
    const line = file ? lineNumber(file, ctx.span(c, c.at('metadata', 'name'))) : c.doc.index + 1;
    return c.uri === res.uri ? `line ${line} of this file` : `${relativeLabel(dir, c.uri)}:${line}`;
  });
  ctx.report(
    res.at('metadata', 'name'),
    `${res.kind} ${JSON.stringify(res.name)}${res.namespace ? ` in namespace ${res.namespace}` : ''} is also defined at ${where.join(', ')}${more}${consequence}`,
    { related: copies.map((c) => ({ span: ctx.span(c, c.at('metadata', 'name')), message: 'other definition' })) },
  );
}

export const objectDuplicate: ResourceRule = {
  code: 'object-duplicate',
  severity: 'warning',
  title: 'The same object (kind, namespace, name) defined twice in one file or one kustomize build',
  source:
    'kustomize resource id conflicts ("may not add resource with an already registered id"); kubectl apply applies documents in order',
  docs: `Two definitions with the same kind, namespace and name describe one object. They are reported
(on both copies, each naming the other) when they are certainly applied together:

- in one kustomize build (after its name prefixes/suffixes and namespace): kustomize refuses the build
  (\`may not add resource with an already registered id\`);
- in one file outside any build: \`kubectl apply -f\` applies both, so the later silently replaces
  the earlier.

Copies in different files of one folder are \`object-duplicate-folder\` (information): such folders
often hold alternatives applied one at a time. The same name in unrelated folders or builds, and a
base object with an overlay's patch of it, are not duplicates.

**Fix:** remove or rename one of the copies (or move it to a patch if it should change the other).`,
  bad: 'kind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: a}',
  good: 'kind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: b}',
  kinds: '*',
  check(res, ctx) {
    reportCopies(
      res,
      ctx,
      'together',
      ', which is applied together with this one: kubectl apply lets the later copy replace the earlier and kustomize rejects the duplicate. Remove or rename one copy.',
    );
  },
};
