/**
 * Where a piece of a scalar's value sits in the document text, so an edit can replace just
 * that piece. Exact for plain and quoted scalars without escapes; for other forms (block
 * scalars, escapes) a piece is found by its occurrence: the k-th occurrence of the same text
 * in the value and in the source, when both have the same number of them.
 */
import { isScalar } from './predicates';
import { nodeRange, YNode } from './nodes';

/** Document-relative [start, end) of value[start..end) within the scalar's source, or undefined. */
export function sourceSpan(docText: string, node: YNode, start: number, end: number): [number, number] | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const r = nodeRange(node);
  if (!r) return undefined;
  const value = node.value;
  const src = docText.slice(r[0], r[1]);
  if (node.type === 'PLAIN' && src === value) return [r[0] + start, r[0] + end];
  if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && src.slice(1, -1) === value) {
    return [r[0] + 1 + start, r[0] + 1 + end];
  }
  const piece = value.slice(start, end);
  if (!piece || /[\n\\'"]/.test(piece)) return undefined;
  const inValue = occurrences(value, piece);
  const inSource = occurrences(src, piece);
  if (inValue.length !== inSource.length) return undefined;
  const k = inValue.indexOf(start);
  if (k < 0) return undefined;
  return [r[0] + inSource[k], r[0] + inSource[k] + piece.length];
}

function occurrences(s: string, piece: string): number[] {
  const out: number[] = [];
  for (let i = s.indexOf(piece); i !== -1 && out.length < 10000; i = s.indexOf(piece, i + 1)) out.push(i);
  return out;
}

/** The span of a whole string scalar's text (inside the quotes), or undefined when not exact. */
export function scalarTextSpan(docText: string, node: YNode): [number, number] | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  if (node.anchor) return undefined;
  return sourceSpan(docText, node, 0, node.value.length);
}
