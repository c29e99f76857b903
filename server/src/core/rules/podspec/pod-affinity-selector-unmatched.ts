import { WORKLOAD_KINDS, podTemplateOf } from '../../k8s/podspec';
import { formatSelector, LabelSelector, matches, readLabelSelector } from '../../k8s/selector';
import { selectedWorkloads } from '../../model/governance';
import { child, items, YNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

/** Selector values and keys, to tell "meant for its own pods" from "targets other pods". */
function mentions(sel: LabelSelector): { keys: Set<string>; values: Set<string> } {
  const keys = new Set<string>(sel.matchLabels.keys());
  const values = new Set<string>(sel.matchLabels.values());
  for (const r of sel.expressions) {
    keys.add(r.key);
    if (r.operator === 'In') for (const v of r.values) values.add(v);
  }
  return { keys, values };
}

export const podAffinitySelectorUnmatched: ResourceRule = {
  code: 'pod-affinity-selector-unmatched',
  severity: 'warning',
  title: 'A pod (anti-)affinity or topology spread labelSelector matches none of its own pods',
  source:
    'assign-pod-node.md (inter-pod affinity and anti-affinity); topology-spread-constraints.md; the ZooKeeper tutorial',
  docs: `\`podAntiAffinity\`, \`podAffinity\` and \`topologySpreadConstraints\` find pods by \`labelSelector\`. To keep
replicas apart (or spread them), the selector must match the workload's own pod labels. This one matches none of
them, and no other workload's pods in the namespace either, while it uses the same label values or keys as the pods
do: it was meant for them, but a key or value differs. The constraint then never applies: all replicas may be
scheduled onto one node or zone, and one failure takes the whole quorum down.

The Kubernetes website's ZooKeeper example has this bug: its anti-affinity selects \`app In [zk]\` while its pods are
labelled \`app.kubernetes.io/name: zk\`.

A selector that matches other workloads' pods (co-locate with a cache, avoid a noisy neighbour), names other
namespaces (\`namespaces\`, \`namespaceSelector\`) or shares nothing with the pod labels is not reported.

**Fix:** select the pod template's labels (\`metadata.labels\` of the template).`,
  bad: 'labels: {app.kubernetes.io/name: zk}\n…\nlabelSelector:\n  matchExpressions:\n    - {key: app, operator: In, values: [zk]}',
  good: 'labelSelector:\n  matchLabels: {app.kubernetes.io/name: zk}',
  kinds: [...WORKLOAD_KINDS],
  check(res, ctx) {
    const pt = podTemplateOf(res);
    if (!pt || pt.labels.size === 0) return;
    const y = ctx.y;
    const aff = child(y, pt.spec, 'affinity');
    const targets: { node: YNode; what: string; term?: YNode }[] = [];
    for (const kind of ['podAntiAffinity', 'podAffinity']) {
      const a = child(y, aff, kind);
      for (const t of items(y, child(y, a, 'requiredDuringSchedulingIgnoredDuringExecution'))) {
        const s = child(y, t, 'labelSelector');
        if (s) targets.push({ node: s, what: kind, term: t });
      }
      for (const w of items(y, child(y, a, 'preferredDuringSchedulingIgnoredDuringExecution'))) {
        const t = child(y, w, 'podAffinityTerm');
        const s = child(y, t, 'labelSelector');
        if (s) targets.push({ node: s, what: kind, term: t });
      }
    }
    for (const c of items(y, child(y, pt.spec, 'topologySpreadConstraints'))) {
      const s = child(y, c, 'labelSelector');
      if (s) targets.push({ node: s, what: 'topologySpreadConstraints' });
    }
    for (const t of targets) {
      // Other namespaces: their pods are not modelled here.
      if (t.term && (child(y, t.term, 'namespaces') || child(y, t.term, 'namespaceSelector'))) continue;
      const sel = readLabelSelector(y, t.node);
      if (!sel || (sel.matchLabels.size === 0 && sel.expressions.length === 0)) continue;
      if (sel.expressions.some((r) => !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r.operator))) continue;
      if (matches(sel, pt.labels)) continue;
      // Pods of other workloads it may legitimately target.
      if (selectedWorkloads(ctx.q, res.namespace, sel).some((w) => w.res !== res)) continue;
      const m = mentions(sel);
      const own = [...pt.labels];
      const related = own.some(([k, v]) => m.values.has(v) || m.keys.has(k));
      if (!related) continue;
      const labels = own.map(([k, v]) => `${k}=${v}`).join(', ');
      const effect =
        t.what === 'podAntiAffinity'
          ? 'the anti-affinity never applies, so replicas may all land on the same node'
          : t.what === 'podAffinity'
            ? 'the affinity looks for pods that do not exist'
            : 'the spread counts no pods, so it does not spread the replicas';
      ctx.report(
        t.node,
        `${t.what} labelSelector \`${formatSelector(sel)}\` matches none of this ${res.kind}'s pods (labelled ${labels}) and no other workload's pods in namespace \`${res.namespace}\`: ${effect}. Select the pod template's labels.`,
      );
    }
  },
};
