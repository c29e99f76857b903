import { Resource } from './resource';
import { depKeys, Workspace } from './workspace';

/**
 * Lookups over the workspace that remember what they looked at, so that a cached result
 * computed from them is reused until one of those lookups could answer differently.
 */
export class Query {
  readonly deps = new Set<string>();

  constructor(readonly ws: Workspace) {}

  /** First resource (by file, then position) of a kind, namespace and name. */
  get(kind: string, namespace: string, name: string): Resource | undefined {
    this.deps.add(depKeys(kind, namespace, name)[0]);
    return this.ws.named(kind, namespace, name)[0];
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
