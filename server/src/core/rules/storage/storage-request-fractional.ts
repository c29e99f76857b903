import type { YNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { CLAIM_KINDS, claimSpecsOf } from './claim-spec';
import { storageRequestOf } from './storage-request';
import { readQuantity, replaceFix } from '../support';

export const storageRequestFractional: ResourceRule = {
  code: 'storage-request-fractional',
  severity: 'warning',
  title: 'Storage request or limit is a fractional number of bytes',
  source: 'pkg/api/persistentvolumeclaim/util.go GetWarningsForPersistentVolumeClaimSpec (reference §5.1 P4b)',
  docs: `A storage size must be a whole number of bytes. A value such as \`1.5\` or \`1500m\` (1.5 bytes: \`m\`
means milli, not mega) is accepted, but the API server warns
(\`spec.resources.requests[storage]: fractional byte value "1500m" is invalid, must be an integer\`) and
provisioners round it in ways you did not mean.

**Fix:** use a unit that makes the size whole: \`1.5Gi\` is fine (1610612736 bytes), \`1500M\` is 1.5 GB,
\`1500m\` is almost certainly a typo for \`1500M\` or \`1500Mi\`.`,
  bad: 'resources:\n  requests:\n    storage: 1500m',
  good: 'resources:\n  requests:\n    storage: 1500Mi',
  kinds: CLAIM_KINDS,
  check(res, ctx) {
    for (const cs of claimSpecsOf(res)) {
      const sr = storageRequestOf(cs);
      const check = (node: YNode | undefined, which: string) => {
        const q = readQuantity(ctx, node);
        if (!q || q.whole) return;
        const milli = /^([+-]?[0-9.]+)m$/.exec(q.text.trim());
        const hint = milli
          ? ` \`m\` means milli (1/1000): did you mean \`${milli[1]}Mi\` or \`${milli[1]}M\`?`
          : ' Use a whole number of bytes, or a unit that makes it whole (e.g. `1.5Gi`).';
        ctx.report(
          node,
          `\`${cs.path}.resources.${which}[storage]\`: fractional byte value ${JSON.stringify(q.text)} is invalid, must be an integer (the API server warns).${hint}`,
          milli ? { fix: [`${milli[1]}Mi`, `${milli[1]}M`].map((t) => replaceFix(node, t)) } : undefined,
        );
      };
      check(sr.storage, 'requests');
      check(sr.limit, 'limits');
    }
  },
};
