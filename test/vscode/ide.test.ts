/**
 * Editor intelligence in a real VS Code: rename a Service and see every file change (DNS names
 * in values included), hover on a DNS name in an env value, inlay hints and the outline
 * (with screenshots when the offline runner takes them).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, getIndexedApi, openWsFile, positionOf, screenshot, sleep, waitFor } from './util';

/** An unsaved client manifest that names the `nginx` Service and pod `web-1` in values. */
const CLIENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: client
spec:
  selector:
    matchLabels: {app: client}
  template:
    metadata:
      labels: {app: client}
    spec:
      subdomain: nginx
      containers:
        - name: client
          image: curlimages/curl
          env:
            - name: PEER
              value: "http://web-1.nginx.default.svc.cluster.local:80/"
          args: ["--upstream=web-0.nginx:80,web-2.nginx:80"]
`;

describe('editor intelligence', function () {
  let client: vscode.TextDocument;

  before(async () => {
    await getIndexedApi();
    client = await vscode.workspace.openTextDocument({ language: 'yaml', content: CLIENT });
    await vscode.window.showTextDocument(client);
  });
  after(closeAllEditors);

  it('rename Service nginx: the Service, serviceName, subdomain and DNS names in values change', async () => {
    const web = (await openWsFile('web.yaml')).document;
    const pos = positionOf(web, /kind: Service\nmetadata:\n  name: (nginx)/).translate(0, 1);
    const edit = await waitFor('a rename edit that reaches the client', async () => {
      const e = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        web.uri,
        pos,
        'web-hl',
      );
      return e && e.get(client.uri).length === 4 ? e : undefined;
    });
    const webEdits = edit.get(web.uri);
    assert.deepStrictEqual(
      webEdits.map((e) => web.getText(e.range)),
      ['nginx', 'nginx'],
      'metadata.name of the Service and serviceName of the StatefulSet',
    );
    assert.ok(edit.get(client.uri).every((e) => client.getText(e.range) === 'nginx' && e.newText === 'web-hl'));
    // Applying it in memory gives the renamed text; the container and image named nginx stay.
    let text = client.getText();
    for (const e of [...edit.get(client.uri)].sort(
      (a, b) => client.offsetAt(b.range.start) - client.offsetAt(a.range.start),
    )) {
      text = text.slice(0, client.offsetAt(e.range.start)) + e.newText + text.slice(client.offsetAt(e.range.end));
    }
    assert.match(text, /subdomain: web-hl\n/);
    assert.match(text, /web-1\.web-hl\.default\.svc\.cluster\.local/);
    assert.match(text, /--upstream=web-0\.web-hl:80,web-2\.web-hl:80/);
  });

  it('hover on a pod DNS name in an env value: the pod, its Service and PVC', async () => {
    const pos = positionOf(client, /(web-1)\.nginx/).translate(0, 2);
    const md = await waitFor('a DNS hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', client.uri, pos);
      const t = (h ?? [])
        .flatMap((x) => x.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      return /pod `web-1`/.test(t) ? t : undefined;
    });
    assert.match(md, /StatefulSet `web`/);
    assert.match(md, /`www-web-1`/);
  });

  it('inlay hints: pod names, PVC names, the DNS pattern', async () => {
    const editor = await openWsFile('web.yaml');
    const doc = editor.document;
    const hints = await waitFor('inlay hints', async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        doc.uri,
        new vscode.Range(0, 0, doc.lineCount, 0),
      );
      return h?.length ? h : undefined;
    });
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(labels.includes('web-0 … web-2'), labels.join(' | '));
    assert.ok(labels.includes('web-{0..2}.nginx.default.svc.cluster.local'), labels.join(' | '));
    assert.ok(
      labels.some((l) => l.startsWith('www-web-0 … www-web-2')),
      labels.join(' | '),
    );
    const pos = positionOf(doc, /(serviceName)/);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await sleep(1500);
    await screenshot('inlay-hints');
  });

  it('the outline: Kind name with containers, volumes, claim templates and ports', async () => {
    const editor = await openWsFile('web.yaml');
    const syms = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        editor.document.uri,
      );
      return s?.length ? s : undefined;
    });
    assert.deepStrictEqual(
      syms.map((s) => s.name),
      ['Service nginx', 'StatefulSet web'],
    );
    assert.deepStrictEqual(
      syms[1].children.map((c) => c.name),
      ['nginx', 'www'],
    );
    assert.deepStrictEqual(
      syms[0].children.map((c) => c.name),
      ['web 80'],
    );
    await vscode.commands.executeCommand('outline.focus');
    await sleep(1500);
    await vscode.commands.executeCommand('outline.expand').then(undefined, () => undefined);
    await sleep(800);
    await screenshot('outline');
  });
});
