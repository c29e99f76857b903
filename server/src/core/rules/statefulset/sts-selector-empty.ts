import { isMap } from '../../yaml/predicates';
import { podTemplateOf } from '../../k8s/podspec';
import { asMap, asSeq, child, isNullish, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const stsSelectorEmpty: ResourceRule = {
  code: 'sts-selector-empty',
  severity: 'error',
  title: 'StatefulSet selector has neither matchLabels nor matchExpressions',
  source:
    'pkg/apis/apps/validation ValidateStatefulSetSpec (`empty selector is invalid for statefulset`); reference S4',
  docs: `An empty label selector selects every pod in the namespace, so the API server refuses it for a
StatefulSet: \`spec.selector: Invalid value: {}: empty selector is invalid for statefulset\`. This happens
with \`selector: {}\`, or with \`matchLabels\` and \`matchExpressions\` both left empty.

**Fix:** put the pod template labels (or a subset of them) under \`selector.matchLabels\`.`,
  bad: 'spec:\n  selector: {}',
  good: 'spec:\n  selector:\n    matchLabels: {app: nginx}',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const sel = res.at('spec', 'selector');
    if (!isMap(sel)) return; // absent or null: sts-selector-missing; other shapes: not modelled
    const ml = child(ctx.y, sel, 'matchLabels');
    const me = child(ctx.y, sel, 'matchExpressions');
    const mlMap = asMap(ctx.y, ml);
    const meSeq = asSeq(ctx.y, me);
    // Any other shape is a decoding error we do not second-guess.
    if ((ml !== undefined && !mlMap && !isNullish(ctx.y, ml)) || (me !== undefined && !meSeq && !isNullish(ctx.y, me)))
      return;
    if ((mlMap?.items.length ?? 0) + (meSeq?.items.length ?? 0) > 0) return;
    const labels = podTemplateOf(res)?.labels ?? new Map<string, string>();
    const flowLabels = [...labels].map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
    // A one-line `{}` can be replaced in place; a block selector is reported on its key.
    const inline = sel.flow === true && !ml && !me;
    ctx.report(
      inline ? sel : (keyNode(ctx.y, res.at('spec'), 'selector') ?? sel),
      `The StatefulSet selector is empty (no matchLabels and no matchExpressions): empty selector is invalid for statefulset, and the API server rejects it. Add the pod template labels under \`selector.matchLabels\`${flowLabels ? ` ({${flowLabels}})` : ''}.`,
      inline && flowLabels
        ? { fix: [{ title: 'Select the pod template labels', newText: `{matchLabels: {${flowLabels}}}` }] }
        : undefined,
    );
  },
};
