import type { ResourceRule } from '../types';
import { isCoreService, portPath, servicePorts, serviceType } from '../support';

export const svcNodePortForbidden: ResourceRule = {
  code: 'svc-node-port-forbidden',
  severity: 'error',
  title: 'nodePort on a ClusterIP Service',
  source: 'pkg/apis/core/validation ValidateService (reference N9)',
  docs: `A \`nodePort\` opens the port on every node; it only exists for Services of \`type: NodePort\` or
\`LoadBalancer\`. On a \`ClusterIP\` Service (the default type, and every headless Service) the API server
rejects it: \`spec.ports[0].nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'\`.

**Fix:** remove \`nodePort\`, or set \`type: NodePort\` if the port must be reachable on the nodes.`,
  bad: 'spec:\n  ports:\n    - port: 80\n      nodePort: 30080',
  good: 'spec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res) || serviceType(res) !== 'ClusterIP') return;
    const explicit = res.at('spec', 'type') !== undefined;
    for (const p of servicePorts(res)) {
      if (p.nodePort === undefined) continue;
      ctx.report(
        p.nodePortNode,
        `${portPath(p, 'nodePort')}: Forbidden: may not be used when \`type\` is 'ClusterIP'${explicit ? '' : ' (the default type)'}. Remove nodePort ${p.nodePort}, or set \`type: NodePort\` to expose the port on the nodes.`,
      );
    }
  },
};
