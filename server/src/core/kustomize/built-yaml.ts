/**
 * A built object as block YAML text together with its syntax tree, made in one pass.
 *
 * The build checks put each built object into a small workspace as a YAML file. Parsing that
 * text again costs as much as parsing the source did; but the text is written here from plain
 * JSON, so the tree the parser would make is known while writing it: the same nodes, values,
 * scalar styles and offsets. Objects whose values the writer cannot promise to read back
 * exactly (numbers other than safe integers) get `undefined`: they are parsed as before.
 */
import { Document, type Scalar } from 'yaml';
import { MapNode, NODE_TYPE, PairNode, PLAIN, QUOTE_DOUBLE, ScalarNode, SeqNode } from '../yaml/predicates';
import type { YamlDoc } from '../yaml/parse';

type Range = [number, number, number];

/** Words YAML 1.1 or 1.2 would read as something other than a string. */
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null)$/i;

/** A string that reads back as itself when written plain (no quotes). */
export const plainString = (s: string) => /^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(s) && !RESERVED.test(s);

const isColl = (x: unknown) =>
  x !== null && typeof x === 'object' && (Array.isArray(x) ? x.length > 0 : Object.keys(x).length > 0);

class Unsupported extends Error {}

/**
 * Node makers. The package's constructors define the node-type key with `Object.defineProperty`
 * on every node, about half of the time of writing a tree; these nodes inherit it from a
 * prototype of their own (which inherits the package's class: `instanceof`, `isScalar`, `isMap`,
 * `toJSON`, `clone` all work as for parsed nodes).
 */
const protoOf = (cls: { prototype: object }, type: string) =>
  Object.create(cls.prototype, { [NODE_TYPE]: { value: Symbol.for(type) } }) as object;
const SCALAR = protoOf(ScalarNode, 'yaml.scalar');
const MAP = protoOf(MapNode, 'yaml.map');
const SEQ = protoOf(SeqNode, 'yaml.seq');
const PAIR = protoOf(PairNode, 'yaml.pair');

function scalar(value: unknown, type: Scalar.Type, source: string, range: Range): Scalar {
  const s = Object.create(SCALAR) as Scalar;
  s.value = value;
  s.type = type;
  s.source = source;
  s.range = range;
  return s;
}

function collection(seq: boolean): { items: unknown[]; range?: Range; flow?: boolean } {
  const c = Object.create(seq ? SEQ : MAP) as { items: unknown[] };
  c.items = [];
  return c;
}

function pair(key: unknown, value: unknown): unknown {
  const p = Object.create(PAIR) as { key: unknown; value: unknown };
  p.key = key;
  p.value = value;
  return p;
}

/**
 * Block YAML for a JSON value (strings plain when that reads back the same, else double-quoted
 * as JSON) and, with `tree`, the syntax tree the YAML 1.1 parser makes of it.
 */
