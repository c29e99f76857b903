import type { ResourceRule } from '../types';
import { DNS_KINDS, reportDns } from './util';

export const dnsPodServiceNotHeadless: ResourceRule = {
  code: 'dns-pod-service-not-headless',
  severity: 'warning',
  title: 'A per-pod DNS name in a value goes through a Service that is not headless',
  source: 'dns-pod-service.md (Pods: A/AAAA records, hostname and subdomain); statefulset.md (Stable Network ID)',
  docs: `A value names one pod through a Service (\`web-0.nginx…\`), but that Service has a cluster IP: only headless
Services (\`clusterIP: None\`) publish per-pod records, so the name does not resolve.

**Fix:** make the Service headless. \`clusterIP\` is immutable: delete and re-create the Service. Or address the
Service itself when any replica will do.`,
  bad: 'value: web-0.nginx   # Service nginx has a cluster IP',
  good: 'kind: Service\nspec:\n  clusterIP: None',
  kinds: DNS_KINDS,
  check(res, ctx) {
    reportDns('dns-pod-service-not-headless', res, ctx);
  },
};
