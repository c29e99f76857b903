/**
 * The getting-started walkthrough (contributes.walkthroughs), in a real VS Code: it is listed in
 * the extension's contributed manifest and opens, every step has an image that exists, and the
 * command of every step's link is registered and runs, leaving the state the step describes.
 * With the offline runner, each step's state is also captured as a JPEG: the walkthrough's
 * images are these screenshots. To refresh them:
 *   node scripts/vscode-offline/run.mjs --grep walkthrough
 *   for f in test-results/screenshots/walkthrough-*.jpg; do cp "$f" media/walkthrough/"${f##*walkthrough-}"; done
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  EXTENSION_ID,
  getIndexedApi,
  ours,
  screenshot,
  sleep,
  waitFor,
  workbenchText,
} from './util';

/* eslint-disable @typescript-eslint/no-explicit-any */
interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; markdown?: string; altText?: string };
}

/** `command:<id>?<url-encoded JSON args>` links of a step's description. */
function commandLinks(description: string): { id: string; args: unknown[] }[] {
  return [...description.matchAll(/\(command:([\w.]+)(?:\?([^)\s]+))?\)/g)].map((m) => {
    if (!m[2]) return { id: m[1], args: [] };
    const parsed = JSON.parse(decodeURIComponent(m[2]));
    return { id: m[1], args: Array.isArray(parsed) ? parsed : [parsed] };
  });
}

const hoverText = (hovers: vscode.Hover[]) =>
  hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))
    .join('\n');