export function writeBlockYaml(v: unknown, tree: boolean): { text: string; contents?: unknown } {
  const out: string[] = [];
  let pos = 0;
  const push = (line: string) => {
    out.push(line);
    pos += line.length + 1;
  };
  /** Text and node of a scalar (or empty collection) value starting at `at`, ending its line. */
  const leaf = (x: unknown, at: number): { text: string; node?: unknown } => {
    if (Array.isArray(x) || (x !== null && typeof x === 'object')) {
      const text = Array.isArray(x) ? '[]' : '{}';
      if (!tree) return { text };
      const c = collection(Array.isArray(x));
      c.flow = true;
      c.range = [at, at + 2, at + 3];
      return { text, node: c };
    }
    let text: string;
    let type: Scalar.Type = PLAIN;
    if (typeof x === 'string') {
      if (plainString(x)) text = x;
      else {
        text = JSON.stringify(x);
        type = QUOTE_DOUBLE;
      }
    } else if (x === undefined || x === null) text = 'null';
    else {
      text = JSON.stringify(x);
      if (tree && !(typeof x === 'boolean' || (typeof x === 'number' && Number.isSafeInteger(x) && !Object.is(x, -0))))
        throw new Unsupported();
    }
    if (!tree) return { text };
    const node = scalar(x === undefined ? null : x, type, typeof x === 'string' ? x : text, [
      at,
      at + text.length,
      at + text.length + 1,
    ]);
    return { text, node };
  };
  const keyNode = (k: string, at: number): { text: string; node?: Scalar } => {
    const plain = plainString(k);
    const text = plain ? k : JSON.stringify(k);
    if (!tree) return { text };
    return { text, node: scalar(k, plain ? PLAIN : QUOTE_DOUBLE, k, [at, at + text.length, at + text.length]) };
  };
  const endOf = (n: unknown) => (n as { range: Range }).range[2];
  /** A non-empty list at indentation `ind`; returns its node. */
  const emitSeq = (x: unknown[], ind: string): unknown => {
    const seq = tree ? collection(true) : undefined;
    const start = pos + ind.length;
    for (const it of x) {
      let node: unknown;
      if (isColl(it) && !Array.isArray(it)) node = emitMap(it as Record<string, unknown>, ind + '  ', `${ind}- `);
      else if (isColl(it)) {
        push(`${ind}-`);
        node = emitSeq(it as unknown[], ind + '  ');
      } else {
        const l = leaf(it, pos + ind.length + 2);
        push(`${ind}- ${l.text}`);
        node = l.node;
      }
      seq?.items.push(node);
    }
    if (seq) seq.range = [start, endOf(seq.items[seq.items.length - 1]), endOf(seq.items[seq.items.length - 1])];
    return seq;
  };
  /** A non-empty map at indentation `ind`, its first line led by `first` (a list item's dash) when given. */
  const emitMap = (m: Record<string, unknown>, ind: string, first: string): unknown => {
    const map = tree ? (collection(false) as { items: { value: unknown }[]; range?: Range }) : undefined;
    let lead = first;
    const start = pos + (lead || ind).length;
    for (const [k, val] of Object.entries(m)) {
      const lineStart = pos + (lead || ind).length;
      const key = keyNode(k, lineStart);
      const head = `${lead || ind}${key.text}:`;
      lead = '';
      let value: unknown;
      if (isColl(val)) {
        push(head);
        value = Array.isArray(val) ? emitSeq(val, ind + '  ') : emitMap(val as Record<string, unknown>, ind + '  ', '');
      } else {
        const l = leaf(val, pos + head.length + 1);
        push(`${head} ${l.text}`);
        value = l.node;
      }
      map?.items.push(pair(key.node, value) as { value: unknown });
    }
    if (map) {
      const end = endOf(map.items[map.items.length - 1].value);
      map.range = [start, end, end];
    }
    return map;
  };
  let contents: unknown;
  if (isColl(v)) contents = Array.isArray(v) ? emitSeq(v, '') : emitMap(v as Record<string, unknown>, '', '');
  else {
    const l = leaf(v, 0);
    push(l.text);
    contents = l.node;
  }
  return { text: out.join('\n') + '\n', contents };
}

/** Block YAML for a JSON value (see {@link writeBlockYaml}). */
export function blockYaml(v: unknown): string {
  return writeBlockYaml(v, false).text;
}

/**
 * Block YAML for a JSON object and the tree `parseYaml` makes of that text (options as there:
 * YAML 1.1), or undefined when the object holds a value whose read-back is not certain.
 */
export function blockYamlTree(v: unknown): { text: string; doc: YamlDoc } | undefined {
  let r: { text: string; contents?: unknown };
  try {
    r = writeBlockYaml(v, true);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const doc = new Document(null, { version: '1.1' }) as unknown as YamlDoc;
  (doc as { contents: unknown }).contents = r.contents;
  doc.range = [0, r.text.length, r.text.length];
  return { text: r.text, doc };
}
