import { podTemplateOf } from '../../k8s/podspec';
import { at, child, items, YNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { checkLabelMap } from '../support';

export const labelsInvalid: ResourceRule = {
  code: 'labels-invalid',
  severity: 'error',
  title: 'Label key or value is invalid',
  source:
    'apimachinery pkg/apis/meta/v1/validation ValidateLabels (IsQualifiedName, IsValidLabelValue); reference §2.1, S17',
  docs: `Labels are checked on every object (\`metadata.labels\`) and on pod templates
(\`spec.template.metadata.labels\`, for a CronJob \`spec.jobTemplate.spec.template.metadata.labels\`) and on
StatefulSet claim templates:
- a **key** is an optional DNS-subdomain prefix (≤ 253 characters) and '/', then a name of at most 63
  letters, digits, '-', '_' or '.', starting and ending with a letter or digit;
- a **value** is empty or at most 63 such characters, starting and ending with a letter or digit;
- a value must be a **string**: YAML reads \`version: 1.0\` or \`enabled: true\` as a number or boolean, which the
  API cannot decode into a label.

The API server rejects the object, e.g. \`metadata.labels: Invalid value: "my app": a valid label must be an
empty string or consist of alphanumeric characters, '-', '_' or '.', …\`. Claim-template labels are copied onto
the generated PVCs: before v1.34 the StatefulSet is accepted, but creating its PVCs (and so its pods) fails.

**Fix:** rename the key or value as the message says; quote numbers and booleans.`,
  bad: 'metadata:\n  labels:\n    app: my app\n    version: 1.0',
  good: 'metadata:\n  labels:\n    app: my-app\n    version: "1.0"',
  kinds: '*',
  check(res, ctx) {
    const y = ctx.y;
    const metadata = res.at('metadata');
    const seen = new Set<YNode>(); // labels shared through aliases and merges are reported once
    checkLabelMap(ctx, res, child(y, metadata, 'labels'), 'metadata.labels', seen);
    const pt = podTemplateOf(res);
    if (pt?.metadata) {
      checkLabelMap(
        ctx,
        res,
        child(y, pt.metadata, 'labels'),
        pt.specPath.replace(/\.spec$/, '.metadata.labels'),
        seen,
      );
    }
    if (res.kind === 'StatefulSet') {
      items(y, res.at('spec', 'volumeClaimTemplates')).forEach((t, i) =>
        checkLabelMap(
          ctx,
          res,
          at(y, t, 'metadata', 'labels'),
          `spec.volumeClaimTemplates[${i}].metadata.labels`,
          seen,
        ),
      );
    }
  },
};
