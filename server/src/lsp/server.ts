/**
 * The LSP layer: adapts editor requests to the analysis core. No Kubernetes knowledge here.
 */
import {
  CodeAction,
  CodeActionKind,
  CodeLensRefreshRequest,
  CompletionItemKind,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../core/analyzer';
import { toLspRange, toOffset } from '../core/convert';
import type { Finding } from '../core/findings';
import { hoverAt } from '../core/hover';
import { definitionAt } from '../core/navigate';
import { lensesFor } from '../core/lens';
import { completionsAt } from '../core/complete';
import { Workspace } from '../core/model/workspace';
import { normalizeSettings, Settings, Severity } from '../core/settings';
import { buildTree } from '../core/tree';
import { pathToUri, scanYamlTree, uriToPath } from '../host/scan';
import { GlobSet, globListProblems } from '../host/glob';
import { isInside, readYamlFile, realRoots } from '../host/files';
import { canonicalUri, OpenUris } from './uris';
import * as path from 'path';
import { docsUrl } from '../core/docs';
import { identitiesFor } from '../core/commands';
import { fitValue } from '../core/budget';
import { IdentitiesParams, NOTIFY_MODEL_CHANGED, REQUEST_IDENTITIES, REQUEST_TREE } from '../protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};


export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const ws = new Workspace();
  const analyzer = new Analyzer(ws);
  let roots: string[] = [];
  /** Real paths of the workspace folders: nothing outside them is read. */
  let realRootsList: string[] = [];
  const openUris = new OpenUris();
  let truncationReported = false;
  let canPullConfig = false;
  let canRefreshLenses = false;
  let lensRevision = -1;
  const published = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  const dirtyFirst = new Set<string>();

  const log = (m: string) => connection.console.log(`[kube-stateful] ${m}`);
  /** A visible warning (window/showMessage: a notification, nothing to answer). */
  const warn = (m: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: m });

  function toDiagnostic(f: Finding): Diagnostic | undefined {
    const file = ws.file(f.span.doc.uri);
    if (!file) return undefined;
    const d: Diagnostic = {
      range: toLspRange(file, f.span),
      severity: SEVERITY[f.severity],
      code: f.code,
      codeDescription: { href: docsUrl(f.code) },
      source: 'kube-stateful',
      message: f.message,
    };
    if (f.related?.length) {
      d.relatedInformation = f.related.flatMap((r) => {
        const rf = ws.file(r.span.doc.uri);
        return rf ? [{ location: { uri: r.span.doc.uri, range: toLspRange(rf, r.span) }, message: r.message }] : [];
      });
    }
    if (f.fix?.length) d.data = { fix: f.fix };
    return d;
  }

  /** Workspace revision each file's diagnostics were last computed at: nothing to redo within one revision. */
  const publishedAt = new Map<string, number>();

  function publish(uri: string): void {
    if (publishedAt.get(uri) === ws.revision) return;
    publishedAt.set(uri, ws.revision);
    let diags: Diagnostic[] = [];
    try {
      diags = analyzer
        .fileFindings(uri)
        .map(toDiagnostic)
        .filter((d): d is Diagnostic => !!d);
    } catch (e) {
      log(`analysis failed for ${uri}: ${(e as Error).stack}`);
    }
    const key = JSON.stringify(diags);
    if (published.get(uri) === key) return;
    published.set(uri, key);
    for (const to of openUris.publishUris(uri)) void connection.sendDiagnostics({ uri: to, diagnostics: diags });
  }

  /**
   * Publishing is two-staged: the edited files right away (after a short debounce), every
   * other file (cross-file effects, cached rule results make this cheap) once typing pauses.
   */
  let restTimer: NodeJS.Timeout | undefined;

  function flushEdited(): void {
    timer = undefined;
    for (const uri of dirtyFirst) publish(uri);
    dirtyFirst.clear();
  }

  function flushRest(): void {
    restTimer = undefined;
    for (const f of ws.files()) publish(f.uri);
    for (const uri of [...published.keys()]) {
      if (!ws.file(uri)) {
        published.delete(uri);
        publishedAt.delete(uri);
        for (const to of openUris.publishUris(uri)) void connection.sendDiagnostics({ uri: to, diagnostics: [] });
      }
    }
    void connection.sendNotification(NOTIFY_MODEL_CHANGED, { revision: ws.revision });
    // Lenses depend on other files (the governing Service): ask the editor to re-query them.
    if (canRefreshLenses && lensRevision !== ws.revision) {
      lensRevision = ws.revision;
      void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
  }

  function schedule(uri?: string, delay = 30): void {
    if (uri) {
      dirtyFirst.add(uri);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flushEdited, delay);
    }
    if (restTimer) clearTimeout(restTimer);
    restTimer = setTimeout(flushRest, uri ? 300 : delay);
  }

  async function loadSettings(): Promise<void> {
    let raw: unknown = undefined;
    if (canPullConfig) {
      try {
        raw = await connection.workspace.getConfiguration('kubeStateful');
      } catch {
        raw = undefined;
      }
    }
    applySettings(normalizeSettings(raw));
  }

  /** Globs that cannot be used are rejected with a visible message; the previous valid value stays. */
  function applySettings(s: Settings): void {
    for (const key of ['include', 'exclude'] as const) {
      const problems = globListProblems(s[key]);
      if (problems.length) {
        const msg = `Kube Stateful: kubeStateful.${key} is not used, because ${problems.length === 1 ? 'a pattern is' : 'patterns are'} invalid: ${problems.slice(0, 3).join('; ')}. The previous value stays in force.`;
        log(msg);
        warn(msg);
        s = { ...s, [key]: ws.settings[key] };
      }
    }
    ws.setSettings(s);
    published.clear();
    publishedAt.clear();
  }

  async function scanWorkspace(): Promise<void> {
    const started = Date.now();
    let n = 0;
    realRootsList = await realRoots(roots);
    for (const root of roots) {
      const scan = await scanYamlTree(root, { include: ws.settings.include, exclude: ws.settings.exclude, maxFiles: ws.settings.maxFiles });
      for (const p of scan.problems) log(`cannot list ${p.path}: ${p.reason}`);
      if (scan.truncated) {
        const msg = `Kube Stateful indexed only the first ${ws.settings.maxFiles} YAML files of ${root}; the others are not checked across files. Raise kubeStateful.maxFiles or narrow kubeStateful.include.`;
        log(msg);
        if (!truncationReported) warn(msg);
        truncationReported = true;
      }
      for (const f of scan.files) {
        const r = await readYamlFile(f, { roots: realRootsList });
        if (r.ok) {
          ws.setDiskFile(pathToUri(f), r.text);
          n++;
        } else log(`not indexed ${f}: ${r.reason}`);
      }
    }
    log(`indexed ${n} YAML files in ${Date.now() - started} ms`);
    schedule(undefined, 0);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfig = !!params.capabilities.workspace?.configuration;
    canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    roots = folders.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) applySettings(normalizeSettings(init.settings));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [' '] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'kube-stateful' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfig) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeStateful' });
      await loadSettings();
    }
    await scanWorkspace();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const before = JSON.stringify([ws.settings.include, ws.settings.exclude, ws.settings.maxFiles]);
    if (canPullConfig) await loadSettings();
    else applySettings(normalizeSettings((change.settings as { kubeStateful?: unknown })?.kubeStateful));
    if (JSON.stringify([ws.settings.include, ws.settings.exclude, ws.settings.maxFiles]) !== before) {
      // Different file globs: forget the disk index and scan again.
      for (const uri of ws.diskFiles()) ws.deleteDiskFile(uri);
      await scanWorkspace();
    }
    schedule(undefined, 0);
  });

  /** The canonical URI of a client URI, or undefined (logged) when it is invalid. */
  function keyOf(raw: unknown, what: string): string | undefined {
    const key = canonicalUri(raw);
    if (key === undefined) log(`${what}: ignored invalid URI ${JSON.stringify(String(raw).slice(0, 200))}`);
    return key;
  }

  documents.onDidOpen((e) => {
    const uri = keyOf(e.document.uri, 'didOpen');
    if (!uri) return;
    openUris.open(uri, e.document.uri);
    ws.setOpenFile(uri, e.document.getText());
    published.delete(uri);
    publishedAt.delete(uri);
    schedule(uri, 0);
  });
  documents.onDidChangeContent((e) => {
    const uri = keyOf(e.document.uri, 'didChange');
    if (!uri) return;
    ws.setOpenFile(uri, e.document.getText());
    schedule(uri);
  });
  documents.onDidClose((e) => {
    const uri = keyOf(e.document.uri, 'didClose');
    if (!uri) return;
    if (uri !== e.document.uri && published.has(uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    if (!openUris.close(uri, e.document.uri)) return;
    ws.closeFile(uri);
    schedule(uri);
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    const inc = new GlobSet(ws.settings.include);
    const exc = new GlobSet(ws.settings.exclude);
    for (const ch of params?.changes ?? []) {
      // One bad event never drops the others of its batch.
      try {
        const raw = keyOf(ch?.uri, 'didChangeWatchedFiles');
        const p = raw && uriToPath(raw);
        if (!raw || !p) continue;
        const uri = pathToUri(p);
        if (ch.type === FileChangeType.Deleted) {
          ws.deleteDiskFile(uri);
          continue;
        }
        // Only files of a workspace folder, named by a path inside it, matching the globs.
        const root = roots.find((r) => isInside(p, [r]));
        if (!root) {
          log(`not indexed ${p}: outside the workspace folders`);
          continue;
        }
        const rel = path.relative(root, p).split(path.sep).join('/');
        if (!inc.matches(rel) || exc.matches(rel)) continue;
        const r = await readYamlFile(p, { roots: realRootsList.length ? realRootsList : await realRoots(roots) });
        if (r.ok) ws.setDiskFile(uri, r.text);
        else {
          log(`not indexed ${p}: ${r.reason}`);
          ws.deleteDiskFile(uri);
        }
      } catch (e) {
        log(`watched file event failed: ${(e as Error).message}`);
      }
    }
    schedule();
  });

  connection.onHover((params) => {
    const uri = canonicalUri(params.textDocument.uri) ?? '';
    const file = ws.file(uri);
    if (!file) return null;
    try {
      const h = hoverAt(analyzer, uri, toOffset(file, params.position));
      if (!h) return null;
      return { contents: { kind: 'markdown', value: h.markdown }, range: toLspRange(file, h.span) };
    } catch (e) {
      log(`hover failed: ${(e as Error).stack}`);
      return null;
    }
  });

  connection.onDefinition((params) => {
    const uri = canonicalUri(params.textDocument.uri) ?? '';
    const file = ws.file(uri);
    if (!file) return null;
    try {
      return definitionAt(analyzer, uri, toOffset(file, params.position)).flatMap((t) => {
        const tf = ws.file(t.uri);
        return tf ? [{ uri: t.uri, range: toLspRange(tf, t.span) }] : [];
      });
    } catch (e) {
      log(`definition failed: ${(e as Error).stack}`);
      return null;
    }
  });

  connection.onCompletion((params) => {
    const uri = canonicalUri(params.textDocument.uri) ?? '';
    const file = ws.file(uri);
    if (!file) return null;
    try {
      const c = completionsAt(analyzer, uri, toOffset(file, params.position));
      if (!c) return null;
      const range = toLspRange(file, c.span);
      return {
        isIncomplete: false,
        items: c.items.map((i) => ({
          label: i.label,
          kind: CompletionItemKind.Reference,
          detail: i.detail,
          sortText: i.sort,
          filterText: i.label,
          textEdit: { range, newText: i.label },
        })),
      };
    } catch (e) {
      log(`completion failed: ${(e as Error).stack}`);
      return null;
    }
  });

  connection.onCodeLens((params) => {
    const uri = canonicalUri(params.textDocument.uri) ?? '';
    const file = ws.file(uri);
    if (!file) return [];
    try {
      return lensesFor(analyzer, uri).map((l) => ({
        range: toLspRange(file, l.span),
        command: { title: l.title, command: 'kubeStateful.showReplicaTable', arguments: [{ ...l.target, uri: params.textDocument.uri }] },
      }));
    } catch (e) {
      log(`code lens failed: ${(e as Error).stack}`);
      return [];
    }
  });

  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const fixes = (d.data as { fix?: { title: string; newText: string }[] } | undefined)?.fix;
      if (!fixes || d.source !== 'kube-stateful') continue;
      fixes.forEach((fx, i) => {
        actions.push({
          title: fx.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: i === 0,
          edit: { changes: { [params.textDocument.uri]: [{ range: d.range, newText: fx.newText }] } },
        });
      });
    }
    return actions;
  });

  connection.onRequest(REQUEST_TREE, () => {
    try {
      return fitValue(buildTree(analyzer));
    } catch (e) {
      log(`tree failed: ${(e as Error).stack}`);
      return [];
    }
  });

  connection.onRequest(REQUEST_IDENTITIES, (params: IdentitiesParams | undefined) => {
    try {
      return fitValue(identitiesFor(analyzer, params?.uri ? (canonicalUri(params.uri) ?? '') : undefined));
    } catch (e) {
      log(`identities failed: ${(e as Error).stack}`);
      return [];
    }
  });

  documents.listen(connection);
  connection.listen();
}
