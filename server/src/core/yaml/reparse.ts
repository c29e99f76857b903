/**
 * Typing in a value: the new text of a document differs from the old one only inside one plain
 * scalar value (`replicas: 3` → `replicas: 4`, `image: nginx:1.2` → `…1.27`). The tree of the new
 * text is then the old tree with that one scalar replaced and every offset after it moved: made
 * by copying the old tree, not by parsing the whole document again (the parser costs about
 * 20 µs a line). The scalar itself is parsed alone, with the same options, so its value, tag and
 * format are exactly the parser's. Anything less simple (keys, quotes, flow collections, anchors,
 * tags, a token the YAML grammar could read as structure or a comment) returns undefined: parse
 * as usual.
 * test/unit/reparse.test.ts compares the result with a full parse on every document of the
 * fixtures and the corpus.
 */
import type { Scalar } from 'yaml';
import { isMap, isScalar, isSeq, MapNode, NODE_TYPE, PairNode, PLAIN, ScalarNode, SeqNode } from './predicates';
import { ParsedDoc, parseYaml, YamlDoc } from './parse';

/**
 * Characters of a value token that cannot start, end or contain YAML structure in block context
 * (no `:`, `#`, quotes, brackets, spaces; not starting with an indicator such as `-`, `?`, `&`).
 */
const SAFE_TOKEN = /^[A-Za-z0-9_./][A-Za-z0-9_./+~=:@,%-]*$/;
/** Longer tokens are parsed with their document (go-yaml's long-line rules, see parse.ts). */
const MAX_TOKEN = 200;

type Range = [number, number, number];
interface Located {
  node: Scalar;
  /** The path of item indices from the document's contents to the node. */
  path: number[];
}

/** The block-context plain scalar value (not a key) whose text holds [from, to), with its path. */
function scalarAt(node: unknown, from: number, to: number, path: number[]): Located | undefined {
  if (isMap(node) || isSeq(node)) {
    if (node.flow) return undefined;
    const items = node.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      let value: unknown = it;
      if (isMap(node)) {
        const pair = it as { key: unknown; value: unknown };
        const kr = (pair.key as { range?: Range } | null)?.range;
        // The edit touches the key: not a value edit.
        if (kr && from <= kr[1] && to >= kr[0]) return undefined;
        value = pair.value;
      }
      const r = (value as { range?: Range } | null)?.range;
      if (!r || from < r[0] || to > r[1]) continue;
      path.push(i);
      if (isScalar(value)) return { node: value as Scalar, path };
      return scalarAt(value, from, to, path);
    }
  }
  return undefined;
}

const moved = (r: Range, at: number, delta: number): Range => [
  r[0] >= at ? r[0] + delta : r[0],
  r[1] >= at ? r[1] + delta : r[1],
  r[2] >= at ? r[2] + delta : r[2],
];

/**
 * A copy of a node and everything under it, with every offset at or after `at` moved by `delta`
 * (the package's own `clone` copies property descriptors one by one: several times slower).
 * Undefined for a node of a kind this does not know (then the document is parsed).
 */
function copyNode(n: unknown, at: number, delta: number): unknown {
  if (n === null || typeof n !== 'object') return n;
  const proto = Object.getPrototypeOf(n);
  let c: Record<string, unknown>;
  if (proto === ScalarNode.prototype) c = new ScalarNode(null) as unknown as Record<string, unknown>;
  else if (proto === MapNode.prototype || proto === SeqNode.prototype) {
    const coll = n as { schema?: never; items: unknown[] };
    c = (proto === MapNode.prototype ? new MapNode(coll.schema) : new SeqNode(coll.schema)) as unknown as Record<
      string,
      unknown
    >;
  } else if (proto === PairNode.prototype) c = new PairNode(null) as unknown as Record<string, unknown>;
  else return undefined;
  Object.assign(c, n);
  const r = (n as { range?: Range }).range;
  if (r) c.range = moved(r, at, delta);
  if (proto === PairNode.prototype) {
    const pair = n as { key: unknown; value: unknown };
    c.key = copyNode(pair.key, at, delta);
    c.value = copyNode(pair.value, at, delta);
    if ((pair.key && !c.key) || (pair.value && !c.value)) return undefined;
  } else if (proto !== ScalarNode.prototype) {
    const items: unknown[] = [];
    for (const it of (n as { items: unknown[] }).items) {
      const x = copyNode(it, at, delta);
      if (it && !x) return undefined;
      items.push(x);
    }
    c.items = items;
  }
  return c;
}

