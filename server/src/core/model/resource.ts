import { isMap } from 'yaml';
import type { ParsedDoc, YamlDoc } from '../yaml/parse';
import { at, str, YAMLMap } from '../yaml/nodes';
import { podLabelsOfTree } from '../k8s/podspec';

/** A Kubernetes object: a YAML document with string `apiVersion` and `kind`. */
export class Resource {
  /** kind/namespace/name, unique per object in a consistent workspace. */
  readonly key: string;
  /** Pod (template) labels of a workload, read when it was indexed (the label index's keys). */
  podLabels: readonly [string, string][] | undefined;

  constructor(
    readonly doc: ParsedDoc,
    readonly apiVersion: string,
    readonly kind: string,
    /** metadata.name, if a string. */
    readonly name: string | undefined,
    /** Effective namespace (metadata.namespace or the default namespace setting). */
    readonly namespace: string,
    readonly namespaceExplicit: boolean,
  ) {
    this.key = `${kind}/${namespace}/${name ?? ''}`;
  }

  /** The document's root map (from the syntax tree, parsed again if it was evicted). */
  get root(): YAMLMap {
    return this.doc.yaml.contents as YAMLMap;
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

/** What identifies a Kubernetes object, read once from its tree (and kept when the tree is evicted). */
export interface ResourceHead {
  apiVersion: string;
  kind: string;
  name: string | undefined;
  /** metadata.namespace as written ('' or undefined when absent). */
  namespace: string | undefined;
  /** Pod (template) labels of a workload, for the label index. */
  podLabels?: [string, string][];
}

/** The identifying fields of a document's tree, or undefined when it is not a Kubernetes object. */
export function resourceHead(y: YamlDoc): ResourceHead | undefined {
  const root = y.contents;
  if (!isMap(root)) return undefined;
  const apiVersion = str(y, at(y, root, 'apiVersion'));
  const kind = str(y, at(y, root, 'kind'));
  if (!apiVersion || !kind) return undefined;
  // `kind: List` wraps items; each item would need its own identity: not modelled.
  const head: ResourceHead = { apiVersion, kind, name: str(y, at(y, root, 'metadata', 'name')), namespace: str(y, at(y, root, 'metadata', 'namespace')) };
  const labels = podLabelsOfTree(y, kind);
  if (labels) head.podLabels = [...labels];
  return head;
}

/** Resource for a document whose head is known (the tree is not read). */
export function resourceFromHead(doc: ParsedDoc, head: ResourceHead | undefined, defaultNamespace: string): Resource | undefined {
  if (doc.templated || !head) return undefined;
  const clusterScoped = CLUSTER_SCOPED.has(head.kind);
  const namespace = clusterScoped ? '' : head.namespace || defaultNamespace;
  const r = new Resource(doc, head.apiVersion, head.kind, head.name, namespace, !clusterScoped && !!head.namespace);
  if (head.podLabels) r.podLabels = head.podLabels;
  return r;
}

/** Resource for a parsed document, or undefined when it is not a Kubernetes object. */
export function toResource(doc: ParsedDoc, defaultNamespace: string): Resource | undefined {
  if (doc.templated) return undefined;
  return resourceFromHead(doc, resourceHead(doc.yaml), defaultNamespace);
}
