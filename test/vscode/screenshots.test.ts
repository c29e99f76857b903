/**
 * Screenshots for the README, taken by the offline runner (scripts/vscode-offline/run.mjs)
 * while this suite holds the UI in the wanted state. Skipped under @vscode/test-electron.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../server/src/protocol';
import { closeAllEditors, getIndexedApi, openWsFile, positionOf, SCREENSHOT_DIR, screenshot, sleep } from './util';

describe('screenshots', function () {
  before(async function () {
    if (!SCREENSHOT_DIR) this.skip();
    await getIndexedApi();
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  });

  it('hover on a StatefulSet: the replica table', async () => {
    const editor = await openWsFile('web.yaml');
    const pos = positionOf(editor.document, /kind: StatefulSet\nmetadata:\n  name: (web)/).translate(0, 1);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await sleep(300);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1500);
    await screenshot('hover-statefulset');
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  });

  it('the Problems panel with the findings', async () => {
    await openWsFile('broken.yaml');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await sleep(1500);
    await screenshot('problems');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('the Storage & Identity tree, expanded', async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await closeAllEditors();
    await openWsFile('web.yaml');
    // Focus the view (twice: the first call may only open its container), so the list
    // commands below act on it and not on whatever list had focus before.
    for (let i = 0; i < 2; i++) {
      await vscode.commands.executeCommand('kubeStateful.storage.focus');
      await sleep(700);
    }
    // Expand everything: from all collapsed, expand the focused node and move down, repeat.
    await vscode.commands.executeCommand('workbench.actions.treeView.kubeStateful.storage.collapseAll');
    await vscode.commands.executeCommand('list.focusFirst');
    for (let i = 0; i < 60; i++) {
      await vscode.commands.executeCommand('list.expand');
      await sleep(80); // children come from the extension host asynchronously
      await vscode.commands.executeCommand('list.focusDown');
    }
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await vscode.commands.executeCommand('list.focusFirst');
    await sleep(800);
    await screenshot('tree');
  });

  it("the Storage & Identity tree with a base StatefulSet's kustomize overlays expanded", async () => {
    const api = await getIndexedApi();
    await closeAllEditors();
    await openWsFile('kustomize/base/cache.yaml');
    // The path of indices from a root to the "kustomize builds" node under StatefulSet cache.
    const roots = await api.tree();
    const find = (nodes: readonly TreeNode[], path: number[]): number[] | undefined => {
      for (const [i, n] of nodes.entries()) {
        if (n.kind === 'kustomize' && n.id.includes('cache')) return [...path, i];
        const below = find(n.children ?? [], [...path, i]);
        if (below) return below;
      }
      return undefined;
    };
    const route = find(roots, []);
    assert.ok(route, 'a kustomize builds node under StatefulSet cache');
    const builds = route.reduce<TreeNode | undefined>((n, i) => (n ? n.children?.[i] : roots[i]), undefined)!;
    for (let i = 0; i < 2; i++) {
      await vscode.commands.executeCommand('kubeStateful.storage.focus');
      await sleep(700);
    }
    // All collapsed; walk down to the node, expanding its ancestors only.
    await vscode.commands.executeCommand('workbench.actions.treeView.kubeStateful.storage.collapseAll');
    await vscode.commands.executeCommand('list.focusFirst');
    const down = async (n: number) => {
      for (let k = 0; k < n; k++) await vscode.commands.executeCommand('list.focusDown');
    };
    const expand = async () => {
      await vscode.commands.executeCommand('list.expand');
      await sleep(300); // children come from the extension host asynchronously
    };
    await down(route[0]);
    await expand();
    for (const i of route.slice(1)) {
      await down(i + 1);
      await expand();
    }
    // Expand each build, the last first, so the rows above stay where they are.
    const n = builds.children?.length ?? 0;
    await down(n);
    for (let k = 0; k < n; k++) {
      await expand();
      await vscode.commands.executeCommand('list.focusUp');
    }
    // Wide enough for the pods' DNS names and PVC names.
    // (with the focus in the side bar, "decrease" shrinks the editor and widens the view)
    for (let k = 0; k < 8; k++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await sleep(800);
    await screenshot('tree-overlays');
    for (let k = 0; k < 8; k++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
  });

  it('the replica table', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('kubeStateful.showReplicaTable', { statefulSet: 'web' });
    await sleep(1500);
    await screenshot('replica-table');
    await closeAllEditors();
  });
});
