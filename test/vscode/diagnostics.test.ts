/**
 * Problems in a real VS Code: every YAML file of the fixture workspace carries its expected
 * problems as caret markers (test/support/fixtures.ts); VS Code's diagnostics must match them,
 * follow edits, and offer the quick fixes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { parseMarkers, Expected } from '../support/fixtures';
import {
  closeAllEditors,
  codeOf,
  describeDiagnostic,
  getIndexedApi,
  log,
  openWsFile,
  ours,
  positionOf,
  SEVERITY,
  waitFor,
  WORKSPACE_DIR,
  wsUri,
} from './util';

const FILES = fs
  .readdirSync(WORKSPACE_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const key = (line: number, start: number, end: number, sev: string, code: string) =>
  `${line + 1}:${start + 1}-${end + 1} ${sev} ${code}`;

function expectedOf(file: string): Expected[] {
  return parseMarkers(file, fs.readFileSync(`${WORKSPACE_DIR}/${file}`, 'utf8')).expected;
}

/** Differences between the markers and VS Code's diagnostics ('' when they agree). */
function compare(file: string, expected: Expected[]): string {
  const actual = ours(wsUri(file));
  const keyOf = (d: vscode.Diagnostic) =>
    key(
      d.range.start.line,
      d.range.start.character,
      d.range.end.line === d.range.start.line ? d.range.end.character : -1,
      SEVERITY[d.severity],
      codeOf(d),
    );
  const want = new Set(expected.map((e) => key(e.line, e.startCol, e.endCol, e.severity, e.code)));
  const have = new Set(actual.map(keyOf));
  const missing = [...want].filter((k) => !have.has(k));
  // Errors and warnings must all be marked; information and hints only when they are marked.
  const unexpected = actual.filter((d) => !want.has(keyOf(d)) && d.severity <= vscode.DiagnosticSeverity.Warning);
  return [
    ...missing.map((m) => `  missing:    ${m}`),
    ...unexpected.map((d) => `  unexpected: ${describeDiagnostic(d)}`),
  ].join('\n');
}

describe('diagnostics', () => {
  before(async function () {
    this.timeout(60_000);
    // Resolves once broken.yaml has problems: the server publishes every indexed file in the
    // same pass, so the clean files have been analysed too.
    await getIndexedApi();
  });
  after(closeAllEditors);

  it('activation: activate() and the language server start are timed', async () => {
    const t = (await getIndexedApi()).timings;
    log(`      activation: activate() ${t.activate} ms, language server ready ${t.serverReady} ms after activation`);
    assert.ok(typeof t.activate === 'number' && typeof t.serverReady === 'number', JSON.stringify(t));
  });

  it('the fixture workspace is open with its YAML files', () => {
    assert.ok(FILES.length >= 4, `fixture files: ${FILES.join(', ')}`);
    assert.ok(expectedOf('broken.yaml').length >= 3, 'broken.yaml has markers');
  });

  for (const file of FILES) {
    it(`${file}: problems match the markers, without opening the file`, async () => {
      const expected = expectedOf(file);
      let diff = '';
      await waitFor(`diagnostics of ${file} to match`, () => ((diff = compare(file, expected)) ? undefined : true), {
        timeout: 10_000,
        describe: () => diff,
      });
      for (const d of ours(wsUri(file))) {
        assert.ok(d.message.length > 20, `message too short: ${describeDiagnostic(d)}`);
        const target = typeof d.code === 'object' ? d.code.target : undefined;
        assert.ok(target && /^https?:/.test(target.toString()), `no docs link on ${describeDiagnostic(d)}`);
      }
    });
  }

  it('follow edits: fixing a value removes its problem, undoing brings it back', async () => {
    const editor = await openWsFile('broken.yaml');
    const doc = editor.document;
    const at = positionOf(doc, /replicas: (-1)/);
    const range = new vscode.Range(at, at.translate(0, 2));
    const has = () => ours(doc.uri).some((d) => codeOf(d) === 'sts-replicas-invalid');
    assert.ok(has(), 'sts-replicas-invalid is reported before the edit');
    assert.ok(await editor.edit((e) => e.replace(range, '2')));
    await waitFor('sts-replicas-invalid to go away', () => (has() ? undefined : true));
    assert.ok(
      ours(doc.uri).some((d) => codeOf(d) === 'storage-request-invalid'),
      'the other problems stay',
    );
    await vscode.commands.executeCommand('undo');
    await waitFor('sts-replicas-invalid to come back', () => (has() ? true : undefined));
    assert.strictEqual(doc.isDirty, false, 'undo restored the saved text');
  });

  it('cross-file: adding the missing Service in another (unsaved) document resolves sts-service-missing', async () => {
    const missing = () => ours(wsUri('broken.yaml')).some((d) => codeOf(d) === 'sts-service-missing');
    assert.ok(missing());
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: postgres\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n    - port: 5432\n',
    });
    await vscode.window.showTextDocument(doc);
    await waitFor('sts-service-missing to go away', () => (missing() ? undefined : true));
    await closeAllEditors();
    await waitFor('sts-service-missing to come back once the Service is closed', () => (missing() ? true : undefined));
  });

  it('quick fix: an invalid quantity offers the corrected value', async () => {
    const editor = await openWsFile('broken.yaml');
    const d = ours(editor.document.uri).find((x) => codeOf(x) === 'storage-request-invalid');
    assert.ok(d, 'storage-request-invalid reported');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = (actions ?? []).map((a) => a.title);
    const fix = (actions ?? []).find((a) => a.edit && /10Gi/.test(a.title));
    assert.ok(fix, `a quick fix to 10Gi among: ${titles.join(' | ')}`);
    const edits = fix.edit!.get(editor.document.uri);
    assert.deepStrictEqual(
      edits.map((e) => e.newText),
      ['10Gi'],
    );
    assert.ok(edits[0].range.isEqual(d.range), 'the fix replaces exactly the bad value');
  });
});
