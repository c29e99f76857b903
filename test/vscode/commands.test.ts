/** The extension's commands, run through VS Code's command service; results on the clipboard. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, flatten, getApi, getIndexedApi, openWsFile, sleep, waitFor } from './util';

const clipboard = () => vscode.env.clipboard.readText();

/** Run a command that shows a QuickPick and accept its (first) selected item. */
async function runAndAcceptQuickPick<T>(command: string, ...args: unknown[]): Promise<T> {
  let settled = false;
  const result = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (settled = true));
  for (let i = 0; i < 100 && !settled; i++) {
    await sleep(150);
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return result;
}

describe('commands', () => {
  before(async () => {
    await getIndexedApi();
  });
  afterEach(closeAllEditors);

  it('every contributed command is registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'kubeStateful.refreshTree',
      'kubeStateful.revealResource',
      'kubeStateful.copyPodDnsName',
      'kubeStateful.copyPvcName',
      'kubeStateful.copyDnsCheck',
      'kubeStateful.showReplicaTable',
    ]) {
      assert.ok(all.has(id), `${id} registered`);
    }
  });

  it('copyPodDnsName for a chosen replica puts its FQDN on the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    const r = await vscode.commands.executeCommand('kubeStateful.copyPodDnsName', { statefulSet: 'web', ordinal: 1 });
    assert.strictEqual(r, 'web-1.nginx.default.svc.cluster.local');
    assert.strictEqual(await clipboard(), 'web-1.nginx.default.svc.cluster.local');
  });

  it('copyPvcName for a chosen replica puts its PVC name on the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    const r = await vscode.commands.executeCommand('kubeStateful.copyPvcName', { statefulSet: 'web', ordinal: 2 });
    assert.strictEqual(r, 'www-web-2');
    assert.strictEqual(await clipboard(), 'www-web-2');
  });

  it('copyDnsCheck gives a runnable kubectl … nslookup for the pod', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('kubeStateful.copyDnsCheck', { statefulSet: 'web', ordinal: 0 });
    const text = await clipboard();
    assert.match(text, /^kubectl run /);
    assert.match(text, /nslookup web-0\.nginx\.default\.svc\.cluster\.local/);
  });

  it('copyPodDnsName from the editor asks which replica (QuickPick) and copies the accepted one', async () => {
    await openWsFile('web.yaml');
    await vscode.env.clipboard.writeText('');
    const r = await runAndAcceptQuickPick<string>('kubeStateful.copyPodDnsName');
    assert.match(String(r), /^web-[0-2]\.nginx\.default\.svc\.cluster\.local$/);
    assert.strictEqual(await clipboard(), r);
  });

  it('showReplicaTable opens a webview with the replica table', async () => {
    const info = await vscode.commands.executeCommand<{
      name: string;
      replicas: { pod: string; fqdn?: string; pvcs: string[] }[];
    }>('kubeStateful.showReplicaTable', { statefulSet: 'web' });
    assert.ok(info, 'the command returns the StatefulSet it shows');
    assert.deepStrictEqual(
      info.replicas.map((r) => [r.pod, r.fqdn, r.pvcs]),
      [0, 1, 2].map((i) => [`web-${i}`, `web-${i}.nginx.default.svc.cluster.local`, [`www-web-${i}`]]),
    );
    const tab = await waitFor('a webview tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('web')),
    );
    assert.ok(tab.label.includes('web'), tab.label);
  });

  it('revealResource with a location opens the file at the resource', async () => {
    const node = flatten(await (await getApi()).tree()).find(
      (n) => n.location && n.location.uri.endsWith('/storage.yaml'),
    );
    assert.ok(node, 'a tree node located in storage.yaml');
    const ok = await vscode.commands.executeCommand('kubeStateful.revealResource', node);
    assert.strictEqual(ok, true);
    const ed = vscode.window.activeTextEditor;
    assert.ok(ed && ed.document.uri.path.endsWith('/storage.yaml'), 'storage.yaml is active');
    assert.strictEqual(ed.selection.start.line, node.location!.range.start.line);
  });
});
