import type { ResourceRule } from '../types';
import { checkDnsName } from '../support';

export const stsServiceNameInvalid: ResourceRule = {
  code: 'sts-service-name-invalid',
  severity: 'error',
  title: 'StatefulSet serviceName is not a DNS-1123 label',
  source: 'pkg/apis/apps/validation ValidateStatefulSetSpec (v1.33+, PR #130233); reference S20, S20b, §2.2',
  docs: `\`spec.serviceName\` becomes each pod's \`subdomain\` (\`<pod>.<serviceName>.<namespace>.svc…\`), so it must be
a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.
Since v1.33 the API server rejects other values on create
(\`spec.serviceName: Invalid value: "My_Svc": a lowercase RFC 1123 label must consist of …\`). Older servers
accept the StatefulSet, but the controller then cannot create any pod
(\`Pod "db-0" is invalid: spec.subdomain: Invalid value: …\`).

**Fix:** use the name of the headless Service that governs the pods (Service names are lower-case).`,
  bad: 'spec:\n  serviceName: My_Svc',
  good: 'spec:\n  serviceName: my-svc',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    checkDnsName(ctx, res, res.at('spec', 'serviceName'), 'spec.serviceName', 'label');
  },
};
