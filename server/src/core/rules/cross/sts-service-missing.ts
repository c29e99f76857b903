import { governingService } from '../../model/governance';
import { statefulSetIdentity } from '../../model/identity';
import type { ResourceRule } from '../types';
import { headlessServiceFix } from '../../ide/fixes';

export const stsServiceMissing: ResourceRule = {
  code: 'sts-service-missing',
  severity: 'warning',
  title: 'serviceName names no Service in the namespace',
  source: 'statefulset.md ("You are responsible for creating this Service"); reference S21, §3',
  docs: `A StatefulSet's \`spec.serviceName\` names the headless Service that gives each pod a stable DNS name
(\`<pod>.<service>.<namespace>.svc.<cluster domain>\`). No Service of that name exists in the same
namespace anywhere in the workspace, so those names will not resolve. The API server does not check
this: the pods start, and peers fail to find each other.

When a Service of that name exists in another namespace, the message says where: it must be in the
StatefulSet's namespace.

**Fix:** add a headless Service (\`clusterIP: None\`) with that name in the StatefulSet's namespace whose
selector matches the pod template labels, or correct \`serviceName\`.`,
  bad: 'kind: StatefulSet\nspec:\n  serviceName: nginx   # no Service "nginx"',
  good: 'kind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector: {app: web}',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const id = statefulSetIdentity(res);
    if (!id?.serviceName) return;
    const g = governingService(ctx.q, id);
    if (g.problem !== 'missing' && g.problem !== 'other-namespace') return;
    const elsewhere = g.elsewhere.map((s) => `\`${s.namespace}\``).join(', ');
    const hint = elsewhere
      ? ` A Service \`${id.serviceName}\` exists in namespace ${elsewhere}; it must be in \`${id.namespace}\`.`
      : '';
    ctx.report(
      res.at('spec', 'serviceName'),
      `No Service \`${id.serviceName}\` in namespace \`${id.namespace}\`: the pods' DNS names (${id.name}-${id.start}.${id.serviceName}…) will not resolve.${hint} Add a headless Service (clusterIP: None) named \`${id.serviceName}\` in \`${id.namespace}\`.`,
      {
        related: g.elsewhere.map((s) => ({
          span: ctx.span(s, s.at('metadata', 'name')),
          message: `Service ${s.name} in namespace ${s.namespace}`,
        })),
        fix: [headlessServiceFix(id)].filter((f) => !!f),
      },
    );
  },
};
