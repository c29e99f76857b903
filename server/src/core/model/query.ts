import { Resource } from './resource';
import { narrowestScope } from './scope';
import { existsKey, flatKey, podLabelKey, Workspace } from './workspace';

/**
 * Lookups over the workspace that remember what they looked at, so that a cached result
 * computed from them is reused until one of those lookups could answer differently.
 */
export class Query {
  private depSet: Set<string> | undefined;

  constructor(readonly ws: Workspace) {}

  /** The dependency keys recorded so far (created on first use: most rule runs look nothing up). */
  get deps(): Set<string> {
    return (this.depSet ??= new Set());
  }

  /** Whether any dependency key was recorded. */
  get hasDeps(): boolean {
    return this.depSet !== undefined && this.depSet.size > 0;
  }

  /**
   * The resource of a kind, namespace and name. With `from` (the referring resource), the
   * first candidate of the narrowest scope around it (see model/scope.ts); without, the first
   * by file and position.
   */
  get(kind: string, namespace: string, name: string, from?: Resource): Resource | undefined {
    this.deps.add(flatKey(kind, namespace, name));
    const all = this.ws.named(kind, namespace, name);
    return from && all.length > 1 ? narrowestScope(this.ws, from, all, this.deps)[0] : all[0];
  }

  /** Every candidate of the narrowest scope around `from` (more than one: they may disagree). */
  scoped(kind: string, namespace: string, name: string, from: Resource): readonly Resource[] {
    this.deps.add(flatKey(kind, namespace, name));
    return narrowestScope(this.ws, from, this.ws.named(kind, namespace, name), this.deps);
  }

  /** Every resource of a kind, namespace and name (more than one means a duplicate). */
  getAll(kind: string, namespace: string, name: string): readonly Resource[] {
    this.deps.add(flatKey(kind, namespace, name));
    return this.ws.named(kind, namespace, name);
  }

  /** Resources of a kind in a namespace, or in every namespace when `namespace` is undefined. */
  list(kind: string, namespace?: string): Resource[] {
    this.deps.add(namespace === undefined ? `${kind}||` : `${kind}|${namespace}|`);
    return [...(namespace === undefined ? this.ws.ofKind(kind) : this.ws.inNamespace(kind, namespace))];
  }

  /**
   * Workloads of `kinds` in a namespace whose pod labels include `key: value` (from the label
   * index; depends on that label only: any resource with it that appears, changes or goes).
   */
  withPodLabel(kinds: Iterable<string>, namespace: string, key: string, value: string): Resource[] {
    // Any workload with the label appearing, changing (a changed object is indexed anew) or
    // going bumps this key: the candidates and everything read from them stay valid until then.
    this.deps.add(podLabelKey(namespace, key, value));
    const kindSet = new Set(kinds);
    return [...this.ws.withPodLabel(namespace, key, value)].filter((r) => kindSet.has(r.kind));
  }

  /** Workloads of `kinds` in a namespace with a pod label `key` (any value), from the label index. */
  withPodLabelKey(kinds: Iterable<string>, namespace: string, key: string): Resource[] {
    this.deps.add(podLabelKey(namespace, key));
    const kindSet = new Set(kinds);
    return [...this.ws.withPodLabelKey(namespace, key)].filter((r) => kindSet.has(r.kind));
  }

  /** Whether a namespace holds any object of a kind (depends only on that answer changing). */
  hasAny(kind: string, namespace: string): boolean {
    this.deps.add(existsKey(kind, namespace));
    return this.ws.hasAny(kind, namespace);
  }

  /** Resources of a kind with a name, in any namespace. */
  named(kind: string, name: string): Resource[] {
    this.deps.add(`${kind}||${name}`);
    const out: Resource[] = [];
    for (const r of this.ws.namedAnyNamespace(kind, name)) out.push(r);
    return out;
  }

  /** Whether results recorded at `revision` with these deps are still valid. */
  static valid(ws: Workspace, deps: Iterable<string>, revision: number): boolean {
    for (const d of deps) if (ws.keyRevision(d) > revision) return false;
    return true;
  }
}
