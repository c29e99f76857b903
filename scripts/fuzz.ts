/**
 * Seeded mutation fuzzing of the analysis core: fixtures and corpus files are mutated
 * (truncated, lines deleted/duplicated/swapped, junk bytes, NUL, lone surrogates,
 * indentation changes, template braces, anchors/aliases/merge keys, tags, document markers)
 * and fed through everything an editor triggers: Workspace.setOpenFile (incrementally, one
 * mutation after another on the same buffer), Analyzer.fileFindings, hoverAt at random
 * offsets, buildTree and identitiesFor. Nothing may throw, no rule may fail, every finding
 * span must lie inside its document, and the incremental model must report exactly what a
 * fresh model reports for the same files.
 *
 * The test suite runs it for a few seconds (test/unit/fuzz.test.ts); `npm run fuzz` runs it
 * longer:  npm run fuzz -- --duration 120 --seed 7 [--no-corpus] [--no-diff] [--out DIR] [--trace]
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Analyzer } from '../server/src/core/analyzer';
import { identitiesFor } from '../server/src/core/commands';
import { toLspRange } from '../server/src/core/convert';
import type { Finding, Span } from '../server/src/core/findings';
import { hoverAt } from '../server/src/core/hover';
import { Workspace } from '../server/src/core/model/workspace';
import { normalizeSettings } from '../server/src/core/settings';
import { buildTree } from '../server/src/core/tree';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The shared corpus of real manifests: `../shared/corpus` next to the repository (or $KUBE_STATEFUL_CORPUS). */
export function corpusDir(): string | undefined {
  const candidates = [process.env.KUBE_STATEFUL_CORPUS, path.resolve(REPO_ROOT, '..', 'shared', 'corpus')];
  for (const c of candidates) if (c && fs.existsSync(c) && fs.statSync(c).isDirectory()) return c;
  return undefined;
}

