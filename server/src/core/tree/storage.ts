/**
 * The storage chain of the Cluster group: StorageClass → PersistentVolumes → the claims
 * bound or pre-bound to them → the workloads that use the claims → container mounts.
 * Binding follows the PV controller: `volumeName`, then a PV's `claimRef`, then the
 * smallest matching available PV of the claim's class; claims that match none are
 * provisioned by their class (or wait, when nothing can provision them).
 */
import { claimNameOf } from '../k8s/podspec';
import { PV_SPEC_FIELDS } from '../k8s/volume-sources';
import { isEmptySelector, labelsOf, matches, readLabelSelector } from '../k8s/selector';
import { acceptedClasses, bindingMismatches, VolumeFacts, volumeFacts } from '../model/binding';
import { Claim, objectClaim } from '../model/claims';
import { claimName, podName, StatefulSetIdentity } from '../model/identity';
import { isDefaultClass } from '../model/storage-class';
import type { Resource } from '../model/resource';
import { entries, keyNode, scalarText, str, YNode } from '../yaml/nodes';
import type { TreeNode } from './index';
import {
  byName,
  byNsName,
  ClassInfo,
  code,
  facts,
  GeneratedClaim,
  KIND_ORDER,
  mk,
  modesText,
  problemCount,
  problemsText,
  tip,
  TreeCtx,
  workloadIcon,
} from './context';
import { sharedText, useNodes } from './volumes';

export interface PvEntry {
  res: Resource;
  facts: VolumeFacts;
  claims: ClaimEntry[];
  /** `namespace/name` of spec.claimRef. */
  reservedFor?: string;
  problem?: string;
}

export interface ClaimEntry {
  res: Resource;
  facts: Claim;
  cls: ClassInfo;
  pv?: PvEntry;
  how?: 'volumeName' | 'claimRef' | 'match';
  problem?: string;
  problemNode?: YNode;
  /** Extra description text. */
  note?: string;
}

interface TemplateEntry {
  id: StatefulSetIdentity;
  claim: Claim;
  cls: ClassInfo;
}

const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const PV_SPEC_FIELD_SET = new Set(PV_SPEC_FIELDS);

/**
 * Why a claim cannot bind a PV (the PV controller's event texts), or undefined. `classes`:
 * the class names the claim accepts (any default class when it sets none); undefined skips
 * the class check, as FindMatchingVolume does for a volume pre-bound to the claim.
 */
function bindMismatch(c: Claim, classes: readonly string[] | undefined, pv: VolumeFacts): string | undefined {
  const show = (x: string) => (x ? `"${x}"` : 'no class');
  switch (bindingMismatches(c, pv, classes)[0]) {
    case 'capacity':
      return `requested PV is too small (claim ${c.storageText}, volume ${pv.storageText})`;
    case 'class':
      return `storageClassName does not match (claim ${show(classes?.[0] ?? '')}, volume ${show(pv.storageClassName)})`;
    case 'volumeMode':
      return `incompatible volumeMode (claim ${c.volumeMode}, volume ${pv.volumeMode})`;
    case 'accessModes':
      return `incompatible accessMode (claim ${modesText(c.accessModes) || 'none'}, volume ${modesText(pv.accessModes)})`;
    default:
      return undefined;
  }
}

/** The binding of every claim and volume in the workspace, computed once per tree. */
export class StorageModel {
  readonly pvs: PvEntry[] = [];
  readonly claims: ClaimEntry[] = [];
  readonly templates: TemplateEntry[] = [];
  readonly storageClasses: Resource[];
  private readonly byClaim = new Map<Resource, ClaimEntry>();

