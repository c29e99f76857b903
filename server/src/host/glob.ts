/**
 * Include/exclude globs (VS Code glob syntax: `**`, `*`, `?`, `{a,b}`, `[abc]`), matched with
 * picomatch. Patterns come from settings a workspace can set, so they are checked before use
 * (`globProblem`) and compiled without extglobs or negation, which VS Code globs do not have.
 */
import picomatch = require('picomatch');

const OPTIONS: picomatch.PicomatchOptions = {
  dot: true,
  noextglob: true,
  nonegate: true,
  strictBrackets: true,
  maxLength: 4096,
};

/** Longest accepted pattern (characters). */
export const MAX_GLOB_LENGTH = 1024;

/** Why a pattern cannot be used, or undefined when it is fine. */
export function globProblem(glob: unknown): string | undefined {
  if (typeof glob !== 'string') return 'a glob must be a string';
  if (glob.trim() === '') return 'an empty glob matches nothing';
  if (glob.length > MAX_GLOB_LENGTH) return `a glob may have at most ${MAX_GLOB_LENGTH} characters`;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) return `unclosed [ at character ${i + 1}`;
      i = close;
    } else if (c === '{') braces++;
    else if (c === '}') {
      if (--braces < 0) return `unmatched } at character ${i + 1}`;
    }
  }
  if (braces > 0) return 'unclosed {';
  try {
    picomatch.makeRe(glob, OPTIONS);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/** Problems of a list of globs, as `"glob": problem` lines (empty when all are usable). */
export function globListProblems(globs: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const g of globs) {
    const p = globProblem(g);
    if (p) out.push(`${JSON.stringify(g)}: ${p}`);
  }
  return out;
}

export function globToRegExp(glob: string): RegExp {
  return picomatch.makeRe(glob, OPTIONS);
}

export class GlobSet {
  private readonly matchers: ((s: string) => boolean)[];
  /** Patterns that cannot be used are left out (callers check them with `globProblem` first). */
  constructor(globs: readonly string[]) {
    this.matchers = globs.filter((g) => !globProblem(g)).map((g) => picomatch(g, OPTIONS));
  }
  /** Test a path relative to the root, with forward slashes. */
  matches(rel: string): boolean {
    return this.matchers.some((m) => m(rel));
  }
}
