/**
 * What every part of the tree needs: the query, locations, and the indexes built once per
 * tree (pod templates, who uses which claim, which StatefulSet generates which claim name),
 * so that no part scans the workspace per node.
 */
import { spanOf } from '../findings';
import { toLspRange } from '../convert';
import { platformClasses, PlatformClasses } from '../k8s/platforms';
import { closest } from '../k8s/suggest';
import {
  containersOf,
  ContainerInfo,
  podTemplateOf,
  PodTemplate,
  volumesOf,
  VolumeInfo,
  WORKLOAD_KINDS,
  claimNameOf,
} from '../k8s/podspec';
import type { Claim } from '../model/claims';
import { ClassResolution, resolveClass } from '../model/storage-class';
import { claimName, statefulSetIdentity, StatefulSetIdentity } from '../model/identity';
import { volumeFacts } from '../model/binding';
import { Query } from '../model/query';
import { itemOrder, type Resource } from '../model/resource';
import type { Workspace } from '../model/workspace';
import type { Settings } from '../settings';
import { bool, child, items, str, YNode } from '../yaml/nodes';
import type { TreeNode } from './index';

/** Children shown under one node before a "… N more" node. */
export const MAX_CHILDREN = 50;

/** Workload kinds in the order they are listed in a namespace. */
export const KIND_ORDER = [
  'StatefulSet',
  'Deployment',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Pod',
  'PodTemplate',
];

/** One container's use of a volume: a volumeMount (or a volumeDevice for block claims). */
export interface Use {
  container: ContainerInfo;
  node: YNode;
  name: string | undefined;
  nameNode?: YNode;
  device: boolean;
  /** mountPath (devicePath for devices). */
  path: string | undefined;
  pathNode?: YNode;
  readOnly: boolean;
  subPath?: string;
  subPathExpr?: string;
  index: number;
}

/** A pod template with its containers, volumes and volume uses read once. */
export interface PodUsage {
  pt: PodTemplate;
  containers: readonly ContainerInfo[];
  volumes: readonly VolumeInfo[];
  /** Uses by volume name, in container order. */
  uses: Map<string, Use[]>;
  /** Uses without a volume name. */
  unnamed: Use[];
}

/** Where a claim's (or a claim template's) StorageClass leads, as the tree shows it. */
export interface ClassInfo {
  res: ClassResolution;
  /** Cluster-group bucket: `sc:<name>`, `known:<name>`, `absent:<name>`, `none`, `unset` or `unresolved`. */
  group: string;
  /** Short text for descriptions. */
  text: string;
  /** Set when the class cannot be resolved while the workspace knows the classes. */
  problem?: string;
}

export interface GeneratedClaim {
  id: StatefulSetIdentity;
  claim: Claim;
  ordinal: number;
  /** The ordinal is within the current replicas. */
  current: boolean;
}

const ACCESS_MODE_ABBR: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

/** Access modes as kubectl abbreviates them (`RWO,RWX`). */
export function modesText(modes: string[]): string {
  return modes.map((m) => ACCESS_MODE_ABBR[m] ?? m).join(',');
}

/** Place in the workspace: file, then document. The last tie-breaker of every sort. */
export function byLocation(a: Resource, b: Resource): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.doc.index - b.doc.index || itemOrder(a) - itemOrder(b);
}

export const byName = (a: Resource, b: Resource) => (a.name ?? '').localeCompare(b.name ?? '') || byLocation(a, b);
export const byNsName = (a: Resource, b: Resource) => a.namespace.localeCompare(b.namespace) || byName(a, b);

/** Short facts joined for a description. */
export function facts(...parts: (string | false | undefined | null)[]): string {
  return parts.filter((p): p is string => !!p).join(' · ');
}

/** A markdown tooltip: a title line and a list of facts. */
export function tip(title: string, lines: (string | false | undefined | null)[] = []): string {
  const l = lines.filter((p): p is string => !!p);
  return l.length ? `${title}\n\n${l.map((x) => `- ${x}`).join('\n')}` : title;
}

/** Markdown inline code, safe for names containing backticks. */
export function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

/**
 * Finish a node: a problem shows the warning icon; no empty child lists. The problem text is
 * not copied into the tooltip: the client appends it below the tooltip.
 */
export function mk(n: TreeNode): TreeNode {
  if (n.problem) n.icon = 'warning';
  if (n.children && n.children.length === 0) delete n.children;
  return n;
}

/** The first MAX_CHILDREN children, then a "… N more" node. */
export function capped<T>(
  parentId: string,
  all: readonly T[],
  render: (t: T) => TreeNode,
  noun: string,
  total = all.length,
): TreeNode[] {
  const out = all.slice(0, MAX_CHILDREN).map(render);
  const rest = total - out.length;
  if (rest > 0) out.push(moreNode(parentId, rest, noun));
  return out;
}

export function moreNode(parentId: string, rest: number, noun: string): TreeNode {
  return {
    id: `${parentId}/…more`,
    label: `… ${rest} more`,
    description: noun,
    tooltip: `${rest} more ${noun} are not listed (the tree shows the first ${MAX_CHILDREN}).`,
    icon: 'ellipsis',
    kind: 'more',
  };
}

