import { ianaSvcName } from '../../k8s/names';
import { isNullish, keyNode, num, str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { isCoreService, portPath, quotedInt, replaceFix, servicePorts } from '../support';

const RANGE = 'must be between 1 and 65535, inclusive';
const inRange = (n: number) => n >= 1 && n <= 65535;

export const svcPortInvalid: ResourceRule = {
  code: 'svc-port-invalid',
  severity: 'error',
  title: 'Service port or targetPort is out of range or malformed',
  source:
    'pkg/apis/core/validation validateServicePort, ValidatePortNumOrName; core/v1 SetDefaults_Service (reference N3, N6)',
  docs: `Every entry of \`spec.ports\` needs a \`port\` between 1 and 65535. \`targetPort\` is either a
number between 1 and 65535 or the *name* of a container port (an IANA_SVC_NAME: at most 15
lower-case letters, digits and \`-\`, with at least one letter). Left out, \`0\` or \`""\`, it defaults to
\`port\`. The API server rejects anything else, e.g.
\`spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\` or
\`spec.ports[0].targetPort: Invalid value: "my_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)\`.

A quoted number is a string: \`port: "80"\` does not decode into the integer field, and
\`targetPort: "8080"\` is read as a port *name* (and rejected: names need a letter).

**Fix:** use an unquoted number in range, or a valid container port name.`,
  bad: 'ports:\n  - port: 0\n    targetPort: "8080"',
  good: 'ports:\n  - port: 80\n    targetPort: 8080',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res)) return;
    const y = ctx.y;
    for (const p of servicePorts(res)) {
      // port: required, an int32 in range.
      if (p.portNode === undefined ? !p.merged : isNullish(y, p.portNode)) {
        ctx.report(
          p.portNode === undefined ? p.node : (keyNode(y, p.node, 'port') ?? p.portNode),
          `${portPath(p, 'port')}: Invalid value: 0: ${RANGE}. Every Service port needs a port number: add \`port: <1-65535>\`.`,
        );
      } else if (p.port !== undefined) {
        if (!inRange(p.port)) {
          ctx.report(
            p.portNode,
            `${portPath(p, 'port')}: Invalid value: ${p.port}: ${RANGE}. Use the port number clients connect to.`,
          );
        }
      } else {
        const q = quotedInt(y, p.portNode);
        if (q !== undefined) {
          ctx.report(
            p.portNode,
            `${portPath(p, 'port')} is the string ${JSON.stringify(str(y, p.portNode))}, but port is an integer field and the API server cannot decode a string into it. Remove the quotes.`,
            inRange(q) ? { fix: [{ title: `Change to ${q}`, newText: String(q) }] } : undefined,
          );
        }
      }

      // targetPort: absent, 0 and "" default to port.
      const t = p.targetPortNode;
      if (t === undefined || isNullish(y, t)) continue;
      const n = num(y, t);
      if (n !== undefined) {
        if (Number.isInteger(n) && n !== 0 && !inRange(n)) {
          ctx.report(
            t,
            `${portPath(p, 'targetPort')}: Invalid value: ${n}: ${RANGE}. Use the container port the pods listen on, or leave targetPort out to use \`port\`.`,
          );
        }
        continue;
      }
      const s = str(y, t);
      if (!s) continue;
      const q = quotedInt(y, t);
      if (q !== undefined) {
        ctx.report(
          t,
          `${portPath(p, 'targetPort')}: Invalid value: ${JSON.stringify(s)}: must contain at least one letter (a-z). A quoted number is read as a port name; remove the quotes to target port ${q}.`,
          inRange(q) ? { fix: [{ title: `Change to ${q}`, newText: String(q) }] } : undefined,
        );
        continue;
      }
      const errs = ianaSvcName(s);
      if (errs.length) {
        const lower = s.toLowerCase();
        const fix = lower !== s && !ianaSvcName(lower).length ? { fix: [replaceFix(t, lower)] } : undefined;
        ctx.report(
          t,
          `${portPath(p, 'targetPort')}: Invalid value: ${JSON.stringify(s)}: ${errs.join(', ')}. A named targetPort must be a container port name (at most 15 lower-case letters, digits and '-'); otherwise use the port number.`,
          fix,
        );
      }
    }
  },
};
