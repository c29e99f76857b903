import type { Resource } from '../model/resource';
import type { YamlDoc } from '../yaml/parse';
import { at, child, entries, items, str, YNode } from '../yaml/nodes';
import { labelsOf } from './selector';

/** Kinds that carry a pod template, with the path to it. */
const TEMPLATE_PATHS: Record<string, (string | number)[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export const WORKLOAD_KINDS = new Set(['Pod', ...Object.keys(TEMPLATE_PATHS)]);

export interface PodTemplate {
  res: Resource;
  /** The pod's metadata node (the template's, or the Pod's own). */
  metadata?: YNode;
  /** The PodSpec node. */
  spec?: YNode;
  /** YAML path of the PodSpec, for messages (`spec.template.spec`). */
  specPath: string;
  labels: Map<string, string>;
}

/**
 * Memoized per object: resources, their documents and nodes are immutable, so derived views
 * are computed once and shared by every rule, hover and the tree (results are frozen).
 */
const templateCache = new WeakMap<YamlDoc, { res: Resource; v: PodTemplate | null }>();
const containerCache = new WeakMap<PodTemplate, readonly ContainerInfo[]>();
const volumeCache = new WeakMap<PodTemplate, readonly VolumeInfo[]>();
const mountCache = new WeakMap<ContainerInfo, readonly MountInfo[]>();

function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    if (Array.isArray(v)) Object.freeze(v);
    cache.set(key, v);
  }
  return v;
}

export function podTemplateOf(res: Resource): PodTemplate | undefined {
  // Keyed by the syntax tree (not the resource): when a closed file's tree is evicted, the
  // views of its nodes go with it.
  const y = res.yaml;
  let e = templateCache.get(y);
  if (!e || e.res !== res) templateCache.set(y, (e = { res, v: computePodTemplate(res) ?? null }));
  return e.v ?? undefined;
}

/**
 * The pod labels of a workload's tree (what `podTemplateOf(res).labels` gives), for the
 * workspace's label index; undefined for kinds without pods.
 */
export function podLabelsOfTree(
  y: YamlDoc,
  kind: string,
  root: YNode = y.contents as YNode,
): Map<string, string> | undefined {
  if (kind === 'Pod') return labelsOf(y, at(y, root, 'metadata'));
  const path = TEMPLATE_PATHS[kind];
  if (!path) return undefined;
  const tpl = at(y, root, ...path);
  return labelsOf(y, at(y, tpl, 'metadata'));
}

function computePodTemplate(res: Resource): PodTemplate | undefined {
  const y = res.yaml;
  if (res.kind === 'Pod') {
    const metadata = res.at('metadata');
    return { res, metadata, spec: res.at('spec'), specPath: 'spec', labels: labelsOf(y, metadata) };
  }
  const path = TEMPLATE_PATHS[res.kind];
  if (!path) return undefined;
  const tpl = res.at(...path);
  const metadata = at(y, tpl, 'metadata');
  return {
    res,
    metadata,
    spec: at(y, tpl, 'spec'),
    specPath: [...path, 'spec'].join('.'),
    labels: labelsOf(y, metadata),
  };
}

export interface ContainerInfo {
  node: YNode;
  name: string | undefined;
  /** containers | initContainers | ephemeralContainers */
  group: string;
  index: number;
}

export function containersOf(pt: PodTemplate): readonly ContainerInfo[] {
  return memo(containerCache, pt, () => computeContainers(pt));
}

function computeContainers(pt: PodTemplate): ContainerInfo[] {
  const y = pt.res.yaml;
  const out: ContainerInfo[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers']) {
    items(y, child(y, pt.spec, group)).forEach((node, index) => {
      out.push({ node, name: str(y, child(y, node, 'name')), group, index });
    });
  }
  return out;
}

export interface MountInfo {
  container: ContainerInfo;
  node: YNode;
  name: string | undefined;
  nameNode?: YNode;
  mountPath: string | undefined;
  index: number;
}

export function mountsOf(pt: PodTemplate, c: ContainerInfo): readonly MountInfo[] {
  return memo(mountCache, c, () => computeMounts(pt, c));
}

function computeMounts(pt: PodTemplate, c: ContainerInfo): MountInfo[] {
  const y = pt.res.yaml;
  return items(y, child(y, c.node, 'volumeMounts')).map((node, index) => ({
    container: c,
    node,
    name: str(y, child(y, node, 'name')),
    nameNode: child(y, node, 'name'),
    mountPath: str(y, child(y, node, 'mountPath')),
    index,
  }));
}

export interface VolumeInfo {
  node: YNode;
  name: string | undefined;
  nameNode?: YNode;
  /** Volume source keys present (emptyDir, persistentVolumeClaim, …). */
  sources: string[];
  index: number;
}

export function volumesOf(pt: PodTemplate): readonly VolumeInfo[] {
  return memo(volumeCache, pt, () => computeVolumes(pt));
}

function computeVolumes(pt: PodTemplate): VolumeInfo[] {
  const y = pt.res.yaml;
  return items(y, child(y, pt.spec, 'volumes')).map((node, index) => ({
    node,
    name: str(y, child(y, node, 'name')),
    nameNode: child(y, node, 'name'),
    sources: entries(y, node)
      .map(([k]) => k)
      .filter((k) => k !== 'name'),
    index,
  }));
}

/** The claimName of a persistentVolumeClaim volume. */
export function claimNameOf(pt: PodTemplate, v: VolumeInfo): { name?: string; node?: YNode } | undefined {
  const y = pt.res.yaml;
  const pvc = child(y, v.node, 'persistentVolumeClaim');
  if (!pvc) return undefined;
  const node = child(y, pvc, 'claimName');
  return { name: str(y, node), node };
}
