/**
 * "Did you mean" helpers: edit distance, closest candidate, and the API's
 * `Unsupported value` detail text for enum fields.
 */

/**
 * Edit distance (insert, delete, substitute, swap two adjacent letters: optimal string
 * alignment), for short inputs (names, enum values).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/**
 * The candidate nearest to `value`: a case-insensitive equal first, else the one at the
 * smallest edit distance within `max` (default: a third of the longer string, at least 1,
 * at most 3). Ties are not guessed: undefined when two candidates are equally near.
 */
export function closest(value: string, candidates: Iterable<string>, max?: number): string | undefined {
  const list = [...new Set(candidates)].filter((c) => c !== value);
  const lower = value.toLowerCase();
  const sameCase = list.filter((c) => c.toLowerCase() === lower);
  if (sameCase.length === 1) return sameCase[0];
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const c of list) {
    const limit = max ?? Math.min(3, Math.max(1, Math.floor(Math.max(c.length, value.length) / 3)));
    const d = editDistance(lower, c.toLowerCase());
    if (d > limit) continue;
    if (d < bestD) {
      best = c;
      bestD = d;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return tie ? undefined : best;
}

/**
 * The allowed value meant by an unsupported one: an alias (matched case-insensitively,
 * e.g. `RWO`), a spelling that differs in case or separators, or a near miss.
 */
export function suggestValue(
  value: string,
  allowed: readonly string[],
  aliases: Record<string, string> = {},
): string | undefined {
  const norm = (x: string) => x.toLowerCase().replace(/[-_\s]/g, '');
  for (const [k, v] of Object.entries(aliases)) if (norm(k) === norm(value)) return v;
  const same = allowed.find((a) => norm(a) === norm(value));
  if (same) return same;
  return closest(value, allowed);
}

/** `"A", "B"`: the API's quoted, sorted list of supported values. */
export function supportedValues(allowed: readonly string[]): string {
  return [...allowed]
    .sort()
    .map((a) => JSON.stringify(a))
    .join(', ');
}

/** The API's detail for an enum field: `Unsupported value: "x": supported values: "A", "B"`. */
export function unsupportedValue(value: string, allowed: readonly string[]): string {
  return `Unsupported value: ${JSON.stringify(value)}: supported values: ${supportedValues(allowed)}`;
}