describe('walkthrough', function () {
  this.timeout(120_000);
  let ext: vscode.Extension<any>;
  let steps: Step[];

  before(async () => {
    await getIndexedApi();
    ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
    await closeAllEditors();
  });

  it('is contributed with 4–6 steps, each with an image that exists', () => {
    const walkthroughs = ext.packageJSON.contributes?.walkthroughs as { id: string; steps: Step[] }[];
    assert.ok(Array.isArray(walkthroughs) && walkthroughs.length === 1, 'one walkthrough');
    assert.strictEqual(walkthroughs[0].id, 'kubeStateful.gettingStarted');
    steps = walkthroughs[0].steps;
    assert.ok(steps.length >= 4 && steps.length <= 6, `${steps.length} steps`);
    for (const s of steps) {
      assert.strictEqual(
        s.media.image,
        `media/walkthrough/${s.id}.jpg`,
        `${s.id}: its image is the screenshot this test takes`,
      );
      assert.ok(fs.existsSync(path.join(ext.extensionPath, s.media.image!)), `${s.media.image} exists`);
      assert.ok(s.media.altText, `${s.id} has alt text`);
      assert.ok(commandLinks(s.description).length > 0, `${s.id} has a command link`);
    }
  });

  it('is listed by VS Code: the Welcome page shows its title and every step', async () => {
    const label = () => vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '';
    const norm = (t: string) => t.replace(/\s+/g, ' ').toLowerCase();
    const w = ext.packageJSON.contributes.walkthroughs[0] as { title: string };
    const shown = (text: string) => steps.filter((s) => norm(text).includes(norm(s.title))).length;
    const open = async (id: string) => {
      await vscode.commands
        .executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${id}`, false)
        .then(undefined, () => undefined);
      await sleep(1500);
      await waitFor('the Welcome editor', () => (/Welcome|Walkthrough/i.test(label()) ? true : undefined), {
        timeout: 10_000,
        describe: () => `active tab: ${label()}`,
      });
    };
    // The details slide is built only for a walkthrough VS Code's registry holds, from the
    // steps it registered (the extension API cannot see it; the offline runner reads the page).
    await open('kubeStateful.noSuchWalkthrough');
    const control = await workbenchText('walkthrough-unknown', '.gettingStartedSlideDetails');
    if (control !== undefined)
      assert.strictEqual(shown(control), 0, `control: an unknown id shows no step: ${control}`);
    await closeAllEditors();
    await open('kubeStateful.gettingStarted');
    const text = await workbenchText('walkthrough', '.gettingStartedSlideDetails', { type: 'jpeg', quality: 70 });
    if (text !== undefined) {
      assert.ok(norm(text).includes(norm(w.title)), `the title "${w.title}" shown: ${text}`);
      assert.strictEqual(shown(text), steps.length, `every step shown: ${text}`);
    } else await screenshot('walkthrough', 30_000, { type: 'jpeg', quality: 70 });
    await closeAllEditors();
  });

  it("every step's command is registered and runs", async () => {
    const registered = new Set(await vscode.commands.getCommands(false));
    for (const s of steps)
      for (const l of commandLinks(s.description))
        assert.ok(registered.has(l.id), `${s.id}: command ${l.id} is registered`);

    /** What each step leaves behind, checked after its command ran. */
    const checks: Record<string, () => Promise<void>> = {
      openExample: async () => {
        const ed = vscode.window.activeTextEditor;
        assert.ok(
          ed && ed.document.uri.scheme === 'untitled' && ed.document.languageId === 'yaml',
          'an untitled YAML editor',
        );
        assert.match(ed.document.getText(), /kind: StatefulSet/);
        await waitFor('the example mistake reported', () =>
          ours(ed.document.uri).some((d) => codeOf(d) === 'access-mode-invalid') ? true : undefined,
        );
      },
      hover: async () => {
        const ed = vscode.window.activeTextEditor!;
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          ed.document.uri,
          ed.selection.active,
        );
        const text = hoverText(hovers);
        assert.ok(text.includes('web-0.web.default.svc.cluster.local') && text.includes('data-web-2'), text);
      },
      quickFix: async () => {
        const ed = vscode.window.activeTextEditor!;
        assert.strictEqual(
          ed.document.getText(ed.document.getWordRangeAtPosition(ed.selection.active)),
          'RWO',
          'the cursor is on the mistake',
        );
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          ed.document.uri,
          new vscode.Range(ed.selection.active, ed.selection.active),
        );
        assert.ok(
          actions.some((a) => /ReadWriteOnce/.test(a.title) && a.kind?.value === 'quickfix'),
          actions.map((a) => a.title).join(', '),
        );
      },
      storageView: async () => {
        await sleep(500);
      },
      snippet: async () => {
        const ed = vscode.window.activeTextEditor;
        assert.ok(ed, 'an editor');
        assert.match(
          ed.document.getText(),
          /kind: StatefulSet[\s\S]*clusterIP: None|clusterIP: None[\s\S]*kind: StatefulSet/,
        );
      },
      settings: async () => {
        await sleep(800);
        assert.match(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '', /Settings/);
      },
    };
    for (const s of steps) {
      const check = checks[s.id];
      assert.ok(check, `a check for step ${s.id}`);
      for (const l of commandLinks(s.description)) {
        await vscode.commands.executeCommand(l.id, ...l.args);
      }
      await check();
      if (s.id === 'storageView') {
        await vscode.commands.executeCommand('kubeStateful.storage.focus'); // the container may open first
        await sleep(500);
        // Open the first StatefulSet down to its replicas' claims.
        await vscode.commands.executeCommand('workbench.actions.treeView.kubeStateful.storage.collapseAll');
        await vscode.commands.executeCommand('list.focusFirst');
        for (let i = 0; i < 14; i++) {
          await vscode.commands.executeCommand('list.expand');
          await sleep(80);
          await vscode.commands.executeCommand('list.focusDown');
        }
        await vscode.commands.executeCommand('list.focusFirst');
      }
      await sleep(s.id === 'hover' || s.id === 'quickFix' ? 1500 : 800);
      await screenshot(`walkthrough-${s.id}`, 30_000, { type: 'jpeg', quality: 60 });
      if (s.id === 'hover')
        await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
      if (s.id === 'quickFix')
        await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);
    }
  });
});
