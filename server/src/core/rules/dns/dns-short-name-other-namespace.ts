import type { ResourceRule } from '../types';
import { DNS_KINDS, reportDns } from './util';

export const dnsShortNameOtherNamespace: ResourceRule = {
  code: 'dns-short-name-other-namespace',
  severity: 'warning',
  title: 'A short DNS name in a value is looked up in the wrong namespace',
  source: "dns-pod-service.md (Namespaces of Services: queries without a namespace are limited to the pod's namespace)",
  docs: `A short name (\`<svc>\`-based, without a namespace, such as \`web-0.nginx\`) is resolved with the search path of
the pod's own namespace. The resource holding it is in namespace \`a\`, and the Service exists only in namespace \`b\`
(both set explicitly), so the name does not resolve.

**Fix:** add the namespace (\`web-0.nginx.b\`, or the full \`….svc.<cluster domain>\`).`,
  bad: 'metadata:\n  namespace: app\n…\nvalue: web-0.nginx   # Service nginx is in namespace shop',
  good: 'value: web-0.nginx.shop',
  kinds: DNS_KINDS,
  check(res, ctx) {
    reportDns('dns-short-name-other-namespace', res, ctx);
  },
};
