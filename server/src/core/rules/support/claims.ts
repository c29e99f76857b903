/** How messages name a claim (model/claims). */
import type { Claim } from '../../model/claims';

/** PersistentVolumeClaim `data`, claim template `www`, ephemeral volume `scratch` (by position when unnamed). */
export function claimLabel(c: Claim): string {
  switch (c.owner) {
    case 'template':
      return `claim template \`${c.name ?? `#${c.index}`}\``;
    case 'ephemeral':
      return `ephemeral volume \`${c.name ?? `#${c.index}`}\``;
    default:
      return `${c.res.kind} \`${c.name ?? '<unnamed>'}\``;
  }
}
