/**
 * Parse like kubectl: every case in test/fixtures/parse/ is decoded by our parser and compared
 * with what kubectl decoded from it (recorded in test/fixtures/parse/kubectl.json by
 * scripts/kubectl-oracle.mjs): the same object where kubectl accepts the file, exactly one
 * yaml-syntax error where kubectl rejects it. When kubectl is on PATH, the recording itself
 * is checked against a fresh kubectl run.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import { FIXTURES, fileUri } from '../support/fixtures';

const DIR = path.join(FIXTURES, 'parse');
const ORACLE = path.join(DIR, 'kubectl.json');

interface OracleCase {
  object?: Record<string, unknown>;
  error?: string;
}

function ours(file: string): { object?: unknown; syntaxErrors: number; otherFindings: string[] } {
  const ws = new Workspace();
  const uri = fileUri(file);
  ws.setDiskFile(uri, fs.readFileSync(file, 'utf8'));
  const analyzer = new Analyzer(ws);
  const findings = analyzer.fileFindings(uri);
  const syntaxErrors = findings.filter((f) => f.code === 'yaml-syntax' || f.code === 'yaml-duplicate-key').length;
  const otherFindings = findings
    .filter((f) => f.code !== 'yaml-syntax' && f.code !== 'yaml-duplicate-key')
    .map((f) => f.code);
  const docs = ws.file(uri)!.docs.filter((d) => d.yaml.contents !== null);
  const object = docs.length === 1 ? JSON.parse(JSON.stringify(docs[0].yaml.toJS({ maxAliasCount: 100 }))) : undefined;
  return { object, syntaxErrors, otherFindings };
}

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20000 });
    return true;
  } catch {
    return false;
  }
}

describe('parse like kubectl (test/fixtures/parse)', () => {
  const oracle: Record<string, OracleCase> = JSON.parse(fs.readFileSync(ORACLE, 'utf8')).cases;
  const cases = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

  it('every case has a recorded kubectl result, and both kinds of case exist', () => {
    assert.deepStrictEqual(Object.keys(oracle).sort(), cases);
    assert.ok(cases.some((c) => oracle[c].error) && cases.some((c) => oracle[c].object));
  });

  for (const c of cases) {
    it(c, () => {
      const o = oracle[c];
      const got = ours(path.join(DIR, c));
      if (o.error) {
        assert.strictEqual(
          got.syntaxErrors,
          1,
          `kubectl rejects ${c} (${o.error}); we report ${got.syntaxErrors} syntax errors`,
        );
        assert.deepStrictEqual(got.otherFindings, [], 'a document that failed to parse gets no other findings');
      } else {
        assert.strictEqual(got.syntaxErrors, 0, `kubectl accepts ${c}`);
        assert.deepStrictEqual(got.object, o.object);
      }
    });
  }

  it('the recording matches a fresh kubectl run (when kubectl is installed)', function () {
    if (!hasKubectl()) this.skip();
    this.timeout(120000);
    execFileSync(
      process.execPath,
      [path.join(__dirname, '..', '..', '..', 'scripts', 'kubectl-oracle.mjs'), '--check'],
      { stdio: 'pipe' },
    );
  });
});
