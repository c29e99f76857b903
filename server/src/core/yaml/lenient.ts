/**
 * Where go-yaml (sigs.k8s.io/yaml, what kubectl decodes manifests with) is more lenient than
 * the `yaml` package, and how to parse such text the way kubectl does.
 *
 * go-yaml does not check the indentation of the continuation lines of a flow construct: a
 * multi-line single- or double-quoted scalar, or a flow sequence / mapping (`[a,\n b]`), may
 * continue (and close) on a line at, or even left of, the indentation of its key. The `yaml`
 * package rejects these with two or more errors. kubectl, kustomize and PyYAML accept them.
 *
 * The fix keeps every offset: in a shadow copy of the text, the line breaks inside such a
 * construct become spaces (comments inside a flow collection become spaces too), so the
 * construct sits on one line and parses with the same structure; the scalar values that
 * spanned lines are then recomputed from the original text with YAML's line folding.
 * Implicit keys stay single-line (go-yaml rejects a multi-line quoted key as well).
 */
import { CST, Parser, parseDocument, Scalar, visit } from 'yaml';
import { isScalar } from './predicates';
import type { YamlDoc } from './parse';

/** A span of the text [start, end) whose line breaks are joined in the shadow text. */
export interface Join {
  start: number;
  end: number;
}

/** Bounds: each pass re-reads the document's concrete syntax tree (at most ~4 MB re-read in all). */
const MAX_PASSES = 32;
const MAX_REREAD = 4_000_000;

/**
 * The joins that make `text` parse as go-yaml would, or [] when there is nothing to join.
 * Only called for documents that failed to parse.
 */
export function findJoins(text: string): { shadow: string; joins: Join[] } {
  let shadow = text;
  const joins: Join[] = [];
  const refused = new Set<number>();
  const passes = Math.min(MAX_PASSES, Math.floor(MAX_REREAD / Math.max(1, text.length)));
  for (let pass = 0; pass < passes; pass++) {
    const c = firstCandidate(shadow, refused);
    if (!c) break;
    const end = c.quote ? quotedEnd(shadow, c.offset) : flowEnd(shadow, c.offset);
    if (
      end === undefined ||
      !/[\r\n]/.test(shadow.slice(c.offset, end)) ||
      (c.quote ? isImplicitKey(shadow, end) : hasMultilineKey(shadow.slice(c.offset, end)))
    ) {
      refused.add(c.offset);
      continue;
    }
    joins.push({ start: c.offset, end });
    shadow = shadow.slice(0, c.offset) + flatten(shadow.slice(c.offset, end), !c.quote) + shadow.slice(end);
  }
  return { shadow, joins };
}

interface Candidate {
  offset: number;
  /** A quoted scalar (else a flow collection). */
  quote: boolean;
}

/** The first unterminated quoted scalar or unclosed flow collection of the text's CST. */
function firstCandidate(text: string, refused: Set<number>): Candidate | undefined {
  let best: Candidate | undefined;
  const consider = (c: Candidate) => {
    if (refused.has(c.offset)) return;
    if (!best || c.offset < best.offset) best = c;
  };
  const walk = (t: unknown, depth: number): void => {
    if (!t || typeof t !== 'object' || depth > 400) return;
    const tok = t as CST.Token & { offset: number };
    if (tok.type === 'single-quoted-scalar' || tok.type === 'double-quoted-scalar') {
      if (!closesAtEnd(tok.source)) consider({ offset: tok.offset, quote: true });
      return;
    }
    if (tok.type === 'flow-collection') {
      const fc = tok as CST.FlowCollection;
      const close = fc.start.source === '[' ? ']' : '}';
      if (!fc.end.some((e) => e.source === close)) consider({ offset: fc.start.offset, quote: false });
    }
    for (const v of Object.values(t as Record<string, unknown>)) {
      if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
      else if (v && typeof v === 'object') walk(v, depth + 1);
    }
  };
  try {
    for (const tok of new Parser().parse(text)) walk(tok, 0);
  } catch {
    return undefined;
  }
  return best;
}

/** Whether a quoted scalar's source is closed by its last character. */
function closesAtEnd(source: string): boolean {
  return quotedEnd(source, 0) === source.length;
}

/** Offset just past the closing quote of the quoted scalar opening at `start`, if any. */
export function quotedEnd(text: string, start: number): number | undefined {
  const q = text.charAt(start);
  if (q === "'") {
    let i = start + 1;
    for (;;) {
      const j = text.indexOf("'", i);
      if (j === -1) return undefined;
      if (text.charAt(j + 1) === "'") {
        i = j + 2;
        continue;
      }
      return j + 1;
    }
  }
  if (q === '"') {
    for (let i = start + 1; i < text.length; i++) {
      const ch = text.charAt(i);
      if (ch === '\\') i++;
      else if (ch === '"') return i + 1;
    }
  }
  return undefined;
}

