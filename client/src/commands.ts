/**
 * Command implementations. Data comes from the server (tree nodes carry ready-made `copy`
 * texts; `kubeStateful/identities` lists StatefulSets and their replicas); the client only
 * picks, copies, reveals and renders.
 */
import * as vscode from 'vscode';
import type { ReplicaIdentity, StatefulSetIdentityInfo, TreeNode } from '../../server/src/protocol';
import { flatten } from './tree';
import { ReplicaTablePanels } from './replicaTable';

type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };
export type Location = { uri: string; range: LspRange };

/**
 * What a command may be called with: a tree node (view menus, clicks), a document URI (editor
 * context menu), nothing (command palette), or a selector (tests, keybindings, other extensions).
 */
export interface Selector {
  uri?: string;
  statefulSet?: string;
  namespace?: string;
  ordinal?: number;
}

export interface CommandDeps {
  tree(): Promise<TreeNode[]>;
  identities(uri?: string): Promise<StatefulSetIdentityInfo[]>;
  refreshTree(): void;
  restartServer(): Promise<void>;
  panels: ReplicaTablePanels;
  log(message: string): void;
}

export const COMMANDS = {
  refreshTree: 'kubeStateful.refreshTree',
  revealResource: 'kubeStateful.revealResource',
  copyPodDnsName: 'kubeStateful.copyPodDnsName',
  copyPvcName: 'kubeStateful.copyPvcName',
  copyDnsCheck: 'kubeStateful.copyDnsCheck',
  showReplicaTable: 'kubeStateful.showReplicaTable',
  restartServer: 'kubeStateful.restartServer',
} as const;

function isTreeNode(x: unknown): x is TreeNode {
  return (
    !!x && typeof x === 'object' && typeof (x as TreeNode).id === 'string' && typeof (x as TreeNode).label === 'string'
  );
}

function isLocation(x: unknown): x is Location {
  const l = x as Location | undefined;
  return !!l && typeof l === 'object' && typeof l.uri === 'string' && !!l.range?.start && !!l.range?.end;
}

/** Compare URIs from the server and from VS Code (their percent-encoding may differ). */
export function sameUri(a: string, b: string): boolean {
  return a === b || vscode.Uri.parse(a).toString() === vscode.Uri.parse(b).toString();
}

function toRange(r: LspRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Open the file of a location and select its range. */
export async function revealLocation(loc: Location): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(loc.uri));
  const range = toRange(loc.range);
  const editor = await vscode.window.showTextDocument(doc, { selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** The YAML document the command is about: an explicit URI, else the active YAML editor. */
function contextUri(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.toString();
  if (isTreeNode(arg)) return arg.location?.uri;
  if (arg && typeof arg === 'object' && typeof (arg as Selector).uri === 'string') return (arg as Selector).uri;
  const ed = vscode.window.activeTextEditor;
  return ed && ed.document.languageId === 'yaml' ? ed.document.uri.toString() : undefined;
}

function selectorOf(arg: unknown): Selector {
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri || isTreeNode(arg)) return {};
  return arg as Selector;
}

/** StatefulSets of the context file (matching the selector); all of the workspace when that file has none. */
async function scopedIdentities(deps: CommandDeps, arg: unknown): Promise<StatefulSetIdentityInfo[]> {
  const sel = selectorOf(arg);
  const wanted = (s: StatefulSetIdentityInfo) =>
    (sel.statefulSet === undefined || s.name === sel.statefulSet) &&
    (sel.namespace === undefined || s.namespace === sel.namespace);
  const uri = contextUri(arg);
  const inFile = uri ? (await deps.identities(uri)).filter(wanted) : [];
  return inFile.length ? inFile : (await deps.identities()).filter(wanted);
}

/** The last StatefulSet starting at or above the cursor of the active editor, if it is in the list. */
function atCursor(list: StatefulSetIdentityInfo[]): StatefulSetIdentityInfo | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed) return undefined;
  const uri = ed.document.uri.toString();
  const line = ed.selection.active.line;
  const here = list.filter((s) => sameUri(s.uri, uri) && s.range.start.line <= line);
  return here.length ? here.reduce((a, b) => (b.range.start.line > a.range.start.line ? b : a)) : undefined;
}

