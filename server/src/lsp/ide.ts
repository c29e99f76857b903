/**
 * Editor intelligence handlers: references, rename, document and workspace symbols, inlay
 * hints. Thin adapters over core/ide/*; registered by server.ts as one block.
 */
import {
  AnnotatedTextEdit,
  ChangeAnnotation,
  Connection,
  DocumentSymbol,
  InitializeParams,
  InlayHint,
  InlayHintRefreshRequest,
  Location,
  Range,
  MessageType,
  ResponseError,
  ServerCapabilities,
  ShowMessageNotification,
  SymbolInformation,
  SymbolKind,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { toLspRange, toOffset } from '../core/convert';
import type { Fix, Span } from '../core/findings';
import { inlayHints } from '../core/ide/inlay';
import { prepareRenameAt, referencesAt, renameAt } from '../core/ide/references';
import { DocSymbol, documentSymbols, noteSymbolSources, SymbolRole, workspaceSymbols } from '../core/ide/symbols';
import type { Workspace } from '../core/model/workspace';

export const IDE_CAPABILITIES: ServerCapabilities = {
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: { label: 'Kubernetes' },
  workspaceSymbolProvider: true,
  inlayHintProvider: { resolveProvider: false },
};

const SYMBOL_KIND: Record<SymbolRole, SymbolKind> = {
  resource: SymbolKind.Class,
  container: SymbolKind.Object,
  volume: SymbolKind.Field,
  'claim-template': SymbolKind.Struct,
  port: SymbolKind.Number,
  pod: SymbolKind.Object,
  pvc: SymbolKind.Struct,
  dns: SymbolKind.String,
};

const ANNOTATION = 'kubeStateful.renameWarning';

/** A quick fix as carried in a diagnostic's data: an explicit target (uri + range) or the diagnostic's range. */
export interface FixData {
  title: string;
  newText: string;
  uri?: string;
  range?: Range;
}

export function fixData(ws: Workspace, fx: Fix): FixData[] {
  const out: FixData = { title: fx.title, newText: fx.newText };
  if (!fx.at) return [out];
  const f = ws.file(fx.at.doc.uri);
  if (!f) return [];
  out.uri = fx.at.doc.uri;
  out.range = toLspRange(f, fx.at);
  return [out];
}

export function registerIde(
  connection: Connection,
  ws: Workspace,
  canonicalUri: (uri: string) => string,
  log: (m: string) => void,
): {
  initialize(params: InitializeParams): void;
  settingsChanged(): void;
  modelChanged(revision: number): void;
  beforeEvict(uri: string): void;
} {
  let annotations = false;
  let canRefreshHints = false;

  const range = (uri: string, span: Span) => {
    const f = ws.file(uri);
    return f ? toLspRange(f, span) : undefined;
  };
  const guard = <T>(what: string, fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      log(`${what} failed: ${(e as Error).stack}`);
      return fallback;
    }
  };

  connection.onReferences((params) =>
    guard(
      'references',
      () => {
        const uri = canonicalUri(params.textDocument.uri);
        const file = ws.file(uri);
        if (!file) return null;
        return referencesAt(ws, uri, toOffset(file, params.position), params.context.includeDeclaration).flatMap(
          (l) => {
            const r = range(l.uri, l.span);
            return r ? [Location.create(l.uri, r)] : [];
          },
        );
      },
      null,
    ),
  );

  connection.onPrepareRename((params) =>
    guard(
      'prepareRename',
      () => {
        const uri = canonicalUri(params.textDocument.uri);
        const file = ws.file(uri);
        if (!file) return null;
        const p = prepareRenameAt(ws, uri, toOffset(file, params.position));
        if (!p) return null;
        if ('error' in p) throw new ResponseError(-32803 /* RequestFailed */, p.error);
        return { range: toLspRange(file, p.span), placeholder: p.placeholder };
      },
      null,
    ),
  );

  connection.onRenameRequest((params) =>
    guard(
      'rename',
      (): WorkspaceEdit | null => {
        const uri = canonicalUri(params.textDocument.uri);
        const file = ws.file(uri);
        if (!file) return null;
        const r = renameAt(ws, uri, toOffset(file, params.position), params.newName);
        if (!r) return null;
        if ('error' in r) throw new ResponseError(-32803, r.error);
        const byUri = new Map<string, TextEdit[]>();
        for (const e of r.edits) {
          const rg = range(e.uri, e.span);
          if (!rg) continue;
          const edit =
            r.warning && annotations
              ? AnnotatedTextEdit.replace(rg, e.newText, ANNOTATION)
              : TextEdit.replace(rg, e.newText);
          const l = byUri.get(e.uri);
          if (l) l.push(edit);
          else byUri.set(e.uri, [edit]);
        }
        if (r.warning && annotations) {
          const changeAnnotations: Record<string, ChangeAnnotation> = {
            [ANNOTATION]: { label: r.warning.label, description: r.warning.description, needsConfirmation: true },
          };
          return {
            documentChanges: [...byUri].map(([u, edits]) => TextDocumentEdit.create({ uri: u, version: null }, edits)),
            changeAnnotations,
          };
        }
        if (r.warning)
          void connection.sendNotification(ShowMessageNotification.type, {
            type: MessageType.Warning,
            message: `${r.warning.label}: ${r.warning.description}`,
          });
        return { changes: Object.fromEntries(byUri) };
      },
      null,
    ),
  );

  const toDocSymbol = (uri: string, s: DocSymbol): DocumentSymbol | undefined => {
    const r = range(uri, s.span);
    const sel = range(uri, s.selection);
    if (!r || !sel) return undefined;
    return {
      name: s.name || '?',
      detail: s.detail,
      kind: SYMBOL_KIND[s.role],
      range: r,
      selectionRange: sel,
      children: s.children.map((c) => toDocSymbol(uri, c)).filter((c): c is DocumentSymbol => !!c),
    };
  };

  connection.onDocumentSymbol((params) =>
    guard(
      'documentSymbol',
      () => {
        const uri = canonicalUri(params.textDocument.uri);
        return documentSymbols(ws, uri)
          .map((s) => toDocSymbol(uri, s))
          .filter((s): s is DocumentSymbol => !!s);
      },
      [],
    ),
  );

  connection.onWorkspaceSymbol((params) =>
    guard(
      'workspaceSymbol',
      () =>
        workspaceSymbols(ws, params.query).flatMap((s): SymbolInformation[] => {
          const r = range(s.uri, s.span);
          return r
            ? [
                {
                  name: s.name,
                  kind: SYMBOL_KIND[s.role],
                  containerName: s.container,
                  location: Location.create(s.uri, r),
                },
              ]
            : [];
        }),
      [],
    ),
  );

  connection.languages.inlayHint.on((params) =>
    guard(
      'inlayHint',
      (): InlayHint[] => {
        if (!ws.settings.inlayHintsEnable) return [];
        const uri = canonicalUri(params.textDocument.uri);
        const file = ws.file(uri);
        if (!file) return [];
        return inlayHints(ws, uri, toOffset(file, params.range.start), toOffset(file, params.range.end)).map((h) => ({
          position: toLspRange(file, h.at).start,
          label: h.label,
          tooltip: h.tooltip,
          paddingLeft: true,
        }));
      },
      [],
    ),
  );

  let hintRevision = -1;
  return {
    initialize(params) {
      const we = params.capabilities.workspace?.workspaceEdit;
      annotations = !!we?.documentChanges && !!we?.changeAnnotationSupport;
      canRefreshHints = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    },
    settingsChanged() {
      if (canRefreshHints) void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    },
    /** A closed file's trees are about to be dropped: keep what workspace symbols read from them. */
    beforeEvict(uri: string) {
      guard('symbols', () => noteSymbolSources(ws, uri), undefined);
    },
    /** Hints depend on other files (the default StorageClass, the governing Service): re-query them. */
    modelChanged(revision: number) {
      if (!canRefreshHints || !ws.settings.inlayHintsEnable || revision === hintRevision) return;
      hintRevision = revision;
      void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    },
  };
}
