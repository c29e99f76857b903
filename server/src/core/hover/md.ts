/** Small markdown builders for hovers: inline code, tables, collapsed long lists. */

/** Longest user-controlled string shown in full; longer ones are cut with an ellipsis. */
export const MAX_SHOWN = 256;

/** A string cut to `max` characters (never inside a surrogate pair), with `…` when cut. */
export function shorten(s: string, max = MAX_SHOWN): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end) + '…';
}

/**
 * Inline code for any value, including user-controlled names: long values are shortened, line
 * breaks become spaces, and the span is fenced with more backticks than the longest backtick
 * run inside, so nothing in the value can end the span (and nothing inside it renders as a link).
 */
export function code(s: string | number): string {
  const t = shorten(String(s)).replace(/[\r\n]+/g, ' ');
  if (t === '') return '`""`';
  let longest = 0;
  for (const m of t.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  if (longest === 0) return '`' + t + '`';
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${t} ${fence}`;
}

/** A table cell: pipes and line breaks would end the cell or the row. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A markdown table; `right` lists the columns to align right (numbers). */
export function table(head: string[], rows: string[][], right: number[] = []): string {
  const sep = head.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

export function fence(lang: string, text: string): string {
  return '```' + lang + '\n' + text + '\n```';
}

/** Comma separated, at most `max` of them then "and N more". */
export function joinMax(parts: string[], max = 8): string {
  const shown = parts.slice(0, max).join(', ');
  return parts.length > max ? `${shown} and ${parts.length - max} more` : shown;
}

/** Names as inline code, comma separated, at most `max` of them then "and N more". */
export const codeList = (names: string[], max = 8) => joinMax(names.map(code), max);

export const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

/** The items a collapsed list of `count` numbers from `start` shows, without building the whole list. */
export function shownRange(start: number, count: number, first = 3, last = 2): number[] {
  if (count <= first + last + 1) return Array.from({ length: count }, (_, i) => start + i);
  return [
    ...Array.from({ length: first }, (_, i) => start + i),
    ...Array.from({ length: last }, (_, i) => start + count - last + i),
  ];
}

export type Collapsed<T> = { row: T } | { skipped: number };

/**
 * A long list shown as its first and last items with one gap between them: lists of more
 * than `first + last + 1` items are cut, so the gap always hides at least two items.
 * `total` is the length of the full list when `rows` holds only its head and tail.
 */
export function collapse<T>(rows: T[], total = rows.length, first = 3, last = 2): Collapsed<T>[] {
  if (total <= first + last + 1 && rows.length === total) return rows.map((row) => ({ row }));
  return [
    ...rows.slice(0, first).map((row) => ({ row })),
    { skipped: total - first - last },
    ...rows.slice(Math.max(first, rows.length - last)).map((row) => ({ row })),
  ];
}

/** A table whose long row list is collapsed; the gap row says how many rows it hides. */
export function collapsedTable<T>(
  head: string[],
  rows: T[],
  render: (row: T) => string[],
  right: number[] = [],
  total = rows.length,
): string {
  return table(
    head,
    collapse(rows, total).map((c) =>
      'row' in c ? render(c.row) : head.map((_, i) => (i === 1 ? `… ${c.skipped} more …` : '…')),
    ),
    right,
  );
}
