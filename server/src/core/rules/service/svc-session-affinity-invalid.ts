import { isNullish, str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { intValue, isCoreService, reportUnsupported } from '../support';

const AFFINITIES = ['ClientIP', 'None'] as const;
/** core.MaxClientIPServiceAffinitySeconds */
const MAX_TIMEOUT = 86400;

export const svcSessionAffinityInvalid: ResourceRule = {
  code: 'svc-session-affinity-invalid',
  severity: 'error',
  title: 'sessionAffinity is not ClientIP or None, or its timeout is out of range',
  source:
    'pkg/apis/core/validation ValidateService, validateClientIPAffinityConfig; core/v1 SetDefaults_Service (reference N14)',
  docs: `\`spec.sessionAffinity\` is \`None\` (the default) or \`ClientIP\`, spelled exactly so. With \`ClientIP\`,
\`sessionAffinityConfig.clientIP.timeoutSeconds\` (default 10800) must be between 1 and 86400. The API
server rejects other values:
\`spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"\`,
\`spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400\`.

With \`None\`, the API defaults drop \`sessionAffinityConfig\` silently, so it is not reported here.

**Fix:** use \`ClientIP\` for sticky sessions by client address, or leave the field out.`,
  bad: 'spec:\n  sessionAffinity: Sticky',
  good: 'spec:\n  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 3600',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res)) return;
    const y = ctx.y;
    const node = res.at('spec', 'sessionAffinity');
    const value = node === undefined || isNullish(y, node) ? 'None' : str(y, node);
    if (value === undefined || value === '' || value === 'None') return;
    if (value !== 'ClientIP') {
      reportUnsupported(ctx, node, 'spec.sessionAffinity', value, AFFINITIES, {
        note: (s) => (s ? undefined : 'Use `ClientIP` for sticky sessions, or `None` (the default).'),
      });
      return;
    }
    const tNode = res.at('spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds');
    const t = intValue(y, tNode);
    if (t !== undefined && (t <= 0 || t > MAX_TIMEOUT)) {
      ctx.report(
        tNode,
        `spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: ${t}: must be greater than 0 and less than ${MAX_TIMEOUT}. Use a timeout between 1 and ${MAX_TIMEOUT} seconds, or leave it out for 10800 (3 hours).`,
      );
    }
  },
};
