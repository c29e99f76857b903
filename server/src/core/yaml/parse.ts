import { Document, parseDocument, Scalar, Tags, visit, YAMLParseError } from 'yaml';
import { isScalar } from './predicates';
import { findJoins, refold } from './lenient';
import { findDuplicateKeys } from './duplicates';

/** A syntax problem, as offsets relative to the start of its document chunk. */
export interface SyntaxProblem {
  code: string;
  message: string;
  start: number;
  end: number;
}

export type YamlDoc = Document.Parsed;

/**
 * One YAML document of a file. Immutable apart from `base` and `index`, which follow the
 * document when text before it is edited: an unchanged document keeps its ParsedDoc (and
 * everything cached against it) across edits.
 *
 * The syntax tree is a cache: `evict()` drops it (files that are not open keep only their
 * text, problems and index facts), and `yaml` parses the text again on demand, with the same
 * options, so the tree is equal to the dropped one. Nothing may keep nodes of a document
 * beyond one analysis pass except in caches keyed by the `YamlDoc` itself.
 */
export class ParsedDoc {
  /** Offset of the chunk in its file's current text. */
  base = 0;
  /** Position of the document in its file (0-based). */
  index = 0;
  readonly errors: SyntaxProblem[];
  readonly warnings: SyntaxProblem[];
  private tree: YamlDoc | undefined;
  /** Times any evicted tree was parsed again (for tests and benchmarks). */
  static reparses = 0;

  constructor(
    readonly uri: string,
    readonly text: string,
    yaml: YamlDoc | undefined,
    /** The document contains Go/Helm template syntax (`{{ … }}`). */
    readonly templated: boolean,
    /** Problems, when `yaml` is not given (the document was parsed elsewhere). */
    problems?: { errors: SyntaxProblem[]; warnings: SyntaxProblem[] },
    /** False for stand-in documents whose tree is not the parse of `text`. */
    private readonly reparsable = true,
  ) {
    this.tree = yaml;
    this.errors = orNone(problems ? problems.errors : (yaml?.errors.map(toProblem) ?? []));
    this.warnings = orNone(problems ? problems.warnings : (yaml?.warnings.map(toProblem) ?? []));
  }

  /** The syntax tree (parsed again if it was evicted). */
  get yaml(): YamlDoc {
    if (!this.tree) {
      this.tree = parseYaml(this.text);
      ParsedDoc.reparses++;
    }
    return this.tree;
  }

  /** Whether the syntax tree is in memory. */
  get hasTree(): boolean {
    return this.tree !== undefined;
  }

  /** Drop the syntax tree; `yaml` builds it again when needed. */
  evict(): void {
    if (this.reparsable) this.tree = undefined;
  }

  /**
   * The document failed to parse (kubectl would reject it before anything else): its tree is
   * a guess, so no rule reads it. A duplicate key alone leaves the structure intact.
   */
  get broken(): boolean {
    return this.errors.some((e) => e.code !== 'DUPLICATE_KEY');
  }
}

/** One shared empty list for the (usual) documents without problems: memory at scale. */
const NO_PROBLEMS = Object.freeze([]) as unknown as SyntaxProblem[];

function orNone(list: SyntaxProblem[]): SyntaxProblem[] {
  return list.length ? list : NO_PROBLEMS;
}

function toProblem(e: { code: string; message: string; pos: [number, number] }): SyntaxProblem {
  const [start, end] = e.pos;
  return { code: e.code, message: e.message, start, end: Math.max(end, start) };
}