  constructor(ctx: TreeCtx) {
    const q = ctx.q;
    this.storageClasses = q.list('StorageClass').sort(byName);
    const pvRes = q.list('PersistentVolume').sort(byName);
    const pvOf = new Map<Resource, PvEntry>();
    const reserved = new Map<string, PvEntry[]>();
    for (const res of pvRes) {
      const f = volumeFacts(res);
      const e: PvEntry = { res, facts: f, claims: [] };
      if (f.claimRef) {
        e.reservedFor = `${f.claimRef.namespace ?? ''}/${f.claimRef.name ?? ''}`;
        if (!f.claimRef.namespace) {
          e.problem =
            `spec.claimRef names no namespace: the volume is reserved for a claim ${code(e.reservedFor)} that cannot exist, ` +
            'so no claim can bind it. Add claimRef.namespace.';
        }
        const l = reserved.get(e.reservedFor);
        if (l) l.push(e);
        else reserved.set(e.reservedFor, [e]);
      }
      this.pvs.push(e);
      pvOf.set(res, e);
    }
    const pvsKnown = pvRes.length > 0;
    const pending: { e: ClaimEntry; cls: string }[] = [];
    for (const res of q.list('PersistentVolumeClaim').sort(byNsName)) {
      const f = objectClaim(res);
      const cls = ctx.classInfo(f.storageClassName, f.classAnnotation);
      const e: ClaimEntry = { res, facts: f, cls };
      const accepted = acceptedClasses(q, f).classes;
      this.claims.push(e);
      this.byClaim.set(res, e);
      const key = `${res.namespace}/${res.name ?? ''}`;
      if (f.volumeName) {
        const named = q.get('PersistentVolume', '', f.volumeName);
        const pv = named && pvOf.get(named);
        if (pv) {
          this.attach(e, pv, 'volumeName');
          const why =
            pv.reservedFor && pv.reservedFor !== key
              ? `PersistentVolume ${code(f.volumeName)} is reserved for ${code(pv.reservedFor)} (spec.claimRef)`
              : bindMismatch(f, accepted, pv.facts);
          if (why) {
            e.problem = `Cannot bind ${code(f.volumeName)}: ${why}. The claim stays Pending.`;
            e.problemNode = res.at('spec', 'volumeName');
          }
        } else if (pvsKnown) {
          e.problem = `No PersistentVolume ${code(f.volumeName)} (spec.volumeName) in the workspace: the claim stays Pending until it exists.`;
          e.problemNode = res.at('spec', 'volumeName');
        } else {
          e.note = `→ PV ${f.volumeName} (not in workspace)`;
        }
        continue;
      }
      const pre = reserved.get(key)?.[0];
      if (pre) {
        this.attach(e, pre, 'claimRef');
        const why = bindMismatch(f, undefined, pre.facts);
        if (why)
          e.problem = `PersistentVolume ${code(ctx.nameOf(pre.res))} is reserved for this claim but cannot bind it: ${why}.`;
        continue;
      }
      pending.push({ e, cls: accepted[0] });
    }
    // Claims without volumeName or claimRef bind the smallest matching available volume of their class.
    const buckets = new Map<string, PvEntry[]>();
    for (const pv of this.pvs) {
      if (pv.reservedFor || pv.claims.length) continue;
      const l = buckets.get(pv.facts.storageClassName);
      if (l) l.push(pv);
      else buckets.set(pv.facts.storageClassName, [pv]);
    }
    for (const l of buckets.values()) {
      l.sort((a, b) => (a.facts.storage ?? Infinity) - (b.facts.storage ?? Infinity) || byName(a.res, b.res));
    }
    for (const { e, cls } of pending) {
      const sel = readLabelSelector(e.res.yaml, e.res.at('spec', 'selector'));
      const hasSel = !!sel && !isEmptySelector(sel);
      const pv = buckets
        .get(cls)
        ?.find(
          (p) =>
            p.claims.length === 0 &&
            p.facts.storage !== undefined &&
            !bindMismatch(e.facts, [cls], p.facts) &&
            (!hasSel || matches(sel, labelsOf(p.res.yaml, p.res.at('metadata')))),
        );
      if (pv) {
        this.attach(e, pv, 'match');
        continue;
      }
      if (e.cls.problem) {
        e.problemNode = e.res.at('spec', 'storageClassName') ?? e.res.at('metadata', 'name');
        e.problem = e.cls.problem;
      } else if (pvsKnown && e.cls.res.how === 'none') {
        e.problem =
          'storageClassName is "" (no class): the claim is never provisioned, and no PersistentVolume without a class ' +
          'in the workspace matches it (size, access modes, volume mode). It stays Pending.';
        e.problemNode = e.res.at('spec', 'storageClassName');
      } else if (pvsKnown && hasSel) {
        e.problem =
          'The claim has a selector, so it is not dynamically provisioned, and no PersistentVolume in the workspace ' +
          'matches it (labels, class, size, access modes). It stays Pending.';
        e.problemNode = e.res.at('spec', 'selector');
      } else if (
        pvsKnown &&
        e.cls.res.sc &&
        str(e.cls.res.sc.yaml, e.cls.res.sc.at('provisioner')) === NO_PROVISIONER
      ) {
        e.problem =
          `StorageClass ${code(e.cls.res.name ?? '')} provisions nothing (\`${NO_PROVISIONER}\`) and no PersistentVolume of that ` +
          'class in the workspace matches this claim (size, access modes, volume mode). It stays Pending.';
        e.problemNode = e.res.at('spec', 'storageClassName') ?? e.res.at('metadata', 'name');
      }
    }
    for (const r of q.list('StatefulSet')) {
      const id = ctx.stsId(r);
      if (!id) continue;
      for (const claim of id.claims)
        if (claim.name) this.templates.push({ id, claim, cls: ctx.classInfo(claim.storageClassName) });
    }
    this.templates.sort(
      (a, b) =>
        byNsName(a.id.res, b.id.res) ||
        (a.claim.name ?? '').localeCompare(b.claim.name ?? '') ||
        a.claim.index - b.claim.index,
    );
  }

