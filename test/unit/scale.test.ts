/**
 * Closed files keep their facts, not their syntax trees: evicting the trees of every file
 * and letting rules, hover and navigation parse again on demand gives exactly the same
 * answers as keeping every tree.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, actualFindings, describeFinding, fileUri, loadFolder } from '../support/fixtures';
import { ParsedDoc } from '../../server/src/core/yaml/parse';
import { Workspace } from '../../server/src/core/model/workspace';
import { Analyzer } from '../../server/src/core/analyzer';
import { hoverAt } from '../../server/src/core/hover';
import { definitionAt } from '../../server/src/core/navigate';
import { Query } from '../../server/src/core/model/query';
import { selectedWorkloads } from '../../server/src/core/model/governance';
import { matches, readMapSelector } from '../../server/src/core/k8s/selector';
import { podTemplateOf, WORKLOAD_KINDS } from '../../server/src/core/k8s/podspec';

const RULES = path.join(FIXTURES, 'rules');

function evictAll(ws: Workspace): void {
  for (const f of [...ws.files()]) ws.evictTrees(f.uri);
}

describe('closed files without syntax trees', function () {
  // Parses every rule fixture twice; generous for a loaded machine.
  this.timeout(120000);
  const folders = fs
    .readdirSync(RULES)
    .filter((d) => fs.statSync(path.join(RULES, d)).isDirectory())
    .sort();

  it('evicted trees give the same findings for every rule fixture folder', () => {
    let compared = 0;
    for (const d of folders) {
      const dir = path.join(RULES, d);
      const kept = loadFolder(dir);
      const evicted = loadFolder(dir);
      evictAll(evicted.ws);
      kept.files.forEach((f, i) => {
        const a = actualFindings(kept, f).map(describeFinding);
        // Evict again before every other file: analyses parse what they need again.
        if (i % 2) evictAll(evicted.ws);
        const b = actualFindings(evicted, f).map(describeFinding);
        assert.deepStrictEqual(b, a, `${d}/${path.basename(f)}`);
        compared += a.length;
      });
      assert.deepStrictEqual(evicted.analyzer.failures, [], `${d}: no rule failed on re-parsed trees`);
    }
    assert.ok(compared > 100, `compared ${compared} findings`);
  });

  it('evicts only files that are not open, and parses again on demand', () => {
    const ws = new Workspace();
    const a = new Analyzer(ws);
    const sts =
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  replicas: 2\n';
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n';
    ws.setDiskFile('file:///w/sts.yaml', sts);
    ws.setDiskFile('file:///w/svc.yaml', svc);
    ws.setOpenFile('file:///w/open.yaml', svc.replace(/web/g, 'other'));
    evictAll(ws);
    const doc = (uri: string) => ws.file(uri)!.docs[0];
    assert.strictEqual(doc('file:///w/sts.yaml').hasTree, false);
    assert.strictEqual(doc('file:///w/svc.yaml').hasTree, false);
    assert.strictEqual(doc('file:///w/open.yaml').hasTree, true, 'open files keep their trees');
    // The index still answers without any tree.
    const before = ParsedDoc.reparses;
    assert.strictEqual(ws.named('Service', 'default', 'web').length, 1);
    assert.strictEqual(ParsedDoc.reparses, before, 'index lookups parse nothing');
    // Hover and navigation parse the closed file again.
    const off = sts.indexOf('serviceName: web') + 'serviceName: '.length + 1;
    const h = hoverAt(a, 'file:///w/sts.yaml', off);
    assert.ok(h && /web/.test(h.markdown), 'hover on an evicted file');
    const targets = definitionAt(a, 'file:///w/sts.yaml', off);
    assert.deepStrictEqual(
      targets.map((t) => [t.uri, t.span.doc.text.slice(t.span.start, t.span.end)]),
      [['file:///w/svc.yaml', 'web']],
    );
    assert.ok(ParsedDoc.reparses > before, 'trees were parsed again on demand');
    assert.strictEqual(doc('file:///w/sts.yaml').hasTree, true);
  });

  it('a re-parsed tree equals the evicted one', () => {
    const dir = path.join(RULES, folders[0]);
    const fx = loadFolder(dir);
    for (const f of fx.files) {
      for (const d of fx.ws.file(fileUri(f))!.docs) {
        const before = JSON.stringify(d.yaml.toJSON());
        const errors = JSON.stringify(d.errors);
        d.evict();
        assert.strictEqual(JSON.stringify(d.yaml.toJSON()), before);
        assert.strictEqual(JSON.stringify(d.errors), errors);
      }
    }
  });

  it('the pod label index selects exactly the workloads a full scan selects', () => {
    let services = 0;
    let selected = 0;
    const check = (ws: Workspace) => {
      const q = new Query(ws);
      for (const svc of ws.ofKind('Service')) {
        const sel = readMapSelector(svc.yaml, svc.at('spec', 'selector'));
        if (!sel || sel.matchLabels.size === 0) continue;
        const scan = [...WORKLOAD_KINDS].flatMap((k) =>
          q.list(k, svc.namespace).flatMap((r) => {
            const pt = podTemplateOf(r);
            return pt && pt.labels.size > 0 && matches(sel, pt.labels) ? [pt] : [];
          }),
        );
        const indexed = selectedWorkloads(q, svc.namespace, sel);
        assert.deepStrictEqual(
          indexed.map((t) => t.res.key),
          scan.map((t) => t.res.key),
          `${svc.uri} ${svc.label}`,
        );
        services++;
        selected += indexed.length;
      }
    };
    for (const d of folders) check(loadFolder(path.join(RULES, d)).ws);
    // The index follows edits: relabel a workload, then remove it.
    const ws = new Workspace();
    const dep = (app: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {app: ${app}, tier: x}}\n`;
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: web, tier: x}\n';
    ws.setDiskFile('file:///s.yaml', svc);
    ws.setOpenFile('file:///d.yaml', dep('web'));
    assert.deepStrictEqual(
      [...ws.withPodLabel('default', 'app', 'web')].map((r) => r.name),
      ['d'],
    );
    check(ws);
    ws.setOpenFile('file:///d.yaml', dep('api'));
    assert.deepStrictEqual([...ws.withPodLabel('default', 'app', 'web')], []);
    assert.deepStrictEqual(
      [...ws.withPodLabel('default', 'app', 'api')].map((r) => r.name),
      ['d'],
    );
    check(ws);
    ws.closeFile('file:///d.yaml');
    assert.deepStrictEqual([...ws.withPodLabel('default', 'tier', 'x')], []);
    assert.ok(services > 20 && selected > 10, `${services} Services, ${selected} selected workloads`);
  });
});
