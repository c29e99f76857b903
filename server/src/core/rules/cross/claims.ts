/**
 * The storage class every claim of a resource asks for (model/claims): a PersistentVolumeClaim's
 * own spec, a StatefulSet's volumeClaimTemplates, and the `ephemeral.volumeClaimTemplate` of
 * pod volumes, with how messages name each claim.
 */
import { Claim, claimsOf } from '../../model/claims';
import type { Resource } from '../../model/resource';

export interface ClaimClass extends Claim {
  /** For messages: `PersistentVolumeClaim data`, `claim template www`, `ephemeral volume scratch`. */
  what: string;
}

function what(c: Claim): string {
  if (c.owner === 'template') return `claim template ${c.name ?? `#${c.index}`}`;
  if (c.owner === 'ephemeral') return `ephemeral volume ${c.name ?? `#${c.index}`}`;
  return `${c.res.kind} ${c.name ?? ''}`.trim();
}

export function claimClassesOf(res: Resource): ClaimClass[] {
  return claimsOf(res).map((c) => ({ ...c, what: what(c) }));
}
