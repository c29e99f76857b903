import { isMap } from '../yaml/predicates';
import type { ParsedDoc, YamlDoc } from '../yaml/parse';
import { at, items, nodeRange, str, YAMLMap, YNode } from '../yaml/nodes';
import { podLabelsOfTree } from '../k8s/podspec';

/** The path of a document's own object (shared: one empty array for every such resource). */
const NO_PREFIX: readonly (string | number)[] = Object.freeze([]);

/** A Kubernetes object: a YAML document (or an item of a `kind: List`) with string `apiVersion` and `kind`. */
export class Resource {
  /** kind/namespace/name, unique per object in a consistent workspace. */
  readonly key: string;
  /** Pod (template) labels of a workload, read when it was indexed (the label index's keys). */
  podLabels: readonly [string, string][] | undefined;
  /** A StatefulSet's `spec.serviceName` (non-empty string), read when it was indexed. */
  serviceName: string | undefined;

  constructor(
    readonly doc: ParsedDoc,
    readonly apiVersion: string,
    readonly kind: string,
    /** metadata.name, if a string. */
    readonly name: string | undefined,
    /** Effective namespace (metadata.namespace or the default namespace setting). */
    readonly namespace: string,
    readonly namespaceExplicit: boolean,
    /** Path from the document root to `root`: [] for a document, ['items', i] for an item of a `kind: List`. */
    readonly prefix: readonly (string | number)[] = NO_PREFIX,
  ) {
    // Joined, not a template literal: one flat string rather than a tree of pieces (memory).
    this.key = [kind, namespace, name ?? ''].join('/');
  }

  /** The object's map (from the syntax tree, parsed again if it was evicted). */
  get root(): YAMLMap {
    const y = this.doc.yaml;
    return (this.prefix.length ? at(y, y.contents as YNode, ...this.prefix) : y.contents) as YAMLMap;
  }

  get yaml(): YamlDoc {
    return this.doc.yaml;
  }

  get uri(): string {
    return this.doc.uri;
  }

  /** Node at a path under the object's root. */
  at(...path: (string | number)[]) {
    return at(this.doc.yaml, this.root, ...path);
  }

  /** Human label, e.g. `StatefulSet web (namespace default)`. */
  get label(): string {
    return `${this.kind} ${this.name ?? '<unnamed>'}`;
  }
}

/** Kinds whose objects are cluster-scoped: their namespace is ignored. */
export const CLUSTER_SCOPED = new Set([
  'PersistentVolume',
  'StorageClass',
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'Node',
  'PriorityClass',
  'VolumeAttributesClass',
  'CSIDriver',
  'VolumeSnapshotClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'IngressClass',
  'RuntimeClass',
  'APIService',
]);

/** What identifies a Kubernetes object, read once from its tree (and kept when the tree is evicted). */
export interface ResourceHead {
  apiVersion: string;
  kind: string;
  name: string | undefined;
  /** metadata.namespace as written ('' or undefined when absent). */
  namespace: string | undefined;
  /** Pod (template) labels of a workload, for the label index. */
  podLabels?: [string, string][];
  /** A StatefulSet's `spec.serviceName`, for the DNS name index. */
  serviceName?: string;
  /** Path to the object in its document: absent for the document itself, ['items', i] for a List item. */
  prefix?: (string | number)[];
}

/**
 * The objects of a document's tree: the document itself, or, for `kind: List` and the `*List`
 * kinds (`ServiceList`, …), each of its `items`, as kubectl applies them. An item of an `XList`
 * without `kind` is an `X` (and takes the list's apiVersion), as kubectl reads it.
 */
