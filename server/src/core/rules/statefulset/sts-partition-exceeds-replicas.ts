import { statefulSetIdentity } from '../../model/identity';
import { num, str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const stsPartitionExceedsReplicas: ResourceRule = {
  code: 'sts-partition-exceeds-replicas',
  severity: 'information',
  title: 'rollingUpdate.partition is greater than replicas: template changes are not rolled out',
  source:
    'statefulset.md (Partitioned rolling updates); pkg/controller/statefulset newVersionedStatefulSetPod; reference S11b',
  docs: `With \`updateStrategy.rollingUpdate.partition\`, only pods whose ordinal is at least
\`ordinals.start + partition\` are updated to a new template; the others keep the old revision. When the
partition is greater than \`spec.replicas\` (default 1), no pod qualifies: "updates to its .spec.template
will not be propagated to its Pods". That is a way to stage a rollout, but left in place it silently freezes the
StatefulSet on its old template.

**Fix:** lower \`partition\` (to 0 to update every pod) once you are ready to roll out.`,
  bad: 'replicas: 3\nupdateStrategy:\n  rollingUpdate:\n    partition: 5',
  good: 'replicas: 3\nupdateStrategy:\n  rollingUpdate:\n    partition: 2',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const type = str(ctx.y, res.at('spec', 'updateStrategy', 'type')) || 'RollingUpdate';
    if (type !== 'RollingUpdate') return;
    const node = res.at('spec', 'updateStrategy', 'rollingUpdate', 'partition');
    const partition = num(ctx.y, node);
    const id = statefulSetIdentity(res);
    const replicas = id?.replicas;
    if (
      !id ||
      partition === undefined ||
      !Number.isInteger(partition) ||
      replicas === undefined ||
      partition <= replicas
    )
      return;
    const last = `${id.name}-${id.start + replicas - 1}`;
    ctx.report(
      node,
      `\`partition\` is ${partition} but \`replicas\` is ${replicas}: no pod has an ordinal at or above the partition, so changes to \`spec.template\` are never rolled out${replicas > 0 ? ` (not even to ${last})` : ''}. Lower the partition (0 updates every pod) when you want the new template applied.`,
    );
  },
};
