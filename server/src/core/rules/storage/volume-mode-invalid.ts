import { child } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { CLAIM_AND_PV_KINDS, claimSpecsOf, VOLUME_MODES } from './claim-spec';
import { checkEnumField } from '../support';

export const volumeModeInvalid: ResourceRule = {
  code: 'volume-mode-invalid',
  severity: 'error',
  title: 'volumeMode is neither Filesystem nor Block',
  source:
    'pkg/apis/core/validation supportedVolumeModes in ValidatePersistentVolumeClaimSpec / ValidatePersistentVolumeSpec (reference §5.1 P6, §5.2 V-6)',
  docs: `\`volumeMode\` of a PersistentVolumeClaim, a PersistentVolume, a StatefulSet claim template or an
ephemeral volume's claim template is either \`Filesystem\` (the default when the field is left out)
or \`Block\` (a raw block device, used through \`volumeDevices\`). Anything else, including an empty
string or another case, is rejected
(\`spec.volumeMode: Unsupported value: "block": supported values: "Block", "Filesystem"\`).

**Fix:** write \`Filesystem\` or \`Block\`, or remove the field for the default.`,
  bad: 'volumeMode: block',
  good: 'volumeMode: Block',
  kinds: CLAIM_AND_PV_KINDS,
  check(res, ctx) {
    for (const cs of claimSpecsOf(res, { pv: true }))
      checkEnumField(ctx, child(ctx.y, cs.spec, 'volumeMode'), `${cs.path}.volumeMode`, VOLUME_MODES, {
        aliases: { fs: 'Filesystem', file: 'Filesystem', raw: 'Block' },
      });
  },
};
