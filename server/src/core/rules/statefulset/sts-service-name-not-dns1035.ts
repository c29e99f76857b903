import { isDns1035Label, isDns1123Label } from '../../k8s/names';
import { str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const stsServiceNameNotDns1035: ResourceRule = {
  code: 'sts-service-name-not-dns1035',
  severity: 'warning',
  title: 'serviceName can never name a Service (it does not start with a letter)',
  source: 'pkg/apis/core/validation ValidateServiceName (DNS-1035 label); reference §2.2 "Editor consequence", S20',
  docs: `\`spec.serviceName\` only has to be a DNS-1123 label, so a value such as \`1db\` is accepted. But Service
names are **DNS-1035 labels**: they must start with a letter. No Service can be called \`1db\`, so the
StatefulSet's governing Service can never exist and its pods never get per-pod DNS names. (The alpha feature
gate RelaxedServiceNameValidation, off by default since v1.34, would lift this.)

**Fix:** choose a serviceName that starts with a letter (e.g. \`db-1\`), and create the headless Service with that name.`,
  bad: 'spec:\n  serviceName: 1db',
  good: 'spec:\n  serviceName: db-1',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const node = res.at('spec', 'serviceName');
    const v = str(ctx.y, node);
    if (!v || !isDns1123Label(v) || isDns1035Label(v)) return;
    ctx.report(
      node,
      `\`spec.serviceName\` ${JSON.stringify(v)} is valid here, but Service names must start with a letter (DNS-1035 label), so no Service can ever be called ${JSON.stringify(v)} and the pods get no per-pod DNS names. Use a name that starts with a letter, and give the headless Service that name.`,
    );
  },
};
