import { asScalar, child, items } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const svcNodePortRange: ResourceRule = {
  code: 'svc-node-port-range',
  severity: 'information',
  title: 'Service nodePort outside the default range 30000–32767',
  source: 'kube-apiserver --service-node-port-range (default 30000-32767); pkg/registry/core/service/portallocator',
  docs: `A \`nodePort\` must lie in the cluster's node port range, \`30000-32767\` unless the API server runs
with another \`--service-node-port-range\`. Outside it the request fails:
\`spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\`.
This is information only, since the range is configurable.

**Fix:** pick a port in range, or leave \`nodePort\` out and let the cluster allocate one.`,
  bad: 'ports:\n  - port: 80\n    nodePort: 8080',
  good: 'ports:\n  - port: 80\n    nodePort: 30080',
  kinds: ['Service'],
  check(res, ctx) {
    const y = ctx.y;
    items(y, res.at('spec', 'ports')).forEach((p, i) => {
      const s = asScalar(y, child(y, p, 'nodePort'));
      if (!s || typeof s.value !== 'number' || !Number.isInteger(s.value) || s.value === 0) return;
      if (s.value < 1 || s.value > 65535) return; // svc-port-invalid reports it
      if (s.value >= 30000 && s.value <= 32767) return;
      ctx.report(
        s,
        `spec.ports[${i}].nodePort ${s.value} is outside the default node port range 30000-32767; unless the cluster's --service-node-port-range includes it, the API server rejects the Service.`,
      );
    });
  },
};
