import type { ResourceRule } from '../types';
import { DNS_KINDS, reportDns } from './util';

export const dnsClusterDomainMismatch: ResourceRule = {
  code: 'dns-cluster-domain-mismatch',
  severity: 'warning',
  title: 'A DNS name in a value uses a cluster domain other than the configured one',
  source: 'dns-pod-service.md; kubelet `--cluster-domain`; setting kubeStateful.clusterDomain',
  docs: `A value names a workspace Service or pod with a cluster domain (\`….svc.<zone>\`) other than the configured
one (\`kubeStateful.clusterDomain\`, \`cluster.local\` unless set): the name does not resolve in that cluster.

**Fix:** use the configured domain, or end the name at \`.svc\` (the pod's search path adds the domain). If the
cluster really uses another domain, set \`kubeStateful.clusterDomain\`.`,
  bad: 'value: mysql.shop.svc.cluster.loca',
  good: 'value: mysql.shop.svc.cluster.local',
  kinds: DNS_KINDS,
  check(res, ctx) {
    reportDns('dns-cluster-domain-mismatch', res, ctx);
  },
};
