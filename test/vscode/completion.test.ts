/** Completion of reference values in a real VS Code. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, getIndexedApi, openWsFile, positionOf, waitFor } from './util';

describe('completion', () => {
  before(async () => {
    await getIndexedApi();
  });
  after(closeAllEditors);

  it('serviceName offers the Services of the namespace, headless first', async () => {
    const editor = await openWsFile('web.yaml');
    const pos = positionOf(editor.document, /serviceName: (")/);
    const list = await waitFor('completions on serviceName', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        pos.translate(0, 1),
      );
      return l?.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'nginx') ? l : undefined;
    });
    const nginx = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'nginx')!;
    assert.match(String(nginx.detail), /headless Service/);
  });
});