  private attach(e: ClaimEntry, pv: PvEntry, how: ClaimEntry['how']): void {
    e.pv = pv;
    e.how = how;
    pv.claims.push(e);
  }

  claim(res: Resource): ClaimEntry | undefined {
    return this.byClaim.get(res);
  }
}

/** The PV's volume source, briefly (`hostPath /mnt/data`, `csi ebs.csi.aws.com`). */
function pvSource(pv: Resource): string | undefined {
  const y = pv.yaml;
  const e = entries(y, pv.at('spec')).find(([k]) => !PV_SPEC_FIELD_SET.has(k));
  if (!e) return undefined;
  const [k, , v] = e;
  const s = (key: string) => scalarText(y, entries(y, v).find(([kk]) => kk === key)?.[2]);
  switch (k) {
    case 'hostPath':
    case 'local':
      return `${k} ${s('path') ?? '?'}`;
    case 'nfs':
      return `nfs ${s('server') ?? '?'}:${s('path') ?? '?'}`;
    case 'csi':
      return `csi ${s('driver') ?? '?'}`;
    default:
      return k;
  }
}

interface Group {
  key: string;
  node: TreeNode;
  pvs: PvEntry[];
  claims: ClaimEntry[];
  templates: TemplateEntry[];
}

/** User nodes of a claim: the pod templates naming it, and the StatefulSet whose template generates it. */
function claimUsers(ctx: TreeCtx, parentId: string, res: Resource): TreeNode[] {
  const name = res.name;
  if (!name) return [];
  const out: TreeNode[] = [];
  const users = [...ctx.claimUsers(res.namespace, name)].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.usage.pt.res.kind) - KIND_ORDER.indexOf(b.usage.pt.res.kind) ||
      byName(a.usage.pt.res, b.usage.pt.res) ||
      a.volume.index - b.volume.index,
  );
  for (const { usage, volume } of users) {
    const w = usage.pt.res;
    const uses = volume.name ? (usage.uses.get(volume.name) ?? []) : [];
    const id = `${parentId}/${w.kind}/${ctx.nameOf(w)}/volume/${volume.name ?? volume.index}`;
    const ref = claimNameOf(usage.pt, volume);
    out.push(
      mk({
        id,
        label: `${w.kind} ${ctx.nameOf(w)}`,
        description: facts(`volume ${volume.name ?? '?'}`, sharedText(uses), uses.length === 0 && 'not mounted'),
        tooltip: tip(`**${w.kind}** ${code(ctx.nameOf(w))} uses claim ${code(name)}`, [
          `pod volume ${code(volume.name ?? '?')}`,
          `namespace ${code(w.namespace)}`,
        ]),
        icon: workloadIcon(w.kind),
        kind: 'workload',
        location: ctx.loc(w, ref?.node ?? volume.nameNode ?? volume.node),
        children: useNodes(ctx, id, usage.pt, uses),
      }),
    );
  }
  const owner = ctx.generatedOwner(res.namespace, name);
  if (owner) out.push(templateUser(ctx, parentId, owner.id, owner.claim, owner));
  return out;
}

