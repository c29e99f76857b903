/**
 * The "claim specs" of a resource: every node the API validates with
 * ValidatePersistentVolumeClaimSpec — a PersistentVolumeClaim's `spec`, each StatefulSet
 * `spec.volumeClaimTemplates[i].spec` (v1.34+, before that each PVC the controller creates),
 * each generic ephemeral volume's `ephemeral.volumeClaimTemplate.spec` — and, for the checks
 * the two share (access modes, volume mode, class name), a PersistentVolume's `spec`.
 * Rules check these nodes once, here, whatever resource holds them.
 */
import { podTemplateOf, volumesOf, WORKLOAD_KINDS } from '../../k8s/podspec';
import type { Resource } from '../../model/resource';
import { asMap, at, child, isNullish, items, keyNode, str, YNode } from '../../yaml/nodes';

export type ClaimOwner = 'pvc' | 'pv' | 'template' | 'ephemeral';

export interface ClaimSpec {
  res: Resource;
  owner: ClaimOwner;
  /** The spec map, undefined when absent. */
  spec: YNode | undefined;
  /** Where a missing required field of the spec is reported (the `spec` key, or the enclosing entry). */
  anchor: YNode | undefined;
  /** API field path of the spec, for messages (`spec.volumeClaimTemplates[0].spec`). */
  path: string;
  /** How messages name the claim. */
  what: string;
}

/** Kinds holding claim specs (PVCs, claim templates, ephemeral volumes). */
export const CLAIM_KINDS: readonly string[] = ['PersistentVolumeClaim', ...WORKLOAD_KINDS];
/** CLAIM_KINDS plus PersistentVolume, for the checks PV and PVC specs share. */
export const CLAIM_AND_PV_KINDS: readonly string[] = [...CLAIM_KINDS, 'PersistentVolume'];

/** A usable spec: a map, or absent (a scalar or list there is a shape problem: skip it). */
function specNode(res: Resource, parent: YNode | undefined): { ok: boolean; spec?: YNode } {
  const n = child(res.yaml, parent, 'spec');
  if (n === undefined || isNullish(res.yaml, n)) return { ok: true };
  return asMap(res.yaml, n) ? { ok: true, spec: n } : { ok: false };
}

export function claimSpecsOf(res: Resource, opts: { pv?: boolean } = {}): ClaimSpec[] {
  const y = res.yaml;
  const out: ClaimSpec[] = [];
  if (res.kind === 'PersistentVolumeClaim' || (res.kind === 'PersistentVolume' && opts.pv)) {
    const s = specNode(res, res.root);
    if (s.ok)
      out.push({
        res,
        owner: res.kind === 'PersistentVolume' ? 'pv' : 'pvc',
        spec: s.spec,
        anchor: keyNode(y, res.root, 'spec') ?? res.at('kind'),
        path: 'spec',
        what: `${res.kind} \`${res.name ?? '<unnamed>'}\``,
      });
    return out;
  }
  if (res.kind === 'StatefulSet') {
    items(y, res.at('spec', 'volumeClaimTemplates')).forEach((tpl, i) => {
      if (!asMap(y, tpl)) return;
      const s = specNode(res, tpl);
      if (!s.ok) return;
      const name = str(y, at(y, tpl, 'metadata', 'name'));
      out.push({
        res,
        owner: 'template',
        spec: s.spec,
        anchor: keyNode(y, tpl, 'spec') ?? tpl,
        path: `spec.volumeClaimTemplates[${i}].spec`,
        what: `claim template \`${name ?? i}\``,
      });
    });
  }
  const pt = podTemplateOf(res);
  if (pt) {
    for (const v of volumesOf(pt)) {
      const eph = child(y, v.node, 'ephemeral');
      const vct = child(y, eph, 'volumeClaimTemplate');
      if (!asMap(y, vct)) continue;
      const s = specNode(res, vct);
      if (!s.ok) continue;
      out.push({
        res,
        owner: 'ephemeral',
        spec: s.spec,
        anchor: keyNode(y, vct, 'spec') ?? keyNode(y, eph, 'volumeClaimTemplate'),
        path: `${pt.specPath}.volumes[${v.index}].ephemeral.volumeClaimTemplate.spec`,
        what: `ephemeral volume \`${v.name ?? v.index}\``,
      });
    }
  }
  // An aliased spec (`spec: *common`) is one node: check it once.
  const seen = new Set<YNode>();
  return out.filter((cs) => !cs.spec || (!seen.has(cs.spec) && !!seen.add(cs.spec)));
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
