/**
 * The getting-started walkthrough's command (`contributes.walkthroughs` in package.json):
 * `kubeStateful.openExample` opens a small StatefulSet example with one deliberate mistake in an
 * untitled YAML editor (or reuses the one already open) and, when asked, shows its hover or
 * its quick fixes. Everything shown comes from the language server, as for any YAML file.
 */
import * as vscode from 'vscode';
import { EXAMPLE } from './walkthroughExample';

export interface OpenExampleArgs {
  /** `hover`: show the StatefulSet's hover; `fix`: show the quick fixes for the mistake. */
  show?: 'hover' | 'fix';
}

let exampleDoc: vscode.TextDocument | undefined;

async function openExample(args?: OpenExampleArgs): Promise<vscode.TextEditor> {
  if (!exampleDoc || exampleDoc.isClosed) {
    exampleDoc = await vscode.workspace.openTextDocument({ language: 'yaml', content: EXAMPLE });
  }
  const editor = await vscode.window.showTextDocument(exampleDoc, { preview: false });
  const text = exampleDoc.getText();
  const target =
    args?.show === 'fix'
      ? /accessModes: \[(RWO|ReadWriteOnce)\]/.exec(text)
      : /kind: StatefulSet\r?\nmetadata:\r?\n {2}name: (\S+)/.exec(text);
  if (target) {
    const pos = exampleDoc.positionAt(target.index + target[0].lastIndexOf(target[1]) + 1);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  if (args?.show === 'hover') await vscode.commands.executeCommand('editor.action.showHover');
  if (args?.show === 'fix') await vscode.commands.executeCommand('editor.action.quickFix');
  return editor;
}

export function registerWalkthroughCommands(): vscode.Disposable[] {
  return [vscode.commands.registerCommand('kubeStateful.openExample', (args?: OpenExampleArgs) => openExample(args))];
}
