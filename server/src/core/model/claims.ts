/**
 * The one claim reader: every PersistentVolumeClaim spec a resource holds, read once into a
 * typed `Claim` — a PVC's own spec, each StatefulSet `spec.volumeClaimTemplates[i]`, each
 * generic ephemeral volume's `ephemeral.volumeClaimTemplate`, and (on request) a
 * PersistentVolume's spec for the checks the two share. Facts only: how a claim is named in a
 * message belongs to whoever presents it.
 */
import { parseQuantity } from '../k8s/quantity';
import { podTemplateOf, volumesOf } from '../k8s/podspec';
import { asMap, at, child, isNullish, items, keyNode, scalarText, str, YNode } from '../yaml/nodes';
import { treeMemo, type Resource } from './resource';

/** The beta annotation that, when present, wins over `spec.storageClassName` (GetPersistentVolumeClaimClass). */
export const CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** Where a claim spec lives: a PVC, a PV (shared checks only), a claim template, an ephemeral volume. */
export type ClaimOwner = 'pvc' | 'pv' | 'template' | 'ephemeral';

export interface Claim {
  res: Resource;
  owner: ClaimOwner;
  /** The node holding metadata and spec: the object's root, the template entry, or `volumeClaimTemplate`. */
  node: YNode;
  /** The entry's position in `volumeClaimTemplates` (template) or `volumes` (ephemeral); 0 otherwise. */
  index: number;
  /** metadata.name (PVC, PV, claim template); the volume's name for an ephemeral volume. */
  name: string | undefined;
  nameNode?: YNode;
  /** The spec map; undefined when absent or null. */
  spec: YNode | undefined;
  /** The spec is absent, null or a map (a scalar or list there is a shape problem to skip). */
  specOk: boolean;
  /** Where a missing required field of the spec is reported (the `spec` key, or the enclosing entry). */
  anchor: YNode | undefined;
  /** API field path of the spec (`spec.volumeClaimTemplates[0].spec`). */
  path: string;
  /** The storageClassName field: undefined = unset or null (the default class applies), '' = explicitly none. */
  storageClassName: string | undefined;
  /** The beta storage-class annotation's value, when set. */
  classAnnotation: string | undefined;
  /** The class asked for: the annotation when set, else the field. */
  className: string | undefined;
  /** The node that sets `className` (the annotation value or the storageClassName value). */
  classNode?: YNode;
  viaAnnotation: boolean;
  /** resources.requests.storage as written, and its value in bytes when it parses. */
  storageText: string | undefined;
  storage: number | undefined;
  accessModes: string[];
  /** spec.volumeMode, 'Filesystem' when unset. */
  volumeMode: string;
  volumeName: string | undefined;
  hasSelector: boolean;
}

/** A storageClassName field: undefined when absent or null (Go nil), else its text ('' = no class). */
export function classField(res: Resource, node: YNode | undefined): string | undefined {
  if (node === undefined || isNullish(res.yaml, node)) return undefined;
  return scalarText(res.yaml, node);
}

function readClaim(
  res: Resource,
  owner: ClaimOwner,
  node: YNode,
  index: number,
  name: { value: string | undefined; node?: YNode },
  path: string,
  anchorFallback: YNode | undefined,
): Claim {
  const y = res.yaml;
  const raw = child(y, node, 'spec');
  const specOk = raw === undefined || isNullish(y, raw) || !!asMap(y, raw);
  const spec = raw !== undefined && !isNullish(y, raw) && specOk ? raw : undefined;
  const annNode = at(y, node, 'metadata', 'annotations', CLASS_ANNOTATION);
  const ann = str(y, annNode);
  const fieldNode = child(y, spec, 'storageClassName');
  const field = classField(res, fieldNode);
  const storageText = scalarText(y, at(y, spec, 'resources', 'requests', 'storage'));
  const sel = child(y, spec, 'selector');
  return {
    res,
    owner,
    node,
    index,
    name: name.value,
    nameNode: name.node,
    spec,
    specOk,
    anchor: keyNode(y, node, 'spec') ?? anchorFallback,
    path,
    storageClassName: field,
    classAnnotation: ann,
    className: ann ?? field,
    classNode: ann !== undefined ? annNode : fieldNode,
    viaAnnotation: ann !== undefined,
    storageText,
    storage: storageText !== undefined ? parseQuantity(storageText)?.value : undefined,
    accessModes: items(y, child(y, spec, 'accessModes'))
      .map((m) => str(y, m))
      .filter((m): m is string => !!m),
    volumeMode: str(y, child(y, spec, 'volumeMode')) ?? 'Filesystem',
    volumeName: str(y, child(y, spec, 'volumeName')) || undefined,
    hasSelector: sel !== undefined && !isNullish(y, sel),
  };
}

