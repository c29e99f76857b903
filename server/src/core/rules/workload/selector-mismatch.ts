import { formatSelector, isEmptySelector, labelsOf, matches, readLabelSelector } from '../../k8s/selector';
import { bool, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const workloadSelectorMismatch: ResourceRule = {
  code: 'workload-selector-mismatch',
  severity: 'error',
  title:
    'Deployment, ReplicaSet, DaemonSet or manual-selector Job whose selector does not match its pod template labels',
  source:
    'pkg/apis/apps/validation ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateDaemonSetSpec; pkg/apis/batch/validation validateJobSpec (manualSelector)',
  docs: `A controller finds its pods by \`spec.selector\`, so the selector must match
\`spec.template.metadata.labels\`. The API server rejects the object otherwise:
\`spec.template.metadata.labels: Invalid value: …: \\\`selector\\\` does not match template \\\`labels\\\`\`.
This applies to Deployments, ReplicaSets, DaemonSets, and Jobs with \`manualSelector: true\`
(other Jobs get a generated selector). StatefulSets have their own rule, \`sts-selector-mismatch\`.

**Fix:** make the template labels satisfy the selector (copy \`matchLabels\` into the template labels).`,
  bad: 'selector:\n  matchLabels: {app: web}\ntemplate:\n  metadata:\n    labels: {app: api}',
  good: 'selector:\n  matchLabels: {app: web}\ntemplate:\n  metadata:\n    labels: {app: web}',
  kinds: ['Deployment', 'ReplicaSet', 'DaemonSet', 'Job'],
  check(res, ctx) {
    if (!res.apiVersion.startsWith('apps/') && !res.apiVersion.startsWith('batch/')) return;
    if (res.kind === 'Job' && bool(ctx.y, res.at('spec', 'manualSelector')) !== true) return;
    const selNode = res.at('spec', 'selector');
    const sel = readLabelSelector(ctx.y, selNode);
    if (!sel || isEmptySelector(sel)) return;
    const template = res.at('spec', 'template');
    const metadata = res.at('spec', 'template', 'metadata');
    if (!template) return; // a patch or a partial object: nothing to compare
    const actual = labelsOf(ctx.y, metadata);
    if (matches(sel, actual)) return;
    const shown = [...actual].map(([k, v]) => `${k}=${v}`).join(',') || 'none';
    ctx.report(
      keyNode(ctx.y, metadata, 'labels') ?? keyNode(ctx.y, template, 'metadata') ?? selNode,
      `Selector \`${formatSelector(sel)}\` does not match the pod template labels (${shown}); the API server rejects this ${res.kind}. Add the selector's labels to spec.template.metadata.labels.`,
      { related: [{ span: ctx.span(res, selNode), message: 'the selector' }] },
    );
  },
};
