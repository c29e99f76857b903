import { isScalar } from '../../yaml/predicates';
import { suggestValue } from '../../k8s/suggest';
import type { ResourceRule } from '../types';
import { ACCESS_MODE_ABBREVIATIONS, ACCESS_MODES, accessModesOf, CLAIM_AND_PV_KINDS, claimSpecsOf } from './claim-spec';
import { reportUnsupported, stringField } from '../support';

export const accessModeInvalid: ResourceRule = {
  code: 'access-mode-invalid',
  severity: 'error',
  title: 'Unknown access mode (RWO and other abbreviations are not API values)',
  source:
    'pkg/apis/core/validation ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeSpec supportedAccessModes (reference §5.1 P2, §5.2 V-1)',
  docs: `Each entry of \`accessModes\` must be one of \`ReadWriteOnce\`, \`ReadOnlyMany\`, \`ReadWriteMany\` or
\`ReadWriteOncePod\`, spelled exactly. \`RWO\`, \`ROX\`, \`RWX\` and \`RWOP\` are only the abbreviations
\`kubectl get pvc\` prints; the API server rejects them
(\`spec.accessModes: Unsupported value: "RWO": supported values: …\`), as it rejects a different case
(\`readWriteOnce\`). \`accessModes\` is also a list: a single string does not decode.

Applies to PersistentVolumeClaims, PersistentVolumes, StatefulSet claim templates and generic
ephemeral volumes.

**Fix:** use the full name (the quick fix does it), inside a list.`,
  bad: 'accessModes:\n  - RWO',
  good: 'accessModes:\n  - ReadWriteOnce',
  kinds: CLAIM_AND_PV_KINDS,
  check(res, ctx) {
    for (const cs of claimSpecsOf(res, { pv: true })) {
      const am = accessModesOf(cs);
      const single = stringField(ctx, am.node);
      if (single !== undefined && isScalar(am.node)) {
        const mode = (ACCESS_MODES as readonly string[]).includes(single)
          ? single
          : suggestValue(single, ACCESS_MODES, ACCESS_MODE_ABBREVIATIONS);
        ctx.report(
          am.node,
          `\`${cs.path}.accessModes\` must be a list, not the string ${JSON.stringify(single)}: the API server cannot decode the object.${mode ? ` Write \`[${mode}]\`.` : ''}`,
          mode ? { fix: [{ title: `Change to [${mode}]`, newText: `[${mode}]` }] } : undefined,
        );
        continue;
      }
      for (const it of am.items) {
        if (it.value === undefined || (ACCESS_MODES as readonly string[]).includes(it.value)) continue;
        reportUnsupported(ctx, it.node, `${cs.path}.accessModes`, it.value, ACCESS_MODES, {
          aliases: ACCESS_MODE_ABBREVIATIONS,
          note: (s) =>
            s && ACCESS_MODE_ABBREVIATIONS[it.value!.toUpperCase()]
              ? `\`${it.value}\` is the abbreviation kubectl prints, not an API value: write \`${s}\`.`
              : undefined,
        });
      }
    }
  },
};
