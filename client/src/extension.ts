/**
 * VS Code entry point: starts the bundled language server and wires the tree view and the
 * commands to it. Thin on purpose: every Kubernetes fact comes from the server.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { COMMANDS, registerCommands } from './commands';
import {
  NOTIFY_MODEL_CHANGED,
  REQUEST_IDENTITIES,
  REQUEST_TREE,
  SETTINGS_SECTION,
  StatefulSetIdentityInfo,
  TreeNode,
} from '../../server/src/protocol';
import { ReplicaTablePanels } from './replicaTable';
import { createStorageTree, StorageTreeProvider } from './tree';
import { registerWalkthroughCommands } from './walkthrough';

/** What `vscode.extensions.getExtension('kube-stateful.kube-stateful').exports` returns. */
export interface KubeStatefulApi {
  client: LanguageClient;
  /** Resolves when the language server is up. */
  ready: Promise<void>;
  /** The storage tree as the view shows it. */
  tree(): Promise<TreeNode[]>;
  identities(uri?: string): Promise<StatefulSetIdentityInfo[]>;
  treeProvider: StorageTreeProvider;
  replicaTables: ReplicaTablePanels;
  /** Milliseconds from `activate` to the end of `activate`, and to the server being ready. */
  timings: { activate?: number; serverReady?: number };
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): KubeStatefulApi {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Kube Stateful');
  const log = (m: string) => output.appendLine(`[${new Date().toISOString().slice(11, 23)}] ${m}`);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const yamlWatcher = vscode.workspace.createFileSystemWatcher('**/{*.yaml,*.yml,Kustomization}');
  context.subscriptions.push(yamlWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: yamlWatcher,
    },
    // `trusted`: the server runs nothing (kubeStateful.kustomize.render) unless the workspace is trusted.
    initializationOptions: () => ({
      settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SETTINGS_SECTION))),
      trusted: vscode.workspace.isTrusted,
    }),
    diagnosticCollectionName: 'kube-stateful',
    outputChannel: output,
    // The default error handler restarts a crashed server (up to 4 times in 3 minutes).
  };
  // The id `kubeStateful` makes the library honour the `kubeStateful.trace.server` setting.
  const lc = new LanguageClient('kubeStateful', 'Kube Stateful', serverOptions, clientOptions);
  client = lc;
  // Trust is read at start: once granted, start the server again so that it knows.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void lc.restart().catch(() => undefined)));

  const timings: KubeStatefulApi['timings'] = {};
  const identities = (uri?: string) =>
    lc.sendRequest<StatefulSetIdentityInfo[]>(REQUEST_IDENTITIES, uri ? { uri } : {}).then((r) => r ?? []);
  const fetchTree = () => lc.sendRequest<TreeNode[]>(REQUEST_TREE).then((r) => r ?? []);

  const tree = createStorageTree(fetchTree, log);
  const panels = new ReplicaTablePanels(
    () => identities(),
    vscode.Uri.joinPath(context.extensionUri, 'media', 'storage.svg'),
  );
  context.subscriptions.push(output, ...tree.disposables, panels);

  context.subscriptions.push(
    lc.onNotification(NOTIFY_MODEL_CHANGED, () => {
      tree.provider.scheduleRefresh();
      void panels.refresh().catch(() => undefined);
    }),
    lc.onDidChangeState((e) => {
      log(`language server ${State[e.newState]?.toLowerCase() ?? e.newState}`);
      if (e.newState === State.Running) tree.provider.refresh();
    }),
    ...registerCommands({
      tree: () => tree.provider.roots(),
      identities,
      refreshTree: () => tree.provider.refresh(),
      restartServer: async () => {
        log('restarting the language server');
        if (lc.isRunning()) await lc.restart();
        else await lc.start();
      },
      panels,
      log,
    }),
    vscode.commands.registerCommand('kubeStateful.newStatefulSet', () => newFromSnippet(context, 'ks-statefulset')),
    ...registerWalkthroughCommands(),
  );

  const ready = lc.start().then(
    () => {
      timings.serverReady = Date.now() - started;
      log(`language server ready ${timings.serverReady} ms after activation`);
    },
    (e: unknown) => {
      log(`language server failed to start: ${e instanceof Error ? e.stack : String(e)}`);
      void vscode.window
        .showErrorMessage('Kube Stateful: the language server failed to start.', 'Show Log', 'Restart')
        .then((choice) => {
          if (choice === 'Show Log') output.show();
          if (choice === 'Restart') void vscode.commands.executeCommand(COMMANDS.restartServer);
        });
      throw e;
    },
  );
  ready.catch(() => undefined);

  timings.activate = Date.now() - started;
  log(`activated in ${timings.activate} ms`);
  return {
    client: lc,
    ready,
    tree: () => tree.provider.roots(),
    identities,
    treeProvider: tree.provider,
    replicaTables: panels,
    timings,
  };
}

/** A new untitled YAML editor filled with one of the extension's snippets. */
async function newFromSnippet(
  context: vscode.ExtensionContext,
  prefix: string,
): Promise<vscode.TextEditor | undefined> {
  const file = context.asAbsolutePath('snippets/kubernetes.json');
  const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
    string,
    { prefix: string | string[]; body: string | string[] }
  >;
  const snippet = Object.values(snippets).find((s) =>
    (Array.isArray(s.prefix) ? s.prefix : [s.prefix]).includes(prefix),
  );
  if (!snippet) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(
    new vscode.SnippetString(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body),
  );
  return editor;
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
