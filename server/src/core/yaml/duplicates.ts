/**
 * Duplicate mapping keys, found in one linear pass over a parsed document.
 *
 * The yaml package's own check (`uniqueKeys: true`) compares every new key with every
 * earlier key of its mapping, which is quadratic in the size of one mapping (a ConfigMap
 * with 40,000 keys blocked the server for seconds per keystroke). This pass reports the
 * same errors at the same offsets: two keys are equal when they are the same node, or when
 * both are scalars with strictly equal values (the package's default comparison).
 */
import { Node } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from './predicates';
import type { YamlDoc } from './parse';

export interface DuplicateKey {
  /** Offset of the repeated key (where the parser reports it). */
  start: number;
}

export function findDuplicateKeys(doc: YamlDoc, text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  // Depth-first; reported in text order.
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (!node || isAlias(node) || isScalar(node)) continue;
    if (isMap(node)) {
      const seen = new Set<unknown>();
      const nodes = new Set<unknown>();
      const later: unknown[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        if (key !== null && typeof key === 'object') {
          let dup = nodes.has(key);
          nodes.add(key);
          if (isScalar(key)) {
            const v = key.value;
            // Strict equality: NaN never equals itself.
            if (!(typeof v === 'number' && Number.isNaN(v))) {
              if (seen.has(v)) dup = true;
              seen.add(v);
            }
          }
          if (dup && key.range) out.push({ start: keyStart(key, text) });
        }
        later.push(pair.key, pair.value);
      }
      for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Where the parser reports a key: an empty key's position is after the blanks before its `:`. */
function keyStart(key: Node, text: string): number {
  let at = key.range![0];
  if (isScalar(key) && key.range![1] === at) {
    while (at < text.length && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  }
  return at;
}
