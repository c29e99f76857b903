import { containersOf, podTemplateOf, WORKLOAD_KINDS } from '../../k8s/podspec';
import { ianaSvcName } from '../../k8s/names';
import { asScalar, child, items } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { replaceFix } from '../support';

export const containerPortInvalid: ResourceRule = {
  code: 'container-port-invalid',
  severity: 'error',
  title: 'Container port number out of range, port name not an IANA service name, or a port name used twice',
  source: 'pkg/apis/core/validation validateContainerPorts (ValidatePortNumOrName, IsValidPortNum, IsValidPortName)',
  docs: `For every container of every workload, the API server checks each entry of \`ports\`:
- \`containerPort\` must be between 1 and 65535 (\`hostPort\`, when set, too);
- \`name\`, when set, must be an IANA service name: at most 15 characters, only lowercase letters,
  digits and \`-\`, at least one letter, no leading, trailing or double \`-\` (so \`PORT-NAME\`,
  \`port_name\`, \`"8080"\` and \`long-name-over-15\` are rejected);
- a name may be used once per container (\`Duplicate value\`).

Services refer to these names in \`targetPort\`, so a name that is rejected or ambiguous breaks them too.

**Fix:** use a port number in range and a short lowercase name such as \`http\` or \`metrics\`.`,
  bad: 'ports:\n  - name: HTTP_PORT\n    containerPort: 70000',
  good: 'ports:\n  - name: http\n    containerPort: 8080',
  kinds: [...WORKLOAD_KINDS],
  check(res, ctx) {
    const pt = podTemplateOf(res);
    if (!pt) return;
    const y = ctx.y;
    for (const c of containersOf(pt)) {
      const names = new Map<string, number>();
      items(y, child(y, c.node, 'ports')).forEach((p, i) => {
        const where = `${pt.specPath}.${c.group}[${c.index}].ports[${i}]`;
        for (const field of ['containerPort', 'hostPort']) {
          const s = asScalar(y, child(y, p, field));
          if (!s || typeof s.value !== 'number' || !Number.isInteger(s.value)) continue;
          const min = field === 'hostPort' ? 0 : 1;
          if (s.value < min || s.value > 65535)
            ctx.report(s, `${where}.${field}: Invalid value: ${s.value}: must be between 1 and 65535, inclusive.`);
        }
        const ns = asScalar(y, child(y, p, 'name'));
        if (!ns || typeof ns.value !== 'string' || ns.value === '') return;
        const name = ns.value;
        const errs = ianaSvcName(name);
        if (errs.length) {
          const lower = name
            .toLowerCase()
            .replace(/[^a-z0-9-]+/g, '-')
            .replace(/-+/g, '-')
            .replace(/^-|-$/g, '')
            .slice(0, 15)
            .replace(/-$/, '');
          const fix = lower && !ianaSvcName(lower).length ? [replaceFix(ns, lower)] : undefined;
          ctx.report(
            ns,
            `${where}.name: Invalid value: ${JSON.stringify(name)}: ${errs.join('; ')} (an IANA service name).`,
            fix ? { fix } : undefined,
          );
        }
        const first = names.get(name);
        if (first !== undefined)
          ctx.report(
            ns,
            `${where}.name: Duplicate value: ${JSON.stringify(name)}: ports[${first}] of the same container has this name already; port names must be unique per container.`,
          );
        else names.set(name, i);
      });
    }
  },
};