/** Problems in a subtree (the node itself included). */
export function problemCount(n: TreeNode): number {
  let c = n.problem ? 1 : 0;
  for (const ch of n.children ?? []) c += problemCount(ch);
  return c;
}

export function problemsText(n: number): string | undefined {
  return n ? `⚠ ${n} problem${n === 1 ? '' : 's'}` : undefined;
}

/** Codicon for a workload kind. */
export function workloadIcon(kind: string): string {
  switch (kind) {
    case 'StatefulSet':
      return 'layers';
    case 'Pod':
      return 'server-process';
    case 'Job':
    case 'CronJob':
      return 'clock';
    default:
      return 'package';
  }
}

export class TreeCtx {
  readonly q: Query;
  readonly settings: Settings;
  readonly knownClasses: Set<string>;
  private readonly storageClasses: Resource[];
  private readonly usageCache = new Map<PodTemplate, PodUsage>();
  private readonly idCache = new Map<Resource, StatefulSetIdentity | undefined>();
  private templatesValue?: PodTemplate[];
  private claimUsersValue?: Map<string, { usage: PodUsage; volume: VolumeInfo }[]>;
  private generatedValue?: Map<string, { id: StatefulSetIdentity; claim: Claim }[]>;
  private readonly pvcNames = new Map<string, string[]>();
  private pvClassesValue?: Set<string>;

  constructor(readonly ws: Workspace) {
    this.q = new Query(ws);
    this.settings = ws.settings;
    this.knownClasses = new Set(this.settings.knownStorageClasses);
    this.storageClasses = this.q.list('StorageClass');
    this.platform = platformClasses(
      this.settings.platform,
      this.storageClasses.map((c) => str(c.yaml, c.at('provisioner')) ?? ''),
    );
  }

  /** Built-in StorageClasses of the platform(s) (kubeStateful.platform). */
  readonly platform: PlatformClasses;

  /** Class names carried by PersistentVolumes in the workspace. */
  pvClasses(): Set<string> {
    this.pvClassesValue ??= new Set(this.q.list('PersistentVolume').map((pv) => volumeFacts(pv).storageClassName));
    return this.pvClassesValue;
  }

  /** The workspace says which StorageClasses exist (objects, or the knownStorageClasses setting). */
  get classesKnown(): boolean {
    return this.storageClasses.length > 0 || this.knownClasses.size > 0 || this.platform.how === 'setting';
  }

  /** Where clicking a node goes: a node of a resource (its `kind` value when absent). */
  loc(res: Resource, node?: YNode): TreeNode['location'] {
    const file = this.ws.file(res.uri);
    if (!file) return undefined;
    return { uri: res.uri, range: toLspRange(file, spanOf(res.doc, node, res)) };
  }

  /** The resource's name for labels. */
  nameOf(res: Resource): string {
    return res.name ?? '<unnamed>';
  }

  stsId(res: Resource): StatefulSetIdentity | undefined {
    if (!this.idCache.has(res)) this.idCache.set(res, statefulSetIdentity(res));
    return this.idCache.get(res);
  }

  /** Pod templates of every workload kind, in every namespace. */
  podTemplates(): PodTemplate[] {
    if (!this.templatesValue) {
      this.templatesValue = [];
      for (const kind of KIND_ORDER) {
        if (!WORKLOAD_KINDS.has(kind)) continue;
        for (const r of this.q.list(kind)) {
          const pt = podTemplateOf(r);
          if (pt) this.templatesValue.push(pt);
        }
      }
    }
    return this.templatesValue;
  }

  usage(pt: PodTemplate): PodUsage {
    let u = this.usageCache.get(pt);
    if (u) return u;
    const y = pt.res.yaml;
    const containers = containersOf(pt);
    const uses = new Map<string, Use[]>();
    const unnamed: Use[] = [];
    const add = (use: Use) => {
      if (use.name === undefined) return unnamed.push(use);
      const l = uses.get(use.name);
      if (l) l.push(use);
      else uses.set(use.name, [use]);
    };
    for (const c of containers) {
      items(y, child(y, c.node, 'volumeMounts')).forEach((node, index) => {
        const nameNode = child(y, node, 'name');
        const pathNode = child(y, node, 'mountPath');
        add({
          container: c,
          node,
          name: str(y, nameNode),
          nameNode,
          device: false,
          path: str(y, pathNode),
          pathNode,
          readOnly: bool(y, child(y, node, 'readOnly')) === true,
          subPath: str(y, child(y, node, 'subPath')) || undefined,
          subPathExpr: str(y, child(y, node, 'subPathExpr')) || undefined,
          index,
        });
      });
      items(y, child(y, c.node, 'volumeDevices')).forEach((node, index) => {
        const nameNode = child(y, node, 'name');
        const pathNode = child(y, node, 'devicePath');
        add({
          container: c,
          node,
          name: str(y, nameNode),
          nameNode,
          device: true,
          path: str(y, pathNode),
          pathNode,
          readOnly: false,
          index,
        });
      });
    }
    u = { pt, containers, volumes: volumesOf(pt), uses, unnamed };
    this.usageCache.set(pt, u);
    return u;
  }

