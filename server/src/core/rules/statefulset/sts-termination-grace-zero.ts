import { num } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const stsTerminationGraceZero: ResourceRule = {
  code: 'sts-termination-grace-zero',
  severity: 'information',
  title: 'terminationGracePeriodSeconds: 0 in a StatefulSet is unsafe',
  source: 'concepts/workloads/controllers/statefulset.md (Limitations / Pod Management); reference S31',
  docs: `The StatefulSet documentation says a StatefulSet "should not specify a pod.Spec.TerminationGracePeriodSeconds
of 0. This practice is unsafe and strongly discouraged." With no grace period the pod's processes are killed
at once, without a chance to flush data or leave a cluster, and a replacement pod with the same identity and
volume may start while the old one is still shutting down.

**Fix:** give the pods a positive grace period (the default is 30 seconds), long enough for a clean shutdown.`,
  bad: 'template:\n  spec:\n    terminationGracePeriodSeconds: 0',
  good: 'template:\n  spec:\n    terminationGracePeriodSeconds: 30',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const node = res.at('spec', 'template', 'spec', 'terminationGracePeriodSeconds');
    if (num(ctx.y, node) !== 0) return;
    ctx.report(
      node,
      '`terminationGracePeriodSeconds: 0` kills StatefulSet pods without a clean shutdown; the StatefulSet docs call this unsafe and strongly discouraged (a replacement with the same identity can start while the old pod still runs). Use a positive grace period, e.g. 30 (the default).',
      { fix: [{ title: 'Use the default 30 seconds', newText: '30' }] },
    );
  },
};
