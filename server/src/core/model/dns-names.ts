/**
 * The workspace-wide name sets that DNS names in values are interpreted against, kept up to
 * date by the workspace as resources are indexed and unindexed (never rebuilt by a scan):
 * which names StatefulSets give as `serviceName`, and which namespaces the workspace models
 * (a Namespace object, or a Service, StatefulSet, Deployment or ConfigMap that sets its
 * namespace explicitly). Services and StatefulSets by name come from the workspace's
 * kind + name index. Every change bumps a dependency key (see {@link governsKey},
 * {@link namespaceKey}) so that cached results that asked are redone.
 */
import type { Resource } from './resource';

/** Kinds whose explicit namespace makes the namespace known. */
export const NAMESPACE_KINDS: readonly string[] = ['Service', 'StatefulSet', 'Deployment', 'ConfigMap'];
const NS_KIND_SET = new Set(NAMESPACE_KINDS);

/** Dependency key of "does a StatefulSet give `svc` as its serviceName". */
export const governsKey = (svc: string) => ['dns-governs', svc].join('|');
/** Dependency key of "is `ns` a namespace the workspace models". */
export const namespaceKey = (ns: string) => ['dns-namespace', ns].join('|');

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

  /** Count an indexed resource in; returns the dependency keys whose answers may have changed. */
  add(r: Resource): string[] {
    return this.update(r, 1);
  }

  /** Count an unindexed resource out; returns the dependency keys whose answers may have changed. */
  delete(r: Resource): string[] {
    return this.update(r, -1);
  }

  private update(r: Resource, by: 1 | -1): string[] {
    const keys: string[] = [];
    if (r.kind === 'StatefulSet' && r.name && r.serviceName) {
      count(this.governedCount, r.serviceName, by);
      keys.push(governsKey(r.serviceName));
    }
    if (r.kind === 'Namespace' && r.name) {
      count(this.namespaceCount, r.name, by);
      keys.push(namespaceKey(r.name));
    }
    if (r.namespaceExplicit && NS_KIND_SET.has(r.kind)) {
      count(this.namespaceCount, r.namespace, by);
      keys.push(namespaceKey(r.namespace));
    }
    return keys;
  }
}

function count(m: Map<string, number>, key: string, by: 1 | -1): void {
  const n = (m.get(key) ?? 0) + by;
  if (n > 0) m.set(key, n);
  else m.delete(key);
}