  /** Pod volumes naming a claim, by `namespace|claimName`. */
  claimUsers(namespace: string, claim: string): { usage: PodUsage; volume: VolumeInfo }[] {
    if (!this.claimUsersValue) {
      const m = new Map<string, { usage: PodUsage; volume: VolumeInfo }[]>();
      for (const pt of this.podTemplates()) {
        const usage = this.usage(pt);
        for (const volume of usage.volumes) {
          const c = claimNameOf(pt, volume)?.name;
          if (!c) continue;
          const k = `${pt.res.namespace}|${c}`;
          const l = m.get(k);
          if (l) l.push({ usage, volume });
          else m.set(k, [{ usage, volume }]);
        }
      }
      this.claimUsersValue = m;
    }
    return this.claimUsersValue.get(`${namespace}|${claim}`) ?? [];
  }

  /** The StatefulSet and claim template whose replica claim has this name (`<claim>-<sts>-<ordinal>`). */
  generatedOwner(namespace: string, pvcName: string): GeneratedClaim | undefined {
    if (!this.generatedValue) {
      const m = new Map<string, { id: StatefulSetIdentity; claim: Claim }[]>();
      for (const r of this.q.list('StatefulSet').sort(byLocation)) {
        const id = this.stsId(r);
        if (!id) continue;
        for (const claim of id.claims) {
          if (!claim.name) continue;
          // claimName(c, sts, N) = `${c}-${sts}-N`: index the part before `-N`.
          const base = claimName(claim.name, id.name, 0).slice(0, -2);
          const k = `${id.namespace}|${base}`;
          const l = m.get(k);
          if (l) l.push({ id, claim });
          else m.set(k, [{ id, claim }]);
        }
      }
      this.generatedValue = m;
    }
    const match = /^(.*)-(0|[1-9][0-9]*)$/.exec(pvcName);
    if (!match) return undefined;
    const owner = this.generatedValue.get(`${namespace}|${match[1]}`)?.[0];
    if (!owner) return undefined;
    const ordinal = Number(match[2]);
    const replicas = owner.id.replicas ?? 0;
    return { ...owner, ordinal, current: ordinal >= owner.id.start && ordinal < owner.id.start + replicas };
  }

  /** A "did you mean" hint among the PVC names of a namespace. */
  claimHint(namespace: string, name: string): string {
    let names = this.pvcNames.get(namespace);
    if (!names) {
      names = this.q.list('PersistentVolumeClaim', namespace).map((r) => r.name ?? '');
      this.pvcNames.set(namespace, names);
    }
    const c = closest(name, names.filter(Boolean));
    return c ? ` Did you mean ${code(c)}?` : '';
  }

  /** The class a claim (or claim template) ends up with, and where the cluster group lists it. */
  classInfo(explicit: string | undefined, annotation?: string): ClassInfo {
    return this.classInfoOf(resolveClass(this.q, explicit, annotation));
  }

  /** How the tree shows a class resolution (see `resolveClass`). */
  classInfoOf(res: ClassResolution): ClassInfo {
    const name = res.name;
    switch (res.how) {
      case 'none':
        return { res, group: 'none', text: 'no class' };
      case 'default':
        return { res, group: `sc:${name}`, text: `class ${name} (default)` };
      case 'explicit': {
        const n = name as string;
        if (res.sc) return { res, group: `sc:${n}`, text: `class ${n}` };
        if (this.knownClasses.has(n)) return { res, group: `known:${n}`, text: `class ${n} (cluster)` };
        const builtIn = this.platform.classes.get(n);
        if (builtIn) return { res, group: `known:${n}`, text: `class ${n} (${builtIn.join(', ')})` };
        // Static provisioning: a PV of that class needs no StorageClass object (e.g. "manual").
        if (!this.classesKnown || this.pvClasses().has(n)) return { res, group: `absent:${n}`, text: `class ${n}` };
        const names = [...this.storageClasses.map((s) => s.name ?? ''), ...this.knownClasses].filter(Boolean);
        const near = closest(n, names);
        return {
          res,
          group: 'unresolved',
          text: `class ${n} (missing)`,
          problem:
            `No StorageClass ${code(n)} in the workspace${this.knownClasses.size ? ' or in knownStorageClasses' : ''}: ` +
            `the claim stays Pending.${near ? ` Did you mean ${code(near)}?` : ''} Create the StorageClass, correct storageClassName, ` +
            "or list the cluster's classes in the `knownStorageClasses` setting.",
        };
      }
      default:
        // Unset and no default class in the workspace: the cluster's default class (which the
        // workspace does not show) is written in. Not a problem: most clusters have one.
        return { res, group: 'unset', text: 'default class' };
    }
  }
}

export type { ContainerInfo, PodTemplate, VolumeInfo };
