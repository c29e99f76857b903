import type { ResourceRule } from '../types';
import { isCoreService, portPath, ServicePortInfo, servicePorts } from '../support';

export const svcPortDuplicate: ResourceRule = {
  code: 'svc-port-duplicate',
  severity: 'error',
  title: 'Two Service ports share a protocol and port (or nodePort)',
  source:
    'pkg/apis/core/validation ValidateService, duplicate (protocol, port) and (protocol, nodePort) checks (reference N7)',
  docs: `Within one Service, no two entries of \`spec.ports\` may have the same \`port\` with the same
\`protocol\` (TCP when left out), and no two may share a \`nodePort\` with the same protocol. The API
server rejects the Service: \`spec.ports[1]: Duplicate value: …\` or
\`spec.ports[1].nodePort: Duplicate value: 30080\`. The same number with different protocols
(e.g. DNS on 53/TCP and 53/UDP) is allowed.

**Fix:** remove the repeated entry, or give it another port number or protocol.`,
  bad: 'ports:\n  - name: http\n    port: 80\n  - name: web\n    port: 80',
  good: 'ports:\n  - name: dns-tcp\n    port: 53\n    protocol: TCP\n  - name: dns-udp\n    port: 53\n    protocol: UDP',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res)) return;
    const byPort = new Map<string, ServicePortInfo>();
    const byNodePort = new Map<string, ServicePortInfo>();
    /** The earlier entry with the same key, remembering this one when it is the first. */
    const earlier = (seen: Map<string, ServicePortInfo>, key: string, p: ServicePortInfo) => {
      const prev = seen.get(key);
      if (!prev) seen.set(key, p);
      return prev;
    };
    for (const p of servicePorts(res)) {
      if (p.protocol === undefined) continue;
      const prev = p.port !== undefined ? earlier(byPort, `${p.protocol}/${p.port}`, p) : undefined;
      if (prev) {
        ctx.report(
          p.portNode,
          `${portPath(p)}: Duplicate value: port ${p.port}/${p.protocol} is already listed as ${portPath(prev)}. Remove this entry or use another port or protocol.`,
          {
            related: [
              {
                span: ctx.span(res, prev.portNode),
                message: `${portPath(prev, 'port')} is also ${p.port}/${p.protocol}`,
              },
            ],
          },
        );
      }
      const prevNode = p.nodePort !== undefined ? earlier(byNodePort, `${p.protocol}/${p.nodePort}`, p) : undefined;
      if (prevNode) {
        ctx.report(
          p.nodePortNode,
          `${portPath(p, 'nodePort')}: Duplicate value: ${p.nodePort} (${p.protocol}) is already used by ${portPath(prevNode)}. Use another nodePort, or leave it out to have one allocated.`,
          {
            related: [
              {
                span: ctx.span(res, prevNode.nodePortNode),
                message: `${portPath(prevNode, 'nodePort')} is also ${p.nodePort}/${p.protocol}`,
              },
            ],
          },
        );
      }
    }
  },
};
