import { dns1123Label } from '../../k8s/names';
import { asScalar, isNullish, scalarText, str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import {
  dnsNameErrors,
  dnsNameFix,
  dnsNameMessage,
  isCoreService,
  notStringMessage,
  portPath,
  quoteFix,
  replaceFix,
  ServicePortInfo,
  servicePorts,
} from '../support';

/** A port name to suggest for an unnamed port. */
function suggestName(p: ServicePortInfo, taken: Set<string>): string | undefined {
  const base =
    typeof p.targetPort === 'string' && !dns1123Label(p.targetPort).length
      ? p.targetPort
      : p.port !== undefined
        ? `${(p.protocol ?? 'tcp').toLowerCase()}-${p.port}`
        : undefined;
  return base && !taken.has(base) ? base : undefined;
}

export const svcPortNameInvalid: ResourceRule = {
  code: 'svc-port-name-invalid',
  severity: 'error',
  title: 'Service port name is missing, malformed or duplicated',
  source: 'pkg/apis/core/validation validateServicePort (reference N4, N17)',
  docs: `When a Service has **more than one port, every port needs a \`name\`**. Port names are DNS-1123
labels (lower-case letters, digits and \`-\`, at most 63) and must be unique within the Service. The API
server rejects violations with \`spec.ports[1].name: Required value\`,
\`spec.ports[0].name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of …\` or
\`spec.ports[1].name: Duplicate value: "http"\`.

Port names also matter at run time: they name the SRV records (\`_http._tcp.<svc>.<ns>.svc…\`) and
are what Ingresses and other Services' named ports refer to.

**Fix:** give each port a unique lower-case name such as \`http\`, \`grpc\` or \`metrics\`.`,
  bad: 'ports:\n  - port: 80\n  - name: HTTP\n    port: 443',
  good: 'ports:\n  - name: http\n    port: 80\n  - name: https\n    port: 443',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res)) return;
    const y = ctx.y;
    const ports = servicePorts(res);
    const requireName = ports.length > 1;
    const taken = new Set(ports.map((p) => p.name).filter((n): n is string => !!n));
    const first = new Map<string, ServicePortInfo>();
    for (const p of ports) {
      const node = p.nameNode;
      const empty = node === undefined || isNullish(y, node) || str(y, node) === '';
      if (empty) {
        if (!requireName || (node === undefined && p.merged)) continue;
        const suggestion = suggestName(p, taken);
        if (suggestion) taken.add(suggestion);
        ctx.report(
          node ?? p.node,
          `${portPath(p, 'name')}: Required value. A Service with more than one port must name every port: add \`name: ${suggestion ?? '<name>'}\` (a DNS-1123 label such as "http").`,
          node && suggestion ? { fix: [replaceFix(node, suggestion, `Name the port ${suggestion}`)] } : undefined,
        );
        continue;
      }
      const name = str(y, node);
      if (name === undefined) {
        const text = scalarText(y, node);
        if (text) {
          ctx.report(
            node,
            `${notStringMessage(`\`${portPath(p, 'name')}\``, text, typeof asScalar(y, node)?.value === 'boolean' ? 'boolean' : 'number')} Better, use a name with letters (e.g. "http").`,
            { fix: [quoteFix(text)] },
          );
        }
        continue;
      }
      const errs = dnsNameErrors(name, 'label');
      if (errs.length) {
        const fixed = dnsNameFix(name, 'label');
        const ok = fixed && !taken.has(fixed) ? fixed : undefined;
        ctx.report(
          node,
          dnsNameMessage(portPath(p, 'name'), name, 'label', errs, ok ?? 'http'),
          ok ? { fix: [replaceFix(node, ok, `Rename to ${ok}`)] } : undefined,
        );
      }
      const prev = first.get(name);
      if (prev) {
        ctx.report(
          node,
          `${portPath(p, 'name')}: Duplicate value: ${JSON.stringify(name)}. Port names must be unique within a Service: rename this port.`,
          {
            related: [
              {
                span: ctx.span(res, prev.nameNode),
                message: `${portPath(prev, 'name')} is also ${JSON.stringify(name)}`,
              },
            ],
          },
        );
      } else first.set(name, p);
    }
  },
};
