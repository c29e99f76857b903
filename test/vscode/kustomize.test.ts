/**
 * kustomize in a real VS Code: the fixture workspace's kustomize/ folder holds a base (StatefulSet
 * `cache`, headless Service `cache-hl`, one replica) and two overlays: overlays/prod
 * (namespace shop, namePrefix prod-, a patch to 5 replicas) and overlays/staging (namespace
 * staging, nameSuffix -stg, replicas: 2). Expected names are what `kubectl kustomize` builds.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../server/src/protocol';
import {
  closeAllEditors,
  describeDiagnostic,
  flatten,
  getIndexedApi,
  openWsFile,
  ours,
  positionOf,
  treeText,
  waitFor,
  wsUri,
} from './util';

async function hoverUntil(doc: vscode.TextDocument, pos: vscode.Position, want: RegExp): Promise<string> {
  let last = '';
  return waitFor(
    `a hover at ${pos.line + 1}:${pos.character + 1} matching ${want}`,
    async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      last = (hovers ?? [])
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      return want.test(last) ? last : undefined;
    },
    { describe: () => last },
  );
}

/** The builds of each overlay, as `kubectl kustomize kustomize/overlays/<name>` prints them. */
const BUILDS = [
  { overlay: 'overlays/prod', sts: 'prod-cache', svc: 'prod-cache-hl', ns: 'shop', replicas: 5 },
  { overlay: 'overlays/staging', sts: 'cache-stg', svc: 'cache-hl-stg', ns: 'staging', replicas: 2 },
];

describe('kustomize', () => {
  before(async function () {
    this.timeout(60_000);
    await getIndexedApi();
  });
  after(closeAllEditors);

  it('hover on the base StatefulSet: one replica table per overlay, with overlay pod DNS names and PVC names', async () => {
    const editor = await openWsFile('kustomize/base/cache.yaml');
    const pos = positionOf(editor.document, /kind: StatefulSet\nmetadata:\n  name: (cache)/).translate(0, 1);
    const md = await hoverUntil(editor.document, pos, /2 builds include this StatefulSet/);
    for (const b of BUILDS) {
      assert.ok(md.includes(`\`${b.overlay}\``), `overlay ${b.overlay} in the hover:\n${md}`);
      assert.ok(
        md.includes(`StatefulSet \`${b.sts}\` · namespace \`${b.ns}\` · ${b.replicas} replicas`),
        `${b.overlay}: ${b.sts} in ${b.ns} with ${b.replicas} replicas:\n${md}`,
      );
      for (let i = 0; i < b.replicas; i++) {
        const fqdn = `${b.sts}-${i}.${b.svc}.${b.ns}.svc.cluster.local`;
        const row = md.split('\n').find((l) => l.includes(fqdn));
        assert.ok(row, `pod DNS name ${fqdn} in the hover:\n${md}`);
        assert.ok(row.includes(`data-${b.sts}-${i}`), `PVC data-${b.sts}-${i} on the row of ${fqdn}:\n${row}`);
      }
      assert.ok(!md.includes(`${b.sts}-${b.replicas}.`), `${b.overlay} has only ${b.replicas} replicas:\n${md}`);
    }
  });

  it('hover on a patch: the patched result in the build that applies it', async () => {
    const editor = await openWsFile('kustomize/overlays/prod/cache-replicas.yaml');
    const pos = positionOf(editor.document, /replicas: (5)/);
    const md = await hoverUntil(editor.document, pos, /kustomize patch[\s\S]*patched result in/);
    assert.match(md, /patched result in 1 build/);
    assert.ok(md.includes('StatefulSet `prod-cache` · namespace `shop` · 5 replicas'), md);
    assert.ok(md.includes('prod-cache-4.prod-cache-hl.shop.svc.cluster.local'), md);
    assert.ok(md.includes('data-prod-cache-4'), md);
    assert.ok(!md.includes('overlays/staging'), `the staging build does not apply this patch:\n${md}`);
  });

  it('the patch and the kustomizations have no errors or warnings (a patch is not a complete object)', async () => {
    for (const f of [
      'kustomize/overlays/prod/cache-replicas.yaml',
      'kustomize/overlays/prod/kustomization.yaml',
      'kustomize/base/cache.yaml',
    ]) {
      const bad = ours(wsUri(f)).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
      assert.deepStrictEqual(bad.map(describeDiagnostic), [], f);
    }
  });

  it('the Storage & Identity tree shows the overlays under the base StatefulSet, with their pods', async () => {
    const api = await getIndexedApi();
    await vscode.commands.executeCommand('kubeStateful.refreshTree');
    let text = '';
    const builds = await waitFor<TreeNode>(
      'a "kustomize builds" node under StatefulSet cache',
      async () => {
        const roots: TreeNode[] = await api.tree();
        text = treeText(roots);
        // The StatefulSet appears more than once (under its namespace and under its StorageClass).
        const sts = flatten(roots).filter((n) => /^(StatefulSet )?cache$/.test(n.label));
        return sts.map((n) => n.children?.find((c) => c.kind === 'kustomize')).find((k) => k);
      },
      { describe: () => text },
    );
    const below = treeText([builds]);
    assert.match(builds.description ?? '', /2 overlays/, below);
    assert.deepStrictEqual(
      builds.children?.map((n) => n.label),
      BUILDS.map((b) => b.overlay),
      below,
    );
    for (const b of BUILDS) {
      const node = builds.children?.find((n) => n.label === b.overlay);
      assert.ok(node, `build ${b.overlay} under the StatefulSet:\n${below}`);
      assert.ok(
        node.description?.includes(b.sts) && node.description.includes(b.ns),
        `${b.overlay}: ${b.sts} in ${b.ns}:\n${below}`,
      );
      assert.ok(!node.problem, `${b.overlay}: ${node.problem}`);
      const pods: TreeNode[] = node.children ?? [];
      assert.deepStrictEqual(
        pods.map((p) => p.label),
        Array.from({ length: b.replicas }, (_, i) => `${b.sts}-${i}`),
        below,
      );
      assert.ok(
        pods.every((p, i) => p.copy?.podDns === `${b.sts}-${i}.${b.svc}.${b.ns}.svc.cluster.local`),
        below,
      );
    }
  });

  it('a file named Kustomization (no extension) opens as YAML and is analysed', async function () {
    this.timeout(60_000);
    const rel = 'kustomize/extensionless/Kustomization';
    const file = wsUri(rel);
    // Inline patch of an object the (empty) build does not have: kustomize-patch-target-missing.
    const text = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources: []',
      'patches:',
      '  - patch: \'{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "nowhere"}}\'',
      '',
    ].join('\n');
    fs.mkdirSync(path.dirname(file.fsPath), { recursive: true });
    fs.writeFileSync(file.fsPath, text);
    try {
      const editor = await openWsFile(rel);
      assert.strictEqual(
        editor.document.languageId,
        'yaml',
        'package.json contributes the filename Kustomization to the yaml language',
      );
      await waitFor('kustomize-patch-target-missing on the Kustomization file', () =>
        ours(file).some(
          (d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'kustomize-patch-target-missing',
        )
          ? true
          : undefined,
      );
    } finally {
      await closeAllEditors();
      fs.rmSync(path.dirname(file.fsPath), { recursive: true, force: true });
    }
  });
});