interface ReplicaPick {
  sts: StatefulSetIdentityInfo;
  replica: ReplicaIdentity;
}

async function pickReplica(
  deps: CommandDeps,
  arg: unknown,
  want: (r: ReplicaIdentity) => string | undefined,
  what: string,
): Promise<ReplicaPick | undefined> {
  const sel = selectorOf(arg);
  const list = await scopedIdentities(deps, arg);
  const picks: ReplicaPick[] = [];
  for (const sts of list)
    for (const replica of sts.replicas)
      if (sel.ordinal === undefined || replica.ordinal === sel.ordinal) picks.push({ sts, replica });
  const usable = picks.filter((p) => want(p.replica));
  if (!usable.length) {
    const why = picks.length
      ? `No replica has a ${what}${list.some((s) => !s.serviceName) ? ' (a StatefulSet without spec.serviceName gets no pod DNS names)' : ''}.`
      : 'No StatefulSet found in this file or the workspace.';
    void vscode.window.showInformationMessage(`Kube Stateful: ${why}`);
    return undefined;
  }
  if (usable.length === 1) return usable[0];
  const items = usable.map((p) => ({
    label: p.replica.pod,
    description: want(p.replica),
    detail: `StatefulSet ${p.sts.namespace}/${p.sts.name}${p.sts.dnsResolves ? '' : ' — DNS will not resolve' + (p.sts.reason ? `: ${p.sts.reason}` : '')}`,
    pick: p,
  }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: `Copy ${what}`,
    placeHolder: 'Choose a replica',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return chosen?.pick;
}

async function copy(text: string, what: string, warning?: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  const shown = text.length > 60 ? text.slice(0, 57) + '…' : text;
  vscode.window.setStatusBarMessage(`$(clippy) Copied ${what}: ${shown}`, 5000);
  if (warning) void vscode.window.showWarningMessage(`Kube Stateful: copied ${what}, but ${warning}`);
  return text;
}

/** A tree node that has no text for this copy command: say why instead of asking. */
function nothingToCopy(node: TreeNode, what: string): undefined {
  const why = node.problem ?? node.description;
  void vscode.window.showInformationMessage(`Kube Stateful: ${node.label} has no ${what}${why ? ` (${why})` : ''}.`);
  return undefined;
}

function dnsWarning(sts: StatefulSetIdentityInfo): string | undefined {
  return sts.dnsResolves ? undefined : `it will not resolve${sts.reason ? `: ${sts.reason}` : ''}.`;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const reg = vscode.commands.registerCommand;
  return [
    reg(COMMANDS.refreshTree, () => deps.refreshTree()),

    reg(COMMANDS.restartServer, async () => {
      await deps.restartServer();
      vscode.window.setStatusBarMessage('$(debug-restart) Kube Stateful: language server restarted', 4000);
    }),

    reg(COMMANDS.revealResource, async (arg?: unknown): Promise<boolean> => {
      if (isTreeNode(arg) && arg.location) return !!(await revealLocation(arg.location));
      if (isLocation(arg)) return !!(await revealLocation(arg));
      const nodes = flatten(await deps.tree()).filter((n) => n.location);
      if (!nodes.length) {
        void vscode.window.showInformationMessage(
          'Kube Stateful: no Kubernetes resources found yet. Open a folder with manifests or a YAML file.',
        );
        return false;
      }
      const chosen = await vscode.window.showQuickPick(
        nodes.map((n) => ({
          label: `${n.problem ? '$(warning)' : n.icon ? `$(${n.icon})` : ''} ${n.label}`.trim(),
          description: n.description,
          detail: n.location ? vscode.workspace.asRelativePath(vscode.Uri.parse(n.location.uri)) : undefined,
          node: n,
        })),
        { title: 'Reveal Kubernetes Resource', matchOnDescription: true, matchOnDetail: true },
      );
      if (!chosen?.node.location) return false;
      await revealLocation(chosen.node.location);
      return true;
    }),

    reg(COMMANDS.copyPodDnsName, async (arg?: unknown): Promise<string | undefined> => {
      if (isTreeNode(arg))
        return arg.copy?.podDns
          ? copy(arg.copy.podDns, 'pod DNS name', arg.problem)
          : nothingToCopy(arg, 'pod DNS name');
      const p = await pickReplica(deps, arg, (r) => r.fqdn, 'pod DNS name');
      return p?.replica.fqdn ? copy(p.replica.fqdn, 'pod DNS name', dnsWarning(p.sts)) : undefined;
    }),

    reg(COMMANDS.copyDnsCheck, async (arg?: unknown): Promise<string | undefined> => {
      if (isTreeNode(arg))
        return arg.copy?.dnsCheck
          ? copy(arg.copy.dnsCheck, 'DNS check', arg.problem)
          : nothingToCopy(arg, 'pod DNS name to check');
      const p = await pickReplica(deps, arg, (r) => r.dnsCheck, 'DNS check command');
      return p?.replica.dnsCheck ? copy(p.replica.dnsCheck, 'DNS check', dnsWarning(p.sts)) : undefined;
    }),

    reg(COMMANDS.copyPvcName, async (arg?: unknown): Promise<string | undefined> => {
      if (isTreeNode(arg))
        return arg.copy?.pvcName ? copy(arg.copy.pvcName, 'PVC name') : nothingToCopy(arg, 'PVC name');
      const sel = selectorOf(arg);
      const list = await scopedIdentities(deps, arg);
      const items = list.flatMap((sts) =>
        sts.replicas
          .filter((r) => sel.ordinal === undefined || r.ordinal === sel.ordinal)
          .flatMap((r) =>
            r.pvcs.map((pvc) => ({
              label: pvc,
              description: `pod ${r.pod}`,
              detail: `StatefulSet ${sts.namespace}/${sts.name}`,
            })),
          ),
      );
      if (!items.length) {
        void vscode.window.showInformationMessage(
          `Kube Stateful: ${list.length ? 'these StatefulSets have no volumeClaimTemplates.' : 'no StatefulSet found in this file or the workspace.'}`,
        );
        return undefined;
      }
      const chosen =
        items.length === 1
          ? items[0]
          : await vscode.window.showQuickPick(items, {
              title: 'Copy PVC name',
              placeHolder: 'Choose a claim',
              matchOnDescription: true,
              matchOnDetail: true,
            });
      return chosen ? copy(chosen.label, 'PVC name') : undefined;
    }),

    reg(COMMANDS.showReplicaTable, async (arg?: unknown): Promise<StatefulSetIdentityInfo | undefined> => {
      let list = await scopedIdentities(deps, arg);
      if (isTreeNode(arg)) {
        // A StatefulSet node: match it by name (its label), else by the line it points at.
        const node = arg;
        const byName = list.filter(
          (s) => s.name === node.label && (!node.location || sameUri(s.uri, node.location.uri)),
        );
        const byLine = node.location
          ? list.filter(
              (s) => sameUri(s.uri, node.location!.uri) && s.range.start.line === node.location!.range.start.line,
            )
          : [];
        if (byName.length === 1) list = byName;
        else if (byLine.length === 1) list = byLine;
      }
      if (!list.length) {
        void vscode.window.showInformationMessage('Kube Stateful: no StatefulSet found in this file or the workspace.');
        return undefined;
      }
      let sts: StatefulSetIdentityInfo | undefined =
        list.length === 1 ? list[0] : isTreeNode(arg) ? undefined : atCursor(list);
      if (!sts) {
        const chosen = await vscode.window.showQuickPick(
          list.map((s) => ({
            label: s.name,
            description: s.namespace,
            detail: `${s.replicas.length} replica(s)${s.serviceName ? ` · service ${s.serviceName}` : ''}`,
            s,
          })),
          { title: 'Show Replica Table', placeHolder: 'Choose a StatefulSet' },
        );
        sts = chosen?.s;
      }
      if (!sts) return undefined;
      deps.panels.show(sts);
      return sts;
    }),
  ];
}
