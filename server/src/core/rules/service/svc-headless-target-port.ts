import { isHeadless } from '../../model/governance';
import type { ResourceRule } from '../types';
import { isCoreService, portPath, servicePorts, serviceType } from '../support';

export const svcHeadlessTargetPort: ResourceRule = {
  code: 'svc-headless-target-port',
  severity: 'information',
  title: 'targetPort on a headless Service differs from port',
  source:
    'k8s.io/api core/v1 ServicePort.targetPort doc ("ignored for services with clusterIP=None"); validateServicePort comment (reference N6c)',
  docs: `A headless Service (\`clusterIP: None\`) has no virtual IP and no proxying: DNS answers with the pod
IPs and clients connect to the pods directly, on whatever port they choose, which is normally the
Service's \`port\`. The API documents \`targetPort\` as *ignored* for headless Services: it "should be
omitted or set equal to the 'port' field". A different \`targetPort\` suggests clients will use a port
the pods do not listen on.

A *named* \`targetPort\` is not reported: the endpoint controllers resolve it on each pod, and the SRV
records carry the resolved port.

**Fix:** set \`port\` to the port the pods listen on and drop \`targetPort\`.`,
  bad: 'spec:\n  clusterIP: None\n  ports:\n    - port: 80\n      targetPort: 8080',
  good: 'spec:\n  clusterIP: None\n  ports:\n    - name: web\n      port: 8080',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res) || !isHeadless(res) || serviceType(res) !== 'ClusterIP') return;
    for (const p of servicePorts(res)) {
      if (p.targetPort === undefined || p.port === undefined || p.targetPort === p.port) continue;
      // A named targetPort is resolved per pod into the EndpointSlices (and SRV records), and
      // charts use it widely on headless Services: only a different number is suspicious.
      if (typeof p.targetPort !== 'number' || !Number.isInteger(p.targetPort)) continue;
      const what = `port ${p.targetPort}`;
      ctx.report(
        p.targetPortNode,
        `${portPath(p, 'targetPort')} is ${what}, but this Service is headless (clusterIP: None): clients connect straight to the pod IPs on port ${p.port}, and targetPort is documented as ignored. Set port to the container port and remove targetPort.`,
      );
    }
  },
};
