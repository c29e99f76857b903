/** The "Storage & Identity" tree view's data, as the extension hands it to VS Code. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../server/src/protocol';
import { flatten, getIndexedApi, log, treeText, waitFor } from './util';

describe('tree view', () => {
  let roots: TreeNode[] = [];
  let text = '';
  before(async function () {
    this.timeout(60_000);
    const api = await getIndexedApi();
    await vscode.commands.executeCommand('kubeStateful.refreshTree');
    roots = await waitFor('a non-empty tree', async () => {
      const r = await api.tree();
      return r.length ? r : undefined;
    });
    text = treeText(roots);
    log(`      tree:\n${text.replace(/^/gm, '        ')}`);
  });

  it('is grouped by namespace', () => {
    assert.ok(
      roots.some((r) => /default/.test(r.label)),
      text,
    );
  });

  it("StatefulSet web → claim template → each replica's PVC name; governing Service nginx is headless", () => {
    const ns = roots.find((r) => r.label === 'default');
    assert.ok(ns, `namespace default in:\n${text}`);
    const sts = ns.children?.find((n) => /^(StatefulSet )?web$/.test(n.label));
    assert.ok(sts, `StatefulSet web under namespace default in:\n${text}`);
    const below = treeText([sts]);
    for (const i of [0, 1, 2]) assert.ok(below.includes(`www-web-${i}`), `www-web-${i} under web:\n${below}`);
    assert.match(below, /nginx/);
    assert.match(below, /headless/i);
    assert.match(below, /\/usr\/share\/nginx\/html/);
  });

  it('StorageClass standard → PV logs-pv → PVC logs → Deployment log-reader → container reader at /var/log/app', () => {
    const all = flatten(roots);
    const sc = all.find((n) => n.label.includes('standard'));
    assert.ok(sc, `StorageClass standard in:\n${text}`);
    const below = treeText([sc]);
    for (const s of ['logs-pv', 'logs', 'log-reader', 'reader', '/var/log/app'])
      assert.ok(below.includes(s), `${s} under standard:\n${below}`);
  });

  it("a pod's shared emptyDir lists both containers that mount it", () => {
    const all = flatten(roots);
    const vol = all.find((n) => n.label.includes('shared-data'));
    assert.ok(vol, `volume shared-data in:\n${text}`);
    const below = treeText([vol]);
    assert.match(below, /nginx-container/);
    assert.match(below, /debian-container/);
    assert.match(below, /\/pod-data/);
  });

  it('unresolved references carry a problem (warning icon and reason)', () => {
    const problems = flatten(roots).filter((n) => n.problem);
    const all = problems.map((n) => `${n.label}: ${n.problem}`).join('\n');
    assert.ok(
      problems.some((n) => /postgres/.test(`${n.label} ${n.description ?? ''} ${n.problem}`)),
      `missing Service postgres flagged:\n${all}`,
    );
    assert.ok(
      problems.some((n) => /upload-claim/.test(`${n.label} ${n.description ?? ''} ${n.problem}`)),
      `missing claim upload-claim flagged:\n${all}`,
    );
  });

  it('nodes with a location point into the workspace files, and the replica nodes carry copy texts', () => {
    const all = flatten(roots);
    assert.ok(
      all
        .filter((n) => n.location)
        .every((n) => /\/(web|storage|shared-volume|broken|kustomize\/[\w/-]+)\.yaml$/.test(n.location!.uri)),
    );
    const copies = all.map((n) => n.copy).filter((c) => c);
    assert.ok(
      copies.some((c) => c!.podDns === 'web-0.nginx.default.svc.cluster.local'),
      "a node copies web-0's DNS name",
    );
    assert.ok(
      copies.some((c) => c!.pvcName === 'www-web-0'),
      'a node copies www-web-0',
    );
  });

  it('the view can be shown', async () => {
    await vscode.commands.executeCommand('kubeStateful.storage.focus');
  });
});
