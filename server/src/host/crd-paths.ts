/**
 * Files named by the `crdPaths` setting: folders, files or globs relative to a workspace folder
 * (or to the current folder for the CLI), whose CustomResourceDefinitions give schemas for
 * custom resources even when the files are outside the include globs. Only paths inside the
 * root are used: absolute paths and paths that climb out with `..` are refused.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { GlobSet, globProblem } from './glob';
import { isInside } from './files';
import { scanYamlTree } from './scan';

const GLOB_CHARS = /[*?[\]{}]/;
const YAML_GLOBS = ['**/*.yaml', '**/*.yml'];

export interface CrdPathResult {
  /** Absolute paths, in a stable order, without duplicates. */
  files: string[];
  /** Entries that were not used, with the reason (for the log or standard error). */
  problems: string[];
}

/** The entry as a forward-slash path relative to the root, or a reason it cannot be used. */
function relEntry(root: string, entry: string): { rel: string } | { problem: string } {
  const e = entry.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  if (!e) return { problem: `${JSON.stringify(entry)}: an empty path` };
  if (path.isAbsolute(entry) || /^[A-Za-z]:/.test(e))
    return { problem: `${JSON.stringify(entry)}: only paths inside the workspace folder are used` };
  if (!isInside(path.resolve(root, e), [root]))
    return { problem: `${JSON.stringify(entry)}: the path leaves the workspace folder` };
  return { rel: e };
}

/** The YAML files that `crdPaths` names under `root` (at most `maxFiles`). */
export async function crdPathFiles(
  root: string,
  crdPaths: readonly string[],
  maxFiles: number,
  anywhere = false,
): Promise<CrdPathResult> {
  const out = new Set<string>();
  const problems: string[] = [];
  for (let entry of crdPaths) {
    const label = JSON.stringify(entry);
    let base = root;
    if (anywhere) {
      // The CLI: a path typed on the command line may be absolute or climb out with `..`.
      const abs = path.resolve(root, entry.trim());
      base = path.parse(abs).root;
      // A glob is walked from its last folder without glob characters, not from the file
      // system's root (which read the whole disk: `crds/*.yaml` took 24 s instead of 1 s).
      const parts = path.relative(base, abs).split(path.sep);
      const fixed = parts.findIndex((p) => GLOB_CHARS.test(p));
      if (fixed > 0) base = path.join(base, ...parts.slice(0, fixed));
      entry = path.relative(base, abs) || '.';
    }
    const r = relEntry(base, entry);
    if ('problem' in r) {
      problems.push(r.problem);
      continue;
    }
    if (GLOB_CHARS.test(r.rel)) {
      const bad = globProblem(r.rel);
      if (bad) {
        problems.push(`${label}: ${bad}`);
        continue;
      }
      const scan = await scanYamlTree(base, { include: [r.rel, `${r.rel}/**/*.{yaml,yml}`], exclude: [], maxFiles });
      for (const f of scan.files) out.add(f);
      continue;
    }
    const abs = path.resolve(base, r.rel);
    let st;
    try {
      st = await fsp.lstat(abs);
    } catch (e) {
      problems.push(`${label}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      continue;
    }
    if (st.isFile()) out.add(abs);
    else if (st.isDirectory()) {
      const scan = await scanYamlTree(abs, { include: YAML_GLOBS, exclude: [], maxFiles });
      for (const f of scan.files) out.add(f);
    } else problems.push(`${label}: not a regular file or folder`);
  }
  return { files: [...out].slice(0, maxFiles), problems };
}

/**
 * Whether a path relative to the root (forward slashes) is named by `crdPaths`: the entry
 * itself, a YAML file under an entry that is a folder, or a match of an entry that is a glob.
 */
export function crdPathMatcher(crdPaths: readonly string[]): (rel: string) => boolean {
  const globs: string[] = [];
  for (const entry of crdPaths) {
    const r = relEntry('/', entry);
    if ('problem' in r) continue;
    globs.push(r.rel, `${r.rel}/**/*.{yaml,yml}`);
  }
  const set = new GlobSet(globs);
  return (rel) => set.matches(rel);
}

/**
 * Entries of `crdPaths` that can never be used, whatever the workspace folder: invalid globs,
 * empty entries, absolute paths and paths that climb out with `..` (a missing file is not a
 * problem here: it may appear later, or exist in another workspace folder).
 */
export function crdPathSettingProblems(crdPaths: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of crdPaths) {
    const r = relEntry('/', entry);
    if ('problem' in r) out.push(r.problem);
    else if (path.posix.normalize(r.rel).split('/')[0] === '..')
      out.push(`${JSON.stringify(entry)}: the path leaves the workspace folder`);
    else if (GLOB_CHARS.test(r.rel)) {
      const bad = globProblem(r.rel);
      if (bad) out.push(`${JSON.stringify(entry)}: ${bad}`);
    }
  }
  return out;
}