export function resourceHeads(y: YamlDoc): ResourceHead[] {
  const root = y.contents;
  if (!isMap(root)) return [];
  const apiVersion = str(y, at(y, root, 'apiVersion'));
  const kind = str(y, at(y, root, 'kind'));
  if (!apiVersion || !kind) return [];
  if (kind.endsWith('List') && at(y, root, 'items') !== undefined) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -4);
    const out: ResourceHead[] = [];
    items(y, at(y, root, 'items')).forEach((item, i) => {
      if (!isMap(item) || !nodeRange(item)) return;
      const h = headOf(y, item, itemKind, itemKind ? apiVersion : undefined);
      if (h) out.push({ ...h, prefix: ['items', i] });
    });
    return out;
  }
  const h = headOf(y, root);
  return h ? [h] : [];
}

function headOf(y: YamlDoc, root: YAMLMap, defaultKind?: string, defaultApiVersion?: string): ResourceHead | undefined {
  const apiVersion = str(y, at(y, root, 'apiVersion')) ?? defaultApiVersion;
  const kind = str(y, at(y, root, 'kind')) ?? defaultKind;
  if (!apiVersion || !kind) return undefined;
  const head: ResourceHead = {
    apiVersion,
    kind,
    name: str(y, at(y, root, 'metadata', 'name')),
    namespace: str(y, at(y, root, 'metadata', 'namespace')),
  };
  const labels = podLabelsOfTree(y, kind, root);
  if (labels) head.podLabels = [...labels];
  if (kind === 'StatefulSet') {
    const s = str(y, at(y, root, 'spec', 'serviceName'));
    if (s) head.serviceName = s;
  }
  return head;
}

/** Resources of a document whose heads are known (the tree is not read). */
export function resourcesFromHeads(
  doc: ParsedDoc,
  heads: readonly ResourceHead[] | undefined,
  defaultNamespace: string,
): Resource[] {
  if (doc.templated || !heads) return [];
  return heads.map((head) => {
    const clusterScoped = CLUSTER_SCOPED.has(head.kind);
    const namespace = clusterScoped ? '' : head.namespace || defaultNamespace;
    const r = new Resource(
      doc,
      head.apiVersion,
      head.kind,
      head.name,
      namespace,
      !clusterScoped && !!head.namespace,
      head.prefix ?? NO_PREFIX,
    );
    if (head.podLabels) r.podLabels = head.podLabels;
    if (head.serviceName) r.serviceName = head.serviceName;
    return r;
  });
}

/** The Kubernetes objects of a parsed document (see {@link resourceHeads}). */
export function toResources(doc: ParsedDoc, defaultNamespace: string): Resource[] {
  if (doc.templated) return [];
  return resourcesFromHeads(doc, resourceHeads(doc.yaml), defaultNamespace);
}

/** Resource for a parsed document, or undefined when it is not a Kubernetes object. */
export function toResource(doc: ParsedDoc, defaultNamespace: string): Resource | undefined {
  return toResources(doc, defaultNamespace)[0];
}

/** The resource of a file whose node holds `offset` (relative to `doc`): a List's item, or the document's. */
export function resourceAt(resources: readonly Resource[], doc: ParsedDoc, offset: number): Resource | undefined {
  for (const r of resources) {
    if (r.doc !== doc) continue;
    if (r.prefix.length === 0) return r;
    const range = nodeRange(r.root);
    if (range && offset >= range[0] && offset <= range[1]) return r;
  }
  return undefined;
}

/** Order of resources in a file: by document, then by List item. */
export function itemOrder(r: Resource): number {
  return typeof r.prefix[1] === 'number' ? r.prefix[1] : -1;
}

/**
 * A per-resource memo kept with the resource's syntax tree: when a closed file's tree is
 * evicted, the memoized values (which may hold its nodes) go with it.
 */
export function treeMemo<V>(compute: (res: Resource) => V): (res: Resource) => V {
  const cache = new WeakMap<YamlDoc, Map<Resource, V>>();
  return (res) => {
    const y = res.yaml;
    let m = cache.get(y);
    if (!m) cache.set(y, (m = new Map()));
    if (m.has(res)) return m.get(res) as V;
    const v = compute(res);
    m.set(res, v);
    return v;
  };
}
