import { isCollection } from 'yaml';
import type { ParsedDoc } from './yaml/parse';
import type { Severity } from './settings';
import type { Resource } from './model/resource';
import { nodeRange, YNode } from './yaml/nodes';

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

/** The span of a node within a document; falls back to the resource's `kind` value. */
export function spanOf(doc: ParsedDoc, node: YNode | undefined, res?: Resource): Span {
  const r = nodeRange(node);
  if (r) {
    let end = r[1];
    if (isCollection(node)) {
      // Underline the first line of a block collection, never a whole block.
      const nl = doc.text.indexOf('\n', r[0]);
      if (nl !== -1 && nl < end) end = nl;
      while (end > r[0] && /\s/.test(doc.text.charAt(end - 1))) end--;
    }
    return { doc, start: r[0], end: Math.max(end, r[0]) };
  }
  if (res) {
    const k = nodeRange(res.at('kind'));
    if (k) return { doc, start: k[0], end: k[1] };
  }
  const firstLine = doc.text.indexOf('\n');
  return { doc, start: 0, end: firstLine === -1 ? doc.text.length : firstLine };
}
