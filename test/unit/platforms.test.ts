/**
 * Platform StorageClasses: every folder test/fixtures/platforms/<case>/ is one workspace with
 * its own settings.json (`kubeStateful.platform`); its storage-class-unknown findings must be
 * exactly the markers in its files. Plus the setting's normalisation and the lists themselves.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PLATFORMS, platformClasses } from '../../server/src/core/k8s/platforms';
import { normalizeSettings } from '../../server/src/core/settings';
import { actualFindings, describeFinding, Expected, FIXTURES, loadFolder, parseMarkers } from '../support/fixtures';

const DIR = path.join(FIXTURES, 'platforms');
const CODE = 'storage-class-unknown';

describe('platform StorageClasses (kubeStateful.platform)', () => {
  for (const name of fs.readdirSync(DIR).sort()) {
    const dir = path.join(DIR, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    describe(name, () => {
      const fx = loadFolder(dir);
      for (const file of fx.files) {
        it(path.basename(file), () => {
          const { expected } = parseMarkers(file, fs.readFileSync(file, 'utf8'));
          const actual = actualFindings(fx, file).filter((f) => f.code === CODE);
          const key = (f: Expected) => `${f.line}:${f.startCol}:${f.endCol}:${f.severity}:${f.code}`;
          const exp = new Set(expected.map(key));
          const report = [
            ...expected.filter((e) => !actual.some((a) => key(a) === key(e))).map((m) => `  missing:    ${describeFinding(m)}`),
            ...actual.filter((a) => !exp.has(key(a))).map((u) => `  unexpected: ${describeFinding(u)}`),
          ];
          assert.ok(report.length === 0, `findings differ from markers:\n${report.join('\n')}`);
        });
      }
    });
  }

  it('a close name gets a "did you mean" naming the platform', () => {
    const fx = loadFolder(path.join(DIR, 'setting-aks'));
    const msgs = fx.files.flatMap((f) => actualFindings(fx, f)).map((f) => f.message);
    assert.ok(msgs.some((m) => m.includes('Did you mean `managed-csi` (AKS)?')), msgs.join('\n'));
  });

  it('normalises the setting: auto, none, ids, comma-separated ids; unknown ids dropped', () => {
    assert.strictEqual(normalizeSettings({}).platform, 'auto');
    assert.strictEqual(normalizeSettings({ platform: 'none' }).platform, 'none');
    assert.deepStrictEqual(normalizeSettings({ platform: 'GKE, eks' }).platform, ['gke', 'eks']);
    assert.deepStrictEqual(normalizeSettings({ platform: ['openshift', 'nope'] }).platform, ['openshift']);
    assert.strictEqual(normalizeSettings({ platform: ['nope'] }).platform, 'auto');
    assert.strictEqual(normalizeSettings({ platform: 42 }).platform, 'auto');
  });

  it('each platform lists classes and cites a source; auto infers from provisioners', () => {
    for (const p of PLATFORMS) {
      assert.ok(p.classes.length > 0 && /^https:\/\//.test(p.source), p.id);
    }
    const gke = platformClasses('auto', ['pd.csi.storage.gke.io']);
    assert.strictEqual(gke.how, 'inferred');
    assert.ok(gke.classes.has('standard-rwo') && !gke.classes.has('managed-csi-premium'));
    const all = platformClasses('auto', ['example.com/x']);
    assert.strictEqual(all.how, 'all');
    assert.ok(all.classes.has('managed-csi') && all.classes.has('local-path'));
    assert.strictEqual(platformClasses('none', []).classes.size, 0);
  });
});
