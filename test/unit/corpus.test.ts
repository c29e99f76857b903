/**
 * Real YAML written by others (../shared/corpus next to the repository, read-only):
 * - k8s/: no error-severity finding, except those recorded in test/corpus-expected.json,
 *   each with a one-line reason why the manifest really is broken;
 * - other/ (CI workflows, compose files): no findings at all;
 * - helm/ (chart templates): no error-severity finding;
 * - layered/ (kustomize bases, overlays, patches, components): no error or warning, except
 *   those recorded in test/corpus-expected.json.
 * Each source folder is one workspace, as if a user had opened that repository. Nothing may
 * throw, and hovers, the tree and identity tables are exercised on every file too.
 *
 * CORPUS_REPORT=1 prints every finding (all severities) for triage.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { identitiesFor } from '../../server/src/core/commands';
import { toLspRange } from '../../server/src/core/convert';
import { hoverAt } from '../../server/src/core/hover';
import { Workspace } from '../../server/src/core/model/workspace';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { buildTree } from '../../server/src/core/tree';
import { pathToUri, scanYamlFiles } from '../../server/src/host/scan';
import { corpusDir } from '../../scripts/fuzz';
import { ROOT } from '../support/fixtures';

const EXPECTED_FILE = path.join(ROOT, 'test', 'corpus-expected.json');

interface ExpectedEntry {
  /** Path relative to the corpus root. */
  file: string;
  /** 1-based line of the finding's start. */
  line: number;
  code: string;
  /** Why the manifest really is broken (one line). */
  why: string;
}

interface Seen {
  file: string;
  line: number;
  col: number;
  code: string;
  severity: string;
  message: string;
}

const fmt = (s: Seen) => `${s.file}:${s.line}:${s.col} ${s.severity} ${s.code} — ${s.message}`;

interface Loaded {
  ws: Workspace;
  analyzer: Analyzer;
  files: string[];
  findings: Seen[];
}

async function loadSource(corpus: string, sourceDir: string): Promise<Loaded> {
  const ws = new Workspace();
  const analyzer = new Analyzer(ws);
  const files = await scanYamlFiles(sourceDir, {
    include: DEFAULT_SETTINGS.include,
    exclude: DEFAULT_SETTINGS.exclude,
  });
  for (const f of files) ws.setDiskFile(pathToUri(f), fs.readFileSync(f, 'utf8'));
  const findings: Seen[] = [];
  for (const f of files) {
    const uri = pathToUri(f);
    const file = ws.file(uri)!;
    for (const x of analyzer.fileFindings(uri)) {
      const r = toLspRange(file, x.span);
      findings.push({
        file: path.relative(corpus, f).split(path.sep).join('/'),
        line: r.start.line + 1,
        col: r.start.character + 1,
        code: x.code,
        severity: x.severity,
        message: x.message,
      });
    }
  }
  return { ws, analyzer, files, findings };
}

/** Hover on the first character of every key on every line, the tree, the identity tables: nothing may throw. */
function exerciseEditorFeatures(l: Loaded): void {
  for (const f of l.files) {
    const uri = pathToUri(f);
    const file = l.ws.file(uri)!;
    const text = file.text;
    let o = 0;
    for (const line of text.split('\n')) {
      const k = /^\s*(?:- )?/.exec(line)![0].length;
      if (k < line.length) hoverAt(l.analyzer, uri, o + k);
      const colon = line.indexOf(': ');
      if (colon > 0) hoverAt(l.analyzer, uri, o + colon + 2);
      o += line.length + 1;
    }
    identitiesFor(l.analyzer, uri);
  }
  JSON.stringify(buildTree(l.analyzer));
  identitiesFor(l.analyzer);
}

function sources(corpus: string, top: string): string[] {
  const d = path.join(corpus, top);
  if (!fs.existsSync(d)) return [];
  return fs
    .readdirSync(d, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(d, e.name))
    .sort();
}

describe('corpus (real manifests in ../shared/corpus)', function () {
  this.timeout(60000);
  const corpus = corpusDir();
  const expected: ExpectedEntry[] = fs.existsSync(EXPECTED_FILE)
    ? JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8')).expected
    : [];
  const report = !!process.env.CORPUS_REPORT;
  const usedExpected = new Set<ExpectedEntry>();
  let checked = 0;

  before(function () {
    if (!corpus) {
      console.log(
        `    (skipped: no corpus at ${path.resolve(ROOT, '..', 'shared', 'corpus')}; set KUBE_STATEFUL_CORPUS to its path)`,
      );
      this.skip();
    }
  });

  const check = (top: 'k8s' | 'other' | 'helm' | 'layered', allowed: (s: Seen) => boolean, what: string) => {
    it(`${top}/: ${what}`, async function () {
      const dirs = sources(corpus!, top);
      assert.ok(dirs.length > 0, `no sources under ${top}/`);
      const bad: string[] = [];
      let files = 0;
      let total = 0;
      for (const dir of dirs) {
        const l = await loadSource(corpus!, dir);
        files += l.files.length;
        total += l.findings.length;
        if (report) for (const s of l.findings) console.log('      ' + fmt(s));
        for (const s of l.findings) {
          if (allowed(s)) continue;
          const e = expected.find((x) => x.file === s.file && x.line === s.line && x.code === s.code);
          if (e) usedExpected.add(e);
          else bad.push(fmt(s));
        }
        exerciseEditorFeatures(l);
        assert.deepStrictEqual(
          l.analyzer.failures.map((f) => `${f.code}: ${f.error.split('\n').slice(0, 3).join(' | ')}`),
          [],
          `rules threw on ${path.relative(corpus!, dir)}`,
        );
      }
      assert.ok(files > 0, `no YAML files under ${top}/`);
      checked++;
      assert.ok(
        bad.length === 0,
        `${bad.length} unexpected finding(s) in ${top}/ (${files} files, ${total} findings in all). ` +
          `Triage each: a false alarm is a rule bug; a really broken manifest goes into test/corpus-expected.json with a reason.\n  ` +
          bad.join('\n  '),
      );
    });
  };

  check('k8s', (s) => s.severity !== 'error', 'no error-severity finding except the recorded ones');
  check('other', () => false, 'no findings at all on non-Kubernetes YAML');
  check('helm', (s) => s.severity !== 'error', 'no error-severity finding on chart templates');
  check(
    'layered',
    (s) => s.severity !== 'error' && s.severity !== 'warning',
    'kustomize repositories: no error or warning except the recorded ones',
  );

  it('every recorded expected finding is still reported (remove stale entries)', function () {
    if (checked < 4) this.skip();
    const stale = expected.filter((e) => !usedExpected.has(e));
    assert.deepStrictEqual(
      stale.map((e) => `${e.file}:${e.line} ${e.code}`),
      [],
    );
    for (const e of expected)
      assert.ok(e.why && e.why.length > 20, `${e.file}:${e.line} ${e.code}: say why the manifest is broken`);
  });
});