/**
 * A StatefulSet as the user of a claim template, with the containers mounting it: for one
 * replica's claim (`owner`) or for the template as a whole.
 */
function templateUser(
  ctx: TreeCtx,
  parentId: string,
  id: StatefulSetIdentity,
  claim: Claim,
  owner?: GeneratedClaim,
): TreeNode {
  const nodeId = `${parentId}/StatefulSet/${id.name}`;
  const usage = id.template ? ctx.usage(id.template) : undefined;
  const stale = owner && !owner.current;
  const uses = stale ? [] : (claim.name && usage?.uses.get(claim.name)) || [];
  const replicas = id.replicas;
  const pod = owner && podName(id.name, owner.ordinal);
  return mk({
    id: nodeId,
    label: `StatefulSet ${id.name}`,
    description: facts(
      `claim template ${claim.name}`,
      pod
        ? stale
          ? `no pod ${pod} at ${replicas ?? '?'} ${replicas === 1 ? 'replica' : 'replicas'}`
          : `pod ${pod}`
        : replicas !== undefined && `${replicas} ${replicas === 1 ? 'replica' : 'replicas'}`,
      sharedText(uses),
      !stale && uses.length === 0 && 'not mounted',
    ),
    tooltip: tip(
      `**StatefulSet** ${code(id.name)} creates one claim per replica from template ${code(claim.name ?? '?')}`,
      [
        pod && !stale && `this claim belongs to pod ${code(pod)}`,
        stale &&
          `ordinal ${owner.ordinal} is outside the current replicas: a claim left after scaling down (StatefulSet claims are kept unless persistentVolumeClaimRetentionPolicy says Delete); pod ${code(pod as string)} would use it again after scaling up`,
        `namespace ${code(id.namespace)}`,
      ],
    ),
    icon: 'layers',
    kind: 'workload',
    location: ctx.loc(id.res, claim.nameNode ?? claim.node),
    children: useNodes(ctx, nodeId, id.template, uses),
  });
}

function pvNode(ctx: TreeCtx, parentId: string, pv: PvEntry): TreeNode {
  const id = `${parentId}/PersistentVolume/${ctx.nameOf(pv.res)}`;
  const f = pv.facts;
  const policy = str(pv.res.yaml, pv.res.at('spec', 'persistentVolumeReclaimPolicy')) ?? 'Retain';
  const src = pvSource(pv.res);
  const ref = pv.facts.claimRef;
  const reservedMissing = !!ref && !ctx.q.get('PersistentVolumeClaim', ref.namespace ?? '', ref.name ?? '');
  return mk({
    id,
    label: ctx.nameOf(pv.res),
    description: facts(
      f.storageText,
      modesText(f.accessModes),
      policy,
      src,
      pv.claims.length === 0 &&
        (pv.reservedFor
          ? `reserved for ${pv.reservedFor}${reservedMissing ? ' (not in workspace)' : ''}`
          : 'available'),
    ),
    tooltip: tip(`**PersistentVolume** ${code(ctx.nameOf(pv.res))}`, [
      `capacity: ${f.storageText ?? '*not set*'}`,
      `accessModes: ${f.accessModes.join(', ') || '*none*'}`,
      `storageClassName: ${f.storageClassName ? code(f.storageClassName) : '*none*'}`,
      `volumeMode: ${f.volumeMode}`,
      `reclaimPolicy: ${policy}`,
      src && `source: ${src}`,
      pv.reservedFor && `claimRef: ${code(pv.reservedFor)}`,
    ]),
    icon: 'server',
    kind: 'pv',
    problem: pv.problem,
    location: ctx.loc(
      pv.res,
      pv.problem ? keyNode(pv.res.yaml, pv.res.at('spec'), 'claimRef') : pv.res.at('metadata', 'name'),
    ),
    children: pv.claims.map((c) => claimNode(ctx, id, c)),
  });
}

