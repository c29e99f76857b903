import { isHeadless } from '../../model/governance';
import { asSeq, isNullish, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { isCoreService, serviceType } from '../support';

export const svcPortsRequired: ResourceRule = {
  code: 'svc-ports-required',
  severity: 'error',
  title: 'Service has no ports',
  source: 'pkg/apis/core/validation ValidateService (reference N2)',
  docs: `\`spec.ports\` is required unless the Service is headless (\`clusterIP: None\`) or of
\`type: ExternalName\`. The API server rejects a Service without ports: \`spec.ports: Required value\`.

**Fix:** list the ports the Service exposes (\`- port: 80\`, with \`targetPort\` when the pods listen
elsewhere), or make the Service headless if it only exists for DNS.`,
  bad: 'spec:\n  selector: {app: web}',
  good: 'spec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: 8080',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res)) return;
    const type = serviceType(res);
    if (type === undefined || type === 'ExternalName' || isHeadless(res)) return;
    const portsNode = res.at('spec', 'ports');
    const seq = asSeq(ctx.y, portsNode);
    // `ports: {…}` (not a list) is a type error for another rule to name; stay silent.
    if (portsNode !== undefined && !seq && !isNullish(ctx.y, portsNode)) return;
    if (seq && seq.items.length > 0) return;
    const target = seq ?? keyNode(ctx.y, res.at('spec'), 'ports') ?? keyNode(ctx.y, res.root, 'spec');
    ctx.report(
      target,
      'spec.ports: Required value. A Service needs at least one port unless it is headless (clusterIP: None) or of type ExternalName: add e.g. `ports: [{port: 80, targetPort: 8080}]`.',
    );
  },
};
