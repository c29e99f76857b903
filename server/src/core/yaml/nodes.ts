/**
 * Read-only access to the yaml AST. Aliases are followed one step at a time and never
 * expanded, so alias bombs cost nothing here.
 */
import { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from './predicates';
import type { YamlDoc } from './parse';

export type YNode = Node;
export type { Pair, Scalar, YAMLMap, YAMLSeq };

const MAX_ALIAS_HOPS = 8;

/** Follow an alias to its anchored node (bounded: a cycle or chain yields undefined). */
export function deref(doc: YamlDoc, n: unknown): YNode | undefined {
  if (!isAlias(n)) return (n ?? undefined) as YNode | undefined;
  let cur: unknown = n;
  for (let i = 0; i < MAX_ALIAS_HOPS && isAlias(cur); i++) {
    try {
      cur = cur.resolve(doc);
    } catch {
      return undefined;
    }
  }
  if (isAlias(cur)) return undefined;
  return (cur ?? undefined) as YNode | undefined;
}

export function asMap(doc: YamlDoc, n: unknown): YAMLMap | undefined {
  const d = deref(doc, n);
  return isMap(d) ? d : undefined;
}

export function asSeq(doc: YamlDoc, n: unknown): YAMLSeq | undefined {
  const d = deref(doc, n);
  return isSeq(d) ? d : undefined;
}

export function asScalar(doc: YamlDoc, n: unknown): Scalar | undefined {
  const d = deref(doc, n);
  return isScalar(d) ? d : undefined;
}

/** The string form of a scalar key. */
export function keyString(doc: YamlDoc, key: unknown): string | undefined {
  const s = isScalar(key) ? key : asScalar(doc, key);
  if (!s) return undefined;
  const v = s.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return undefined;
}

/** A YAML 1.1 merge key (`<<: *anchor`), which Kubernetes' decoder (go-yaml) expands. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/**
 * The maps merged into `m` by `<<` keys, transitively, in precedence order (earlier sources
 * win). Each map is visited once and the walk is bounded, so merge-key bombs stay cheap.
 */
const mergeCache = new WeakMap<YAMLMap, YAMLMap[]>();

function mergeSources(doc: YamlDoc, m: YAMLMap): YAMLMap[] {
  // Parsed documents never change, so the expansion can be kept with the node.
  const cached = mergeCache.get(m);
  if (cached) return cached;
  const out: YAMLMap[] = [];
  mergeCache.set(m, out);
  const seen = new Set<YAMLMap>([m]);
  const walk = (map: YAMLMap, depth: number) => {
    if (depth >= MAX_ALIAS_HOPS) return;
    for (const p of map.items) {
      if (!isMergeKey(p.key)) continue;
      const v = deref(doc, p.value);
      for (const src of isSeq(v) ? v.items : [v]) {
        const sm = asMap(doc, src);
        if (!sm || seen.has(sm) || seen.size > 256) continue;
        seen.add(sm);
        out.push(sm);
        walk(sm, depth + 1);
      }
    }
  };
  walk(m, 0);
  return out;
}

/**
 * The pair of a map under a (string) key; the last one wins, as in Kubernetes' decoder.
 * Keys merged in with `<<: *anchor` count when the map does not set the key itself.
 */
export function pairOf(doc: YamlDoc, map: unknown, key: string): Pair | undefined {
  const m = asMap(doc, map);
  if (!m) return undefined;
  // One pass: the key's own pair (fast path for plain string keys) and whether `<<` is there.
  let own: Pair | undefined;
  let merges = false;
  for (const p of m.items) {
    const k = p.key;
    if (isScalar(k)) {
      const v = k.value;
      if (v === key) {
        own = p;
        continue;
      }
      if (typeof v === 'string') continue;
      if (typeof v === 'symbol') {
        merges = true;
        continue;
      }
    }
    if (keyString(doc, k) === key) own = p;
  }
  if (own || !merges) return own;
  for (const src of mergeSources(doc, m)) {
    const p = ownPair(doc, src, key);
    if (p) return p;
  }
  return undefined;
}

function ownPair(doc: YamlDoc, m: YAMLMap, key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const p of m.items) {
    if (keyString(doc, p.key) === key) found = p;
  }
  return found;
}

/** Value node under a map key. */
export function child(doc: YamlDoc, node: unknown, key: string | number): YNode | undefined {
  if (typeof key === 'number') {
    const s = asSeq(doc, node);
    return s ? deref(doc, s.items[key]) : undefined;
  }
  const p = pairOf(doc, node, key);
  return p ? deref(doc, p.value) : undefined;
}

/** Follow a path of map keys and sequence indices. */
export function at(doc: YamlDoc, node: unknown, ...path: (string | number)[]): YNode | undefined {
  let cur: YNode | undefined = deref(doc, node);
  for (const k of path) {
    if (cur === undefined) return undefined;
    cur = child(doc, cur, k);
  }
  return cur;
}

/** The key node (for ranges) of a map entry. */
export function keyNode(doc: YamlDoc, map: unknown, key: string): YNode | undefined {
  const p = pairOf(doc, map, key);
  return p && isScalar(p.key) ? (p.key as YNode) : undefined;
}

export function has(doc: YamlDoc, map: unknown, key: string): boolean {
  return pairOf(doc, map, key) !== undefined;
}

/**
 * A value filled in before the manifest reaches the cluster: an envsubst / Flux post-build
 * placeholder (`${VAR}`, `${VAR:-default}`, `${VAR:=default}`) or a Go template action (`{{ … }}`)
 * inside a string. Its real value is unknown: no rule judges its type, format or target.
 */
