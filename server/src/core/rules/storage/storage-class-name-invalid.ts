import { child } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { CLAIM_AND_PV_KINDS, claimSpecsOf, enforcement } from './claim-spec';
import { dnsNameErrors, dnsNameFix, dnsNameMessage, fixTo, stringField } from '../support';

export const storageClassNameInvalid: ResourceRule = {
  code: 'storage-class-name-invalid',
  severity: 'error',
  title: 'storageClassName is not a valid StorageClass name',
  source:
    'pkg/apis/core/validation ValidateClassName (NameIsDNSSubdomain) in ValidatePersistentVolumeClaimSpec / ValidatePersistentVolumeSpec (reference §2.2, §5.1 P5, §5.2 V-6)',
  docs: `A non-empty \`storageClassName\` must be a StorageClass name, i.e. a DNS-1123 subdomain: lower-case
letters, digits, \`-\` and \`.\`, starting and ending with a letter or digit, at most 253 characters.
The API server rejects a claim or volume with anything else
(\`spec.storageClassName: Invalid value: "Fast_SSD": a lowercase RFC 1123 subdomain must consist of …\`),
and no StorageClass could have such a name anyway. An empty string is valid: it asks for a volume
with no class.

**Fix:** use the StorageClass's exact name (\`kubectl get storageclass\`).`,
  bad: 'storageClassName: Fast_SSD',
  good: 'storageClassName: fast-ssd',
  kinds: CLAIM_AND_PV_KINDS,
  check(res, ctx) {
    for (const cs of claimSpecsOf(res, { pv: true })) {
      const node = child(ctx.y, cs.spec, 'storageClassName');
      const v = stringField(ctx, node);
      if (!v) continue;
      const errs = dnsNameErrors(v, 'subdomain');
      if (!errs.length) continue;
      const fixed = dnsNameFix(v, 'subdomain');
      ctx.report(
        node,
        dnsNameMessage(`${cs.path}.storageClassName`, v, 'subdomain', errs, fixed, enforcement(cs).trim()),
        fixed ? fixTo(node, fixed) : undefined,
      );
    }
  },
};
