import { containersOf, podTemplateOf, WORKLOAD_KINDS } from '../../k8s/podspec';
import { asScalar, child, items, scalarText } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const listEntryDuplicate: ResourceRule = {
  code: 'list-entry-duplicate',
  severity: 'warning',
  title: 'Container env variable or port (containerPort + protocol) listed twice',
  source:
    'pkg/api/pod/warnings (duplicate env names, duplicate ports); list-map keys of the OpenAPI (env: name; ports: containerPort, protocol)',
  docs: `\`env\` and \`ports\` of a container are keyed lists: \`env\` by \`name\`, \`ports\` by
\`containerPort\` and \`protocol\`. A second entry with the same key hides the first: the API server
warns (\`spec.containers[0].env[2]: hides previous definition of "LOG_LEVEL"\`), and server-side apply
rejects the object (\`duplicate entries for key\`). Only the last value takes effect.

**Fix:** remove one of the entries (or merge them).`,
  bad: 'env:\n  - name: LOG_LEVEL\n    value: info\n  - name: LOG_LEVEL\n    value: debug',
  good: 'env:\n  - name: LOG_LEVEL\n    value: debug',
  kinds: [...WORKLOAD_KINDS],
  check(res, ctx) {
    const pt = podTemplateOf(res);
    if (!pt) return;
    const y = ctx.y;
    for (const c of containersOf(pt)) {
      const where = `${pt.specPath}.${c.group}[${c.index}]`;
      const env = new Map<string, number>();
      items(y, child(y, c.node, 'env')).forEach((e, i) => {
        const n = asScalar(y, child(y, e, 'name'));
        if (!n || typeof n.value !== 'string') return;
        const first = env.get(n.value);
        if (first !== undefined)
          ctx.report(
            n,
            `${where}.env[${i}]: hides previous definition of ${JSON.stringify(n.value)} (env[${first}]); only the last value takes effect.`,
          );
        else env.set(n.value, i);
      });
      const ports = new Map<string, number>();
      items(y, child(y, c.node, 'ports')).forEach((p, i) => {
        const cp = asScalar(y, child(y, p, 'containerPort'));
        if (!cp || typeof cp.value !== 'number') return;
        const proto = scalarText(y, child(y, p, 'protocol')) || 'TCP';
        const key = `${cp.value}/${proto}`;
        const first = ports.get(key);
        if (first !== undefined)
          ctx.report(
            cp,
            `${where}.ports[${i}]: containerPort ${cp.value}/${proto} is already listed (ports[${first}]); the duplicate entry is ignored and server-side apply rejects it.`,
          );
        else ports.set(key, i);
      });
    }
  },
};
