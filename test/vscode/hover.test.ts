/** Hovers in a real VS Code: each replica's pod DNS name and PVC name on a StatefulSet. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, getIndexedApi, openWsFile, positionOf, waitFor } from './util';

async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await waitFor(`a hover at ${pos.line + 1}:${pos.character + 1}`, async () => {
    const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    return h?.length ? h : undefined;
  });
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('hover', () => {
  before(async () => {
    await getIndexedApi();
  });
  after(closeAllEditors);

  for (const [where, re] of [
    ['metadata.name', /kind: StatefulSet\nmetadata:\n  name: (web)/],
    ['kind', /kind: (StatefulSet)/],
    ['spec.replicas', /replicas: (3)/],
  ] as const) {
    it(`StatefulSet web, on ${where}: every replica's pod DNS name and PVC name`, async () => {
      const editor = await openWsFile('web.yaml');
      const md = await hoverText(editor.document, positionOf(editor.document, re).translate(0, 1));
      for (const i of [0, 1, 2]) {
        const fqdn = `web-${i}.nginx.default.svc.cluster.local`;
        const pvc = `www-web-${i}`;
        const row = md.split('\n').find((l) => l.includes(fqdn));
        assert.ok(row, `pod DNS name ${fqdn} in the hover:\n${md}`);
        assert.ok(row.includes(pvc), `replica ${i}: PVC ${pvc} on the same row as its DNS name:\n${row}`);
      }
      assert.ok(!/web-3\b/.test(md), 'only 3 replicas');
    });
  }

  it('a StatefulSet whose governing Service is missing says its DNS names will not resolve', async () => {
    const editor = await openWsFile('broken.yaml');
    const md = await hoverText(editor.document, positionOf(editor.document, /name: (db)/).translate(0, 1));
    assert.match(md, /postgres/);
    assert.match(md, /not resolve|no Service|missing/i, md);
  });

  it('the headless Service shows its DNS name', async () => {
    const editor = await openWsFile('web.yaml');
    const md = await hoverText(
      editor.document,
      positionOf(editor.document, /kind: Service\nmetadata:\n  name: (nginx)/).translate(0, 1),
    );
    assert.ok(md.includes('nginx.default.svc.cluster.local'), md);
  });

  it('a claim template shows the PVC of each replica', async () => {
    const editor = await openWsFile('web.yaml');
    const md = await hoverText(
      editor.document,
      positionOf(editor.document, /volumeClaimTemplates:\n    - metadata:\n        name: (www)/).translate(0, 1),
    );
    for (const i of [0, 1, 2]) assert.ok(md.includes(`www-web-${i}`), md);
  });
});
