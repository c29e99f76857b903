/** Finding YAML files on disk for the language server and the CLI. */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { GlobSet } from './glob';

export interface ScanOptions {
  include: string[];
  exclude: string[];
  /** Stop after this many files (the `maxFiles` setting); the result says when it did. */
  maxFiles?: number;
}

export interface ScanResult {
  /** Absolute paths, in a stable order. */
  files: string[];
  /** The file limit was reached: files after the first `maxFiles` were left out. */
  truncated: boolean;
  /** Folders that could not be listed, with the reason. */
  problems: { path: string; reason: string }[];
}

/** Default for the `maxFiles` setting. */
export const DEFAULT_MAX_FILES = 20000;

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * A file the scan reads: it matches the include globs, or it is a kustomization file named
 * `Kustomization` (no extension, so the default `*.yaml`/`*.yml` globs miss it, yet kustomize
 * reads it like kustomization.yaml). The excludes apply to both.
 */
export function isScanned(rel: string, inc: GlobSet, exc: GlobSet): boolean {
  return (inc.matches(rel) || path.posix.basename(rel) === 'Kustomization') && !exc.matches(rel);
}

/**
 * Files under `root` matching the include globs and none of the excludes. Symbolic links are
 * not followed (neither to files nor to folders), so the scan never leaves `root`.
 */
export async function scanYamlTree(root: string, opts: ScanOptions): Promise<ScanResult> {
  const inc = new GlobSet(opts.include);
  const exc = new GlobSet(opts.exclude);
  const max = opts.maxFiles ?? DEFAULT_MAX_FILES;
  const res: ScanResult = { files: [], truncated: false, problems: [] };
  const walk = async (dir: string): Promise<void> => {
    let entries: import('fs').Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (e) {
      res.problems.push({ path: dir, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (res.truncated) return;
      const abs = path.join(dir, e.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || exc.matches(rel) || exc.matches(rel + '/')) continue;
        await walk(abs);
      } else if (e.isFile() && isScanned(rel, inc, exc)) {
        if (res.files.length >= max) {
          res.truncated = true;
          return;
        }
        res.files.push(abs);
      }
    }
  };
  await walk(root);
  return res;
}

/** Absolute paths of files under `root` matching the include globs and none of the excludes. */
export async function scanYamlFiles(root: string, opts: ScanOptions): Promise<string[]> {
  return (await scanYamlTree(root, opts)).files;
}

/** The `file:` URI of an absolute path, spelled as VS Code spells it. */
export function pathToUri(abs: string): string {
  return URI.file(path.resolve(abs)).toString();
}

/**
 * The local path of a `file:` URI, or undefined for other schemes, invalid URIs, and URIs
 * that do not name a local file (a UNC host, a query or a fragment).
 */
export function uriToPath(uri: string): string | undefined {
  let u: URI;
  try {
    u = URI.parse(uri, true);
  } catch {
    return undefined;
  }
  if (u.scheme !== 'file' || u.query || u.fragment) return undefined;
  if (u.authority && !(process.platform === 'win32')) return undefined;
  return u.fsPath;
}