export const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:]?[-=+?][^}]*)?\}|(?<!\$)\{\{/;

/** Whether a node is a scalar whose value is (or contains) a placeholder: an unknown value. */
export function isUnknown(doc: YamlDoc, n: unknown): boolean {
  const s = asScalar(doc, n);
  return !!s && typeof s.value === 'string' && PLACEHOLDER.test(s.value);
}

/** A scalar's value when it is a string. */
export function str(doc: YamlDoc, n: unknown): string | undefined {
  const s = asScalar(doc, n);
  return s && typeof s.value === 'string' ? s.value : undefined;
}

export function num(doc: YamlDoc, n: unknown): number | undefined {
  const s = asScalar(doc, n);
  return s && typeof s.value === 'number' ? s.value : undefined;
}

export function bool(doc: YamlDoc, n: unknown): boolean | undefined {
  const s = asScalar(doc, n);
  return s && typeof s.value === 'boolean' ? s.value : undefined;
}

/** A scalar rendered as text (numbers and booleans included), for messages and comparisons. */
export function scalarText(doc: YamlDoc, n: unknown): string | undefined {
  const s = asScalar(doc, n);
  if (!s) return undefined;
  const v = s.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return '';
  return undefined;
}

export function isNullish(doc: YamlDoc, n: unknown): boolean {
  if (n === undefined || n === null) return true;
  const s = asScalar(doc, n);
  return !!s && (s.value === null || s.value === undefined);
}

/** Items of a sequence (aliases resolved); empty for anything else. */
export function items(doc: YamlDoc, n: unknown): YNode[] {
  const s = asSeq(doc, n);
  if (!s) return [];
  const out: YNode[] = [];
  for (const it of s.items) {
    const d = deref(doc, it);
    if (d) out.push(d);
  }
  return out;
}

/** Entries of a map as [key, keyNode, valueNode], with `<<` merged keys the map does not set itself. */
export function entries(doc: YamlDoc, n: unknown): [string, YNode, YNode | undefined][] {
  const m = asMap(doc, n);
  if (!m) return [];
  const out = ownEntries(doc, m);
  if (!m.items.some((p) => isMergeKey(p.key))) return out;
  const seen = new Set(out.map(([k]) => k));
  for (const src of mergeSources(doc, m)) {
    for (const e of ownEntries(doc, src)) {
      if (!seen.has(e[0])) {
        seen.add(e[0]);
        out.push(e);
      }
    }
  }
  return out;
}

function ownEntries(doc: YamlDoc, m: YAMLMap): [string, YNode, YNode | undefined][] {
  const out: [string, YNode, YNode | undefined][] = [];
  for (const p of m.items) {
    const k = keyString(doc, p.key);
    if (k !== undefined) out.push([k, p.key as YNode, deref(doc, p.value)]);
  }
  return out;
}

/** A string-to-string map (labels, selectors); values are rendered as text. */
export function stringMap(doc: YamlDoc, n: unknown): Map<string, string> | undefined {
  const m = asMap(doc, n);
  if (!m) return undefined;
  const out = new Map<string, string>();
  for (const [k, , v] of entries(doc, m)) {
    const t = scalarText(doc, v);
    if (t !== undefined) out.set(k, t);
  }
  return out;
}

/** Source range of a node relative to its document chunk, or undefined. */
export function nodeRange(n: unknown): [number, number] | undefined {
  if (isPair(n)) {
    const k = nodeRange(n.key);
    const v = nodeRange(n.value);
    if (k && v) return [k[0], v[1]];
    return k ?? v;
  }
  const r = (n as { range?: [number, number, number] } | undefined)?.range;
  if (!r) return undefined;
  return [r[0], r[1]];
}

export interface PathStep {
  /** The map key or sequence index leading to `node` (undefined for the root). */
  key?: string | number;
  /** The key node, when the step is a map entry. */
  keyNode?: YNode;
  node?: YNode;
}

/**
 * The chain of nodes from the document root to the deepest node containing `offset`
 * (relative to the chunk). The last step says whether the offset is on the key.
 */
export function pathAt(doc: YamlDoc, offset: number): { steps: PathStep[]; onKey: boolean } {
  const steps: PathStep[] = [{ node: doc.contents ?? undefined }];
  let onKey = false;
  let cur: unknown = doc.contents;
  for (let depth = 0; depth < 200; depth++) {
    if (isMap(cur)) {
      let next: PathStep | undefined;
      for (const p of cur.items) {
        const kr = nodeRange(p.key);
        const vr = nodeRange(p.value);
        if (kr && offset >= kr[0] && offset <= kr[1]) {
          next = { key: keyString(doc, p.key), keyNode: p.key as YNode, node: p.value as YNode };
          onKey = true;
          break;
        }
        if (vr && offset >= vr[0] && offset <= vr[1]) {
          next = { key: keyString(doc, p.key), keyNode: p.key as YNode, node: p.value as YNode };
          onKey = false;
          break;
        }
      }
      if (!next) break;
      steps.push(next);
      if (onKey) break;
      cur = next.node;
    } else if (isSeq(cur)) {
      let next: PathStep | undefined;
      cur.items.forEach((it, i) => {
        const r = nodeRange(it);
        if (!next && r && offset >= r[0] && offset <= r[1]) next = { key: i, node: it as YNode };
      });
      if (!next) break;
      steps.push(next);
      cur = next.node;
    } else {
      break;
    }
  }
  return { steps, onKey };
}
