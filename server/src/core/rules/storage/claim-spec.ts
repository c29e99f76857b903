/**
 * The "claim specs" of a resource: every node the API validates with
 * ValidatePersistentVolumeClaimSpec — a PersistentVolumeClaim's `spec`, each StatefulSet
 * `spec.volumeClaimTemplates[i].spec` (v1.34+, before that each PVC the controller creates),
 * each generic ephemeral volume's `ephemeral.volumeClaimTemplate.spec` — and, for the checks
 * the two share (access modes, volume mode, class name), a PersistentVolume's `spec`.
 * Rules check these nodes once, here, whatever resource holds them.
 */
import { WORKLOAD_KINDS } from '../../k8s/podspec';
import { Claim, claimsOf } from '../../model/claims';
import { treeMemo, type Resource } from '../../model/resource';
import { claimLabel } from '../support/claims';
import { asMap, child, items, keyNode, str, YNode } from '../../yaml/nodes';

export type { ClaimOwner } from '../../model/claims';

/** A claim whose spec the API validates, and how messages name it. */
export interface ClaimSpec extends Claim {
  /** How messages name the claim (PersistentVolumeClaim `data`, claim template `www`, ephemeral volume `scratch`). */
  what: string;
}

/** Kinds holding claim specs (PVCs, claim templates, ephemeral volumes). */
export const CLAIM_KINDS: readonly string[] = ['PersistentVolumeClaim', ...WORKLOAD_KINDS];
/** CLAIM_KINDS plus PersistentVolume, for the checks PV and PVC specs share. */
export const CLAIM_AND_PV_KINDS: readonly string[] = [...CLAIM_KINDS, 'PersistentVolume'];

/**
 * The claims of a resource (model/claims) whose spec is usable: a map or absent (a scalar or
 * list there, or a claim template entry that is not a map, is a shape problem: skipped).
 */
export function claimSpecsOf(res: Resource, opts: { pv?: boolean } = {}): ClaimSpec[] {
  return opts.pv ? specsWithPv(res) : specsWithoutPv(res);
}

// Seven rules read them: once per syntax tree (shared, not to be mutated).
const specsWithPv = treeMemo((res) => readClaimSpecs(res, { pv: true }));
const specsWithoutPv = treeMemo((res) => readClaimSpecs(res, {}));

function readClaimSpecs(res: Resource, opts: { pv?: boolean }): ClaimSpec[] {
  // An aliased spec (`spec: *common`) is one node: check it once.
  const seen = new Set<YNode>();
  return claimsOf(res, opts)
    .filter((c) => c.specOk && (c.owner !== 'template' || !!asMap(res.yaml, c.node)))
    .filter((c) => !c.spec || (!seen.has(c.spec) && !!seen.add(c.spec)))
    .map((c) => ({ ...c, what: claimLabel(c) }));
}

/** A sentence on when the API enforces the check, for claim templates (validated since v1.34). */
export function enforcement(cs: ClaimSpec): string {
  if (cs.owner === 'template')
    return ' Since Kubernetes 1.34 the API server rejects the StatefulSet; older servers accept it and then fail to create every PVC, so no pod starts.';
  return ' The API server rejects the object.';
}

export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
/** The abbreviations kubectl prints (RWO, ROX, RWX, RWOP), which the API does not accept. */
export const ACCESS_MODE_ABBREVIATIONS: Record<string, string> = {
  RWO: 'ReadWriteOnce',
  ROX: 'ReadOnlyMany',
  RWX: 'ReadWriteMany',
  RWOP: 'ReadWriteOncePod',
};
export const VOLUME_MODES = ['Filesystem', 'Block'] as const;

/** The accessModes node of a claim spec and its string items. */
export function accessModesOf(cs: ClaimSpec): { node?: YNode; key?: YNode; items: { node: YNode; value?: string }[] } {
  const y = cs.res.yaml;
  const node = child(y, cs.spec, 'accessModes');
  return {
    node,
    key: keyNode(y, cs.spec, 'accessModes'),
    items: items(y, node).map((n) => ({ node: n, value: str(y, n) })),
  };
}
