import { asSeq, isNullish } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { accessModesOf, CLAIM_AND_PV_KINDS, claimSpecsOf, enforcement } from './claim-spec';

export const accessModesMissing: ResourceRule = {
  code: 'access-modes-missing',
  severity: 'error',
  title: 'A claim or PersistentVolume lists no access mode',
  source:
    'pkg/apis/core/validation ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeSpec (reference §5.1 P1, §5.2 V-1, S23)',
  docs: `\`accessModes\` is required and must not be empty on a PersistentVolumeClaim, on every StatefulSet
\`volumeClaimTemplates[].spec\`, on a generic ephemeral volume's \`volumeClaimTemplate.spec\`, and on a
PersistentVolume. The API server rejects a claim without one
(\`spec.accessModes: Required value: at least 1 access mode is required\`). For a StatefulSet claim
template, servers before 1.34 accept the StatefulSet and then fail to create each PVC, so no pod starts.

**Fix:** add the mode the workload needs, usually \`accessModes: [ReadWriteOnce]\`.`,
  bad: 'kind: PersistentVolumeClaim\nspec:\n  resources:\n    requests:\n      storage: 1Gi',
  good: 'kind: PersistentVolumeClaim\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi',
  kinds: CLAIM_AND_PV_KINDS,
  check(res, ctx) {
    for (const cs of claimSpecsOf(res, { pv: true })) {
      const am = accessModesOf(cs);
      const seq = asSeq(ctx.y, am.node);
      const absent = am.node === undefined || isNullish(ctx.y, am.node);
      if (!absent && !(seq && seq.items.length === 0)) continue;
      const detail = cs.owner === 'pv' ? 'Required value' : 'Required value: at least 1 access mode is required';
      ctx.report(
        absent ? (am.key ?? cs.anchor) : am.node,
        `${cs.what} has no access mode: \`${cs.path}.accessModes\`: ${detail}.${enforcement(cs)} Add one, e.g. \`accessModes: [ReadWriteOnce]\`.`,
      );
    }
  },
};
