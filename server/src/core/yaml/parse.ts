import { Document, parseDocument, YAMLParseError } from 'yaml';
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
 * One parsed YAML document of a file. Immutable apart from `base` and `index`, which
 * follow the document when text before it is edited: an unchanged document keeps its
 * ParsedDoc (and everything cached against it) across edits.
 */
export class ParsedDoc {
  /** Offset of the chunk in its file's current text. */
  base = 0;
  /** Position of the document in its file (0-based). */
  index = 0;
  readonly errors: SyntaxProblem[];
  readonly warnings: SyntaxProblem[];

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly yaml: YamlDoc,
    /** The document contains Go/Helm template syntax (`{{ … }}`). */
    readonly templated: boolean,
  ) {
    this.errors = yaml.errors.map(toProblem);
    this.warnings = yaml.warnings.map(toProblem);
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
  return new ParsedDoc(uri, text, parseDocument('', { version: '1.1' }) as YamlDoc, false);
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
  let doc: YamlDoc;
  try {
    const source = parserText(text);
    doc = parseDocument(source, {
      // Kubernetes decodes YAML with go-yaml (YAML 1.1): 0644 is octal, yes/no are booleans.
      version: '1.1',
      prettyErrors: false,
      // The parser's own unique-key check is quadratic in a mapping's size: see duplicates.ts.
      uniqueKeys: false,
      keepSourceTokens: false,
      strict: false,
    }) as YamlDoc;
    for (const d of findDuplicateKeys(doc, source)) {
      doc.errors.push(new YAMLParseError([d.start, d.start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
    }
  } catch (e) {
    // The yaml package does not throw on bad input; keep serving if it ever does.
    doc = parseDocument('', { version: '1.1' }) as YamlDoc;
    doc.errors.push({
      code: 'IMPOSSIBLE',
      message: `YAML parser failure: ${(e as Error).message}`,
      pos: [0, Math.min(text.length, 1)],
    } as never);
  }
  return new ParsedDoc(uri, text, doc, TEMPLATE.test(text));
}
