import type { ResourceRule } from '../types';
import { DNS_KINDS, reportDns } from './util';

export const dnsPodOrdinalOutOfRange: ResourceRule = {
  code: 'dns-pod-ordinal-out-of-range',
  severity: 'warning',
  title: 'A pod DNS name in a value names an ordinal the StatefulSet does not have',
  source: 'statefulset.md (Ordinal Index, `.spec.ordinals.start`); reference §3',
  docs: `A value (env value, args, command, probe host, ConfigMap or Secret text) names a StatefulSet pod, such as
\`mysql-3.mysql\`, whose ordinal is outside the StatefulSet's range: with \`replicas: 3\` the pods are \`mysql-0\` …
\`mysql-2\` (or \`start\` … \`start+replicas-1\` with \`spec.ordinals.start\`). No such pod exists, so the name
does not resolve and the client fails or waits.

**Fix:** use an ordinal in range (the quick fix picks the nearest), or raise \`replicas\`.`,
  bad: 'env:\n  - name: REPLICA_OF\n    value: mysql-3.mysql   # replicas: 3',
  good: 'env:\n  - name: REPLICA_OF\n    value: mysql-0.mysql',
  kinds: DNS_KINDS,
  check(res, ctx) {
    reportDns('dns-pod-ordinal-out-of-range', res, ctx);
  },
};
