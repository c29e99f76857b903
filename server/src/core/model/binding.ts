/**
 * PersistentVolumeClaim ↔ PersistentVolume binding: a volume's facts, the classes a claim can
 * bind, and which of the PV controller's checks a pair fails (as aspects, not sentences).
 */
import { parseQuantity } from '../k8s/quantity';
import { child, items, scalarText, str } from '../yaml/nodes';
import { Claim, classField } from './claims';
import type { Query } from './query';
import { treeMemo, type Resource } from './resource';
import { ClassResolution, defaultClasses, resolveClass } from './storage-class';

export interface VolumeFacts {
  res: Resource;
  storageClassName: string;
  storage: number | undefined;
  storageText: string | undefined;
  accessModes: string[];
  volumeMode: string;
  claimRef?: { name?: string; namespace?: string };
}

/** A PersistentVolume's binding facts (read once per syntax tree; shared, not to be mutated). */
export const volumeFacts = treeMemo(readVolumeFacts);

function readVolumeFacts(res: Resource): VolumeFacts {
  const y = res.yaml;
  const storageText = scalarText(y, res.at('spec', 'capacity', 'storage'));
  const cr = res.at('spec', 'claimRef');
  return {
    res,
    storageClassName:
      str(y, res.at('metadata', 'annotations', 'volume.beta.kubernetes.io/storage-class')) ??
      classField(res, res.at('spec', 'storageClassName')) ??
      '',
    storage: storageText !== undefined ? parseQuantity(storageText)?.value : undefined,
    storageText,
    accessModes: items(y, res.at('spec', 'accessModes'))
      .map((m) => str(y, m))
      .filter((m): m is string => !!m),
    volumeMode: str(y, res.at('spec', 'volumeMode')) ?? 'Filesystem',
    claimRef: cr ? { name: str(y, child(y, cr, 'name')), namespace: str(y, child(y, cr, 'namespace')) } : undefined,
  };
}

export type BindAspect = 'capacity' | 'class' | 'volumeMode' | 'accessModes';

/**
 * The classes a claim can bind a volume of: its own class, or, when it relies on the default,
 * any default class (with several defaults, admission may pick either).
 */
export function acceptedClasses(q: Query, claim: Claim): { classes: string[]; resolution: ClassResolution } {
  const resolution = resolveClass(q, claim.storageClassName, claim.classAnnotation);
  const own = resolution.name ?? '';
  const classes = [own];
  if (resolution.how === 'default')
    for (const d of defaultClasses(q)) if (d.name && d.name !== own) classes.push(d.name);
  return { classes, resolution };
}

/**
 * Which checks of the PV controller's checkVolumeSatisfyClaim a claim and a volume fail:
 * capacity, class (only when `classes` is given: the claimRef-only path skips it), volumeMode,
 * access modes (PV modes ⊇ claim modes, when the PV lists any).
 */
export function bindingMismatches(claim: Claim, pv: VolumeFacts, classes?: readonly string[]): BindAspect[] {
  const out: BindAspect[] = [];
  if (claim.storage !== undefined && pv.storage !== undefined && pv.storage < Math.ceil(claim.storage))
    out.push('capacity');
  if (classes && !classes.includes(pv.storageClassName)) out.push('class');
  if (claim.volumeMode !== pv.volumeMode) out.push('volumeMode');
  if (pv.accessModes.length && !claim.accessModes.every((m) => pv.accessModes.includes(m))) out.push('accessModes');
  return out;
}
