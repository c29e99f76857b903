import { formatSelector, isEmptySelector, labelsOf, matches, readLabelSelector } from '../../k8s/selector';
import { keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const stsSelectorMismatch: ResourceRule = {
  code: 'sts-selector-mismatch',
  severity: 'error',
  title: 'StatefulSet selector does not match the pod template labels',
  source: 'pkg/apis/apps/validation ValidatePodTemplateSpecForStatefulSet (reference S6)',
  docs: `\`spec.selector\` must select the pods the StatefulSet creates, i.e. match
\`spec.template.metadata.labels\` (matchLabels and matchExpressions, with the API's label-selector
semantics). The API server rejects the object:
\`spec.template.metadata.labels: Invalid value: …: selector does not match template labels\`.

**Fix:** make the template labels satisfy the selector (usually: copy \`matchLabels\` into
\`template.metadata.labels\`).`,
  bad: 'selector:\n  matchLabels: {app: web}\ntemplate:\n  metadata:\n    labels: {app: db}',
  good: 'selector:\n  matchLabels: {app: web}\ntemplate:\n  metadata:\n    labels: {app: web}',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const selNode = res.at('spec', 'selector');
    const sel = readLabelSelector(ctx.y, selNode);
    if (!sel || isEmptySelector(sel)) return; // reported by sts-selector-missing / sts-selector-empty
    const metadata = res.at('spec', 'template', 'metadata');
    const actual = labelsOf(ctx.y, metadata);
    if (matches(sel, actual)) return;
    const shown = [...actual].map(([k, v]) => `${k}=${v}`).join(',') || 'none';
    ctx.report(
      keyNode(ctx.y, metadata, 'labels') ?? keyNode(ctx.y, res.at('spec', 'template'), 'metadata') ?? selNode,
      `Selector \`${formatSelector(sel)}\` does not match the pod template labels (${shown}); the API server rejects this StatefulSet. Add the selector's labels to spec.template.metadata.labels.`,
      { related: [{ span: ctx.span(res, selNode), message: 'the selector' }] },
    );
  },
};
