/**
 * Patches over plain JSON objects, as kustomize applies them: strategic merge (maps merge,
 * `null` deletes, lists of objects merge by their Kubernetes merge key, other lists are
 * replaced, `$patch: delete|replace`) and JSON 6902 operations (RFC 6902).
 */
import { isObj, Obj } from './spec';

/** Merge keys of the Kubernetes list fields that strategic merge patches merge item by item. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  hostAliases: 'ip',
  tolerations: 'key',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') {
    // Container ports merge by containerPort, Service ports by port.
    const first = items.find(isObj);
    if (first && 'containerPort' in first) return 'containerPort';
    if (first && 'port' in first) return 'port';
    return undefined;
  }
  return MERGE_KEYS[field];
}

/** A deep copy of plain JSON data (maps, arrays, scalars); faster than a JSON round trip. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v !== null && typeof v === 'object') {
    if (v instanceof Date) return new Date(v.getTime()) as T;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = clone((v as Record<string, unknown>)[k]);
    return out as T;
  }
  return v;
}

/** Strategic merge of `patch` into `base` (both plain JSON); returns the merged value. */
export function strategicMerge(base: unknown, patch: unknown, field = ''): unknown {
  if (isObj(patch)) {
    const directive = patch['$patch'];
    if (directive === 'delete') return undefined;
    if (directive === 'replace') {
      const out = clone(patch);
      delete out['$patch'];
      return out;
    }
    const out: Obj = isObj(base) ? { ...base } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (
        k === '$patch' ||
        k.startsWith('$setElementOrder') ||
        k.startsWith('$deleteFromPrimitiveList') ||
        k === '$retainKeys'
      )
        continue;
      if (v === null) {
        delete out[k];
        continue;
      }
      const merged = strategicMerge(out[k], v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  if (Array.isArray(patch)) {
    const key = mergeKeyFor(field, patch.length ? patch : Array.isArray(base) ? base : []);
    if (!key || !Array.isArray(base)) return clone(patch.filter((x) => !(isObj(x) && x['$patch'])));
    const out = base.map((x) => clone(x));
    const added: unknown[] = [];
    for (const item of patch) {
      if (!isObj(item)) continue;
      const i = out.findIndex((x) => isObj(x) && x[key] === item[key]);
      if (item['$patch'] === 'delete') {
        if (i >= 0) out.splice(i, 1);
        continue;
      }
      if (i >= 0) out[i] = strategicMerge(out[i], item, '');
      else added.push(clone(item));
    }
    // kustomize (kyaml merge2) puts items only the patch has before the existing ones.
    return [...added, ...out];
  }
  return clone(patch);
}

function unescape(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointer(path: string): string[] | undefined {
  if (path === '') return [];
  if (!path.startsWith('/')) return undefined;
  return path.slice(1).split('/').map(unescape);
}

function parentOf(root: unknown, segs: string[]): unknown {
  let cur = root;
  for (const s of segs.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObj(cur)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

function getAt(root: unknown, segs: string[]): unknown {
  let cur = root;
  for (const s of segs) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObj(cur)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

function put(root: unknown, segs: string[], value: unknown, insert: boolean): boolean {
  const p = parentOf(root, segs);
  const last = segs[segs.length - 1];
  if (Array.isArray(p)) {
    const i = last === '-' ? p.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > p.length) return false;
    if (insert) p.splice(i, 0, value);
    else p[i] = value;
    return true;
  }
  if (isObj(p)) {
    p[last] = value;
    return true;
  }
  return false;
}

function removeAt(root: unknown, segs: string[]): unknown {
  const p = parentOf(root, segs);
  const last = segs[segs.length - 1];
  if (Array.isArray(p)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= p.length) return undefined;
    return p.splice(i, 1)[0];
  }
  if (isObj(p) && last in p) {
    const v = p[last];
    delete p[last];
    return v;
  }
  return undefined;
}

/**
 * Apply JSON 6902 operations to a copy of `doc`. Returns the result, or undefined with the
 * failing operation's index when an operation cannot be applied (kustomize fails the build).
 */
export function jsonPatch(doc: Obj, ops: unknown[]): { result?: Obj; failed?: number } {
  const root = clone(doc);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (!isObj(op) || typeof op.op !== 'string' || typeof op.path !== 'string') return { failed: i };
    const segs = pointer(op.path);
    if (!segs || segs.length === 0) return { failed: i };
    switch (op.op) {
      case 'add':
        if (!put(root, segs, clone(op.value), true)) return { failed: i };
        break;
      case 'replace':
        if (getAt(root, segs) === undefined || !put(root, segs, clone(op.value), false)) return { failed: i };
        break;
      case 'remove':
        if (removeAt(root, segs) === undefined) return { failed: i };
        break;
      case 'copy':
      case 'move': {
        const from = typeof op.from === 'string' ? pointer(op.from) : undefined;
        if (!from) return { failed: i };
        const v = op.op === 'move' ? removeAt(root, from) : clone(getAt(root, from));
        if (v === undefined || !put(root, segs, v, true)) return { failed: i };
        break;
      }
      case 'test':
        if (JSON.stringify(getAt(root, segs)) !== JSON.stringify(op.value)) return { failed: i };
        break;
      default:
        return { failed: i };
    }
  }
  return { result: root };
}
