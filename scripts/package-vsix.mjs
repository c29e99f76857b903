#!/usr/bin/env node
/**
 * Builds the .vsix with `vsce package` from a staging folder.
 *
 * Why a staging folder: package.json's `files` lists what the npm package (CLI + language
 * server) ships, while `.vscodeignore` lists what the VS Code extension ships, and vsce refuses
 * to run when both exist. So this copies package.json without `files`, `.vscodeignore` and the
 * files it allows into .cache/vsix-stage/, and runs vsce there; `.vscodeignore` stays the one
 * list of what goes into the .vsix.
 *
 * Usage: node scripts/package-vsix.mjs [-o out.vsix]   (run `node scripts/build.mjs --production` first)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const oi = args.indexOf('-o');
const out = path.resolve(repo, oi >= 0 ? args[oi + 1] : 'kube-stateful.vsix');
const stage = path.join(repo, '.cache', 'vsix-stage');

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });

const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
delete pkg.files;
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

const ignore = fs.readFileSync(path.join(repo, '.vscodeignore'), 'utf8');
fs.writeFileSync(path.join(stage, '.vscodeignore'), ignore);
// Copy a superset of what `.vscodeignore` allows (`!path` lines; for globs, the folder before
// the first wildcard); vsce then applies `.vscodeignore` itself.
for (const line of ignore.split(/\r?\n/)) {
  const m = /^!\s*(.+?)\s*$/.exec(line);
  if (!m || m[1] === 'package.json') continue;
  const pattern = m[1].replace(/^\//, '');
  const wild = pattern.search(/[*?[{]/);
  const base = wild === -1 ? pattern : pattern.slice(0, pattern.lastIndexOf('/', wild) + 1);
  const from = path.join(repo, base);
  if (!base || !fs.existsSync(from)) {
    if (wild === -1) {
      console.error(`package-vsix: ${pattern} (allowed by .vscodeignore) does not exist`);
      process.exit(1);
    }
    continue;
  }
  fs.cpSync(from, path.join(stage, base), { recursive: true });
}

const vsce = path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', out], { cwd: stage, stdio: 'inherit' });
process.exit(r.status ?? 1);
