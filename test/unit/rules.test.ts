/**
 * Data-driven rule tests: every folder test/fixtures/rules/<code>/ is one workspace; the
 * findings of rule <code> (or of every rule, for files that say `# check: all`) must be
 * exactly the markers written in the files.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../server/src/core/rules/all';
import { actualFindings, describeFinding, Expected, FIXTURES, loadFolder, parseMarkers } from '../support/fixtures';

const RULES_DIR = path.join(FIXTURES, 'rules');

describe('rules (fixtures)', () => {
  const folders = fs.existsSync(RULES_DIR) ? fs.readdirSync(RULES_DIR).sort() : [];

  for (const code of folders) {
    const dir = path.join(RULES_DIR, code);
    if (!fs.statSync(dir).isDirectory()) continue;
    describe(code, () => {
      const fx = loadFolder(dir);
      for (const file of fx.files) {
        it(path.relative(dir, file), () => {
          const text = fs.readFileSync(file, 'utf8');
          const all = /^# check: all\s*$/m.test(text);
          const { expected } = parseMarkers(file, text);
          const actual = actualFindings(fx, file).filter((f) => all || f.code === code);
          const key = (f: Expected) => `${f.line}:${f.startCol}:${f.endCol}:${f.severity}:${f.code}`;
          const exp = new Set(expected.filter((e) => all || e.code === code).map(key));
          const missing = expected.filter((e) => (all || e.code === code) && !actual.some((a) => key(a) === key(e)));
          const unexpected = actual.filter((a) => !exp.has(key(a)));
          const report = [
            ...missing.map((m) => `  missing:    ${describeFinding(m)}`),
            ...unexpected.map((u) => `  unexpected: ${describeFinding(u)}`),
          ];
          assert.ok(report.length === 0, `findings differ from markers:\n${report.join('\n')}`);
          assert.deepStrictEqual(fx.analyzer.failures, [], 'a rule threw');
        });
      }
    });
  }

  it('every rule has a fixture folder with a failing and a passing case', () => {
    const problems: string[] = [];
    for (const rule of ALL_RULES) {
      const dir = path.join(RULES_DIR, rule.code);
      if (!fs.existsSync(dir)) {
        problems.push(`${rule.code}: no folder test/fixtures/rules/${rule.code}`);
        continue;
      }
      const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
      const counts = files.map(
        (f) =>
          parseMarkers(f, fs.readFileSync(path.join(dir, f), 'utf8')).expected.filter((e) => e.code === rule.code)
            .length,
      );
      if (!counts.some((c) => c > 0)) problems.push(`${rule.code}: no failing case (no marker for the rule)`);
      if (!counts.some((c) => c === 0))
        problems.push(`${rule.code}: no passing case (a file with no marker for the rule)`);
    }
    assert.deepStrictEqual(problems, []);
  });

  it('rule codes are unique and documented', () => {
    const seen = new Set<string>();
    for (const r of ALL_RULES) {
      assert.ok(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.code), `bad code ${r.code}`);
      assert.ok(!seen.has(r.code), `duplicate code ${r.code}`);
      seen.add(r.code);
      assert.ok(r.title && r.docs.length > 80 && r.source, `${r.code}: title, docs and source are required`);
    }
  });
});
