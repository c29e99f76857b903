import { isHeadless } from '../../model/governance';
import type { ResourceRule } from '../types';
import { isCoreService, serviceType } from '../support';

export const svcClusterIpNoneInvalid: ResourceRule = {
  code: 'svc-cluster-ip-none-invalid',
  severity: 'error',
  title: 'clusterIP: None on a NodePort or LoadBalancer Service',
  source: 'pkg/apis/core/validation ValidateService (reference N10)',
  docs: `\`clusterIP: None\` makes a Service headless: no virtual IP, DNS answers with the pod IPs.
NodePort and LoadBalancer Services forward node or load-balancer traffic *to* the cluster IP, so they
cannot be headless. The API server rejects the Service:
\`spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services\`
(or \`LoadBalancer services\`).

**Fix:** keep two Services: a headless one (for a StatefulSet's pod DNS names) and a separate
NodePort/LoadBalancer one for outside access; or remove \`clusterIP: None\`.`,
  bad: 'spec:\n  type: NodePort\n  clusterIP: None',
  good: 'spec:\n  type: NodePort\n  ports:\n    - port: 80',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res) || !isHeadless(res)) return;
    const type = serviceType(res);
    if (type !== 'NodePort' && type !== 'LoadBalancer') return;
    ctx.report(
      res.at('spec', 'clusterIP'),
      `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for ${type} services. A ${type} Service needs a cluster IP: remove \`clusterIP: None\`, and use a separate headless Service where per-pod DNS names are needed.`,
      { related: [{ span: ctx.span(res, res.at('spec', 'type')), message: `type ${type}` }] },
    );
  },
};
