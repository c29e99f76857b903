/**
 * Every snippet the extension contributes, inserted into an untitled YAML editor with its
 * default values, must be clean: no error and no warning from the extension.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, describeDiagnostic, getIndexedApi, ours, PKG, REPO, waitFor, codeOf } from './util';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const files = (PKG.contributes?.snippets ?? [])
  .filter((s) => s.language === 'yaml')
  .map((s) => path.join(REPO, s.path));
const snippets: [string, Snippet][] = files.flatMap((f) =>
  Object.entries(JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, Snippet>),
);

/**
 * Appended after the snippet: a document with a known error. When its diagnostic shows up the
 * server has analysed the whole text, snippet included.
 */
const PROBE = '\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: snippet-probe\ndata:\n  a: "1"\n  a: "2"\n';

describe('snippets', () => {
  before(async () => {
    await getIndexedApi();
  });
  afterEach(closeAllEditors);

  it('the extension contributes YAML snippets', () => {
    assert.ok(files.length >= 1, 'contributes.snippets for yaml');
    assert.ok(snippets.length >= 10, `${snippets.length} snippets`);
  });

  for (const [name, s] of snippets) {
    const prefix = Array.isArray(s.prefix) ? s.prefix[0] : s.prefix;
    it(`${prefix} (${name}) expands clean`, async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(body), new vscode.Position(0, 0)), 'insertSnippet');
      const text = doc.getText();
      assert.ok(!/\$\{?\d/.test(text), `placeholders left in:\n${text}`);
      assert.ok(/^kind: /m.test(text), text);
      const probeLine = doc.lineCount;
      assert.ok(await editor.edit((e) => e.insert(doc.positionAt(doc.getText().length), PROBE)));
      await waitFor(
        "the probe's diagnostic",
        () =>
          ours(doc.uri).some((d) => codeOf(d) === 'yaml-duplicate-key' && d.range.start.line >= probeLine)
            ? true
            : undefined,
        {
          timeout: 15_000,
          describe: () => ours(doc.uri).map(describeDiagnostic).join('\n'),
        },
      );
      const bad = ours(doc.uri).filter(
        (d) => d.range.start.line < probeLine && d.severity <= vscode.DiagnosticSeverity.Warning,
      );
      assert.deepStrictEqual(bad.map(describeDiagnostic), [], `snippet text:\n${text}`);
    });
  }

  it('kubeStateful.newStatefulSet opens an untitled YAML editor with the StatefulSet snippet', async () => {
    await vscode.commands.executeCommand('kubeStateful.newStatefulSet');
    const ed = await waitFor('an active editor', () => vscode.window.activeTextEditor);
    assert.strictEqual(ed.document.languageId, 'yaml');
    assert.strictEqual(ed.document.uri.scheme, 'untitled');
    assert.match(ed.document.getText(), /kind: StatefulSet/);
    assert.match(ed.document.getText(), /clusterIP: None/);
  });
});
