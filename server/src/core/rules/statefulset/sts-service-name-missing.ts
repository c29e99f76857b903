import { isMap } from '../../yaml/predicates';
import { isNullish, keyNode, str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { specKey } from '../support';

export const stsServiceNameMissing: ResourceRule = {
  code: 'sts-service-name-missing',
  severity: 'information',
  title: 'StatefulSet has no serviceName: its pods get no per-pod DNS names',
  source:
    'k8s.io/api apps/v1 types.go (serviceName +optional since v0.33, PR #130233); statefulset.md; reference S20b, S21',
  docs: `\`spec.serviceName\` names the headless Service that governs the StatefulSet: the controller sets each
pod's \`subdomain\` to it, which gives the pods stable DNS names such as \`web-0.nginx.default.svc.cluster.local\`.
Without it the pods run, but have no per-pod DNS names, which is the usual reason to use a StatefulSet.
The field is optional since Kubernetes v1.33; against older clusters kubectl reports
\`missing required field "serviceName"\`.

**Fix:** set \`serviceName\` to a headless Service (\`clusterIP: None\`) in the same namespace that selects the pods,
or ignore this if the pods do not need stable network names.`,
  bad: 'spec:\n  selector: {matchLabels: {app: web}}',
  good: 'spec:\n  serviceName: nginx\n  selector: {matchLabels: {app: web}}',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const spec = res.at('spec');
    if (!isMap(spec)) return;
    const node = res.at('spec', 'serviceName');
    if (node !== undefined && !isNullish(ctx.y, node) && str(ctx.y, node) !== '') return;
    const target =
      node === undefined ? specKey(ctx, res) : isNullish(ctx.y, node) ? keyNode(ctx.y, spec, 'serviceName') : node;
    ctx.report(
      target,
      `\`spec.serviceName\` is not set, so ${res.name ? `the pods (${res.name}-0, …)` : 'the pods'} get no subdomain and no per-pod DNS names; clusters before v1.33 also require the field. Set \`serviceName\` to a headless Service (clusterIP: None) that selects the pods, if they need stable network identities.`,
    );
  },
};
