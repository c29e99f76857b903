import { isDns1123Label } from '../../k8s/names';
import { str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { dnsNameErrors, dnsNameFix, dnsNameMessage, isCoreService, replaceFix } from '../support';

export const svcNameInvalid: ResourceRule = {
  code: 'svc-name-invalid',
  severity: 'error',
  title: 'Service name is not a DNS-1035 label',
  source: 'pkg/apis/core/validation ValidateServiceName = NameIsDNS1035Label (reference N1, §2.2)',
  docs: `A Service's \`metadata.name\` must be a **DNS-1035 label**: at most 63 lower-case letters, digits
and \`-\`, starting with a letter and ending with a letter or digit. This is stricter than most other
objects (a StatefulSet may be called \`1db\`, a Service may not), because the name becomes a DNS
label and environment-variable prefix. The API server rejects the Service:
\`metadata.name: Invalid value: "1web": a DNS-1035 label must consist of …\`.

The alpha feature gate \`RelaxedServiceNameValidation\` (v1.34, off by default) relaxes this to a
DNS-1123 label; this check follows the default.

**Fix:** rename the Service (and every \`serviceName\`, Ingress backend and client that uses it).`,
  bad: 'kind: Service\nmetadata:\n  name: 1web',
  good: 'kind: Service\nmetadata:\n  name: web-1',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res)) return;
    const node = res.at('metadata', 'name');
    const name = str(ctx.y, node);
    if (!name) return;
    const errs = dnsNameErrors(name, 'dns1035');
    if (!errs.length) return;
    const note = isDns1123Label(name)
      ? 'It is a valid DNS-1123 label, but Service names must also start with a letter.'
      : '';
    const fixed = dnsNameFix(name, 'dns1035');
    ctx.report(
      node,
      dnsNameMessage('metadata.name', name, 'dns1035', errs, fixed, note),
      fixed ? { fix: [replaceFix(node, fixed, `Rename to ${fixed}`)] } : undefined,
    );
  },
};
