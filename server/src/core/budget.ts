/**
 * Output budgets: a manifest can hold names of megabytes, and every response that repeats
 * them (hover, tree, identities) must stay small. Strings are shortened and a response is cut
 * at a total size, saying so.
 */
import { MAX_SHOWN, shorten } from './hover/md';

/** Largest hover, in UTF-16 code units (about as many bytes for the ASCII names manifests use). */
export const HOVER_BUDGET = 64 * 1024;
/** Largest tree or identities response, in characters of its JSON. */
export const RESPONSE_BUDGET = 4 * 1024 * 1024;

/** A hover cut to the budget at a line break, with an open code fence closed. */
export function fitMarkdown(md: string, budget = HOVER_BUDGET): string {
  if (md.length <= budget) return md;
  let cut = md.lastIndexOf('\n', budget);
  if (cut < budget / 2) cut = budget;
  let out = shorten(md.slice(0, cut), cut);
  const fences = out.match(/^```/gm)?.length ?? 0;
  if (fences % 2 === 1) out += '\n```';
  return `${out}\n\n*(hover cut: too long to show)*`;
}

/**
 * A copy of a JSON-like value with every string shortened to `maxString` characters, and arrays
 * cut once the copy reaches `budget` characters (counted roughly as the strings' lengths plus
 * a little per value). Objects and arrays are copied; cycles are not expected.
 */
export function fitValue<T>(value: T, budget = RESPONSE_BUDGET, maxString = MAX_SHOWN * 4): T {
  let used = 0;
  const walk = (v: unknown, depth: number): unknown => {
    used += 8;
    if (typeof v === 'string') {
      const s = v.length > maxString ? shorten(v, maxString) : v;
      used += s.length;
      return s;
    }
    if (!v || typeof v !== 'object' || depth > 64) return v;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) {
        if (used > budget) break;
        out.push(walk(x, depth + 1));
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = walk(x, depth + 1);
    return out;
  };
  return walk(value, 0) as T;
}
