import type { ResourceRule } from '../types';
import { isCoreService, PORT_PROTOCOLS, portPath, servicePorts, reportUnsupported } from '../support';

export const svcProtocolInvalid: ResourceRule = {
  code: 'svc-protocol-invalid',
  severity: 'error',
  title: 'Service port protocol is not TCP, UDP or SCTP',
  source: 'pkg/apis/core/validation validateServicePort, supportedPortProtocols (reference N5)',
  docs: `\`spec.ports[].protocol\` is the transport protocol: \`TCP\` (the default), \`UDP\` or \`SCTP\`, spelled
exactly so. Application protocols such as \`HTTP\` or \`gRPC\` belong in \`appProtocol\` or the port
\`name\`. The API server rejects other values:
\`spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"\`.

**Fix:** use \`TCP\` (or leave \`protocol\` out), \`UDP\` or \`SCTP\`; put \`http\` in \`appProtocol\` if needed.`,
  bad: 'ports:\n  - port: 80\n    protocol: HTTP',
  good: 'ports:\n  - port: 80\n    protocol: TCP\n    appProtocol: http',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res)) return;
    for (const p of servicePorts(res)) {
      if (p.protocol === undefined || (PORT_PROTOCOLS as readonly string[]).includes(p.protocol)) continue;
      const protocol = p.protocol;
      const app = /^(https?|h2c?|grpc|http2|websocket|ws|wss)$/i.test(protocol);
      reportUnsupported(ctx, p.protocolNode, portPath(p, 'protocol'), protocol, PORT_PROTOCOLS, {
        note: (s) =>
          app
            ? `${protocol} is an application protocol: use protocol TCP and \`appProtocol: ${protocol.toLowerCase()}\`.`
            : s
              ? undefined
              : 'Use TCP, UDP or SCTP.',
        fallback: app ? 'TCP' : undefined,
      });
    }
  },
};
