import { isNullish, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { CLAIM_KINDS, claimSpecsOf, enforcement } from './claim-spec';
import { storageRequestOf } from './storage-request';
import { checkQuantity, visible } from '../support';

export const storageRequestInvalid: ResourceRule = {
  code: 'storage-request-invalid',
  severity: 'error',
  title: 'Storage request missing, not a quantity, or not greater than zero',
  source:
    'pkg/apis/core/validation ValidatePersistentVolumeClaimSpec; apimachinery resource.ParseQuantity (reference §5.1 P4, quantity format)',
  docs: `Every claim must request storage: \`resources.requests.storage\` is required and must be greater
than zero (\`spec.resources[storage]: Required value\`, \`…: Invalid value: "0": must be greater than zero\`).
The value is a Kubernetes quantity: a number with an optional suffix \`Ki Mi Gi Ti Pi Ei\` (powers of
1024) or \`k M G T P E\` (powers of 1000). \`10GB\`, \`10gi\` or \`10 Gi\` do not parse, and the API
server then cannot even decode the object.

Applies to PersistentVolumeClaims, StatefulSet claim templates and generic ephemeral volumes.

**Fix:** request a positive size such as \`10Gi\`; the quick fixes offer the binary (\`Gi\`) and the
decimal (\`G\`) spelling of a mistyped unit.`,
  bad: 'resources:\n  requests:\n    storage: 10GB',
  good: 'resources:\n  requests:\n    storage: 10Gi',
  kinds: CLAIM_KINDS,
  check(res, ctx) {
    for (const cs of claimSpecsOf(res)) {
      const sr = storageRequestOf(cs);
      const field = `${cs.path}.resources.requests.storage`;
      if (!sr.present) {
        ctx.report(
          sr.anchor,
          `${cs.what} requests no storage: \`${cs.path}.resources[storage]\`: Required value.${sr.limit ? ' A limit alone is not a request.' : ''}${enforcement(cs)} Add \`resources: {requests: {storage: 1Gi}}\` with the size you need.`,
        );
        continue;
      }
      if (isNullish(ctx.y, sr.storage)) {
        ctx.report(
          visible(sr.storage, keyNode(ctx.y, sr.requests, 'storage')),
          `\`${field}\` has no value, which the API reads as 0: must be greater than zero.${enforcement(cs)} Set a size such as \`1Gi\`.`,
        );
        continue;
      }
      const q = checkQuantity(ctx, sr.storage, field);
      if (q && q.value <= 0)
        ctx.report(
          sr.storage,
          `\`${cs.path}.resources[storage]\`: Invalid value: ${JSON.stringify(q.text)}: must be greater than zero.${enforcement(cs)} Request a positive size such as \`1Gi\`.`,
        );
    }
  },
};
