/** Replacing a scalar's text in a quick fix. */
import { Scalar } from 'yaml';
import { isScalar } from './predicates';
import type { YNode } from './nodes';

/**
 * Replacement text for a scalar that keeps its quoting style: a double-quoted `"x"` stays
 * double-quoted, a single-quoted `'x'` single-quoted, a plain scalar plain.
 */
export function replacement(node: YNode | undefined, text: string): string {
  if (isScalar(node)) {
    if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(text);
    if (node.type === Scalar.QUOTE_SINGLE) return `'${text.replace(/'/g, "''")}'`;
  }
  return text;
}
