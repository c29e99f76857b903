/**
 * The warm-up after start (core/warmup.ts): its sample stays a valid manifest set with the two
 * mistakes it is meant to report, it stops after its passes, and through LSP it publishes
 * nothing and leaves the workspace as it was.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { WarmUp, WARMUP_KUSTOMIZE, WARMUP_SAMPLE, WARMUP_STEPS } from '../../server/src/core/warmup';
import { pathToUri } from '../../server/src/host/scan';
import { ROOT } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';

describe('warm-up after start', () => {
  it('the sample parses and reports exactly its planted mistakes (reporting is warmed too)', () => {
    const ws = new Workspace();
    const a = new Analyzer(ws);
    ws.setOpenFile('file:///sample.yaml', WARMUP_SAMPLE);
    const codes = a
      .fileFindings('file:///sample.yaml')
      .map((f) => `${f.severity} ${f.code}`)
      .sort();
    assert.deepStrictEqual(codes, [
      'warning dns-pod-ordinal-out-of-range',
      'warning rwo-claim-shared',
      'warning storage-class-unknown',
    ]);
    assert.ok(ws.file('file:///sample.yaml')!.resources.length >= 10);
  });

  it('the overlay of the sample builds, with no findings of its own (its build checks are warmed)', () => {
    const ws = new Workspace();
    const a = new Analyzer(ws);
    for (const [u, t] of WARMUP_KUSTOMIZE) ws.setDiskFile(u, t);
    for (const u of WARMUP_KUSTOMIZE.keys())
      if (!u.endsWith('/base/app.yaml')) assert.deepStrictEqual(a.fileFindings(u), [], u);
    const [build] = ws.kustomize.buildsOf(ws.fileAccess);
    const sts = build.objects.find((o) => o.obj.kind === 'StatefulSet')!;
    assert.deepStrictEqual(sts.obj.metadata, {
      name: 'prod-kafka',
      namespace: 'prod',
      labels: { 'app.kubernetes.io/part-of': 'streams' },
    });
    assert.strictEqual((sts.obj.spec as { replicas: number }).replicas, 5);
    assert.ok(a.buildChecks && a.buildChecks.buildsChecked >= 1, 'the build was checked');
  });

  it('runs its passes and stops', () => {
    const w = new WarmUp(DEFAULT_SETTINGS);
    let steps = 1;
    while (w.step()) steps++;
    assert.strictEqual(steps, WARMUP_STEPS);
    assert.strictEqual(w.step(), false);
  });

  it('through LSP: publishes nothing of its own, and a file opened meanwhile is analysed as usual', async function () {
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-warmup-'));
    const client = new LspClient(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], dir);
    try {
      await client.request('initialize', {
        processId: process.pid,
        rootUri: pathToUri(dir),
        workspaceFolders: [{ uri: pathToUri(dir), name: 'w' }],
        capabilities: {},
      });
      client.notify('initialized', {});
      const uri = pathToUri(path.join(dir, 'app.yaml'));
      const text =
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\nspec:\n  accessModes: [ReadWriteOnse]\n  resources:\n    requests:\n      storage: 1Gi\n';
      const diags = client.waitForNotification<{ uri: string; diagnostics: { code: string }[] }>(
        'textDocument/publishDiagnostics',
        (p) => p.uri === uri,
        30000,
      );
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      assert.deepStrictEqual(
        (await diags).diagnostics.map((d) => d.code),
        ['access-mode-invalid'],
      );
      // Long enough for the whole warm-up to have run.
      await new Promise((r) => setTimeout(r, 3000));
      const published = client.notifications
        .filter((n) => n.method === 'textDocument/publishDiagnostics')
        .map((n) => n.params.uri as string);
      assert.deepStrictEqual([...new Set(published)], [uri]);
      const symbols = await client.request<{ name: string }[]>('workspace/symbol', { query: 'kafka' });
      assert.deepStrictEqual(symbols, [], 'the sample never enters the workspace');
    } finally {
      await client.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
