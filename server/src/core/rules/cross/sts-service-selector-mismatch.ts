import { formatSelector } from '../../k8s/selector';
import { governingService, serviceSelector } from '../../model/governance';
import { podFqdn, podName, statefulSetIdentity } from '../../model/identity';
import { keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { selectsStatefulSetPods } from './backends';

export const stsServiceSelectorMismatch: ResourceRule = {
  code: 'sts-service-selector-mismatch',
  severity: 'warning',
  title: "Governing headless Service does not select the StatefulSet's pods",
  source:
    'ShouldSetHostname (pkg/controller/util/endpoint); kubernetes/dns specification.md; reference S21, N13, Example E',
  docs: `A pod's DNS name \`<pod>.<service>.<namespace>.svc.<cluster domain>\` is published from the
headless Service's endpoints, so the Service named by \`spec.serviceName\` must **select** the pods:
its \`spec.selector\` must match the StatefulSet's pod template labels. Here it selects other labels,
or has no selector at all (then Kubernetes manages no endpoints for it), so the pods get no DNS
records even though the Service is headless. Nothing rejects this.

**Fix:** set the Service's \`selector\` to (a subset of) the pod template labels, e.g. the
StatefulSet's \`selector.matchLabels\`.`,
  bad: 'kind: Service\nspec:\n  clusterIP: None\n  selector: {app: nginx}   # pods are labelled app: web',
  good: 'kind: Service\nspec:\n  clusterIP: None\n  selector: {app: web}',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const id = statefulSetIdentity(res);
    if (!id?.serviceName || !id.template) return;
    const g = governingService(ctx.q, id);
    const svc = g.service;
    if (!svc || (g.problem !== 'selector-mismatch' && g.problem !== 'no-selector')) return;
    const labels = [...id.template.labels].map(([k, v]) => `${k}=${v}`).join(',') || 'none';
    const want = [...id.template.labels].map(([k, v]) => `${k}: ${v}`).join(', ');
    const selNode = svc.at('spec', 'selector');
    const fqdn = podFqdn(podName(id.name, id.start), id.serviceName, id.namespace, ctx.settings.clusterDomain);
    let message: string;
    if (g.problem === 'no-selector') {
      message = `Headless Service \`${id.serviceName}\` has no selector, so Kubernetes manages no endpoints for it and the pods get no DNS records (${fqdn} will not resolve) unless you maintain EndpointSlices yourself. Add \`selector: {${want}}\` to the Service.`;
    } else {
      const sel = serviceSelector(svc);
      if (!sel || selectsStatefulSetPods(id, sel) !== false) return;
      message = `Headless Service \`${id.serviceName}\` selects \`${formatSelector(sel)}\`, which does not match this StatefulSet's pod labels (${labels}): its endpoints leave these pods out, so ${fqdn} will not resolve. Make the Service selector match the pod template labels.`;
    }
    ctx.report(res.at('spec', 'serviceName'), message, {
      related: [
        {
          span: ctx.span(svc, selNode ?? keyNode(svc.yaml, svc.at('spec'), 'clusterIP') ?? svc.at('metadata', 'name')),
          message: selNode ? `Service ${id.serviceName}: selector` : `Service ${id.serviceName} (no selector)`,
        },
        {
          span: ctx.span(res, keyNode(ctx.y, id.template.metadata, 'labels') ?? id.template.metadata),
          message: 'the pod template labels',
        },
      ],
    });
  },
};
