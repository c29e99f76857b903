/**
 * The workspace-wide name sets that DNS names in values are interpreted against, kept up to
 * date by the workspace as resources are indexed and unindexed (never rebuilt by a scan):
 * which names StatefulSets give as `serviceName`, and which namespaces the workspace models
 * (a Namespace object, or a Service, StatefulSet, Deployment or ConfigMap that sets its
 * namespace explicitly). Services and StatefulSets by name come from the workspace's
 * kind + name index.
 */
import type { Resource } from './resource';

/** Kinds whose explicit namespace makes the namespace known. */
export const NAMESPACE_KINDS: readonly string[] = ['Service', 'StatefulSet', 'Deployment', 'ConfigMap'];
const NS_KIND_SET = new Set(NAMESPACE_KINDS);

export class DnsNameSets {
  /** serviceName → how many named StatefulSets give it. */
  private readonly governedCount = new Map<string, number>();
  /** namespace → how many objects make it known. */
  private readonly namespaceCount = new Map<string, number>();

  /** Whether some named StatefulSet gives `svc` as its serviceName. */
  governs(svc: string): boolean {
    return this.governedCount.has(svc);
  }

  /** Whether the workspace models namespace `ns`. */
  namespaceKnown(ns: string): boolean {
    return this.namespaceCount.has(ns);
  }

  add(r: Resource): void {
    this.update(r, 1);
  }

  delete(r: Resource): void {
    this.update(r, -1);
  }

  private update(r: Resource, by: 1 | -1): void {
    if (r.kind === 'StatefulSet' && r.name && r.serviceName) count(this.governedCount, r.serviceName, by);
    if (r.kind === 'Namespace' && r.name) count(this.namespaceCount, r.name, by);
    if (r.namespaceExplicit && NS_KIND_SET.has(r.kind)) count(this.namespaceCount, r.namespace, by);
  }
}

function count(m: Map<string, number>, key: string, by: 1 | -1): void {
  const n = (m.get(key) ?? 0) + by;
  if (n > 0) m.set(key, n);
  else m.delete(key);
}
