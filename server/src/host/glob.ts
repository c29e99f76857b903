/** Minimal glob matching for include/exclude settings: `**`, `*`, `?`, `{a,b}`, `[abc]`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let inGroup = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches everything.
        if (glob[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 3;
        } else {
          re += '.*';
          i += 2;
        }
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup++;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup--;
      re += ')';
    } else if (c === ',' && inGroup) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i);
      if (close === -1) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\/]/g, (m) => '\\' + m);
    i++;
  }
  return new RegExp('^' + re + '$');
}

export class GlobSet {
  private readonly res: RegExp[];
  constructor(globs: string[]) {
    this.res = globs.map(globToRegExp);
  }
  /** Test a path relative to the root, with forward slashes. */
  matches(rel: string): boolean {
    return this.res.some((r) => r.test(rel));
  }
}
