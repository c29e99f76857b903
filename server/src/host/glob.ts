/**
 * Include/exclude globs (VS Code glob syntax: `**`, `*`, `?`, `{a,b}`, `[abc]`, `[!abc]`).
 * Patterns come from settings a workspace can set, so they are checked before use (`globProblem`,
 * with picomatch's parser as the reference for what is a valid glob), and matched without
 * backtracking: picomatch's regular expressions backtrack polynomially (`*a*a*a*a*b.yaml`
 * against a 200-character name took 45 s). Braces are expanded (at most MAX_ALTERNATIVES
 * patterns); each pattern is matched segment by segment with the greedy wildcard algorithm, in
 * which a `*` (and a `**` segment over segments) only ever resumes from the last one seen: time
 * O(path length × pattern length) per pattern, whatever the input.
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
/** Most patterns one glob's braces may expand to. */
export const MAX_ALTERNATIVES = 256;

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
  if (glob.includes('[:')) return 'POSIX character classes ([:alpha:]) are not supported';
  try {
    picomatch.makeRe(glob, OPTIONS);
  } catch (e) {
    return (e as Error).message;
  }
  if (expandBraces(glob).length > MAX_ALTERNATIVES)
    return `its braces expand to more than ${MAX_ALTERNATIVES} patterns`;
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

/** A compiled glob: a test for one path (relative, forward slashes). */
export function compileGlob(glob: string): (path: string) => boolean {
  const patterns = expandBraces(glob).map(compilePattern);
  return (p) => {
    let segs: string[] | undefined;
    for (const pat of patterns) {
      // Cheap rejections first: most paths of a scan differ in a literal folder or extension.
      if (!p.startsWith(pat.prefix) || !p.endsWith(pat.suffix)) continue;
      if (matchPath(pat.parts, (segs ??= p.split('/')))) return true;
    }
    return false;
  };
}

export class GlobSet {
  private readonly matchers: ((s: string) => boolean)[];
  /** Patterns that cannot be used are left out (callers check them with `globProblem` first). */
  constructor(globs: readonly string[]) {
    this.matchers = globs.filter((g) => !globProblem(g)).map(compileGlob);
  }
  /** Test a path relative to the root, with forward slashes. */
  matches(rel: string): boolean {
    return this.matchers.some((m) => m(rel));
  }
}

/**
 * `{a,b}` alternatives expanded, nested ones too (`{a,{b,c}}`); braces without a top-level comma
 * and escaped ones stay literal. Stops growing past MAX_ALTERNATIVES + 1 patterns.
 */
export function expandBraces(glob: string): string[] {
  let open = -1;
  let depth = 0;
  const commas: number[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close !== -1) i = close;
    } else if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === ',' && depth === 1) commas.push(i);
    else if (c === '}' && depth > 0 && --depth === 0) {
      if (commas.length) {
        const head = glob.slice(0, open);
        const tails = expandBraces(glob.slice(i + 1));
        const out: string[] = [];
        const cuts = [open, ...commas, i];
        for (let k = 0; k + 1 < cuts.length; k++) {
          for (const mid of expandBraces(glob.slice(cuts[k] + 1, cuts[k + 1])))
            for (const tail of tails) {
              out.push(head + mid + tail);
              if (out.length > MAX_ALTERNATIVES) return out;
            }
        }
        return out;
      }
      commas.length = 0;
    }
  }
  return [glob];
}

/** One segment's pattern: characters (`lit`), `?`, classes and `*`s. */
type Atom = { star: true } | { star: false; lit?: string; test: (c: string) => boolean };
/** A pattern's segments, `**` (any number of segments) as 'globstar'. */
type Parts = (Atom[] | 'globstar')[];
/** A pattern, with the literal text every match starts and ends with. */
interface Pattern {
  parts: Parts;
  prefix: string;
  suffix: string;
}

function compilePattern(glob: string): Pattern {
  if (glob.startsWith('./')) glob = glob.slice(2);
  const parts: Parts = glob.split('/').map((seg) => (seg === '**' ? 'globstar' : compileSegment(seg)));
  let prefix = '';
  for (let i = 0; i + 1 < parts.length; i++) {
    const seg = parts[i];
    if (seg === 'globstar' || seg.some((a) => a.star || a.lit === undefined)) break;
    prefix += seg.map((a) => (a.star ? '' : a.lit)).join('') + '/';
  }
  let suffix = '';
  const last = parts[parts.length - 1];
  if (last !== 'globstar')
    for (let i = last.length - 1; i >= 0; i--) {
      const a = last[i];
      if (a.star || a.lit === undefined) break;
      suffix = a.lit + suffix;
    }
  return { parts, prefix, suffix };
}

function compileSegment(seg: string): Atom[] {
  const atoms: Atom[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') {
      if (!atoms.length || !atoms[atoms.length - 1].star) atoms.push({ star: true });
    } else if (c === '?') atoms.push({ star: false, test: (x) => x !== '/' });
    else if (c === '[' && seg.indexOf(']', i + 2) !== -1) {
      const close = seg.indexOf(']', i + 2);
      atoms.push({ star: false, test: charClass(seg.slice(i + 1, close)) });
      i = close;
    } else {
      const lit = c === '\\' && i + 1 < seg.length ? seg[++i] : c;
      atoms.push({ star: false, lit, test: (x) => x === lit });
    }
  }
  return atoms;
}

/** The body of `[...]`: characters, ranges `a-z`, escapes, negated by a leading `!` or `^`. */
function charClass(body: string): (c: string) => boolean {
  const negate = body[0] === '!' || body[0] === '^';
  if (negate) body = body.slice(1);
  const ranges: [number, number][] = [];
  for (let i = 0; i < body.length; i++) {
    let lo = body[i];
    if (lo === '\\' && i + 1 < body.length) lo = body[++i];
    let hi = lo;
    if (body[i + 1] === '-' && i + 2 < body.length) {
      hi = body[i + 2] === '\\' && i + 3 < body.length ? body[i + 3] : body[i + 2];
      i += body[i + 2] === '\\' ? 3 : 2;
    }
    ranges.push([lo.charCodeAt(0), hi.charCodeAt(0)]);
  }
  return (c) => {
    if (c === '/') return false;
    const code = c.charCodeAt(0);
    return ranges.some(([lo, hi]) => code >= lo && code <= hi) !== negate;
  };
}

/**
 * The greedy wildcard algorithm over `items`: `isStar(p)` items match any run (empty too),
 * others exactly one item. Resuming only from the last star seen is enough (a later star can
 * absorb whatever an earlier one could), so the time is O(items × pattern) tests.
 */
function greedy(
  n: number,
  m: number,
  isStar: (p: number) => boolean,
  test: (p: number, i: number) => boolean,
): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < n) {
    if (p < m && isStar(p)) {
      starP = p++;
      starI = i;
    } else if (p < m && test(p, i)) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  while (p < m && isStar(p)) p++;
  return p === m;
}

function matchSegment(atoms: Atom[], s: string): boolean {
  return greedy(
    s.length,
    atoms.length,
    (p) => atoms[p].star,
    (p, i) => {
      const a = atoms[p];
      return !a.star && a.test(s[i]);
    },
  );
}

function matchPath(pat: Parts, segs: string[]): boolean {
  return greedy(
    segs.length,
    pat.length,
    (p) => pat[p] === 'globstar',
    (p, i) => {
      const a = pat[p];
      return a !== 'globstar' && matchSegment(a, segs[i]);
    },
  );
}
