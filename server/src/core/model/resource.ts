import { isMap } from 'yaml';
import type { ParsedDoc, YamlDoc } from '../yaml/parse';
import { at, items, nodeRange, str, YAMLMap } from '../yaml/nodes';

/** A Kubernetes object: a YAML document with string `apiVersion` and `kind`. */
export class Resource {
  /** kind/namespace/name, unique per object in a consistent workspace. */
  readonly key: string;

  constructor(
    readonly doc: ParsedDoc,
    readonly root: YAMLMap,
    readonly apiVersion: string,
    readonly kind: string,
    /** metadata.name, if a string. */
    readonly name: string | undefined,
    /** Effective namespace (metadata.namespace or the default namespace setting). */
    readonly namespace: string,
    readonly namespaceExplicit: boolean,
    /** Path from the document root to `root`: [] for a document, ['items', i] for an item of a `kind: List`. */
    readonly prefix: readonly (string | number)[] = [],
  ) {
    this.key = `${kind}/${namespace}/${name ?? ''}`;
  }

  get yaml(): YamlDoc {
    return this.doc.yaml;
  }

  get uri(): string {
    return this.doc.uri;
  }

  /** Node at a path under the document root. */
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

/** Resource for a parsed document, or undefined when it is not a Kubernetes object. */
export function toResource(doc: ParsedDoc, defaultNamespace: string): Resource | undefined {
  return toResources(doc, defaultNamespace)[0];
}

/**
 * The Kubernetes objects of a parsed document: the document itself, or, for `kind: List` and
 * the `*List` kinds (`ServiceList`, …), each of its `items`, as kubectl applies them. An item of
 * an `XList` without `kind` is an `X` (and takes the list's apiVersion), as kubectl reads it.
 */
export function toResources(doc: ParsedDoc, defaultNamespace: string): Resource[] {
  if (doc.templated) return [];
  const root = doc.yaml.contents;
  if (!isMap(root)) return [];
  const y = doc.yaml;
  const apiVersion = str(y, at(y, root, 'apiVersion'));
  const kind = str(y, at(y, root, 'kind'));
  if (!apiVersion || !kind) return [];
  if (kind.endsWith('List') && at(y, root, 'items') !== undefined) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -4);
    const out: Resource[] = [];
    items(y, at(y, root, 'items')).forEach((item, i) => {
      if (!isMap(item) || !nodeRange(item)) return;
      const r = make(doc, item, defaultNamespace, itemKind, itemKind ? apiVersion : undefined, ['items', i]);
      if (r) out.push(r);
    });
    return out;
  }
  const r = make(doc, root, defaultNamespace);
  return r ? [r] : [];
}

function make(
  doc: ParsedDoc,
  root: YAMLMap,
  defaultNamespace: string,
  defaultKind?: string,
  defaultApiVersion?: string,
  prefix: (string | number)[] = [],
): Resource | undefined {
  const y = doc.yaml;
  const apiVersion = str(y, at(y, root, 'apiVersion')) ?? defaultApiVersion;
  const kind = str(y, at(y, root, 'kind')) ?? defaultKind;
  if (!apiVersion || !kind) return undefined;
  const name = str(y, at(y, root, 'metadata', 'name'));
  const nsRaw = str(y, at(y, root, 'metadata', 'namespace'));
  const clusterScoped = CLUSTER_SCOPED.has(kind);
  const namespace = clusterScoped ? '' : nsRaw || defaultNamespace;
  return new Resource(doc, root, apiVersion, kind, name, namespace, !clusterScoped && !!nsRaw, prefix);
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