/** Go/Helm template actions; GitHub Actions' `${{ … }}` expressions are not templates. */
const TEMPLATE = /(?<!\$)\{\{/;

/** A document that stands for text that was not parsed (the first line of a file over the size cap). */
export function placeholderDoc(uri: string, text: string): ParsedDoc {
  return new ParsedDoc(uri, text, parseDocument('', { version: '1.1' }) as YamlDoc, false, undefined, false);
}

function parseRaw(text: string): YamlDoc {
  const source = parserText(text);
  const doc = parseDocument(source, {
    // Kubernetes decodes YAML with go-yaml (YAML 1.1): 0644 is octal, yes/no are booleans.
    version: '1.1',
    prettyErrors: false,
    // The parser's own unique-key check is quadratic in a mapping's size: see duplicates.ts.
    uniqueKeys: false,
    keepSourceTokens: false,
    strict: false,
    customTags: goYamlTags,
  }) as YamlDoc;
  for (const d of findDuplicateKeys(doc, source)) {
    doc.errors.push(new YAMLParseError([d.start, d.start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  }
  return doc;
}

/**
 * go-yaml resolves neither YAML 1.1 sexagesimal numbers (`1:20`) nor timestamps (`2001-12-14`)
 * when it converts a manifest to JSON: both stay strings, as in kubectl's output.
 */
function goYamlTags(tags: Tags): Tags {
  // The parser asks once per document, with the same tags: answer from the last call.
  if (lastTags && lastTags.in.length === tags.length && lastTags.in.every((t, i) => t === tags[i])) return lastTags.out;
  const out = computeGoYamlTags(tags);
  lastTags = { in: tags.slice(), out };
  return out;
}

let lastTags: { in: Tags; out: Tags } | undefined;

function computeGoYamlTags(tags: Tags): Tags {
  const kept = tags
    .filter((t) => {
      const tag = t as { tag?: string; format?: string };
      return tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp';
    })
    .map((t) => {
      const tag = t as { tag?: string; format?: string; test?: RegExp };
      if (tag.tag !== 'tag:yaml.org,2002:float' || !tag.test || tag.test.test('.nan')) return t;
      return { ...tag, test: tag.format === 'EXP' ? GO_FLOAT_EXP : GO_FLOAT } as typeof t;
    });
  return [PLAIN_STRING, ...kept];
}

/**
 * go-yaml reads a float only when its mantissa has a digit: `.`, `-.`, `.e1` and `-e2` stay
 * strings (checked with kubectl: test/fixtures/parse/yaml11-float-without-digits.yaml), while the
 * yaml package's YAML 1.1 tests take them for NaN.
 */
const GO_FLOAT = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]*[0-9][0-9_]*)$/;
const GO_FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]*[0-9][0-9_]*)[eE][-+]?[0-9]+$/;

/**
 * A shortcut for the commonest plain scalar, a word: the parser tries each tag's test in turn
 * (null, booleans, five integer and three float forms in YAML 1.1), and a value that starts with
 * a letter no null or boolean starts with, or that starts with a letter and is longer than
 * `false`, can only be a string. It resolves exactly as the string fallback does (same tag, no
 * format), and has no `identify`, so it is never used to write a value.
 */
const PLAIN_STRING = {
  default: true as const,
  tag: 'tag:yaml.org,2002:str',
  test: /^(?:[A-EG-MP-SU-XZa-eg-mp-su-xz]|[A-Za-z][^]{5})/,
  resolve: (s: string) => s,
};

/** Whether a line is longer than 1024 characters (one `indexOf` per line; no regex backtracking). */
function hasLongLine(text: string): boolean {
  if (text.length <= 1024) return false;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > 1024) return true;
    if (nl === -1) return false;
    start = nl + 1;
  }
}

/** go-yaml limits an implicit key to 1024 characters (`mapping values are not allowed in this context`). */
function checkLongKeys(doc: YamlDoc): void {
  visit(doc, {
    Pair(_, pair) {
      const r = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (
        isScalar(pair.key) &&
        r &&
        r[1] - r[0] > 1024 &&
        (pair.key.type === Scalar.PLAIN ||
          pair.key.type === Scalar.QUOTE_SINGLE ||
          pair.key.type === Scalar.QUOTE_DOUBLE)
      ) {
        doc.errors.push(
          new YAMLParseError(
            [r[0], r[1]],
            'KEY_OVER_1024_CHARS',
            'An implicit mapping key is longer than 1024 characters; kubectl rejects it. Shorten the key.',
          ),
        );
      }
    },
  });
}

