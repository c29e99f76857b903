/** Helpers for the suite that runs inside the VS Code extension host. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { KubeStatefulApi } from '../../client/src/extension';
import type { TreeNode } from '../../server/src/protocol';

/** Repository root (this file runs from out/test/vscode/). */
export const REPO = path.resolve(__dirname, '..', '..', '..');
export const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  publisher: string;
  contributes?: { snippets?: { language: string; path: string }[] };
};
export const EXTENSION_ID = `${PKG.publisher}.${PKG.name}`;
/** The fixture workspace on disk (the runners open it as the workspace folder). */
export const WORKSPACE_DIR = path.join(REPO, 'test', 'vscode', 'workspace');

export type Api = KubeStatefulApi;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let apiPromise: Promise<Api> | undefined;
/** Activate the extension (it activates on YAML; nothing is open yet) and wait for its server. */
export function getApi(): Promise<Api> {
  apiPromise ??= (async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    const api = await ext.activate();
    assert.ok(api && typeof api === 'object', 'activate() returned no API object');
    await api.ready;
    return api;
  })();
  return apiPromise;
}

let indexed: Promise<Api> | undefined;
/**
 * The API once the server has indexed the workspace folder: the server publishes every indexed
 * file in one pass, and broken.yaml always has problems.
 */
export function getIndexedApi(): Promise<Api> {
  indexed ??= (async () => {
    const api = await getApi();
    await waitFor('the first analysis of the workspace', () => (ours(wsUri('broken.yaml')).length ? true : undefined), {
      timeout: 45_000,
    });
    return api;
  })();
  return indexed;
}

/** URI of a file of the fixture workspace, as VS Code names it. */
export function wsUri(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the runner must open test/vscode/workspace)');
  return vscode.Uri.joinPath(folder.uri, file);
}

/** Poll until `fn` returns something other than undefined; fail with `describe()` on timeout. */
export async function waitFor<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  opts: { timeout?: number; interval?: number; describe?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeout ?? 20_000);
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const extra = opts.describe ? `\n${opts.describe()}` : lastError ? `\nlast error: ${String(lastError)}` : '';
      throw new Error(`timed out waiting for ${what}${extra}`);
    }
    await sleep(opts.interval ?? 100);
  }
}

export async function openWsFile(file: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(file));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Position of the `occurrence`-th match of `re` in the document (start of capture group 1 if any). */
export function positionOf(doc: vscode.TextDocument, re: RegExp, occurrence = 0): vscode.Position {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  const text = doc.getText();
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = g.exec(text))) {
    if (i++ === occurrence) {
      const offset = m.index + (m[1] !== undefined ? m[0].indexOf(m[1]) : 0);
      return doc.positionAt(offset);
    }
  }
  throw new Error(`${re} not found in ${doc.uri.toString()}`);
}

export const codeOf = (d: vscode.Diagnostic): string =>
  String(typeof d.code === 'object' && d.code !== null ? d.code.value : (d.code ?? ''));

export const SEVERITY: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export const ours = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kube-stateful');

export function describeDiagnostic(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${SEVERITY[d.severity]} ${codeOf(d)}: ${d.message}`;
}

/** Every node of a tree, depth first (the client's own helper). */
export { flatten } from '../../client/src/tree';

/** The tree as indented text (for assertions that print well when they fail). */
export function treeText(nodes: readonly TreeNode[], indent = ''): string {
  return nodes
    .map((n) => {
      const self = `${indent}${n.problem ? '⚠ ' : ''}${n.label}${n.description ? `  — ${n.description}` : ''}`;
      return n.children?.length ? `${self}\n${treeText(n.children, indent + '  ')}` : self;
    })
    .join('\n');
}

/** A line in the suite's output (both runners; the offline runner prints the log file). */
export function log(text: string): void {
  console.log(text);
  const file = process.env.KUBE_STATEFUL_TEST_LOG;
  if (file) fs.appendFileSync(file, text + '\n');
}

/** Close every editor without saving (untitled and modified files are reverted first). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const dirty = vscode.workspace.textDocuments.find((d) => d.isDirty);
    if (!dirty) break;
    await vscode.window.showTextDocument(dirty);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Screenshots: only the offline runner (scripts/vscode-offline/run.mjs) can take them. The suite
 * puts the UI in the wanted state, writes `<name>.request` into the directory the runner watches
 * and waits for `<name>.done`.
 */
export const SCREENSHOT_DIR = process.env.KUBE_STATEFUL_SCREENSHOT_DIR || '';

export interface ScreenshotOptions {
  /** JPEG instead of PNG (saved as <name>.jpg). */
  type?: 'jpeg';
  quality?: number;
  clip?: { x: number; y: number; width: number; height: number };
  /** A CSS selector: the runner also saves the rendered text of the matching workbench elements. */
  text?: string;
}

/**
 * The rendered text of the workbench elements matching `selector` (taken with a screenshot
 * `name`), for what the extension API cannot see, such as the Welcome page. Undefined when no
 * runner can look at the workbench (the @vscode/test-electron suite).
 */
export async function workbenchText(
  name: string,
  selector: string,
  options?: ScreenshotOptions,
): Promise<string | undefined> {
  if (!SCREENSHOT_DIR) return undefined;
  const file = path.join(SCREENSHOT_DIR, `${name}.text`);
  fs.rmSync(file, { force: true });
  await screenshot(name, 30_000, { ...options, text: selector });
  assert.ok(fs.existsSync(file), `the runner saved the text of ${selector}`);
  const text = fs.readFileSync(file, 'utf8');
  fs.rmSync(file, { force: true });
  return text;
}

export async function screenshot(name: string, timeoutMs = 30_000, options?: ScreenshotOptions): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  const done = path.join(SCREENSHOT_DIR, `${name}.done`);
  fs.rmSync(done, { force: true });
  // Written whole, then renamed: the runner never reads a half-written request.
  fs.writeFileSync(path.join(SCREENSHOT_DIR, `${name}.request.tmp`), options ? JSON.stringify(options) : '');
  fs.renameSync(path.join(SCREENSHOT_DIR, `${name}.request.tmp`), path.join(SCREENSHOT_DIR, `${name}.request`));
  await waitFor(`screenshot ${name}`, () => (fs.existsSync(done) ? true : undefined), { timeout: timeoutMs });
  const err = fs.readFileSync(done, 'utf8');
  fs.rmSync(done, { force: true });
  if (err) throw new Error(`screenshot ${name} failed: ${err}`);
}
