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
import { MapNode, PairNode, PLAIN, QUOTE_DOUBLE, ScalarNode, SeqNode } from '../yaml/predicates';
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
      const c = Array.isArray(x) ? new SeqNode() : new MapNode();
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
    const s = new ScalarNode(x === undefined ? null : x);
    s.type = type;
    s.source = typeof x === 'string' ? x : text;
    s.range = [at, at + text.length, at + text.length + 1];
    return { text, node: s };
  };
  const keyNode = (k: string, at: number): { text: string; node?: Scalar } => {
    const plain = plainString(k);
    const text = plain ? k : JSON.stringify(k);
    if (!tree) return { text };
    const s = new ScalarNode(k);
    s.type = plain ? PLAIN : QUOTE_DOUBLE;
    s.source = k;
    s.range = [at, at + text.length, at + text.length];
    return { text, node: s };
  };
  const endOf = (n: unknown) => (n as { range: Range }).range[2];
  /** A non-empty list at indentation `ind`; returns its node. */
  const emitSeq = (x: unknown[], ind: string): unknown => {
    const seq = tree ? new SeqNode() : undefined;
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
    const map = tree ? new MapNode() : undefined;
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
      map?.items.push(new PairNode(key.node, value));
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
