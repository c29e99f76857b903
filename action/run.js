#!/usr/bin/env node
/**
 * Entry script of the GitHub Action (../action.yml). Reads the action inputs from the
 * environment the way GitHub passes them (INPUT_<NAME>), runs `kube-stateful lint` in-process,
 * prints the findings in the chosen format (default: one annotation per finding), optionally
 * writes a SARIF file for github/codeql-action/upload-sarif, writes step outputs and a job
 * summary, and sets the exit code from `fail-on`.
 *
 * Environment (all optional):
 *   INPUT_PATHS       files or folders, separated by newlines or spaces (default ".")
 *   INPUT_FORMAT      github | text | json | sarif (default github)
 *   INPUT_FAIL-ON     error | warning | never (default error); INPUT_FAIL_ON also works
 *   INPUT_SARIF-FILE  where to write SARIF (default: none); INPUT_SARIF_FILE also works
 *   INPUT_SETTINGS    a settings JSON file (keys as in the VS Code settings, without the prefix)
 *   GITHUB_WORKSPACE  the folder paths are relative to (default: the current directory)
 *   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY  files GitHub reads back
 *   KUBE_STATEFUL_CLI the CLI bundle (default ../dist/cli.js)
 * Exit code: 0 ok, 1 findings at or above fail-on, 2 bad input.
 */
'use strict';
const fs = require('fs');
const path = require('path');

/** Annotations of one level that GitHub shows per step (actions/toolkit, docs/problem-matchers.md). */
const ANNOTATIONS_PER_LEVEL = 10;

function input(name, fallback) {
  const keys = [`INPUT_${name.toUpperCase()}`, `INPUT_${name.toUpperCase().replace(/-/g, '_')}`];
  for (const k of keys) {
    const v = process.env[k];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return fallback;
}

function appendFile(file, text) {
  if (file) fs.appendFileSync(file, text);
}

/** `name=value` lines for GITHUB_OUTPUT (values here never contain newlines). */
function setOutputs(outputs) {
  appendFile(process.env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}

async function main() {
  const cliPath = process.env.KUBE_STATEFUL_CLI || path.join(__dirname, '..', 'dist', 'cli.js');
  if (!fs.existsSync(cliPath)) {
    console.error(`kube-stateful action: ${cliPath} is missing (the action builds it with \`node scripts/build.mjs\`).`);
    return 2;
  }
  const { runCli } = require(cliPath);
  if (process.env.GITHUB_WORKSPACE) process.chdir(process.env.GITHUB_WORKSPACE);

  const paths = input('paths', '.').split(/\s+/).filter(Boolean);
  const format = input('format', 'github');
  const failOn = input('fail-on', 'error');
  const sarifFile = input('sarif-file', '');
  const settings = input('settings', '');
  if (!['error', 'warning', 'never'].includes(failOn)) {
    console.error(`kube-stateful action: fail-on must be error, warning or never, not "${failOn}".`);
    return 2;
  }
  const extra = settings ? ['--settings', settings] : [];
  const run = async (fmt) => {
    let out = '';
    let err = '';
    const code = await runCli(['lint', ...paths, '--format', fmt, ...extra], { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
    return { code, out, err };
  };

  // The findings as data: counts for fail-on, the outputs and the summary.
  const json = await run('json');
  if (json.code === 2) {
    process.stderr.write(json.err);
    return 2;
  }
  const rows = JSON.parse(json.out);
  const count = (s) => rows.filter((r) => r.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');

  const shown = format === 'json' ? json : await run(format);
  if (shown.code === 2) {
    process.stderr.write(shown.err);
    return 2;
  }
  process.stdout.write(shown.out);

  if (sarifFile) {
    const sarif = format === 'sarif' ? shown : await run('sarif');
    fs.mkdirSync(path.dirname(path.resolve(sarifFile)), { recursive: true });
    fs.writeFileSync(sarifFile, sarif.out);
  }

  setOutputs({ errors, warnings, findings: rows.length, 'sarif-file': sarifFile });
  const lines = [`### kube-stateful`, '', rows.length === 0 ? 'No problems found.' : `${errors} error(s), ${warnings} warning(s), ${rows.length - errors - warnings} note(s).`, ''];
  // GitHub shows at most 10 annotations of each level (error, warning, notice) per step.
  const notices = rows.length - errors - warnings;
  if (format === 'github' && Math.max(errors, warnings, notices) > ANNOTATIONS_PER_LEVEL) {
    const note = `GitHub shows at most ${ANNOTATIONS_PER_LEVEL} annotations of each severity per step: every finding is in the table below, the step's log${sarifFile ? ' and the SARIF file' : ''}.`;
    lines.push(`> ${note}`, '');
    console.log(`kube-stateful: ${rows.length} findings; ${note}`);
  }
  if (rows.length > 0) {
    lines.push('| File | Line | Severity | Rule | Message |', '|---|---|---|---|---|');
    const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
    for (const r of rows.slice(0, 200)) lines.push(`| ${cell(r.file)} | ${r.line} | ${r.severity} | \`${r.code}\` | ${cell(r.message)} |`);
    if (rows.length > 200) lines.push('', `…and ${rows.length - 200} more.`);
  }
  appendFile(process.env.GITHUB_STEP_SUMMARY, lines.join('\n') + '\n');

  const failed = failOn === 'error' ? errors > 0 : failOn === 'warning' ? errors + warnings > 0 : false;
  if (failed) console.error(`kube-stateful: ${errors} error(s) and ${warnings} warning(s); failing because fail-on is "${failOn}".`);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`kube-stateful action: ${e && e.stack ? e.stack : e}`);
    process.exitCode = 2;
  },
);
