#!/usr/bin/env node
/**
 * Release notes from CHANGELOG.md (written by hand, Keep a Changelog format).
 *
 *   node scripts/release-notes.mjs <version>   print the section `## [<version>]` (for the GitHub release)
 *   node scripts/release-notes.mjs --check     npm `version` hook: fail unless CHANGELOG.md has a
 *                                              dated section for package.json's (new) version
 *
 * Exit code 1 when the section is missing (or, with --check, still says "Unreleased").
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const changelog = process.env.KUBE_STATEFUL_CHANGELOG ?? path.join(repo, 'CHANGELOG.md');

/** The body of `## [version] …` up to the next `## ` heading, and its heading line. */
function section(text, version) {
  const lines = text.split(/\r?\n/);
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = lines.findIndex((l) => new RegExp(`^## \\[?v?${escaped}\\]?(\\s|$)`).test(l));
  if (start === -1) return undefined;
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end === -1) end = lines.length;
  // Drop link reference definitions ([0.1.0]: https://…) at the end of the file.
  const body = lines.slice(start + 1, end).filter((l) => !/^\[[^\]]+\]:\s*\S+/.test(l));
  return { heading: lines[start], body: body.join('\n').trim() };
}

function fail(msg) {
  console.error(`release-notes: ${msg}`);
  process.exit(1);
}

const arg = process.argv[2];
if (!arg) fail('usage: release-notes.mjs <version> | --check');
const check = arg === '--check';
const pkgFile = process.env.KUBE_STATEFUL_PACKAGE_JSON ?? path.join(repo, 'package.json');
const version = (check ? JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version : arg)?.replace(/^v/, '');
if (!version) fail(`no version in ${pkgFile}`);
const found = section(fs.readFileSync(changelog, 'utf8'), version);
if (!found || !found.body) fail(`${path.basename(changelog)} has no notes for ${version}: add a "## [${version}] - YYYY-MM-DD" section first (see docs/RELEASING.md)`);
if (check) {
  if (!/\d{4}-\d{2}-\d{2}/.test(found.heading)) fail(`the ${version} section of ${path.basename(changelog)} has no release date: "${found.heading}"`);
} else {
  process.stdout.write(found.body + '\n');
}
