import { isMap } from '../../yaml/predicates';
import { has, isNullish, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { specKey } from '../support';

export const stsSelectorMissing: ResourceRule = {
  code: 'sts-selector-missing',
  severity: 'error',
  title: 'StatefulSet has no spec.selector',
  source: 'pkg/apis/apps/validation ValidateStatefulSetSpec (`spec.selector: Required value`); reference S3',
  docs: `In \`apps/v1\` a StatefulSet's \`spec.selector\` is required: it is not defaulted from the pod template
labels (only the removed \`apps/v1beta1\` did that). The API server rejects the object with
\`spec.selector: Required value\`. The selector decides which pods the StatefulSet owns, and it cannot be
changed after creation.

**Fix:** add a selector whose \`matchLabels\` equal (a subset of) \`spec.template.metadata.labels\`.`,
  bad: 'spec:\n  serviceName: nginx\n  template:\n    metadata:\n      labels: {app: nginx}',
  good: 'spec:\n  selector:\n    matchLabels: {app: nginx}\n  serviceName: nginx\n  template:\n    metadata:\n      labels: {app: nginx}',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    // apps/v1beta1 defaulted the selector from the template labels.
    if (res.apiVersion !== 'apps/v1' && res.apiVersion !== 'apps/v1beta2') return;
    const spec = res.at('spec');
    if (spec !== undefined && !isMap(spec)) return;
    const fix = 'Add `selector: {matchLabels: {…}}` with the pod template labels.';
    if (spec && has(ctx.y, spec, 'selector')) {
      if (isNullish(ctx.y, res.at('spec', 'selector')))
        ctx.report(
          keyNode(ctx.y, spec, 'selector'),
          `\`spec.selector\` is empty (null): Required value; the API server rejects this StatefulSet. ${fix}`,
        );
      return;
    }
    ctx.report(
      specKey(ctx, res),
      `\`spec.selector\` is missing: Required value; the API server rejects this StatefulSet. ${fix}`,
    );
  },
};
