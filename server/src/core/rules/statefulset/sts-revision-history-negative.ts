import { num } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const stsRevisionHistoryNegative: ResourceRule = {
  code: 'sts-revision-history-negative',
  severity: 'warning',
  title: 'Negative revisionHistoryLimit keeps every old revision',
  source: 'pkg/registry/apps/statefulset/strategy.go WarningsOnCreate/WarningsOnUpdate; reference S19',
  docs: `\`spec.revisionHistoryLimit\` (default 10) is how many old ControllerRevisions the StatefulSet keeps for
rollbacks. The API accepts a negative number but answers with a warning:
\`spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended\`.
Unbounded history grows with every template change.

**Fix:** use a number ≥ 0 (the default 10 is usually right).`,
  bad: 'spec:\n  revisionHistoryLimit: -1',
  good: 'spec:\n  revisionHistoryLimit: 10',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const node = res.at('spec', 'revisionHistoryLimit');
    const v = num(ctx.y, node);
    if (v === undefined || !Number.isInteger(v) || v >= 0) return;
    ctx.report(
      node,
      `\`spec.revisionHistoryLimit\` is ${v}: a negative value retains all historical revisions; a value >= 0 is recommended. Use 10 (the default) or another number ≥ 0.`,
      {
        fix: [{ title: 'Use the default 10', newText: '10' }],
      },
    );
  },
};
