/**
 * Splits a multi-document YAML text into per-document chunks without parsing it,
 * so that an edit re-parses only the documents it touches.
 *
 * A line that starts with `---` followed by white space or the end of the line is a
 * document start marker (YAML 1.2 §9.1; such a line cannot occur inside a scalar).
 * Directives (`%YAML`, `%TAG`) and comments before a marker stay with the document the
 * marker opens.
 */
export interface Chunk {
  /** Offset of the chunk's first character in the file text. */
  start: number;
  /** Offset just past the chunk's last character. */
  end: number;
}

function isMarker(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 45 || text.charCodeAt(i + 1) !== 45 || text.charCodeAt(i + 2) !== 45) return false;
  const c = text.charCodeAt(i + 3);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  // Whether the current chunk holds anything besides blank lines, comments and directives.
  let hasContent = false;
  let openedByMarker = false;
  let lineStart = 0;
  const n = text.length;
  // A lone CR ends a line too (as in go-yaml and LSP): the next CR, found once per CR.
  let nextCr = text.indexOf('\r');
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = n;
    if (nextCr !== -1 && nextCr < lineStart) nextCr = text.indexOf('\r', lineStart);
    if (nextCr !== -1 && nextCr < lineEnd && text.charCodeAt(nextCr + 1) !== 10) lineEnd = nextCr;
    if (isMarker(text, lineStart)) {
      if (hasContent || openedByMarker) {
        chunks.push({ start: chunkStart, end: lineStart });
        chunkStart = lineStart;
      }
      openedByMarker = true;
      hasContent = false;
    } else if (!hasContent) {
      // Skip leading blanks to classify the line.
      let j = lineStart;
      while (j < lineEnd && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
      if (j < lineEnd) {
        const c = text.charCodeAt(j);
        if (c !== 35 /* # */ && !(c === 37 /* % */ && j === lineStart && !openedByMarker)) hasContent = true;
      }
    }
    if (lineEnd === n) break;
    lineStart = lineEnd + 1;
  }
  chunks.push({ start: chunkStart, end: n });
  return chunks;
}
