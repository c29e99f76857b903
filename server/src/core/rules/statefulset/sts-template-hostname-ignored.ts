import { str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const stsTemplateHostnameIgnored: ResourceRule = {
  code: 'sts-template-hostname-ignored',
  severity: 'information',
  title: 'hostname/subdomain in a StatefulSet pod template are overwritten',
  source: 'pkg/controller/statefulset stateful_set_utils.go initIdentity; reference S29',
  docs: `When the StatefulSet controller creates a pod it sets \`spec.hostname\` to the pod name (\`<statefulset>-<ordinal>\`)
and \`spec.subdomain\` to \`spec.serviceName\`, replacing whatever the template says. A \`hostname\` in the
template is therefore never used, and neither is a \`subdomain\` that differs from \`serviceName\`.

**Fix:** remove \`hostname\` / \`subdomain\` from the template; to change the pods' DNS names change the StatefulSet
name or \`spec.serviceName\`.`,
  bad: 'serviceName: nginx\ntemplate:\n  spec:\n    hostname: web\n    subdomain: frontend',
  good: 'serviceName: nginx\ntemplate:\n  spec:\n    containers: [...]',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const hostNode = res.at('spec', 'template', 'spec', 'hostname');
    const hostname = str(ctx.y, hostNode);
    const pod = `${res.name ?? '<statefulset>'}-<ordinal>`;
    if (hostname)
      ctx.report(
        hostNode,
        `\`hostname: ${hostname}\` is ignored: the controller sets each pod's hostname to its name (${pod}). Remove it from the template.`,
      );
    const subNode = res.at('spec', 'template', 'spec', 'subdomain');
    const subdomain = str(ctx.y, subNode);
    const serviceName = str(ctx.y, res.at('spec', 'serviceName')) ?? '';
    if (subdomain && subdomain !== serviceName)
      ctx.report(
        subNode,
        `\`subdomain: ${subdomain}\` is ignored: the controller sets each pod's subdomain to \`spec.serviceName\` (${serviceName ? `\`${serviceName}\`` : 'not set, so no subdomain'}). Remove it, and set \`spec.serviceName\` instead.`,
      );
  },
};
