import type { ParsedDoc } from './yaml/parse';
import type { Severity } from './settings';

/** A source span: offsets relative to a document chunk (stable while the chunk is unchanged). */
export interface Span {
  doc: ParsedDoc;
  start: number;
  end: number;
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

export interface Finding {
  /** Stable rule code, e.g. `sts-selector-mismatch`. */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedInfo[];
  /** Machine-readable hints for quick fixes (replacement text for the span). */
  fix?: Fix[];
}

/** A quick fix: replace the finding's span, or `at` (any span, any file: an insertion when empty). */
export interface Fix {
  title: string;
  newText: string;
  at?: Span;
}
