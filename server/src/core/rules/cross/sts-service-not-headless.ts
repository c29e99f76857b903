import { governingService } from '../../model/governance';
import { podFqdn, podName, statefulSetIdentity } from '../../model/identity';
import { str } from '../../yaml/nodes';
import { serviceType } from '../support';
import type { ResourceRule } from '../types';
import { makeHeadlessFix } from '../../ide/fixes';

export const stsServiceNotHeadless: ResourceRule = {
  code: 'sts-service-not-headless',
  severity: 'warning',
  title: 'serviceName names a Service that is not headless',
  source:
    'statefulset.md (a headless Service governs the pods); kubernetes/dns specification.md; reference S21, §3, Example E',
  docs: `Per-pod DNS names (\`<pod>.<service>.<namespace>.svc.<cluster domain>\`) are only served for a
**headless** Service (\`clusterIP: None\`). The StatefulSet's \`spec.serviceName\` names a Service that
exists but has a cluster IP (or is an ExternalName alias), so \`web-0.nginx…\` does not resolve and
peers cannot address each other. The API server accepts all of this.

**Fix:** set \`clusterIP: None\` on the Service. \`clusterIP\` cannot be changed on a live Service, so
delete and re-create it; if clients need a stable virtual IP too, keep that as a second Service and
point \`serviceName\` at the headless one.`,
  bad: 'kind: Service\nmetadata: {name: nginx}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]',
  good: 'kind: Service\nmetadata: {name: nginx}\nspec:\n  clusterIP: None\n  selector: {app: web}\n  ports: [{port: 80}]',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const id = statefulSetIdentity(res);
    if (!id?.serviceName) return;
    const g = governingService(ctx.q, id);
    const svc = g.service;
    if (g.problem !== 'not-headless' || !svc) return;
    const ipNode = svc.at('spec', 'clusterIP');
    const ip = str(svc.yaml, ipNode);
    const type = serviceType(svc);
    const why =
      type === 'ExternalName'
        ? 'it is of type ExternalName (a CNAME without endpoints)'
        : ip
          ? `it has \`clusterIP: ${ip}\``
          : 'it gets a cluster IP (`clusterIP: None` is not set)';
    ctx.report(
      res.at('spec', 'serviceName'),
      `Service \`${id.serviceName}\` is not headless: ${why}. It publishes no per-pod records, so ${podFqdn(podName(id.name, id.start), id.serviceName, id.namespace, ctx.settings.clusterDomain)} will not resolve. Set \`clusterIP: None\` on Service \`${id.serviceName}\` (re-create it: clusterIP is immutable), or point serviceName at a headless Service.`,
      {
        related: [
          {
            span: ctx.span(svc, ipNode ?? svc.at('metadata', 'name')),
            message: ip
              ? `Service ${id.serviceName}: clusterIP ${ip}`
              : `Service ${id.serviceName} (no clusterIP: None)`,
          },
        ],
        fix: type === 'ExternalName' ? undefined : [makeHeadlessFix(svc)].filter((f) => !!f),
      },
    );
  },
};
