/** Finding YAML files on disk for the language server and the CLI. */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { GlobSet } from './glob';

export interface ScanOptions {
  include: string[];
  exclude: string[];
  /** Stop after this many files (a guard for huge trees). */
  maxFiles?: number;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Absolute paths of files under `root` matching the include globs and none of the excludes. */
export async function scanYamlFiles(root: string, opts: ScanOptions): Promise<string[]> {
  const inc = new GlobSet(opts.include);
  const exc = new GlobSet(opts.exclude);
  const max = opts.maxFiles ?? 20000;
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    if (out.length >= max) return;
    let entries: import('fs').Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || exc.matches(rel) || exc.matches(rel + '/')) continue;
        await walk(abs);
      } else if (e.isFile() && inc.matches(rel) && !exc.matches(rel)) {
        out.push(abs);
        if (out.length >= max) return;
      }
    }
  };
  await walk(root);
  return out;
}

export function pathToUri(abs: string): string {
  const p = path.resolve(abs).split(path.sep).join('/');
  return 'file://' + (p.startsWith('/') ? '' : '/') + p.split('/').map(encodeURIComponent).join('/').replace(/^%2F/, '');
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  return decodeURIComponent(uri.slice('file://'.length).replace(/^\/([A-Za-z]:)/, '$1'));
}
