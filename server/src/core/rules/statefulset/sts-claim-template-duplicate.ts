import { Claim, claimTemplates } from '../../model/claims';
import type { ResourceRule } from '../types';

export const stsClaimTemplateDuplicate: ResourceRule = {
  code: 'sts-claim-template-duplicate',
  severity: 'warning',
  title: 'Two volumeClaimTemplates have the same name',
  source:
    'pkg/controller/statefulset stateful_set_utils.go getPersistentVolumeClaims (a map keyed by name); reference S28',
  docs: `The StatefulSet controller collects claim templates in a map keyed by \`metadata.name\`, so when two
templates share a name only the **last** one takes effect: the pods get one volume and one PVC
(\`<claim>-<statefulset>-<ordinal>\`) for that name, and the earlier template's size, class and access modes
are ignored without any error.

**Fix:** give each claim template a distinct name (and mount each one), or remove the duplicate.`,
  bad: 'volumeClaimTemplates:\n  - metadata: {name: data}\n  - metadata: {name: data}',
  good: 'volumeClaimTemplates:\n  - metadata: {name: data}\n  - metadata: {name: logs}',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const first = new Map<string, Claim>();
    for (const c of claimTemplates(res)) {
      if (!c.name) continue;
      const prev = first.get(c.name);
      if (!prev) {
        first.set(c.name, c);
        continue;
      }
      ctx.report(
        c.nameNode,
        `Claim template \`${c.name}\` is defined again (volumeClaimTemplates[${c.index}], first at [${prev.index}]): the controller keys templates by name and keeps only the last one, so the earlier definition is silently ignored. Rename or remove one.`,
        { related: [{ span: ctx.span(res, prev.nameNode), message: `first claim template named ${c.name}` }] },
      );
    }
  },
};