/** A copy of a document (its schema, options and directives shared: nothing changes them). */
function copyDocument(doc: YamlDoc, at: number, delta: number): YamlDoc | undefined {
  const contents = copyNode(doc.contents, at, delta);
  if (doc.contents && !contents) return undefined;
  const copy = Object.create(Object.getPrototypeOf(doc), {
    [NODE_TYPE]: { value: (doc as unknown as Record<symbol, unknown>)[NODE_TYPE] },
  }) as YamlDoc;
  Object.assign(copy, doc);
  (copy as { contents: unknown }).contents = contents;
  copy.errors = [];
  copy.warnings = [];
  if (doc.range) copy.range = moved(doc.range as Range, at, delta);
  return copy;
}

interface ScalarTag {
  default?: boolean | 'key';
  collection?: string;
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (msg: string) => void, options: unknown): unknown;
}

/**
 * A plain scalar value as the parser makes it, resolved with the document's own schema the way
 * the composer does (the first default tag whose test matches, its `resolve` and `format`), or
 * undefined when that is not certain (no tag matched, a resolve error, a compat schema).
 */
function resolvePlain(doc: YamlDoc, token: string): Scalar | undefined {
  const schema = doc.schema as unknown as { tags: ScalarTag[]; compat?: unknown };
  if (schema.compat) return undefined;
  const tag = schema.tags.find((t) => t.default === true && !t.collection && t.test?.test(token));
  if (!tag) return undefined;
  let failed = false;
  let res: unknown;
  try {
    res = tag.resolve(token, () => (failed = true), doc.options);
  } catch {
    return undefined;
  }
  if (failed) return undefined;
  const scalar = isScalar(res) ? (res as Scalar) : new ScalarNode(res);
  scalar.source = token;
  scalar.type = PLAIN;
  if (tag.format) scalar.format = tag.format;
  return scalar;
}

/** The token parsed alone as a value, with the same options (the node a full parse makes). */
function parseAlone(token: string): Scalar | undefined {
  const alone = parseYaml(`k: ${token}\n`);
  if (alone.errors.length || alone.warnings.length || !isMap(alone.contents)) return undefined;
  const fresh = (alone.contents.items[0] as { value: unknown } | undefined)?.value;
  if (!isScalar(fresh) || fresh.type !== PLAIN || fresh.source !== token) return undefined;
  return fresh as Scalar;
}

/**
 * The document of `text` when it is `old`'s text with one plain scalar value changed (see the
 * file comment); undefined when the edit is anything else.
 */
export function reparseValueEdit(old: ParsedDoc, text: string): ParsedDoc | undefined {
  const before = old.text;
  if (!old.hasTree || old.templated || old.errors.length || old.warnings.length) return undefined;
  // Anchors, aliases, merge keys and tags: left to the parser.
  if (/[&*!]|<</.test(before)) return undefined;
  const n = Math.min(before.length, text.length);
  let p = 0;
  while (p < n && before.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p === n && before.length === text.length) return undefined;
  let s = 0;
  while (s < n - p && before.charCodeAt(before.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const oldTo = before.length - s;
  const doc = old.yaml;
  const found = scalarAt(doc.contents, p, oldTo, []);
  if (!found) return undefined;
  const { node } = found;
  const [start, valueEnd, nodeEnd] = node.range as Range;
  // A value written on its line after a space (an empty value has no text to edit).
  if (node.type !== PLAIN || node.anchor || valueEnd <= start || before.charCodeAt(start - 1) !== 32) return undefined;
  if (before.slice(start, valueEnd).includes('\n')) return undefined;
  const delta = text.length - before.length;
  const token = text.slice(start, valueEnd + delta);
  if (token.length > MAX_TOKEN || !SAFE_TOKEN.test(token) || token.endsWith(':')) return undefined;
  const fresh = resolvePlain(doc, token) ?? parseAlone(token);
  if (!fresh) return undefined;
  fresh.range = [start, start + token.length, nodeEnd + delta];
  // What the parser attached to the old value (a comment after it, blank lines before it) stays.
  if (node.comment !== undefined) fresh.comment = node.comment;
  if (node.commentBefore !== undefined) fresh.commentBefore = node.commentBefore;
  if (node.spaceBefore !== undefined) fresh.spaceBefore = node.spaceBefore;
  const copy = copyDocument(doc, valueEnd, delta);
  if (!copy) return undefined;
  // The same place in the copy: replace the scalar there.
  let parent: unknown = copy.contents;
  const path = found.path;
  for (let i = 0; i < path.length - 1; i++) {
    const it = (parent as { items: unknown[] }).items[path[i]];
    parent = isMap(parent) ? (it as { value: unknown }).value : it;
  }
  const last = path[path.length - 1];
  const items = (parent as { items: unknown[] }).items;
  if (isMap(parent)) (items[last] as { value: unknown }).value = fresh;
  else items[last] = fresh;
  return new ParsedDoc(old.uri, text, copy, false);
}