/*
 * The readers below are memoized per syntax tree (`treeMemo`): a dozen rules, the hover and the
 * tree read the same claims. The results are shared: callers must not mutate them.
 */

/** A PersistentVolumeClaim's (or, for the shared checks, a PersistentVolume's) own spec. */
export const objectClaim = treeMemo(readObjectClaim);

function readObjectClaim(res: Resource): Claim {
  const nameNode = res.at('metadata', 'name');
  return readClaim(
    res,
    res.kind === 'PersistentVolume' ? 'pv' : 'pvc',
    res.root,
    0,
    { value: res.name, node: nameNode },
    'spec',
    res.at('kind'),
  );
}

/** A StatefulSet's `spec.volumeClaimTemplates`, one per entry (entries that are not maps included). */
export const claimTemplates = treeMemo(readClaimTemplates);

function readClaimTemplates(res: Resource): Claim[] {
  const y = res.yaml;
  return items(y, res.at('spec', 'volumeClaimTemplates')).map((tpl, i) => {
    const nameNode = at(y, tpl, 'metadata', 'name');
    return readClaim(
      res,
      'template',
      tpl,
      i,
      { value: str(y, nameNode), node: nameNode },
      `spec.volumeClaimTemplates[${i}].spec`,
      tpl,
    );
  });
}

/** The generic ephemeral volumes of a workload's pod template (`ephemeral.volumeClaimTemplate` maps). */
export const ephemeralClaims = treeMemo(readEphemeralClaims);

function readEphemeralClaims(res: Resource): Claim[] {
  const y = res.yaml;
  const pt = podTemplateOf(res);
  if (!pt) return [];
  const out: Claim[] = [];
  for (const v of volumesOf(pt)) {
    const eph = child(y, v.node, 'ephemeral');
    const vct = child(y, eph, 'volumeClaimTemplate');
    if (!vct || !asMap(y, vct)) continue;
    out.push(
      readClaim(
        res,
        'ephemeral',
        vct,
        v.index,
        { value: v.name },
        `${pt.specPath}.volumes[${v.index}].ephemeral.volumeClaimTemplate.spec`,
        keyNode(y, eph, 'volumeClaimTemplate'),
      ),
    );
  }
  return out;
}

/** Every claim spec of a resource (PVC, claim templates, ephemeral volumes; a PV's spec with `pv`). */
export function claimsOf(res: Resource, opts: { pv?: boolean } = {}): Claim[] {
  return opts.pv ? claimsWithPv(res) : claimsWithoutPv(res);
}

const claimsWithPv = treeMemo((res) => readClaims(res, true));
const claimsWithoutPv = treeMemo((res) => readClaims(res, false));

function readClaims(res: Resource, pv: boolean): Claim[] {
  if (res.kind === 'PersistentVolumeClaim' || (res.kind === 'PersistentVolume' && pv)) return [objectClaim(res)];
  if (res.kind === 'PersistentVolume') return [];
  return [...(res.kind === 'StatefulSet' ? claimTemplates(res) : []), ...ephemeralClaims(res)];
}