const HOW_TEXT: Record<string, string> = {
  volumeName: 'via volumeName',
  claimRef: 'via PV claimRef',
  match: 'binds by match',
};

function claimNode(ctx: TreeCtx, parentId: string, e: ClaimEntry): TreeNode {
  const res = e.res;
  const name = ctx.nameOf(res);
  const id = `${parentId}/PersistentVolumeClaim/${res.namespace}/${name}`;
  const users = claimUsers(ctx, id, res);
  const f = e.facts;
  return mk({
    id,
    label: name,
    description: facts(
      `ns ${res.namespace}`,
      f.storageText,
      modesText(f.accessModes),
      e.how ? HOW_TEXT[e.how] : e.cls.res.how === 'default' ? 'default class' : undefined,
      e.note,
      !e.pv && !e.note && !e.problem && 'provisioned',
      users.length === 0 && 'unused',
    ),
    tooltip: tip(`**PersistentVolumeClaim** ${code(name)} in ${code(res.namespace)}`, [
      `storage: ${f.storageText ?? '*not set*'}`,
      `accessModes: ${f.accessModes.join(', ') || '*none*'}`,
      `${e.cls.text}${e.cls.res.how === 'default' ? ' — storageClassName is not set, so the default class is written in' : ''}`,
      f.volumeMode !== 'Filesystem' && `volumeMode: ${f.volumeMode}`,
      e.pv && `bound to PersistentVolume ${code(ctx.nameOf(e.pv.res))} (${e.how ? HOW_TEXT[e.how] : ''})`,
      !e.pv && !e.problem && !f.volumeName && 'no PersistentVolume in the workspace matches: the class provisions one',
      users.length === 0 && 'no pod in the workspace uses this claim',
    ]),
    icon: 'database',
    kind: 'pvc',
    problem: e.problem,
    copy: res.name ? { pvcName: res.name } : undefined,
    location: ctx.loc(res, e.problemNode ?? res.at('metadata', 'name')),
    children: users,
  });
}

/** The storageClassName node of a claim template. */
export function templateClassNode(id: StatefulSetIdentity, claim: Claim): YNode | undefined {
  return id.res.at('spec', 'volumeClaimTemplates', claim.index, 'spec', 'storageClassName');
}

function templateNode(ctx: TreeCtx, parentId: string, t: TemplateEntry): TreeNode {
  const { id, claim } = t;
  const cname = claim.name as string;
  const id2 = `${parentId}/StatefulSet/${id.namespace}/${id.name}/claim/${cname}`;
  const n = id.replicas;
  const first = claimName(cname, id.name, id.start);
  const last = n ? claimName(cname, id.name, id.start + n - 1) : '';
  const label = !n ? `${cname}-${id.name}-<ordinal>` : n === 1 ? first : `${first}${n === 2 ? ', ' : ' … '}${last}`;
  return mk({
    id: id2,
    label,
    description: facts(
      `ns ${id.namespace}`,
      claim.storageText,
      modesText(claim.accessModes),
      t.cls.res.how === 'default' && 'default class',
      'claim template',
    ),
    tooltip: tip(`**Claim template** ${code(cname)} of StatefulSet ${code(id.name)} in ${code(id.namespace)}`, [
      `one claim per replica: ${code(`${cname}-${id.name}-<ordinal>`)}`,
      `storage: ${claim.storageText ?? '*not set*'}`,
      `accessModes: ${claim.accessModes.join(', ') || '*none*'}`,
      t.cls.text,
    ]),
    icon: 'database',
    kind: 'claimtemplate',
    problem: t.cls.problem,
    location: ctx.loc(id.res, (t.cls.problem && templateClassNode(id, claim)) || claim.nameNode || claim.node),
    children: [templateUser(ctx, id2, id, claim)],
  });
}

