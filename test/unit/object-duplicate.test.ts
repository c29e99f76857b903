/**
 * object-duplicate across files: test/fixtures/object-duplicate/ is one workspace (kustomize
 * builds and plain folders); the rule's findings must be exactly the markers in its files, and
 * kubectl's kustomize must agree about which builds hold a duplicate id.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { toLspRange } from '../../server/src/core/convert';
import { fileUri, FIXTURES, parseMarkers } from '../support/fixtures';
import { Workspace } from '../../server/src/core/model/workspace';

const DIR = path.join(FIXTURES, 'object-duplicate');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

function loadTree(dir: string): Workspace {
  const ws = new Workspace();
  for (const f of yamlFiles(dir)) ws.setDiskFile(fileUri(f), fs.readFileSync(f, 'utf8'));
  return ws;
}

describe('object-duplicate across files (kustomize builds, folders)', () => {
  const ws = loadTree(DIR);
  const analyzer = new Analyzer(ws);
  const findings = (abs: string) => {
    const file = ws.file(fileUri(abs))!;
    return analyzer
      .fileFindings(fileUri(abs))
      .filter((f) => f.code === 'object-duplicate' || f.code === 'object-duplicate-folder')
      .map((f) => ({ r: toLspRange(file, f.span), message: f.message, related: f.related ?? [] }));
  };

  for (const abs of yamlFiles(DIR)) {
    it(path.relative(DIR, abs), () => {
      const { expected } = parseMarkers(abs, fs.readFileSync(abs, 'utf8'));
      const got = findings(abs).map((f) => `${f.r.start.line}:${f.r.start.character}-${f.r.end.character}`);
      assert.deepStrictEqual(got.sort(), expected.map((e) => `${e.line}:${e.startCol}-${e.endCol}`).sort());
    });
  }

  it('each copy names the other as file:line, with related information', () => {
    const [extra] = findings(path.join(DIR, 'k/overlays/dup/extra.yaml'));
    assert.match(extra.message, /ConfigMap "app-config" .*is also defined at \.\.\/\.\.\/base\/config\.yaml:4\b/);
    assert.strictEqual(extra.related.length, 1);
    const [base] = findings(path.join(DIR, 'k/base/config.yaml'));
    assert.match(base.message, /is also defined at \.\.\/overlays\/dup\/extra\.yaml:5\b/);
    const [one] = findings(path.join(DIR, 'plain/one/db.yaml'));
    assert.match(one.message, /Service "db" in namespace default is also defined at db-copy\.yaml:5\b/);
  });

  it('removing one copy clears the finding on the other', () => {
    const copy = path.join(DIR, 'plain/one/db-copy.yaml');
    const ws2 = loadTree(DIR);
    const a2 = new Analyzer(ws2);
    const db = fileUri(path.join(DIR, 'plain/one/db.yaml'));
    assert.strictEqual(
      a2.fileFindings(db).filter((f) => f.code === 'object-duplicate' || f.code === 'object-duplicate-folder').length,
      1,
    );
    ws2.deleteDiskFile(fileUri(copy));
    assert.strictEqual(
      a2.fileFindings(db).filter((f) => f.code === 'object-duplicate' || f.code === 'object-duplicate-folder').length,
      0,
    );
  });

  it('a file repeating one object 3000 times: every copy reported, each message names at most 3 others', () => {
    const ws2 = new Workspace();
    const uri = 'file:///tmp/many/cm.yaml';
    ws2.setDiskFile(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n'.repeat(3000));
    const t0 = Date.now();
    const dup = new Analyzer(ws2)
      .fileFindings(uri)
      .filter((f) => f.code === 'object-duplicate' || f.code === 'object-duplicate-folder');
    const ms = Date.now() - t0;
    assert.strictEqual(dup.length, 3000);
    assert.ok(dup.every((f) => (f.related ?? []).length <= 3 && /and elsewhere/.test(f.message)));
    assert.ok(ms < 5000, `took ${ms} ms`);
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  (kubectl ? it : it.skip)('kubectl kustomize refuses exactly the build with a duplicate id', function () {
    this.timeout(60000);
    const refused = (d: string) => {
      const r = spawnSync('kubectl', ['kustomize', path.join(DIR, 'k/overlays', d)], { encoding: 'utf8' });
      return r.status !== 0 && /already registered id/.test(r.stderr);
    };
    assert.deepStrictEqual(['dup', 'prefixed', 'prod'].map(refused), [true, false, false]);
  });
});
