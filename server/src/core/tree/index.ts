/**
 * The storage-relationship tree: plain data the client renders as is (it holds no
 * Kubernetes knowledge). A "Cluster" group holds the storage chain StorageClass →
 * PersistentVolume → claim → workload → container mount; one group per namespace holds
 * its workloads: StatefulSets with their Service, claim templates, replica claims and pods,
 * and every pod template with its volumes and the containers mounting them.
 */
import type { Ide } from '../ide';
import type { Range } from '../positions';
import type { Resource } from '../model/resource';
import { num, scalarText, str } from '../yaml/nodes';
import {
  byName,
  code,
  facts,
  KIND_ORDER,
  mk,
  PodTemplate,
  problemCount,
  problemsText,
  tip,
  TreeCtx,
  workloadIcon,
} from './context';
import { statefulSetNode } from './statefulset';
import { clusterGroup, StorageModel } from './storage';
import { volumeNodes } from './volumes';

/** A node of the storage-relationship tree; plain data sent to the client as is. */
export interface TreeNode {
  /** Stable id (survives refreshes while the node's identity does). */
  id: string;
  label: string;
  description?: string;
  /** Markdown tooltip. */
  tooltip?: string;
  /** Codicon id, e.g. `database`, `server`, `warning`. */
  icon?: string;
  /** Something is unresolved or wrong here (shown with a warning icon). */
  problem?: string;
  /** Where clicking takes the user. */
  location?: { uri: string; range: Range };
  /** Context value for menus, e.g. `pod`, `pvc`, `statefulset`. */
  kind?: string;
  /** Text the copy commands use (pod FQDN, PVC name, DNS check command). */
  copy?: { podDns?: string; pvcName?: string; dnsCheck?: string };
  children?: TreeNode[];
}

/** Resources ordered by workload kind, then name, then place in the workspace. */
function byKindName(a: Resource, b: Resource): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byName(a, b);
}

/** Short facts about a workload other than a StatefulSet. */
function workloadFacts(res: Resource): string | undefined {
  const y = res.yaml;
  switch (res.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController': {
      const n = res.at('spec', 'replicas') ? num(y, res.at('spec', 'replicas')) : 1;
      return n === undefined ? undefined : `${n} ${n === 1 ? 'replica' : 'replicas'}`;
    }
    case 'CronJob': {
      const s = str(y, res.at('spec', 'schedule'));
      return s ? `schedule ${s}` : undefined;
    }
    case 'Job': {
      const c = scalarText(y, res.at('spec', 'completions'));
      return c ? `${c} completions` : undefined;
    }
    default:
      return undefined;
  }
}

function workloadNode(ctx: TreeCtx, storage: StorageModel, pt: PodTemplate): TreeNode {
  const res = pt.res;
  const id = `${res.namespace}/${res.kind}/${ctx.nameOf(res)}`;
  if (res.kind === 'StatefulSet') {
    const s = statefulSetNode(ctx, storage, res, id);
    if (s) return s;
  }
  const usage = ctx.usage(pt);
  const node: TreeNode = {
    id,
    label: ctx.nameOf(res),
    tooltip: tip(`**${res.kind}** ${code(ctx.nameOf(res))} in ${code(res.namespace)}`, [
      `${usage.volumes.length} ${usage.volumes.length === 1 ? 'volume' : 'volumes'}`,
      `${usage.containers.length} ${usage.containers.length === 1 ? 'container' : 'containers'}`,
    ]),
    icon: workloadIcon(res.kind),
    kind: 'workload',
    location: ctx.loc(res, res.at('metadata', 'name')),
    children: volumeNodes(ctx, storage, id, usage),
  };
  node.description = facts(
    res.kind,
    workloadFacts(res),
    usage.volumes.length === 0 && 'no volumes',
    problemsText(problemCount(node)),
  );
  return mk(node);
}

/** Give every node an id unique in the whole tree (duplicate resources share a natural id). */
function uniqueIds(nodes: TreeNode[], seen = new Set<string>()): void {
  for (const n of nodes) {
    if (seen.has(n.id)) {
      let i = 2;
      while (seen.has(`${n.id}~${i}`)) i++;
      const old = n.id;
      n.id = `${old}~${i}`;
      // Keep children under the renamed parent.
      const rename = (ns: TreeNode[]) => {
        for (const c of ns) {
          if (c.id.startsWith(old + '/')) c.id = n.id + c.id.slice(old.length);
          rename(c.children ?? []);
        }
      };
      rename(n.children ?? []);
    }
    seen.add(n.id);
    uniqueIds(n.children ?? [], seen);
  }
}

/** The storage-relationship tree grouped by namespace; [] when there is nothing to show. */
export function buildTree(ide: Ide): TreeNode[] {
  const ctx = new TreeCtx(ide.ws);
  const storage = new StorageModel(ctx);
  const out: TreeNode[] = [];
  const cluster = clusterGroup(ctx, storage);
  if (cluster) out.push(cluster);
  const byNs = new Map<string, PodTemplate[]>();
  for (const pt of ctx.podTemplates()) {
    const l = byNs.get(pt.res.namespace);
    if (l) l.push(pt);
    else byNs.set(pt.res.namespace, [pt]);
  }
  for (const ns of [...byNs.keys()].sort()) {
    const children = byNs
      .get(ns)!
      .sort((a, b) => byKindName(a.res, b.res))
      .map((pt) => workloadNode(ctx, storage, pt));
    const node: TreeNode = {
      id: ns,
      label: ns,
      tooltip: tip(`**Namespace** ${code(ns)}`, [
        `${children.length} ${children.length === 1 ? 'workload' : 'workloads'}`,
      ]),
      icon: 'symbol-namespace',
      kind: 'namespace',
      children,
    };
    node.description = facts(
      `${children.length} ${children.length === 1 ? 'workload' : 'workloads'}`,
      problemsText(problemCount(node)),
    );
    out.push(mk(node));
  }
  uniqueIds(out);
  return out;
}
