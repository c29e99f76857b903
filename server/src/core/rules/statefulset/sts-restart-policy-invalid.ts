import type { ResourceRule } from '../types';
import { checkEnumField } from '../support';

export const stsRestartPolicyInvalid: ResourceRule = {
  code: 'sts-restart-policy-invalid',
  severity: 'error',
  title: "StatefulSet pod template restartPolicy is not 'Always'",
  source: 'pkg/apis/apps/validation ValidateStatefulSetSpec; reference S15',
  docs: `A StatefulSet keeps its pods running, so the pod template's \`restartPolicy\` must be \`Always\` (the
default when left out). \`Never\` or \`OnFailure\` are rejected:
\`spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\`.
For run-to-completion work use a Job.

**Fix:** remove \`restartPolicy\` or set it to \`Always\`.`,
  bad: 'template:\n  spec:\n    restartPolicy: OnFailure',
  good: 'template:\n  spec:\n    restartPolicy: Always',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    checkEnumField(
      ctx,
      res.at('spec', 'template', 'spec', 'restartPolicy'),
      'spec.template.spec.restartPolicy',
      ['Always'],
      { allowEmpty: true, nonString: true },
    );
  },
};
