import { Resource } from './resource';
import { narrowestScope } from './scope';
import { depKeys, podLabelKey, Workspace } from './workspace';

/**
 * Lookups over the workspace that remember what they looked at, so that a cached result
 * computed from them is reused until one of those lookups could answer differently.
 */
export class Query {
  readonly deps = new Set<string>();

  constructor(readonly ws: Workspace) {}

  /**
   * The resource of a kind, namespace and name. With `from` (the referring resource), the
   * first candidate of the narrowest scope around it (see model/scope.ts); without, the first
   * by file and position.
   */
  get(kind: string, namespace: string, name: string, from?: Resource): Resource | undefined {
    this.deps.add(depKeys(kind, namespace, name)[0]);
    const all = this.ws.named(kind, namespace, name);
    return from && all.length > 1 ? narrowestScope(this.ws, from, all, this.deps)[0] : all[0];
  }

  /** Every candidate of the narrowest scope around `from` (more than one: they may disagree). */
  scoped(kind: string, namespace: string, name: string, from: Resource): readonly Resource[] {
    this.deps.add(depKeys(kind, namespace, name)[0]);
    return narrowestScope(this.ws, from, this.ws.named(kind, namespace, name), this.deps);
  }

  /** Every resource of a kind, namespace and name (more than one means a duplicate). */
  getAll(kind: string, namespace: string, name: string): readonly Resource[] {
    this.deps.add(depKeys(kind, namespace, name)[0]);
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
    void kinds;
    this.deps.add(podLabelKey(`${namespace}|${key}|${value}`));
    return [...this.ws.withPodLabel(namespace, key, value)];
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