/** Offset just past the bracket that closes the flow collection opening at `start`, if any. */
function flowEnd(text: string, start: number): number | undefined {
  const stack: string[] = [];
  for (let i = start; i < text.length; i++) {
    const ch = text.charAt(i);
    const prev = i > start ? text.charAt(i - 1) : ' ';
    if (ch === '[' || ch === '{') stack.push(ch === '[' ? ']' : '}');
    else if (ch === ']' || ch === '}') {
      if (stack.pop() !== ch) return undefined;
      if (stack.length === 0) return i + 1;
    } else if ((ch === "'" || ch === '"') && /[\s[{,:]/.test(prev)) {
      const e = quotedEnd(text, i);
      if (e === undefined) return undefined;
      i = e - 1;
    } else if (ch === '#' && /\s/.test(prev)) {
      while (i < text.length && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++;
      i--;
    }
  }
  return undefined;
}

/** A quoted scalar followed by `:` and a space is an implicit key: keys are single-line. */
function isImplicitKey(text: string, end: number): boolean {
  let i = end;
  while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
  if (text.charAt(i) !== ':') return false;
  const n = text.charAt(i + 1);
  return n === '' || /\s/.test(n);
}

/**
 * In a flow collection, a plain scalar continued on the next line and followed by `:` is a
 * multi-line implicit key, which go-yaml rejects (`did not find expected ',' or ']'`): joining
 * the lines would hide that error.
 */
function hasMultilineKey(s: string): boolean {
  const lines = s.split(/\r\n|\r|\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    const before = lines[i].replace(/\s+#.*$/, '').trimEnd();
    if (!before || /[,[{:]$/.test(before)) continue;
    const next = /^[^,\]}]*/.exec(lines[i + 1].trimStart())![0];
    if (/:(\s|$)/.test(next)) return true;
  }
  return false;
}

/** The same text on one line: line breaks (and, in flow collections, comments) become spaces. */
function flatten(s: string, comments: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    if (comments && ch === '#' && i > 0 && /\s/.test(s.charAt(i - 1))) {
      while (i < s.length && s.charAt(i) !== '\n' && s.charAt(i) !== '\r') {
        out += ' ';
        i++;
      }
      i--;
      continue;
    }
    if ((ch === "'" || ch === '"') && comments && /[\s[{,:]/.test(i > 0 ? s.charAt(i - 1) : ' ')) {
      // Quoted scalars inside a flow collection are copied as they are, with breaks joined.
      const e = quotedEnd(s, i) ?? s.length;
      out += s.slice(i, e).replace(/[\r\n]/g, ' ');
      i = e - 1;
      continue;
    }
    out += ch === '\n' || ch === '\r' ? ' ' : ch;
  }
  return out;
}

/**
 * YAML line folding of a flow scalar's content (YAML 1.2 §7.3): trailing white space of a line
 * and leading white space of the next are dropped; one line break becomes a space, n empty
 * lines become n newlines. In double-quoted scalars an escaped line break (`\` at the end of a
 * line) joins the lines without a space.
 */
export function foldFlow(raw: string, doubleQuoted: boolean): string {
  const segs = raw.split(/\r\n|\r|\n/);
  if (segs.length === 1) return raw;
  let out = segs[0].replace(/[ \t]+$/, '');
  let empties = 0;
  for (let i = 1; i < segs.length; i++) {
    const last = i === segs.length - 1;
    const seg = last ? segs[i].replace(/^[ \t]+/, '') : segs[i].trim();
    if (!last && seg === '') {
      empties++;
      continue;
    }
    if (doubleQuoted && empties === 0 && /(^|[^\\])(\\\\)*\\$/.test(out)) {
      out = out.slice(0, -1) + seg;
      continue;
    }
    out += (empties ? (doubleQuoted ? '\\n' : '\n').repeat(empties) : ' ') + seg;
    empties = 0;
  }
  return out;
}

/** Recompute the value of every scalar that spans one of the joins, from the original text. */
export function refold(doc: YamlDoc, text: string, joins: Join[]): void {
  if (!joins.length) return;
  const inJoin = (a: number, b: number) => joins.some((j) => a < j.end && b > j.start);
  visit(doc, {
    Scalar(_, node) {
      fix(node);
    },
    Pair(_, pair) {
      if (isScalar(pair.key)) fix(pair.key);
    },
  });
  function fix(node: Scalar) {
    const r = node.range;
    if (!r || !inJoin(r[0], r[1])) return;
    const src = text.slice(r[0], r[1]);
    if (!/[\r\n]/.test(src)) return;
    if (node.type === Scalar.QUOTE_SINGLE) {
      node.value = foldFlow(src.slice(1, -1), false).replace(/''/g, "'");
    } else if (node.type === Scalar.QUOTE_DOUBLE) {
      const folded = foldFlow(src.slice(1, -1), true);
      try {
        const v = parseDocument(`"${folded}"`, { version: '1.1' }).contents;
        if (isScalar(v) && typeof v.value === 'string') node.value = v.value;
      } catch {
        /* keep the shadow value */
      }
    } else if (typeof node.value === 'string') {
      node.value = foldFlow(src, false);
    }
  }
}
