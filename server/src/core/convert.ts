import type { Span } from './findings';
import type { FileModel } from './model/workspace';
import type { Range } from './positions';

/** A span (document-relative offsets) as a line/character range in its file's current text. */
export function toLspRange(file: FileModel, span: Span): Range {
  return file.lines.rangeOf(span.doc.base + span.start, span.doc.base + span.end);
}

/** File offset of a line/character position. */
export function toOffset(file: FileModel, pos: { line: number; character: number }): number {
  return file.lines.offsetAt(pos);
}

/** One-based line number of a span's start in its file's current text (for messages). */
export function lineNumber(file: FileModel, span: Span): number {
  return file.lines.positionAt(span.doc.base + span.start).line + 1;
}
