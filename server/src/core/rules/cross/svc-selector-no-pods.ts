import type { Resource } from '../../model/resource';
import { podTemplateOf, WORKLOAD_KINDS } from '../../k8s/podspec';
import { formatSelector } from '../../k8s/selector';
import { isHeadless } from '../../model/governance';
import type { RelatedInfo } from '../../findings';
import { keyNode } from '../../yaml/nodes';
import { managedSelector } from '../support';
import type { ResourceRule } from '../types';
import { hasWorkloads, serviceBackends } from './backends';

export const svcSelectorNoPods: ResourceRule = {
  code: 'svc-selector-no-pods',
  severity: 'information',
  title: 'Service selector matches no pods in the workspace',
  source: 'EndpointSlice controller (endpoints from selected pods); kubernetes/dns specification.md; reference N13',
  docs: `The Service's \`spec.selector\` matches the pod labels of no workload in its namespace in the
workspace. If that holds in the cluster too, the Service has no endpoints: a ClusterIP Service has no
backends (connections are refused or time out) and a headless Service's name answers \`NXDOMAIN\`.
Pods may of course come from elsewhere (an operator, another repository), so this is only reported
when the workspace holds workloads in that namespace, and never for Services without a selector
(those are meant for hand-made EndpointSlices).

**Fix:** make the selector match the pod template labels of the workload it fronts.`,
  bad: 'kind: Service\nspec:\n  selector: {app: web}\n---\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: webapp}',
  good: 'kind: Service\nspec:\n  selector: {app: web}\n---\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: web}',
  kinds: ['Service'],
  check(res, ctx) {
    const sel = managedSelector(res);
    if (!sel) return;
    if (!hasWorkloads(ctx.q, res.namespace)) return;
    const b = serviceBackends(ctx.q, res.namespace, sel);
    if (b.templates.length || b.unsure) return;
    // Near misses: workloads whose pod labels share a selector key (from the label index, in
    // workload-kind order, then by file and position).
    const related: RelatedInfo[] = [];
    const near = new Set<Resource>();
    for (const k of sel.matchLabels.keys())
      for (const r of ctx.q.withPodLabelKey(WORKLOAD_KINDS, res.namespace, k)) near.add(r);
    const kinds = [...WORKLOAD_KINDS];
    const order = (r: Resource) => kinds.indexOf(r.kind);
    const sorted = [...near].sort(
      (a, b) => order(a) - order(b) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.doc.index - b.doc.index),
    );
    for (const kind of WORKLOAD_KINDS) {
      for (const r of sorted.filter((x) => x.kind === kind)) {
        const pt = podTemplateOf(r);
        if (!pt || ![...sel.matchLabels.keys()].some((k) => pt.labels.has(k)) || related.length >= 5) continue;
        const shown = [...pt.labels].map(([k, v]) => `${k}=${v}`).join(',');
        related.push({
          span: ctx.span(r, keyNode(r.yaml, pt.metadata, 'labels') ?? pt.metadata),
          message: `${r.kind} ${r.name ?? ''} pod labels: ${shown}`,
        });
      }
    }
    const effect = isHeadless(res)
      ? 'its DNS name answers NXDOMAIN and it publishes no pod records'
      : 'it has no endpoints, so connections to it fail';
    ctx.report(
      res.at('spec', 'selector'),
      `No workload in namespace \`${res.namespace}\` in the workspace has pods labelled \`${formatSelector(sel)}\`: unless such pods come from elsewhere, ${effect}. Make the selector match the pod template labels of the workload this Service fronts.`,
      { related },
    );
  },
};