export function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (/\.ya?ml$/i.test(e.name)) out.push(abs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

export interface FuzzInput {
  name: string;
  text: string;
}

/** Every fixture, plus (optionally) every corpus file. */
export function loadInputs(opts: { corpus?: boolean } = {}): FuzzInput[] {
  const files = yamlFilesUnder(path.join(REPO_ROOT, 'test', 'fixtures'));
  const corpus = opts.corpus === false ? undefined : corpusDir();
  if (corpus) files.push(...yamlFilesUnder(corpus));
  return files
    .map((f) => ({ name: path.relative(REPO_ROOT, f), text: fs.readFileSync(f, 'utf8') }))
    .filter((i) => i.text.length <= 256 * 1024);
}

// ---------------------------------------------------------------------------------------
// Randomness

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  /** mulberry32 */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------
// Mutations

const JUNK = [
  '\0',
  '\0\0\0',
  '\uD800',
  '\uDC00',
  '\uDBFF\uDBFF',
  '\uFFFE',
  '\uFEFF',
  '\u2028',
  '\u0085',
  '\x7f',
  '\x1b[31m',
  '\r',
  '\r\n',
  '\t',
  '\v\f',
  '😀',
  '\uD83D',
  'ǅ',
  '％',
  '"',
  "'",
  '`',
  '\\',
  '%',
  '@',
  '|',
  '>',
  '|-',
  '>+2',
  '? ',
  ': ',
  ':',
  '- ',
  '-',
  '#',
  ' #',
  ',',
  '[',
  ']',
  '{',
  '}',
  '[]',
  '{}',
  '[[[[[[',
  '{{{{',
  '&',
  '*',
  '!',
  '!!',
  '!!binary ',
  '!!str ',
  '!!int ',
  '!!map ',
  '!!seq ',
  '!<tag:yaml.org,2002:str> ',
  '!local ',
  '%YAML 1.1\n',
  '%TAG ! tag:x,2000:\n',
  '---\n',
  '--- ',
  '...\n',
  '---',
  '...',
  '~',
  'null',
  'NaN',
  '.inf',
  '-.inf',
  '0x1F',
  '0o17',
  '017',
  '1e400',
  '-1',
  '99999999999999999999999',
  '1_000',
  '3.5',
  'yes',
  'no',
  'on',
  'off',
  'true',
  '2001-12-14t21:59:43.10-05:00',
  'x'.repeat(300),
];

const TEMPLATE_BITS = [
  '{{',
  '}}',
  '{{ .Values.replicas }}',
  '{{- include "x.labels" . | nindent 4 }}',
  '{{ if .Values.enabled }}',
  '{{ end }}',
  '{{/* comment */}}',
  '${VAR}',
  '<%= x %>',
];

const ALIAS_BITS = [
  '&a ',
  '&b ',
  '*a',
  '*b',
  '*missing',
  '<<: *a',
  '<<: [*a, *b]',
  '<<: *missing',
  '<<: {}',
  '<<: 1',
  '<<: [1, 2]',
  '&a [*a]',
  '&a {k: *a}',
  '&a {<<: *a}',
  '&x ',
  '*x',
];

const VALUE_BITS = [
  '',
  ' ',
  '-1',
  '0',
  '3',
  '"3"',
  '3.5',
  '1e400',
  'null',
  '~',
  '[]',
  '{}',
  '[a, b]',
  '{a: b}',
  '"',
  "'",
  'RWO',
  'ReadWriteOnce',
  '10GB',
  '10Gi',
  'None',
  '""',
  'A_B',
  'x'.repeat(70),
  '*a',
  '&a x',
  '!!binary aGVsbG8=',
  '|\n    block',
  '>-\n    folded',
  '? complex\n  : key',
];

export type Mutation = (text: string, rng: Rng, other: () => string) => string;

function lines(t: string): string[] {
  return t.split('\n');
}
function randomLine(t: string, rng: Rng): number {
  return rng.int(lines(t).length);
}
function insertAt(t: string, i: number, s: string): string {
  return t.slice(0, i) + s + t.slice(i);
}
function lineStartOffset(t: string, line: number): number {
  const ls = lines(t);
  let o = 0;
  for (let i = 0; i < line && i < ls.length; i++) o += ls[i].length + 1;
  return Math.min(o, t.length);
}

/** The line range [i, end) of the block that starts at line i: the line and every following line indented deeper (or blank). */
function blockAt(l: string[], i: number): number {
  const base = /^\s*/.exec(l[i])![0].length;
  let end = i + 1;
  while (end < l.length && (l[end].trim() === '' || /^\s*#/.test(l[end]) || /^\s*/.exec(l[end])![0].length > base))
    end++;
  return end;
}

function keyedLines(l: string[]): number[] {
  const out: number[] = [];
  l.forEach((s, i) => {
    if (/^\s*(?:- )?[A-Za-z][\w./-]*:(\s|$)/.test(s)) out.push(i);
  });
  return out;
}

export const MUTATIONS: Record<string, Mutation> = {
  // Structure-aware: keep the YAML valid and change the shape of the Kubernetes object.
  dropBlock: (t, r) => {
    const l = lines(t);
    const k = keyedLines(l);
    if (!k.length) return t;
    const i = r.pick(k);
    l.splice(i, blockAt(l, i) - i);
    return l.join('\n');
  },
  typeSwap: (t, r) => {
    const l = lines(t);
    const k = keyedLines(l);
    if (!k.length) return t;
    const i = r.pick(k);
    const end = blockAt(l, i);
    const head = /^(\s*(?:- )?[A-Za-z][\w./-]*:)/.exec(l[i])![1];
    const pad = ' '.repeat(/^\s*/.exec(l[i])![0].length + 2);
    const repl = r.pick([
      [`${head} 1`],
      [`${head} "1"`],
      [`${head} -3`],
      [`${head} true`],
      [`${head} null`],
      [`${head} ""`],
      [`${head} []`],
      [`${head} {}`],
      [`${head} [1, "x", {a: b}, [c]]`],
      [`${head} {a: 1, b: [x]}`],
      [`${head}`, `${pad}- a`, `${pad}- {name: b}`],
      [`${head}`, `${pad}name: x`, `${pad}x: {y: z}`],
      [`${head} |`, `${pad}text`],
    ]);
    l.splice(i, end - i, ...repl);
    return l.join('\n');
  },
  dupBlock: (t, r) => {
    const l = lines(t);
    const k = keyedLines(l);
    if (!k.length) return t;
    const i = r.pick(k);
    const end = blockAt(l, i);
    let block = l.slice(i, end);
    // A list item becomes a second list item; a key a duplicate key.
    if (r.chance(0.5))
      block = block.map((s) =>
        s.replace(
          /(name|claimName|serviceName|mountPath|storageClassName|port|containerPort): .*/,
          (_, k2) => `${k2}: ${r.pick(['dup', 'Dup_Name', '0', '99999', '""'])}`,
        ),
      );
    l.splice(end, 0, ...block);
    return l.join('\n');
  },

  truncate: (t, r) => t.slice(0, r.int(t.length + 1)),
  truncateLine: (t, r) => t.slice(0, lineStartOffset(t, randomLine(t, r))),
  deleteLines: (t, r) => {
    const l = lines(t);
    l.splice(r.int(l.length), 1 + r.int(3));
    return l.join('\n');
  },
  duplicateLine: (t, r) => {
    const l = lines(t);
    const i = r.int(l.length);
    l.splice(i, 0, l[i]);
    return l.join('\n');
  },
  swapLines: (t, r) => {
    const l = lines(t);
    const i = r.int(l.length);
    const j = r.int(l.length);
    [l[i], l[j]] = [l[j], l[i]];
    return l.join('\n');
  },
  moveBlock: (t, r) => {
    const l = lines(t);
    const i = r.int(l.length);
    const block = l.splice(i, 1 + r.int(6));
    l.splice(r.int(l.length + 1), 0, ...block);
    return l.join('\n');
  },
  junk: (t, r) => insertAt(t, r.int(t.length + 1), r.pick(JUNK)),
  junkBurst: (t, r) => {
    let s = '';
    const n = 1 + r.int(40);
    for (let i = 0; i < n; i++) s += String.fromCharCode(r.int(r.chance(0.2) ? 0x10000 : 0x80));
    return insertAt(t, r.int(t.length + 1), s);
  },
  deleteChars: (t, r) => {
    const i = r.int(t.length + 1);
    return t.slice(0, i) + t.slice(i + 1 + r.int(8));
  },
  replaceChar: (t, r) => {
    if (!t.length) return t;
    const i = r.int(t.length);
    return (
      t.slice(0, i) +
      r.pick([' ', '\t', ':', '-', '\n', '"', '\0', '\uD800', 'x', '0', '#', '&', '*', '{', '[']) +
      t.slice(i + 1)
    );
  },
  indent: (t, r) => {
    const l = lines(t);
    const i = r.int(l.length);
    const k = r.int(5);
    if (k === 0) l[i] = l[i].replace(/^ {1,2}/, '');
    else if (k === 1) l[i] = '\t' + l[i];
    else if (k === 2) l[i] = ' ' + l[i];
    else if (k === 3) l[i] = '  ' + l[i];
    else l[i] = l[i].trimStart();
    return l.join('\n');
  },
  indentBlock: (t, r) => {
    const l = lines(t);
    const i = r.int(l.length);
    const n = 1 + r.int(8);
    const add = r.chance(0.5);
    for (let j = i; j < Math.min(l.length, i + n); j++) l[j] = add ? '  ' + l[j] : l[j].replace(/^ {1,2}/, '');
    return l.join('\n');
  },
  template: (t, r) => {
    const l = lines(t);
    const i = r.int(l.length);
    if (r.chance(0.5)) l[i] = l[i] + ' ' + r.pick(TEMPLATE_BITS);
    else l.splice(i, 0, r.pick(TEMPLATE_BITS));
    return l.join('\n');
  },
  alias: (t, r) => {
    const l = lines(t);
    const i = r.int(l.length);
    const bit = r.pick(ALIAS_BITS);
    const m = /^(\s*(?:- )?[^:#]+:\s*)(.*)$/.exec(l[i]);
    if (m && r.chance(0.6)) l[i] = m[1] + bit + (bit.endsWith(' ') ? m[2] : '');
    else l.splice(i, 0, (/^\s*/.exec(l[i])?.[0] ?? '') + bit);
    return l.join('\n');
  },
  anchorAndAlias: (t, r) => {
    // Anchor one value and alias it from another key: exercises alias-following in rules.
    const l = lines(t);
    const keyed = l.map((s, i) => [s, i] as const).filter(([s]) => /^\s*(?:- )?[A-Za-z][\w.-]*:\s*\S/.test(s));
    if (keyed.length < 2) return t;
    const [a, ai] = r.pick(keyed);
    const [b, bi] = r.pick(keyed);
    l[ai] = a.replace(/:\s*/, ': &fz ');
    if (bi !== ai) l[bi] = b.replace(/:\s*.*$/, ': *fz');
    return l.join('\n');
  },
  value: (t, r) => {
    const l = lines(t);
    const keyed = l.map((s, i) => [s, i] as const).filter(([s]) => /^\s*(?:- )?[A-Za-z][\w.-]*:/.test(s));
    if (!keyed.length) return t;
    const [s, i] = r.pick(keyed);
    l[i] = s.replace(/:(\s.*)?$/, ': ' + r.pick(VALUE_BITS));
    return l.join('\n');
  },
  renameKey: (t, r) => {
    const l = lines(t);
    const i = r.int(l.length);
    l[i] = l[i].replace(
      /^(\s*(?:- )?)([A-Za-z][\w.-]*)(:)/,
      (_, p, k, c) =>
        p + r.pick([k.toUpperCase(), k + 'x', '', '"' + k + '"', "'" + k + "'", '? ' + k, k + ' ' + k]) + c,
    );
    return l.join('\n');
  },
  docMarker: (t, r) => {
    const l = lines(t);
    l.splice(
      r.int(l.length + 1),
      0,
      r.pick(['---', '...', '--- |', '--- !!map', '---\t# c', '%YAML 1.2', '--- &a', '----']),
    );
    return l.join('\n');
  },
  flowify: (t, r) => {
    // Wrap a random line's value in flow brackets, sometimes unbalanced.
    const l = lines(t);
    const i = r.int(l.length);
    l[i] = l[i].replace(
      /:\s+(.+)$/,
      (_, v) => ': ' + r.pick([`[${v}]`, `{${v}}`, `[${v}`, `{x: ${v}`, `"${v}`, `'${v}'`]),
    );
    return l.join('\n');
  },
  splice: (t, r, other) => {
    const o = other();
    return t.slice(0, r.int(t.length + 1)) + o.slice(r.int(o.length + 1));
  },
  concat: (t, _r, other) => t + '\n---\n' + other(),
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  bom: (t) => '\uFEFF' + t,
  empty: () => '',
  whitespace: (t, r) =>
    r.pick(['', '\n', '   ', '\n\n\n', '---', '--- \n---\n', '# only a comment\n', '\t']) + (r.chance(0.5) ? '' : t),
  longLine: (t, r) => insertAt(t, lineStartOffset(t, randomLine(t, r)), 'k: ' + 'v'.repeat(2000 + r.int(20000)) + '\n'),
  deepFlow: (t, r) => {
    const d = 50 + r.int(400);
    return insertAt(
      t,
      lineStartOffset(t, randomLine(t, r)),
      'deep: ' + '['.repeat(d) + ']'.repeat(r.chance(0.7) ? d : r.int(d)) + '\n',
    );
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);
/** Mutations that blow the text up; used sparingly so iterations stay fast. */
const HEAVY = new Set(['longLine', 'deepFlow', 'concat', 'crlf']);

// ---------------------------------------------------------------------------------------
// Checks

export interface FuzzProblem {
  /** throw: an entry point threw; rule: a rule failed (analyzer.failures); span: a finding outside its document; diff: incremental model differs from a fresh one. */
  kind: 'throw' | 'rule' | 'span' | 'diff';
  /** Where: the entry point or the rule code. */
  where: string;
  error: string;
  input: string;
  mutations: string[];
  text: string;
  /** Other files of the workspace at the time. */
  others: { uri: string; text: string }[];
  minimized?: string;
}

function checkSpan(s: Span, where: string): string | undefined {
  const len = s.doc.text.length;
  if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= len)) {
    return `${where}: span [${s.start}, ${s.end}] outside its document (length ${len})`;
  }
  return undefined;
}

function findingKey(ws: Workspace, f: Finding): string {
  const file = ws.file(f.span.doc.uri);
  const r = file ? toLspRange(file, f.span) : undefined;
  // A fix may target another span (`at`, a document span): compare it by file and range.
  const fix = f.fix?.map((x) => {
    const af = x.at && ws.file(x.at.doc.uri);
    return {
      title: x.title,
      newText: x.newText,
      at: x.at ? `${x.at.doc.uri} ${af ? JSON.stringify(toLspRange(af, x.at)) : '?'}` : undefined,
    };
  });
  return `${f.span.doc.uri} ${r ? `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` : '?'} ${f.severity} ${f.code} ${f.message}${fix ? ' fix=' + JSON.stringify(fix) : ''}`;
}

export interface ProbeResult {
  problems: { kind: FuzzProblem['kind']; where: string; error: string }[];
  findings: number;
}

const FUZZ_URI = 'file:///fuzz/ws/main.yaml';

/**
 * Everything an editor does with one buffer text, in a given (possibly long-lived) workspace.
 * Returns the problems seen (empty when all is well).
 */
export function probe(ws: Workspace, analyzer: Analyzer, uri: string, text: string, rng: Rng, hovers = 8): ProbeResult {
  const problems: ProbeResult['problems'] = [];
  const guard = <T>(where: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      problems.push({ kind: 'throw', where, error: (e as Error)?.stack ?? String(e) });
      return undefined;
    }
  };
  const failuresBefore = analyzer.failures.length;
  guard('Workspace.setOpenFile', () => ws.setOpenFile(uri, text));
  let count = 0;
  for (const f of ws.files()) {
    const found = guard('Analyzer.fileFindings', () => analyzer.fileFindings(f.uri)) ?? [];
    count += found.length;
    for (const x of found) {
      const bad =
        checkSpan(x.span, x.code) ?? x.related?.map((r) => checkSpan(r.span, `${x.code} (related)`)).find(Boolean);
      if (bad) problems.push({ kind: 'span', where: x.code, error: bad });
      guard('toLspRange', () => toLspRange(f, x.span));
    }
  }
  const len = text.length;
  const offsets = [0, len, Math.max(0, len - 1)];
  for (let i = 0; i < hovers; i++) offsets.push(rng.int(len + 1));
  for (const o of offsets) {
    const h = guard(`hoverAt(${o})`, () => hoverAt(analyzer, uri, o));
    if (h) {
      const bad = checkSpan(h.span, 'hover');
      if (bad) problems.push({ kind: 'span', where: 'hover', error: bad });
      if (typeof h.markdown !== 'string')
        problems.push({ kind: 'throw', where: 'hover', error: 'markdown is not a string' });
    }
  }
  guard('buildTree', () => JSON.stringify(buildTree(analyzer)));
  guard('identitiesFor(uri)', () => identitiesFor(analyzer, uri));
  guard('identitiesFor()', () => identitiesFor(analyzer));
  for (const f of analyzer.failures.slice(failuresBefore))
    problems.push({ kind: 'rule', where: f.code, error: f.error });
  analyzer.failures.length = failuresBefore;
  return { problems, findings: count };
}

/** Findings of every file in `ws` compared with a fresh workspace loaded with the same texts. */
export function differential(ws: Workspace, analyzer: Analyzer, openUris: Set<string>): string | undefined {
  const fresh = new Workspace();
  fresh.setSettings(ws.settings);
  for (const f of ws.files()) {
    if (openUris.has(f.uri)) fresh.setOpenFile(f.uri, f.text);
    else fresh.setDiskFile(f.uri, f.text);
  }
  const fa = new Analyzer(fresh);
  for (const f of ws.files()) {
    const a = analyzer.fileFindings(f.uri).map((x) => findingKey(ws, x));
    const b = fa.fileFindings(f.uri).map((x) => findingKey(fresh, x));
    const sa = a.join('\n');
    const sb = b.join('\n');
    if (sa !== sb) {
      const onlyA = a.filter((x) => !b.includes(x));
      const onlyB = b.filter((x) => !a.includes(x));
      return `incremental findings differ from a fresh analysis of ${f.uri}:\n  only incremental: ${onlyA.join('\n    ') || '-'}\n  only fresh:       ${onlyB.join('\n    ') || '-'}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Minimizing a failing text (line-based delta debugging, then characters)

export function minimize(text: string, fails: (t: string) => boolean, budgetMs = 3000): string {
  const deadline = Date.now() + budgetMs;
  let cur = text;
  let ls = cur.split('\n');
  for (let chunk = Math.max(1, ls.length >> 1); chunk >= 1 && Date.now() < deadline; chunk >>= 1) {
    for (let i = 0; i < ls.length && Date.now() < deadline;) {
      const cand = [...ls.slice(0, i), ...ls.slice(i + chunk)];
      if (cand.length < ls.length && fails(cand.join('\n'))) ls = cand;
      else i += chunk;
    }
  }
  cur = ls.join('\n');
  // Trim characters from the end and the start.
  for (let step = cur.length >> 1; step >= 1 && Date.now() < deadline; step >>= 1) {
    while (cur.length > step && fails(cur.slice(0, cur.length - step)) && Date.now() < deadline)
      cur = cur.slice(0, cur.length - step);
  }
  return cur;
}

// ---------------------------------------------------------------------------------------
// The loop

export interface FuzzOptions {
  seed: number;
  durationMs: number;
  maxIterations?: number;
  inputs: FuzzInput[];
  /** Compare the incremental model with a fresh one every `diffEvery` iterations (0: never). */
  diffEvery?: number;
  /** Minimize failing texts (slower). */
  minimize?: boolean;
  log?: (line: string) => void;
  /** Write each input to this file before probing it: a crash of the process itself (not an exception) leaves its reproducer there. */
  traceFile?: string;
}

export interface FuzzReport {
  seed: number;
  iterations: number;
  elapsedMs: number;
  findings: number;
  /** One entry per distinct problem (kind + where + first line of the error). */
  problems: FuzzProblem[];
  mutationCounts: Record<string, number>;
}

function signature(p: { kind: string; where: string; error: string }): string {
  const first = p.error.split('\n')[0].replace(/\d+/g, 'N');
  const frame = /\n\s+at (.*)/.exec(p.error)?.[1]?.replace(/:\d+:\d+\)?$/, '') ?? '';
  return `${p.kind}|${p.where.replace(/\(\d+\)/, '')}|${first}|${frame}`;
}

export function runFuzz(opts: FuzzOptions): FuzzReport {
  const rng = new Rng(opts.seed);
  const started = Date.now();
  const seen = new Map<string, FuzzProblem>();
  const counts: Record<string, number> = {};
  const inputs = opts.inputs.length ? opts.inputs : [{ name: '(empty)', text: '' }];
  let ws = new Workspace();
  let analyzer = new Analyzer(ws);
  const open = new Set<string>();
  let iterations = 0;
  let findings = 0;
  let current = '';
  let currentInput = inputs[0].name;
  let chain: string[] = [];
  const other = () => rng.pick(inputs).text;

  const record = (p: { kind: FuzzProblem['kind']; where: string; error: string }, text: string, muts: string[]) => {
    const sig = signature(p);
    if (seen.has(sig)) return;
    const others = [...ws.files()].filter((f) => f.uri !== FUZZ_URI).map((f) => ({ uri: f.uri, text: f.text }));
    const prob: FuzzProblem = { ...p, input: currentInput, mutations: [...muts], text, others };
    if (opts.minimize && p.kind !== 'diff') {
      prob.minimized = minimize(text, (t) => {
        const w = new Workspace();
        w.setSettings(ws.settings);
        for (const o of others) w.setDiskFile(o.uri, o.text);
        const a = new Analyzer(w);
        const r = probe(w, a, FUZZ_URI, t, new Rng(1), 0);
        return r.problems.some((q) => signature(q) === sig || (q.kind === p.kind && q.where === p.where));
      });
    }
    seen.set(sig, prob);
    opts.log?.(
      `problem: ${p.kind} in ${p.where} (input ${currentInput}, mutations ${muts.join(',')}): ${p.error.split('\n')[0]}`,
    );
  };

  while (
    Date.now() - started < opts.durationMs &&
    (opts.maxIterations === undefined || iterations < opts.maxIterations)
  ) {
    iterations++;
    // Every so often: start a new workspace, with some neighbour files on disk (cross-file links).
    if (iterations % 40 === 1) {
      ws = new Workspace();
      if (rng.chance(0.3))
        ws.setSettings(
          normalizeSettings({
            knownStorageClasses: ['standard'],
            defaultNamespace: rng.pick(['default', 'prod']),
            maxFileSize: rng.chance(0.2) ? 4000 : undefined,
          }),
        );
      analyzer = new Analyzer(ws);
      open.clear();
      const n = rng.int(4);
      for (let i = 0; i < n; i++) {
        const inp = rng.pick(inputs);
        ws.setDiskFile(`file:///fuzz/ws/other-${i}.yaml`, inp.text);
      }
    }
    // Continue mutating the current buffer (incremental edits) or start from a fresh input.
    if (iterations % 10 === 1 || rng.chance(0.15)) {
      const inp = rng.pick(inputs);
      current = inp.text;
      currentInput = inp.name;
      chain = [];
    }
    const k = 1 + rng.int(3);
    for (let i = 0; i < k; i++) {
      let name = rng.pick(MUTATION_NAMES);
      if (HEAVY.has(name) && (current.length > 60000 || rng.chance(0.7))) name = 'junk';
      counts[name] = (counts[name] ?? 0) + 1;
      chain.push(name);
      current = MUTATIONS[name](current, rng, other);
    }
    if (current.length > 200000) current = current.slice(0, 200000);
    open.add(FUZZ_URI);
    if (opts.traceFile) {
      const others = [...ws.files()].filter((f) => f.uri !== FUZZ_URI).map((f) => ({ uri: f.uri, text: f.text }));
      fs.writeFileSync(
        opts.traceFile,
        JSON.stringify({
          iteration: iterations,
          input: currentInput,
          mutations: chain,
          settings: ws.settings,
          text: current,
          others,
        }),
      );
    }
    const r = probe(ws, analyzer, FUZZ_URI, current, rng);
    findings += r.findings;
    for (const p of r.problems) record(p, current, chain);
    // Occasionally also change a neighbour on disk, or close the buffer.
    if (rng.chance(0.05)) {
      const uri = `file:///fuzz/ws/other-${rng.int(4)}.yaml`;
      try {
        if (rng.chance(0.3)) ws.deleteDiskFile(uri);
        else
          ws.setDiskFile(
            uri,
            MUTATIONS[rng.pick(MUTATION_NAMES.filter((m) => !HEAVY.has(m)))](rng.pick(inputs).text, rng, other),
          );
      } catch (e) {
        record(
          { kind: 'throw', where: 'Workspace.setDiskFile', error: (e as Error).stack ?? String(e) },
          current,
          chain,
        );
      }
    }
    if (opts.diffEvery && iterations % opts.diffEvery === 0) {
      try {
        const d = differential(ws, analyzer, open);
        if (d) record({ kind: 'diff', where: 'incremental', error: d }, current, chain);
      } catch (e) {
        record({ kind: 'throw', where: 'differential', error: (e as Error).stack ?? String(e) }, current, chain);
      }
      for (const f of analyzer.failures) record({ kind: 'rule', where: f.code, error: f.error }, current, chain);
      analyzer.failures.length = 0;
    }
    if (rng.chance(0.03)) {
      ws.closeFile(FUZZ_URI);
      open.delete(FUZZ_URI);
    }
  }
  return {
    seed: opts.seed,
    iterations,
    elapsedMs: Date.now() - started,
    findings,
    problems: [...seen.values()],
    mutationCounts: counts,
  };
}

export function describeProblem(p: FuzzProblem): string {
  const text = p.minimized ?? p.text;
  const shown = text.length > 1500 ? text.slice(0, 1500) + `\n… (${text.length} characters)` : text;
  return [
    `${p.kind.toUpperCase()} in ${p.where}`,
    `  from ${p.input} after ${p.mutations.join(', ')}`,
    `  ${p.error.split('\n').slice(0, 6).join('\n  ')}`,
    `  ${p.minimized !== undefined ? 'minimized' : 'input'} text (JSON): ${JSON.stringify(shown)}`,
    p.others.length ? `  other files in the workspace: ${p.others.map((o) => o.uri).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

// ---------------------------------------------------------------------------------------
// CLI: npm run fuzz -- [--duration SECONDS] [--iterations N] [--seed N] [--no-corpus] [--no-diff]
//                      [--out DIR] [--trace] [--report FILE.json] [--quiet]
// --trace writes every input to DIR/last-input.json before analysing it, so that a crash of
// the process itself (out of memory, a fatal V8 error) leaves its reproducer behind.

function main(argv: string[]): number {
  const arg = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === name || a.startsWith(name + '='));
    if (i === -1) return undefined;
    return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  };
  const duration = Number(arg('--duration') ?? 60);
  const maxIterations = arg('--iterations') !== undefined ? Number(arg('--iterations')) : undefined;
  const reportFile = arg('--report');
  const quiet = argv.includes('--quiet');
  const seed = Number(arg('--seed') ?? Date.now() % 1000000);
  const inputs = loadInputs({ corpus: !argv.includes('--no-corpus') });
  const outDir = arg('--out') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-fuzz-'));
  const log = quiet ? () => undefined : (l: string) => console.log(l);
  log(`fuzzing for ${duration} s, seed ${seed}, ${inputs.length} inputs`);
  fs.mkdirSync(outDir, { recursive: true });
  const rep = runFuzz({
    seed,
    durationMs: duration * 1000,
    maxIterations,
    inputs,
    diffEvery: argv.includes('--no-diff') ? 0 : 5,
    minimize: true,
    log,
    traceFile: argv.includes('--trace') ? path.join(outDir, 'last-input.json') : undefined,
  });
  if (reportFile) fs.writeFileSync(reportFile, JSON.stringify({ ...rep, inputs: inputs.length }));
  if (quiet) return rep.problems.length ? 1 : 0;
  console.log(
    `${rep.iterations} iterations in ${(rep.elapsedMs / 1000).toFixed(1)} s (${Math.round(rep.iterations / (rep.elapsedMs / 1000))}/s), ${rep.findings} findings seen`,
  );
  if (!rep.problems.length) {
    console.log('no problems found');
    return 0;
  }
  fs.mkdirSync(outDir, { recursive: true });
  rep.problems.forEach((p, i) => {
    const base = path.join(outDir, `problem-${i + 1}-${p.kind}-${p.where.replace(/[^\w-]+/g, '_')}`);
    fs.writeFileSync(base + '.yaml', p.minimized ?? p.text);
    fs.writeFileSync(base + '.json', JSON.stringify(p, null, 2));
  });
  console.log(`\n${rep.problems.length} distinct problem(s); reproducers in ${outDir}\n`);
  for (const p of rep.problems) console.log(describeProblem(p) + '\n');
  return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