function scDescription(sc: Resource, chosenDefault: string | undefined): string {
  const y = sc.yaml;
  const mode = str(y, sc.at('volumeBindingMode'));
  const reclaim = str(y, sc.at('reclaimPolicy'));
  const def = isDefaultClass(sc)
    ? chosenDefault === sc.name
      ? 'default'
      : `default (overridden by ${chosenDefault})`
    : undefined;
  return facts(
    str(y, sc.at('provisioner')) ?? 'no provisioner',
    def,
    mode === 'WaitForFirstConsumer' && mode,
    reclaim === 'Retain' && 'Retain',
  );
}

/** The Cluster group: storage classes, volumes, claims and who uses them; undefined when the workspace has none. */
export function clusterGroup(ctx: TreeCtx, model: StorageModel): TreeNode | undefined {
  const { storageClasses, pvs, claims, templates } = model;
  if (!storageClasses.length && !pvs.length && !claims.length && !templates.length) return undefined;
  const root = '@cluster';
  const groups = new Map<string, Group>();
  const dflt = ctx.classInfo(undefined).res;
  const chosenDefault = dflt.how === 'default' ? dflt.name : undefined;
  const group = (key: string): Group => {
    let g = groups.get(key);
    if (g) return g;
    const [type, name] = key.includes(':')
      ? [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
      : [key, ''];
    const id = `${root}/${type === 'sc' ? 'StorageClass' : type}${name ? '/' + name : ''}`;
    let node: TreeNode;
    switch (type) {
      case 'sc': {
        const sc = ctx.q.get('StorageClass', '', name) as Resource;
        const y = sc.yaml;
        node = {
          id,
          label: name,
          description: scDescription(sc, chosenDefault),
          tooltip: tip(`**StorageClass** ${code(name)}`, [
            `provisioner: ${code(str(y, sc.at('provisioner')) ?? '')}`,
            isDefaultClass(sc) && 'default class: claims without storageClassName get it',
            `volumeBindingMode: ${str(y, sc.at('volumeBindingMode')) ?? 'Immediate'}`,
            `reclaimPolicy: ${str(y, sc.at('reclaimPolicy')) ?? 'Delete'}`,
            `allowVolumeExpansion: ${scalarText(y, sc.at('allowVolumeExpansion')) ?? 'false'}`,
          ]),
          icon: 'symbol-class',
          kind: 'storageclass',
          location: ctx.loc(sc, sc.at('metadata', 'name')),
        };
        break;
      }
      case 'known': {
        const builtIn = ctx.knownClasses.has(name) ? undefined : ctx.platform.classes.get(name);
        node = {
          id,
          label: name,
          description: builtIn ? `built-in class (${builtIn.join(', ')})` : 'cluster class (knownStorageClasses)',
          tooltip: tip(`**StorageClass** ${code(name)}`, [
            builtIn
              ? `not in the workspace; a StorageClass that ${builtIn.join(', ')} create${builtIn.length > 1 ? '' : 's'} by default (\`kubeStateful.platform\`)`
              : 'not in the workspace; listed in the `knownStorageClasses` setting as a class of the cluster',
          ]),
          icon: 'symbol-class',
          kind: 'storageclass-ref',
        };
        break;
      }
      case 'absent':
        node = {
          id,
          label: name,
          description: 'no StorageClass object',
          tooltip: tip(`**StorageClass** ${code(name)} (no object in the workspace)`, [
            'PersistentVolumes bind claims of the same class name; static binding needs no StorageClass object',
            !ctx.classesKnown &&
              "the workspace has no StorageClass objects, so the class is assumed to exist in the cluster: list the cluster's classes in the `knownStorageClasses` setting to check names",
          ]),
          icon: 'symbol-class',
          kind: 'storageclass-ref',
        };
        break;
      case 'none':
        node = {
          id,
          label: 'No class',
          description: 'storageClassName ""',
          tooltip: tip('**No class** (`storageClassName: ""`)', [
            'claims with an empty class bind only to PersistentVolumes without a class and are never provisioned',
          ]),
          icon: 'circle-slash',
          kind: 'storageclass-ref',
        };
        break;
      case 'unset':
        node = {
          id,
          label: 'Default class',
          description: 'storageClassName not set · the cluster default',
          tooltip: tip('**Default class**', [
            "these claims set no storageClassName: the cluster's default StorageClass is written in at creation",
            'no StorageClass in the workspace is marked `storageclass.kubernetes.io/is-default-class: "true"`',
            'if the cluster has no default class either, these claims get no class: they are not provisioned and bind only to PersistentVolumes without a class',
          ]),
          icon: 'symbol-class',
          kind: 'storageclass-ref',
        };
        break;
      default:
        node = {
          id,
          label: 'Unresolved',
          tooltip: tip('**Unresolved**', ['claims and claim templates whose StorageClass is not in the workspace']),
          icon: 'warning',
          kind: 'unresolved',
        };
    }
    g = { key, node, pvs: [], claims: [], templates: [] };
    groups.set(key, g);
    return g;
  };
  const seen = new Set<string>();
  for (const sc of storageClasses) {
    if (!sc.name || seen.has(sc.name)) continue;
    seen.add(sc.name);
    group(`sc:${sc.name}`);
  }
  for (const pv of pvs) {
    const c = pv.facts.storageClassName;
    group(
      c === '' ? 'none' : seen.has(c) ? `sc:${c}` : ctx.knownClasses.has(c) ? `known:${c}` : `absent:${c}`,
    ).pvs.push(pv);
  }
  for (const c of claims) if (!c.pv) group(c.cls.group).claims.push(c);
  for (const t of templates) group(t.cls.group).templates.push(t);

  const rank = (k: string) => ['sc', 'known', 'absent', 'none', 'unset', 'unresolved'].indexOf(k.split(':')[0]);
  const ordered = [...groups.values()].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
  const children = ordered.map((g) => {
    const id = g.node.id;
    const kids = [
      ...g.pvs.map((p) => pvNode(ctx, id, p)),
      ...g.claims.map((c) => claimNode(ctx, id, c)),
      ...g.templates.map((t) => templateNode(ctx, id, t)),
    ];
    const n = g.node;
    if (n.kind === 'unresolved') n.description = facts(`${kids.length} ${kids.length === 1 ? 'claim' : 'claims'}`);
    else if (!kids.length) n.description = facts(n.description, 'unused');
    n.children = kids;
    return mk(n);
  });
  const node: TreeNode = {
    id: root,
    label: 'Cluster',
    tooltip: tip('**Cluster-scoped storage**', [
      'StorageClass → PersistentVolume → PersistentVolumeClaim → workload → container mount',
      'claims bound to a volume are listed under it; other claims under the class that provisions them',
    ]),
    icon: 'cloud',
    kind: 'cluster',
    children,
  };
  node.description = facts(
    storageClasses.length > 0 &&
      `${storageClasses.length} ${storageClasses.length === 1 ? 'StorageClass' : 'StorageClasses'}`,
    pvs.length > 0 && `${pvs.length} ${pvs.length === 1 ? 'PV' : 'PVs'}`,
    claims.length > 0 && `${claims.length} ${claims.length === 1 ? 'PVC' : 'PVCs'}`,
    templates.length > 0 && `${templates.length} claim ${templates.length === 1 ? 'template' : 'templates'}`,
    problemsText(problemCount(node)),
  );
  return mk(node);
}
