import { Document, parseDocument } from 'yaml';

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
    this.errors = problems ? problems.errors : (yaml?.errors.map(toProblem) ?? []);
    this.warnings = problems ? problems.warnings : (yaml?.warnings.map(toProblem) ?? []);
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

export function parseChunk(uri: string, text: string): ParsedDoc {
  return new ParsedDoc(uri, text, parseYaml(text), TEMPLATE.test(text));
}

/** Whether a chunk holds Go/Helm template syntax. */
export function isTemplated(text: string): boolean {
  return TEMPLATE.test(text);
}

/** Problems of a parsed tree, relative to its chunk. */
export function problemsOf(doc: YamlDoc): { errors: SyntaxProblem[]; warnings: SyntaxProblem[] } {
  return { errors: doc.errors.map(toProblem), warnings: doc.warnings.map(toProblem) };
}

/** The syntax tree of one document chunk, with the options Kubernetes needs. */
export function parseYaml(text: string): YamlDoc {
  let doc: YamlDoc;
  try {
    doc = parseDocument(text, {
      // Kubernetes decodes YAML with go-yaml (YAML 1.1): 0644 is octal, yes/no are booleans.
      version: '1.1',
      prettyErrors: false,
      uniqueKeys: true,
      keepSourceTokens: false,
      strict: false,
    }) as YamlDoc;
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
