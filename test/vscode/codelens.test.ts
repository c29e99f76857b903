/** Code lens in a real VS Code: a summary above each StatefulSet that opens the replica table. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, getIndexedApi, openWsFile, waitFor } from './util';

describe('code lens', () => {
  before(async () => {
    await getIndexedApi();
  });
  after(closeAllEditors);

  it('StatefulSet web: replicas, the first pod DNS name and PVC, and the replica-table command', async () => {
    const editor = await openWsFile('web.yaml');
    const lenses = await waitFor('code lenses on web.yaml', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        editor.document.uri,
      );
      return l?.some((x) => x.command?.title.startsWith('3 replicas')) ? l : undefined;
    });
    const lens = lenses.find((x) => x.command?.title.startsWith('3 replicas'))!;
    assert.strictEqual(
      lens.command!.title,
      '3 replicas: web-0 … web-2 · DNS web-0.nginx.default.svc.cluster.local · PVC www-web-0 …',
    );
    assert.strictEqual(editor.document.lineAt(lens.range.start.line).text, 'kind: StatefulSet');
    assert.strictEqual(lens.command!.command, 'kubeStateful.showReplicaTable');
    const shown = await vscode.commands.executeCommand<{ name: string; replicas: unknown[] }>(
      lens.command!.command,
      ...(lens.command!.arguments ?? []),
    );
    assert.strictEqual(shown?.name, 'web');
    assert.strictEqual(shown?.replicas.length, 3);
  });
});
