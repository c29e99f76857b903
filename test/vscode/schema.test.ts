/**
 * Schema help in a real VS Code: a partial key is completed through the suggest widget, and an
 * unknown field is reported by the bundled schema and clears once it is fixed.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, describeDiagnostic, getIndexedApi, ours, sleep, waitFor } from './util';

const DOC = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: schema-db
spec:
  serviceName: schema-db
  selector:
    matchLabels: {app: schema-db}
  template:
    metadata:
      labels: {app: schema-db}
    spec:
      containers:
        - name: db
          imagePullPolicy: IfNotPresent
          ima`;

describe('schema in VS Code', () => {
  let editor: vscode.TextEditor;
  before(async () => {
    await getIndexedApi();
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: DOC });
    editor = await vscode.window.showTextDocument(doc, { preview: false });
  });
  after(closeAllEditors);

  it('completes a partial key through the suggest widget', async () => {
    const doc = editor.document;
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    // The server offers `image` for `ima` (imagePullPolicy is already present).
    const list = await waitFor('schema completions for `ima`', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        end,
      );
      return l?.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'image') ? l : undefined;
    });
    assert.ok(
      !list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'imagePullPolicy'),
      'a present key is left out',
    );
    // Open the suggest widget as a user would (Ctrl+Space) and accept the selected item.
    await waitFor(
      'the accepted suggestion',
      async () => {
        await vscode.commands.executeCommand('editor.action.triggerSuggest');
        await sleep(700);
        await vscode.commands.executeCommand('acceptSelectedSuggestion');
        await sleep(200);
        return /\n {10}image: ?\S*\s*$/.test(doc.getText()) ? true : undefined;
      },
      { timeout: 30_000, interval: 300, describe: () => JSON.stringify(doc.getText().split('\n').slice(-2)) },
    );
    assert.match(
      doc.getText(),
      /imagePullPolicy: IfNotPresent\n {10}image:/,
      'the key replaced the typed prefix at the same indentation',
    );
  });

  it('reports an unknown field (spec.replica) and clears it when fixed', async () => {
    const doc = editor.document;
    // Give the completed key a value so the document is complete, then type the misspelt field.
    await editor.edit((e) =>
      e.replace(
        new vscode.Range(doc.positionAt(doc.getText().lastIndexOf('image:')), doc.lineAt(doc.lineCount - 1).range.end),
        'image: postgres:16',
      ),
    );
    const specLine = doc.getText().split('\n').indexOf('spec:');
    assert.ok(specLine > 0);
    await editor.edit((e) => e.insert(new vscode.Position(specLine + 1, 0), '  replica: 3\n'));
    const unknown = () => ours(doc.uri).filter((d) => codeOf(d) === 'schema-unknown-field');
    const found = await waitFor(
      'the schema-unknown-field diagnostic',
      () => (unknown().length ? unknown() : undefined),
      {
        describe: () => ours(doc.uri).map(describeDiagnostic).join('\n'),
      },
    );
    assert.strictEqual(found.length, 1, found.map(describeDiagnostic).join('\n'));
    assert.match(found[0].message, /unknown field "spec\.replica"/);
    assert.match(found[0].message, /Did you mean "replicas"/);
    assert.strictEqual(found[0].range.start.line, specLine + 1);
    assert.strictEqual(doc.getText(found[0].range), 'replica');
    // Fix it by typing the missing letter.
    await editor.edit((e) => e.insert(new vscode.Position(specLine + 1, '  replica'.length), 's'));
    await waitFor('the diagnostic to clear', () => (unknown().length ? undefined : true), {
      describe: () => ours(doc.uri).map(describeDiagnostic).join('\n'),
    });
    assert.match(doc.getText(), /\n {2}replicas: 3\n/);
  });
});
