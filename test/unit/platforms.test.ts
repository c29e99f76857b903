/**
 * Platform StorageClasses: every folder test/fixtures/platforms/<case>/ is one workspace with
 * its own settings.json (`kubeStateful.platform`); its storage-class-unknown findings must be
 * exactly the markers in its files, and its optional hints.txt names the "did you mean" of each
 * finding. Plus the setting's normalisation, the lists themselves and the hint preference.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PLATFORMS, platformClasses, suggestClass } from '../../server/src/core/k8s/platforms';
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
            ...expected
              .filter((e) => !actual.some((a) => key(a) === key(e)))
              .map((m) => `  missing:    ${describeFinding(m)}`),
            ...actual.filter((a) => !exp.has(key(a))).map((u) => `  unexpected: ${describeFinding(u)}`),
          ];
          assert.ok(report.length === 0, `findings differ from markers:\n${report.join('\n')}`);
        });
      }
      // hints.txt: `file:line class` (line 1-based, `-` for no hint): the "did you mean" of the
      // finding on that line.
      const hintsFile = path.join(dir, 'hints.txt');
      if (fs.existsSync(hintsFile)) {
        for (const entry of fs
          .readFileSync(hintsFile, 'utf8')
          .split('\n')
          .filter((l) => l.trim() && !l.startsWith('#'))) {
          const [where, want] = entry.trim().split(/\s+/);
          const [file, line] = where.split(':');
          it(`did you mean at ${where}: ${want}`, () => {
            const abs = path.join(dir, file);
            const found = actualFindings(fx, abs).filter((f) => f.code === CODE && f.line === Number(line) - 1);
            assert.strictEqual(found.length, 1, `one ${CODE} finding at ${where}`);
            const hint = /Did you mean `([^`]+)`/.exec(found[0].message)?.[1] ?? '-';
            assert.strictEqual(hint, want, found[0].message);
          });
        }
      }
    });
  }

  it('a close name gets a "did you mean" naming the platform', () => {
    const fx = loadFolder(path.join(DIR, 'setting-aks'));
    const msgs = fx.files.flatMap((f) => actualFindings(fx, f)).map((f) => f.message);
    assert.ok(
      msgs.some((m) => m.includes('Did you mean `managed-csi` (AKS)?')),
      msgs.join('\n'),
    );
  });

  it('a class of a platform that does not count names that platform; a typo does not', () => {
    const fx = loadFolder(path.join(DIR, 'auto-gke'));
    const msgs = fx.files
      .flatMap((f) => actualFindings(fx, f))
      .filter((f) => f.code === CODE)
      .map((f) => f.message);
    assert.ok(msgs.length === 1 && msgs[0].includes('It is a built-in class of AKS: '), msgs.join('\n'));
    const eks = loadFolder(path.join(DIR, 'setting-eks'));
    const byClass = (fx2: typeof eks, cls: string) =>
      fx2.files
        .flatMap((f) => actualFindings(fx2, f))
        .find((f) => f.code === CODE && f.message.startsWith(`StorageClass \`${cls}\``))!.message;
    assert.ok(byClass(eks, 'gp2-csi').includes('It is a built-in class of OpenShift: '), byClass(eks, 'gp2-csi'));
    assert.ok(!byClass(eks, 'gp').includes('It is a built-in class'), byClass(eks, 'gp'));
  });

  it('normalises the setting: auto, none, ids, comma-separated ids; unknown ids dropped', () => {
    assert.strictEqual(normalizeSettings({}).platform, 'auto');
    assert.strictEqual(normalizeSettings({ platform: 'none' }).platform, 'none');
    assert.deepStrictEqual(normalizeSettings({ platform: 'GKE, eks' }).platform, ['gke', 'eks']);
    assert.deepStrictEqual(normalizeSettings({ platform: ['openshift', 'nope'] }).platform, ['openshift']);
    assert.deepStrictEqual(normalizeSettings({ platform: 'charmed' }).platform, ['charmed']);
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

  it('the checked facts: defaults of each platform, EKS Auto Mode, OpenShift per infrastructure', () => {
    const of = (id: string) => PLATFORMS.find((p) => p.id === id)!;
    // The default class of each platform is listed.
    for (const [id, cls] of [
      ['gke', 'standard-rwo'],
      ['eks', 'gp2'],
      ['aks', 'default'],
      ['openshift', 'gp3-csi'],
      ['openshift', 'managed-csi'],
      ['openshift', 'standard-csi'],
      ['openshift', 'thin-csi'],
      ['k3s', 'local-path'],
      ['kind', 'standard'],
      ['minikube', 'standard'],
      ['charmed', 'cdk-cinder'],
    ])
      assert.ok(of(id).classes.includes(cls), `${id} ${cls}`);
    // gp3 is no built-in class of EKS; EKS Auto Mode's provisioner infers EKS.
    assert.ok(!of('eks').classes.includes('gp3'));
    assert.deepStrictEqual(
      platformClasses('auto', ['ebs.csi.eks.amazonaws.com']).platforms.map((p) => p.id),
      ['eks'],
    );
    // No duplicates within a list; every class name is a valid DNS subdomain (a StorageClass name).
    for (const p of PLATFORMS) {
      assert.strictEqual(new Set(p.classes).size, p.classes.length, p.id);
      for (const c of p.classes) assert.match(c, /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, `${p.id} ${c}`);
    }
  });

  it('suggestClass: the nearer name wins; on a tie the configured platform beats the workspace', () => {
    const eks = platformClasses(['eks'], []);
    assert.strictEqual(suggestClass('gp', ['gp3'], eks), 'gp2');
    assert.strictEqual(suggestClass('gp', ['gp3'], platformClasses('auto', ['example.com/x'])), 'gp3');
    assert.strictEqual(suggestClass('gp', ['gp3'], platformClasses('none', [])), 'gp3');
    assert.strictEqual(suggestClass('standrd-rwo', ['standard-rw'], platformClasses(['gke'], [])), 'standard-rwo');
    assert.strictEqual(suggestClass('fsat', ['fast'], eks), 'fast');
    assert.strictEqual(suggestClass('zzzz', ['fast'], eks), undefined);
  });
});
