import type { ResourceRule } from '../types';
import { checkDnsName } from '../support';

export const stsNameInvalid: ResourceRule = {
  code: 'sts-name-invalid',
  severity: 'error',
  title: 'StatefulSet name is not a DNS-1123 label',
  source: 'pkg/apis/apps/validation ValidateStatefulSetName → NameIsDNSLabel (v1.27+, PR #114172); reference S1, §2.1',
  docs: `A StatefulSet's \`metadata.name\` must be a **DNS-1123 label**: at most 63 lower-case letters, digits
and '-', starting and ending with a letter or digit, and **no dots**. Its pods are named
\`<name>-<ordinal>\` and use that as their hostname, so the name has to be a valid host label.
Since Kubernetes v1.27 the API server rejects other names, e.g.
\`metadata.name: Invalid value: "web.v2": must not contain dots\` (before v1.27 a DNS subdomain was accepted,
but its pods could not be created). \`generateName\` is checked the same way, a trailing '-' allowed.

**Fix:** rename the StatefulSet (the quick fix offers a lower-cased, dash-separated name).`,
  bad: 'metadata:\n  name: Web.v2',
  good: 'metadata:\n  name: web-v2',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    checkDnsName(ctx, res, res.at('metadata', 'name'), 'metadata.name', 'label');
    checkDnsName(ctx, res, res.at('metadata', 'generateName'), 'metadata.generateName', 'label', { prefix: true });
  },
};
