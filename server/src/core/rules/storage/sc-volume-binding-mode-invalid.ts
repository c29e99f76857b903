import type { ResourceRule } from '../types';
import { checkEnumField } from '../support';

const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'] as const;

export const scVolumeBindingModeInvalid: ResourceRule = {
  code: 'sc-volume-binding-mode-invalid',
  severity: 'error',
  title: 'StorageClass volumeBindingMode is neither Immediate nor WaitForFirstConsumer',
  source: 'pkg/apis/storage/validation validateVolumeBindingMode (reference §5.3 C4)',
  docs: `\`volumeBindingMode\` says when a claim of this class is bound: \`Immediate\` (the default when the
field is left out) binds and provisions as soon as the claim exists; \`WaitForFirstConsumer\` waits
for a pod, so the volume is created in the pod's zone. Any other value, an empty string included,
is rejected (\`volumeBindingMode: Unsupported value: "X": supported values: "Immediate",
"WaitForFirstConsumer"\`).

**Fix:** use one of the two values, or remove the field.`,
  bad: 'kind: StorageClass\nvolumeBindingMode: WaitForFirstCustomer',
  good: 'kind: StorageClass\nvolumeBindingMode: WaitForFirstConsumer',
  kinds: ['StorageClass'],
  check(res, ctx) {
    checkEnumField(ctx, res.at('volumeBindingMode'), 'volumeBindingMode', BINDING_MODES, {
      aliases: { WFFC: 'WaitForFirstConsumer' },
    });
  },
};
