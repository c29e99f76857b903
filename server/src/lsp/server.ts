/**
 * The LSP layer: adapts editor requests to the analysis core. No Kubernetes knowledge here.
 */
import {
  CodeAction,
  CodeActionKind,
  CodeLensRefreshRequest,
  CompletionItemKind,
  InsertTextFormat,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Disposable,
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
import { WarmUp } from '../core/warmup';
import { toLspRange, toOffset } from '../core/convert';
import type { Finding } from '../core/findings';
import type { FileModel } from '../core/model/workspace';
import { hoverAt } from '../core/hover';
import { definitionAt } from '../core/navigate';
import { lensesFor } from '../core/lens';
import { completionsAt } from '../core/complete';
import { schemaCompletionsAt, schemaHoverAt } from '../core/schema/assist';
import { Workspace } from '../core/model/workspace';
import { normalizeSettings, Settings, Severity } from '../core/settings';
import { buildTree } from '../core/tree';
import { isScanned, pathToUri, scanYamlTree, uriToPath } from '../host/scan';
import { GlobSet, globListProblems } from '../host/glob';
import { isInside, MAX_READ, readYamlFile, realRoots } from '../host/files';
import { crdPathFiles, crdPathMatcher, crdPathSettingProblems } from '../host/crd-paths';
import { indexFiles } from '../host/index-pool';
import { loadGeneratorInputs } from '../host/generator-inputs';
import { collectGarbage, heapSpaces, writeHeapSnapshotIfAsked } from '../host/memory';
import { ParsedDoc } from '../core/yaml/parse';
import { canonicalUri, OpenUris } from './uris';
import { BuildRenderer } from './render-builds';
import * as path from 'path';
import { docsUrl } from '../core/docs';
import { identitiesFor } from '../core/commands';
import { fitValue } from '../core/budget';
import { IdentitiesParams, NOTIFY_MODEL_CHANGED, REQUEST_IDENTITIES, REQUEST_TREE } from '../protocol';
import { FixData, fixData, IDE_CAPABILITIES, registerIde } from './ide';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Trees parsed again in one pass above which the server collects garbage at its end. */
const REPARSES_BEFORE_COLLECTING = 2000;

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
  const dirtyFirst = new Set<string>();

  const log = (m: string) => connection.console.log(`[kube-stateful] ${m}`);
  /** Workspace trust, as the client reports it in initializationOptions (absent: untrusted). */
  let trusted = false;
  const renderer = new BuildRenderer(ws, {
    enabled: () => ws.settings.kustomizeRender,
    trusted: () => trusted,
    onRendered: () => schedule(undefined, 0),
    log,
  });
  connection.onShutdown(() => renderer.dispose());
  const ide = registerIde(connection, ws, (u) => canonicalUri(u) ?? u, log);
  /** A visible warning (window/showMessage: a notification, nothing to answer). */
  const warn = (m: string) =>
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: m });

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
    if (f.fix?.length) d.data = { fix: f.fix.flatMap((fx) => fixData(ws, fx)) };
    return d;
  }

  /** Workspace revision each file's diagnostics were last computed at: nothing to redo within one revision. */
  const publishedAt = new Map<string, number>();

  /** Document version of open files, sent with their diagnostics. */
  const versions = new Map<string, number>();
  const publishedVersion = new Map<string, number | undefined>();

  function publish(uri: string): void {
    const version = versions.get(uri);
    // A new version of an open file always gets its diagnostics (the editor waits for them).
    if (publishedAt.get(uri) === ws.revision && publishedVersion.get(uri) === version) return;
    publishedAt.set(uri, ws.revision);
    let diags: Diagnostic[] = [];
    try {
      // Files that are not open keep their result as one compact entry (memory at scale).
      diags = analyzer
        .fileFindings(uri, !ws.isOpen(uri))
        .map(toDiagnostic)
        .filter((d): d is Diagnostic => !!d);
    } catch (e) {
      log(`analysis failed for ${uri}: ${(e as Error).stack}`);
    }
    const key = JSON.stringify(diags);
    if (published.get(uri) === key && publishedVersion.get(uri) === version) return;
    published.set(uri, key);
    publishedVersion.set(uri, version);
    for (const to of openUris.publishUris(uri)) {
      void connection.sendDiagnostics(
        version === undefined ? { uri: to, diagnostics: diags } : { uri: to, version, diagnostics: diags },
      );
    }
  }

  /**
   * Publishing is two-staged: the edited files as soon as the server is idle (changes that
   * arrive while a publication is pending are coalesced into it: bursts of typing), every
   * other file (cross-file effects, cached rule results make this cheap) once typing pauses.
   * Files that are not open drop their syntax trees once published.
   */
  let restTimer: NodeJS.Timeout | undefined;
  let pending: NodeJS.Immediate | undefined;

  function flushEdited(): void {
    pending = undefined;
    for (const uri of dirtyFirst) publish(uri);
    dirtyFirst.clear();
  }

  /** Trees parsed again since the last full collection (see finishRest). */
  let reparsesAtLastCollection = ParsedDoc.reparses;

  /** The running pass over every file, if any (it yields to requests between slices). */
  let restPass: Iterator<FileModel> | undefined;
  let restPassRunning = false;

  function flushRest(): void {
    restTimer = undefined;
    // A new pass starts over: files already published at this revision are skipped cheaply.
    restPass = [...ws.files()][Symbol.iterator]();
    if (!restPassRunning) continueRest();
  }

  /** Publish files for up to ~15 ms, then let requests and edits in before going on. */
  function continueRest(): void {
    const pass = restPass;
    if (!pass) return;
    restPassRunning = true;
    const until = Date.now() + 15;
    for (let n = pass.next(); !n.done; n = pass.next()) {
      const f = n.value;
      if (ws.file(f.uri)) {
        publish(f.uri);
        if (!ws.isOpen(f.uri)) {
          ide.beforeEvict(f.uri);
          ws.evictTrees(f.uri);
        }
      }
      if (Date.now() >= until) {
        setImmediate(continueRest);
        return;
      }
    }
    restPass = undefined;
    restPassRunning = false;
    finishRest();
  }

  function finishRest(): void {
    // Rules of later files parsed trees of earlier ones again: drop those too.
    for (const f of ws.files()) if (!ws.isOpen(f.uri)) ws.evictTrees(f.uri);
    // After a pass that parsed many trees again (the first analysis, a settings change), give
    // the freed heap back now rather than seconds later (see host/memory.ts).
    if (ParsedDoc.reparses - reparsesAtLastCollection >= REPARSES_BEFORE_COLLECTING) {
      reparsesAtLastCollection = ParsedDoc.reparses;
      if (collectGarbage(true)) {
        // The freed pages are returned once sweeping has finished: a second collection a
        // moment later releases them (and compacts what the first one left fragmented).
        setTimeout(() => {
          collectGarbage();
          const m = process.memoryUsage();
          log(
            `memory a moment later: heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB used of ${(m.heapTotal / 2 ** 20).toFixed(0)} (${heapSpaces()}), RSS ${(m.rss / 2 ** 20).toFixed(0)} MiB`,
          );
          writeHeapSnapshotIfAsked();
        }, 200).unref();
        const m = process.memoryUsage();
        log(
          `memory after analysing ${ws.diskFiles().length} files: heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB used of ${(m.heapTotal / 2 ** 20).toFixed(0)}, external ${(m.external / 2 ** 20).toFixed(0)} MiB, RSS ${(m.rss / 2 ** 20).toFixed(0)} MiB`,
        );
      }
    }
    for (const uri of [...published.keys()]) {
      if (!ws.file(uri)) {
        analyzer.forget(uri);
        published.delete(uri);
        publishedAt.delete(uri);
        for (const to of openUris.publishUris(uri)) void connection.sendDiagnostics({ uri: to, diagnostics: [] });
      }
    }
    void connection.sendNotification(NOTIFY_MODEL_CHANGED, { revision: ws.revision });
    ide.modelChanged(ws.revision);
    renderer.schedule();
    // An edited kustomization may name a generator input not read yet: read it once typing pauses.
    void syncGeneratorInputs()
      .then((read) => {
        if (read) schedule();
      })
      .catch((err) => log(`generator inputs: ${(err as Error).message}`));
    // Lenses depend on other files (the governing Service): ask the editor to re-query them.
    if (canRefreshLenses && lensRevision !== ws.revision) {
      lensRevision = ws.revision;
      void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
  }

  function schedule(uri?: string, delay = 0): void {
    if (uri) {
      dirtyFirst.add(uri);
      pending ??= setImmediate(flushEdited);
    }
    if (restTimer) clearTimeout(restTimer);
    restTimer = setTimeout(flushRest, uri ? 300 : delay);
  }

  /** Settings from initializationOptions (other editors send them there), if any. */
  let initSettings: unknown;

  async function loadSettings(): Promise<void> {
    let raw: unknown = undefined;
    if (canPullConfig) {
      try {
        raw = await connection.workspace.getConfiguration('kubeStateful');
      } catch {
        raw = undefined;
      }
    }
    // Editors without settings for the section answer null: keep the initializationOptions then.
    applySettings(normalizeSettings(raw && typeof raw === 'object' ? raw : initSettings));
  }

  /** The crdPaths problems last shown (shown again only when they change). */
  let crdWarned = '';

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
    const crdProblems = crdPathSettingProblems(s.crdPaths);
    const crdKey = crdProblems.join('\n');
    if (crdProblems.length && crdKey !== crdWarned) {
      const msg = `Kube Stateful: ${crdProblems.length === 1 ? 'an entry' : 'entries'} of kubeStateful.crdPaths ${crdProblems.length === 1 ? 'is' : 'are'} not used: ${crdProblems.slice(0, 3).join('; ')}. Name folders, files or globs inside the workspace folder.`;
      log(msg);
      warn(msg);
    }
    crdWarned = crdKey;
    ws.setSettings(s);
    ide.settingsChanged();
    published.clear();
    publishedAt.clear();
  }

  async function scanWorkspace(): Promise<void> {
    const started = Date.now();
    let n = 0;
    realRootsList = await realRoots(roots);
    const paths: string[] = [];
    for (const root of roots) {
      const scan = await scanYamlTree(root, {
        include: ws.settings.include,
        exclude: ws.settings.exclude,
        maxFiles: ws.settings.maxFiles,
      });
      for (const p of scan.problems) log(`cannot list ${p.path}: ${p.reason}`);
      if (scan.truncated) {
        const msg = `Kube Stateful indexed only the first ${ws.settings.maxFiles} YAML files of ${root}; the others are not checked across files. Raise kubeStateful.maxFiles or narrow kubeStateful.include.`;
        log(msg);
        if (!truncationReported) warn(msg);
        truncationReported = true;
      }
      paths.push(...scan.files);
      if (ws.settings.crdPaths.length) {
        // CRDs named by kubeStateful.crdPaths are indexed even outside the include globs.
        const crd = await crdPathFiles(root, ws.settings.crdPaths, ws.settings.maxFiles);
        for (const p of crd.problems) log(`kubeStateful.crdPaths: ${p}`);
        const seen = new Set(paths);
        paths.push(...crd.files.filter((f) => !seen.has(f)));
      }
    }
    // Read and parse on worker threads; the model keeps facts, not trees, of these files.
    await indexFiles(paths, { maxBytes: MAX_READ, maxParse: ws.settings.maxFileSize, roots: realRootsList }, (f) => {
      if (f.text === undefined) {
        log(`not indexed ${f.path}: ${f.reason ?? 'unreadable'}`);
        return;
      }
      const uri = pathToUri(f.path);
      try {
        if (f.facts) ws.setDiskFileFacts(uri, f.text, f.facts);
        else ws.setDiskFile(uri, f.text);
        ws.evictTrees(uri);
        n++;
      } catch (e) {
        log(`indexing failed for ${uri}: ${(e as Error).stack}`);
      }
    });
    log(`indexed ${n} YAML files in ${Date.now() - started} ms`);
    await syncGeneratorInputs(true).catch((e) => log(`generator inputs: ${(e as Error).message}`));
    schedule(undefined, 0);
  }

  /**
   * The files kustomize generators read that are not YAML (env files, properties, certificates):
   * read from disk so that generated names get their content hash (host/generator-inputs.ts).
   * Each is read once, then again when the client reports a change of it (the server asks the
   * client to watch exactly those files, when it can register watchers).
   */
  const triedInputs = new Set<string>();
  let inputWatch: Promise<Disposable | undefined> | undefined;
  let watchedInputs = '';
  let canWatchFiles = false;
  async function syncGeneratorInputs(all = false, changed?: ReadonlySet<string>): Promise<boolean> {
    const want = ws.generatorInputs();
    const read = new Set(want.filter((u) => all || changed?.has(u) || !triedInputs.has(u)));
    if (read.size) {
      for (const u of read) triedInputs.add(u);
      const real = realRootsList.length ? realRootsList : await realRoots(roots);
      const problems = await loadGeneratorInputs(ws, real, (u) => read.has(u));
      for (const line of problems) log(line);
      log(`generator inputs: read ${read.size - problems.length} of ${read.size}`);
    }
    const names = [...new Set(want.map((u) => path.basename(uriToPath(u) ?? '')).filter(Boolean))].sort();
    const key = names.join('/');
    if (!canWatchFiles || key === watchedInputs) return read.size > 0;
    watchedInputs = key;
    const before = inputWatch;
    inputWatch = names.length
      ? connection.client
          .register(DidChangeWatchedFilesNotification.type, {
            watchers: names.map((n) => ({ globPattern: `**/${n.replace(/[[\]{}*?]/g, (c) => `[${c}]`)}` })),
          })
          .catch((e) => {
            log(`cannot watch the generator inputs: ${(e as Error).message}`);
            return undefined;
          })
      : undefined;
    void before?.then((d) => d?.dispose()).catch(() => undefined);
    return read.size > 0;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfig = !!params.capabilities.workspace?.configuration;
    canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    roots = folders.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    ide.initialize(params);
    const init = params.initializationOptions as { settings?: unknown; trusted?: unknown } | undefined;
    trusted = init?.trusted === true;
    initSettings = init?.settings;
    if (init?.settings) applySettings(normalizeSettings(init.settings));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [' '] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...IDE_CAPABILITIES,
      },
      serverInfo: { name: 'kube-stateful' },
    };
  });

  connection.onInitialized(async () => {
    // While index workers read the workspace, the main thread is idle: warm up meanwhile.
    warmUp();
    if (canPullConfig) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeStateful' });
      await loadSettings();
    }
    await scanWorkspace();
  });

  /**
   * After start, while nothing else is to be done, analyse a small sample a few times (see
   * core/warmup.ts): the first file the user opens then meets optimized code. One pass per
   * slice, never while an edit or a publication is pending.
   */
  let warming: WarmUp | undefined;
  function warmUp(): void {
    warming ??= new WarmUp(ws.settings);
    const step = () => {
      if (!warming) return;
      if (pending || restPassRunning || restTimer) {
        setTimeout(step, 50).unref();
        return;
      }
      let more = false;
      try {
        more = warming.step();
      } catch (e) {
        log(`warm-up failed: ${(e as Error).stack}`);
      }
      if (more) setImmediate(step);
      else warming = undefined;
    };
    setImmediate(step);
  }
  connection.onShutdown(() => (warming = undefined));

  connection.onDidChangeConfiguration(async (change) => {
    const before = JSON.stringify([
      ws.settings.include,
      ws.settings.exclude,
      ws.settings.maxFiles,
      ws.settings.crdPaths,
    ]);
    if (canPullConfig) await loadSettings();
    else applySettings(normalizeSettings((change.settings as { kubeStateful?: unknown })?.kubeStateful));
    if (
      JSON.stringify([ws.settings.include, ws.settings.exclude, ws.settings.maxFiles, ws.settings.crdPaths]) !== before
    ) {
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
    versions.set(uri, e.document.version);
    ws.setOpenFile(uri, e.document.getText());
    published.delete(uri);
    publishedAt.delete(uri);
    schedule(uri);
  });
  documents.onDidChangeContent((e) => {
    const uri = keyOf(e.document.uri, 'didChange');
    if (!uri) return;
    versions.set(uri, e.document.version);
    ws.setOpenFile(uri, e.document.getText());
    schedule(uri);
  });
  documents.onDidClose((e) => {
    const uri = keyOf(e.document.uri, 'didClose');
    if (!uri) return;
    if (uri !== e.document.uri && published.has(uri))
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    if (!openUris.close(uri, e.document.uri)) return;
    versions.delete(uri);
    ws.closeFile(uri);
    schedule(uri);
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    const inc = new GlobSet(ws.settings.include);
    const exc = new GlobSet(ws.settings.exclude);
    const crd = crdPathMatcher(ws.settings.crdPaths);
    const inputs = new Set(ws.generatorInputs());
    const changedInputs = new Set<string>();
    for (const ch of params?.changes ?? []) {
      // One bad event never drops the others of its batch.
      try {
        const raw = keyOf(ch?.uri, 'didChangeWatchedFiles');
        const p = raw && uriToPath(raw);
        if (!raw || !p) continue;
        const uri = pathToUri(p);
        if (inputs.has(uri)) {
          changedInputs.add(uri);
          continue;
        }
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
        if (!isScanned(rel, inc, exc) && !crd(rel)) continue;
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
    // Changed inputs, and the inputs of kustomizations that changed in this batch.
    await syncGeneratorInputs(false, changedInputs).catch((e) => log(`generator inputs: ${(e as Error).message}`));
    schedule();
  });

  connection.onHover((params) => {
    const uri = canonicalUri(params.textDocument.uri) ?? '';
    const file = ws.file(uri);
    if (!file) return null;
    try {
      const offset = toOffset(file, params.position);
      const h = hoverAt(analyzer, uri, offset) ?? schemaHoverAt(ws, uri, offset);
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
      const offset = toOffset(file, params.position);
      const c = completionsAt(analyzer, uri, offset);
      if (!c) return schemaCompletions(uri, file, offset, params.context?.triggerCharacter === ' ');
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

  /** Keys, enum values and apiVersion/kind pairs from the bundled schema. */
  function schemaCompletions(
    uri: string,
    file: NonNullable<ReturnType<typeof ws.file>>,
    offset: number,
    bySpace: boolean,
  ) {
    const c = schemaCompletionsAt(ws, uri, offset);
    // A typed space triggers value completion (`key: `), never the key list while indenting.
    if (!c || (bySpace && c.items.some((i) => i.kind !== 'value'))) return null;
    const range = toLspRange(file, c.span);
    const kinds = {
      field: CompletionItemKind.Property,
      value: CompletionItemKind.EnumMember,
      kind: CompletionItemKind.Class,
    };
    return {
      isIncomplete: false,
      items: c.items.map((i) => ({
        label: i.label,
        kind: kinds[i.kind],
        detail: i.detail,
        documentation: i.documentation ? { kind: 'markdown' as const, value: i.documentation } : undefined,
        sortText: i.sort,
        filterText: i.kind === 'kind' ? i.label.replace(/ \(.*\)$/, '') : i.label,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: i.snippet },
      })),
    };
  }

  connection.onCodeLens((params) => {
    const uri = canonicalUri(params.textDocument.uri) ?? '';
    const file = ws.file(uri);
    if (!file) return [];
    try {
      return lensesFor(analyzer, uri).map((l) => ({
        range: toLspRange(file, l.span),
        command: {
          title: l.title,
          command: 'kubeStateful.showReplicaTable',
          arguments: [{ ...l.target, uri: params.textDocument.uri }],
        },
      }));
    } catch (e) {
      log(`code lens failed: ${(e as Error).stack}`);
      return [];
    }
  });

  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const fixes = (d.data as { fix?: FixData[] } | undefined)?.fix;
      if (!fixes || d.source !== 'kube-stateful') continue;
      fixes.forEach((fx, i) => {
        actions.push({
          title: fx.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: i === 0,
          edit: {
            changes: { [fx.uri ?? params.textDocument.uri]: [{ range: fx.range ?? d.range, newText: fx.newText }] },
          },
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
