import { containersOf, podTemplateOf, WORKLOAD_KINDS } from '../../k8s/podspec';
import { child } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const containerNameDuplicate: ResourceRule = {
  code: 'container-name-duplicate',
  severity: 'error',
  title: 'Two containers (or init containers) of a pod with the same name',
  source: 'pkg/apis/core/validation validateContainers / validateInitContainers (allNames)',
  docs: `Container names are unique across a pod's \`containers\`, \`initContainers\` and
\`ephemeralContainers\`: logs, \`kubectl exec -c\` and status are keyed by them. The API server rejects a
repeated name: \`spec.containers[1].name: Duplicate value: "app"\`.

**Fix:** give each container its own name.`,
  bad: 'containers:\n  - name: app\n    image: a\n  - name: app\n    image: b',
  good: 'containers:\n  - name: app\n    image: a\n  - name: sidecar\n    image: b',
  kinds: [...WORKLOAD_KINDS],
  check(res, ctx) {
    const pt = podTemplateOf(res);
    if (!pt) return;
    const seen = new Map<string, string>();
    for (const c of containersOf(pt)) {
      if (!c.name) continue;
      const where = `${pt.specPath}.${c.group}[${c.index}]`;
      const first = seen.get(c.name);
      if (first)
        ctx.report(
          child(ctx.y, c.node, 'name'),
          `${where}.name: Duplicate value: ${JSON.stringify(c.name)}: ${first} has the same name. Container names must be unique in a pod.`,
        );
      else seen.set(c.name, where);
    }
  },
};