/**
 * The text given to the parser, of the same length as the chunk so that offsets agree:
 * - a lone CR becomes LF: go-yaml (kubectl) and LSP positions both take it as a line break,
 *   the yaml package does not;
 * - a BOM at the start of a later document (the line after its `---`), which kubectl skips,
 *   moves to the start of the chunk, where the yaml package skips it.
 */
export function parserText(text: string): string {
  let t = text;
  if (t.includes('\r')) t = t.replace(/\r(?!\n)/g, '\n');
  if (t.charCodeAt(0) !== 0xfeff && t.startsWith('---')) {
    const eol = t.search(/\r?\n/);
    if (eol !== -1) {
      const next = t.charCodeAt(eol) === 13 ? eol + 2 : eol + 1;
      if (t.charCodeAt(next) === 0xfeff) t = '\ufeff' + t.slice(0, next) + t.slice(next + 1);
    }
  }
  return t;
}

export function parseChunk(uri: string, text: string): ParsedDoc {
  const doc = parseYaml(text);
  return new ParsedDoc(uri, text, doc, isTemplated(text, doc));
}

/**
 * Whether a chunk is a Go/Helm template: it holds template actions where YAML structure is
 * (see {@link templateBreaksStructure}); `{{` inside quoted or block text does not count.
 */
export function isTemplated(text: string, doc: YamlDoc): boolean {
  return text.includes('{{') && TEMPLATE.test(text) && templateBreaksStructure(doc, text);
}

/** Problems of a parsed tree, relative to its chunk. */
export function problemsOf(doc: YamlDoc): { errors: SyntaxProblem[]; warnings: SyntaxProblem[] } {
  return { errors: doc.errors.map(toProblem), warnings: doc.warnings.map(toProblem) };
}

/** The syntax tree of one document chunk, with the options Kubernetes needs. */
export function parseYaml(text: string): YamlDoc {
  let doc: YamlDoc;
  try {
    doc = parseRaw(text);
    if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
      // go-yaml accepts flow constructs whose continuation lines the yaml package rejects.
      const { shadow, joins } = findJoins(text);
      if (joins.length) {
        doc = parseRaw(shadow);
        refold(doc, text, joins);
      }
    }
    if (hasLongLine(text)) checkLongKeys(doc);
  } catch (e) {
    // The yaml package does not throw on bad input; keep serving if it ever does.
    doc = parseDocument('', { version: '1.1' }) as YamlDoc;
    doc.errors.push({
      code: 'IMPOSSIBLE',
      message: `YAML parser failure: ${(e as Error).message}`,
      pos: [0, Math.min(text.length, 1)],
    } as never);
  }
  return doc;
}

/**
 * Whether Go/Helm template actions in a document stand where YAML structure is: the document
 * does not parse, or a plain (unquoted) key or value, or a flow collection (`{{ x }}` reads as
 * nested flow mappings), starts or holds a template. Templates inside quoted or block scalars
 * (an annotation, a ConfigMap's data) are just text: the document is YAML as it stands.
 */
function templateBreaksStructure(doc: YamlDoc, text: string): boolean {
  if (doc.errors.length) return true;
  let found = false;
  const check = (node: unknown) => {
    if (found) return;
    if (isScalar(node)) {
      if (node.type === Scalar.PLAIN && typeof node.value === 'string' && TEMPLATE.test(node.value)) found = true;
      return;
    }
    const r = (node as { range?: [number, number, number] } | null)?.range;
    if (r && (node as { flow?: boolean }).flow && text.startsWith('{{', r[0])) found = true;
  };
  visit(doc, {
    Pair(_, pair) {
      check(pair.key);
      if (found) return visit.BREAK;
    },
    Node(_, node) {
      check(node);
      if (found) return visit.BREAK;
    },
  });
  return found;
}
