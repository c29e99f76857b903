/**
 * The one home for position math: offsets within a file's text <-> zero-based
 * line/character positions (UTF-16 code units, as LSP and JavaScript strings use).
 * Nothing else in the code base converts between the two.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    if (text.includes('\r')) {
      // LSP line breaks are \n, \r\n and a lone \r.
      const re = /\r\n?|\n/g;
      for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
    } else {
      let i = text.indexOf('\n');
      while (i !== -1) {
        starts.push(i + 1);
        i = text.indexOf('\n', i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    // The end of the line's content (a position past it stays on this line's break).
    let next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    if (next > start && pos.line + 1 < this.starts.length) {
      next--;
      if (next > start && this.text.charCodeAt(next) === 10 && this.text.charCodeAt(next - 1) === 13) next--;
    }
    return Math.max(start, Math.min(start + pos.character, next));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
