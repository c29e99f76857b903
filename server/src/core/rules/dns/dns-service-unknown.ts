import type { ResourceRule } from '../types';
import { DNS_KINDS, reportDns } from './util';

export const dnsServiceUnknown: ResourceRule = {
  code: 'dns-service-unknown',
  severity: 'warning',
  title: 'A DNS name in a value names a Service that is not in that namespace',
  source: 'dns-pod-service.md (Services: A/AAAA records `<svc>.<ns>.svc.<zone>`); reference §3',
  docs: `A value names a Service in a namespace (\`<svc>.<ns>…\` or \`<pod>.<svc>.<ns>…\`), the workspace models that
namespace, and it has no Service of that name, while a close match exists: a similar Service name in the namespace,
the Service the named pod's StatefulSet really uses, or the same Service in another namespace. The message says which
("did you mean"). Names that match nothing in the workspace are left alone (they may be external).

**Fix:** correct the name (the quick fix applies the suggestion).`,
  bad: 'value: mysql-0.mysqll.shop.svc.cluster.local',
  good: 'value: mysql-0.mysql.shop.svc.cluster.local',
  kinds: DNS_KINDS,
  check(res, ctx) {
    reportDns('dns-service-unknown', res, ctx);
  },
};
