import { isNullish, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const stsActiveDeadlineForbidden: ResourceRule = {
  code: 'sts-active-deadline-forbidden',
  severity: 'error',
  title: 'activeDeadlineSeconds is not allowed in a StatefulSet pod template',
  source: 'pkg/apis/apps/validation ValidateStatefulSetSpec; reference S16',
  docs: `\`activeDeadlineSeconds\` makes the kubelet kill a pod after a fixed time. That suits Jobs, not a
StatefulSet, whose pods are meant to run indefinitely, so the API server forbids it in the template:
\`spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported\`.

**Fix:** remove \`activeDeadlineSeconds\` from \`spec.template.spec\` (use a Job or CronJob for time-limited work).`,
  bad: 'template:\n  spec:\n    activeDeadlineSeconds: 3600',
  good: 'template:\n  spec:\n    containers: [...]',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const spec = res.at('spec', 'template', 'spec');
    const value = res.at('spec', 'template', 'spec', 'activeDeadlineSeconds');
    if (value === undefined || isNullish(ctx.y, value)) return;
    ctx.report(
      keyNode(ctx.y, spec, 'activeDeadlineSeconds'),
      '`spec.template.spec.activeDeadlineSeconds`: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported; the API server rejects the object. Remove it (StatefulSet pods run until replaced).',
    );
  },
};
