import type { ResourceRule } from '../types';
import { ACCESS_MODES, accessModesOf, CLAIM_AND_PV_KINDS, claimSpecsOf, enforcement } from './claim-spec';

export const accessModeRwopCombined: ResourceRule = {
  code: 'access-mode-rwop-combined',
  severity: 'error',
  title: 'ReadWriteOncePod combined with other access modes',
  source:
    'pkg/apis/core/validation ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeSpec (reference §5.1 P3, §5.2 V-1)',
  docs: `\`ReadWriteOncePod\` (GA in Kubernetes 1.29, CSI volumes only) means one pod in the whole cluster may
use the volume. It cannot be listed together with another access mode: the API server rejects the
claim or volume (\`spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes\`).

**Fix:** keep only \`ReadWriteOncePod\`, or drop it and keep the other modes.`,
  bad: 'accessModes: [ReadWriteOncePod, ReadWriteOnce]',
  good: 'accessModes: [ReadWriteOncePod]',
  kinds: CLAIM_AND_PV_KINDS,
  check(res, ctx) {
    for (const cs of claimSpecsOf(res, { pv: true })) {
      const am = accessModesOf(cs);
      const rwop = am.items.find((i) => i.value === 'ReadWriteOncePod');
      const others = am.items.filter(
        (i) => i.value !== 'ReadWriteOncePod' && (ACCESS_MODES as readonly string[]).includes(i.value ?? ''),
      );
      if (!rwop || others.length === 0) continue;
      ctx.report(
        rwop.node,
        `\`${cs.path}.accessModes\`: Forbidden: may not use ReadWriteOncePod with other access modes (here with ${others.map((o) => `\`${o.value}\``).join(', ')}).${enforcement(cs)} Keep only ReadWriteOncePod, or remove it.`,
        { related: others.map((o) => ({ span: ctx.span(res, o.node), message: `other access mode ${o.value}` })) },
      );
    }
  },
};
