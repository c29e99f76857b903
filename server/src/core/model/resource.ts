import { isMap } from 'yaml';
import type { ParsedDoc, YamlDoc } from '../yaml/parse';
import { at, str, YAMLMap } from '../yaml/nodes';

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
  if (doc.templated) return undefined;
  const root = doc.yaml.contents;
  if (!isMap(root)) return undefined;
  const y = doc.yaml;
  const apiVersion = str(y, at(y, root, 'apiVersion'));
  const kind = str(y, at(y, root, 'kind'));
  if (!apiVersion || !kind) return undefined;
  // `kind: List` wraps items; each item would need its own identity: not modelled.
  const name = str(y, at(y, root, 'metadata', 'name'));
  const nsRaw = str(y, at(y, root, 'metadata', 'namespace'));
  const clusterScoped = CLUSTER_SCOPED.has(kind);
  const namespace = clusterScoped ? '' : nsRaw || defaultNamespace;
  return new Resource(doc, root, apiVersion, kind, name, namespace, !clusterScoped && !!nsRaw);
}
