/**
 * The "Storage & Identity" tree. The server builds every node (`kubeStateful/tree`); this
 * provider only maps plain nodes to VS Code tree items, so the client holds no Kubernetes
 * knowledge.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../server/src/protocol';

export const VIEW_ID = 'kubeStateful.storage';

export class StorageTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loadedEmitter = new vscode.EventEmitter<TreeNode[]>();
  /** Fires with the root nodes each time a fresh tree has arrived from the server. */
  readonly onDidLoad = this.loadedEmitter.event;
  private loading: Promise<TreeNode[]> | undefined;
  private generation = 0;
  private parents = new WeakMap<TreeNode, TreeNode>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly fetch: () => Promise<TreeNode[]>,
    private readonly log: (message: string) => void,
  ) {}

  /** Drop the cached tree and ask the view to redraw (it will fetch again). */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  /** Refresh after a quiet period: the server notifies after every analysis pass. */
  scheduleRefresh(delayMs = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), delayMs);
  }

  /** The current tree (fetched if needed). */
  roots(): Promise<TreeNode[]> {
    if (!this.loading) {
      const gen = this.generation;
      this.loading = this.fetch().then(
        (nodes) => {
          const roots = Array.isArray(nodes) ? nodes : [];
          if (gen === this.generation) {
            this.parents = new WeakMap();
            const index = (n: TreeNode) =>
              n.children?.forEach((c) => {
                this.parents.set(c, n);
                index(c);
              });
            roots.forEach(index);
            this.loadedEmitter.fire(roots);
          }
          return roots;
        },
        (e: unknown) => {
          this.log(`tree request failed: ${e instanceof Error ? e.message : String(e)}`);
          if (gen === this.generation) this.loading = undefined;
          return [];
        },
      );
    }
    return this.loading;
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (element) return element.children ?? [];
    return this.roots();
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return this.parents.get(element);
  }

  getTreeItem(n: TreeNode): vscode.TreeItem {
    const hasChildren = !!n.children?.length;
    const state = !hasChildren
      ? vscode.TreeItemCollapsibleState.None
      : this.parents.has(n)
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(n.label, state);
    item.id = n.id;
    item.description = n.description;
    item.contextValue = n.kind;
    if (n.problem) {
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    } else if (n.icon) {
      item.iconPath = new vscode.ThemeIcon(n.icon);
    }
    if (n.tooltip || n.problem) {
      const md = new vscode.MarkdownString(n.tooltip ?? '', true);
      if (n.problem) {
        md.appendMarkdown(`${n.tooltip ? '\n\n---\n\n' : ''}$(warning) `);
        md.appendText(n.problem);
      }
      item.tooltip = md;
    }
    if (n.location) {
      item.command = { command: 'kubeStateful.revealResource', title: 'Reveal in File', arguments: [n] };
    }
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
    this.loadedEmitter.dispose();
  }
}

/** Every node of a tree, depth first. */
export function flatten(nodes: readonly TreeNode[]): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (ns: readonly TreeNode[] | undefined) =>
    ns?.forEach((n) => {
      out.push(n);
      walk(n.children);
    });
  walk(nodes);
  return out;
}

/** Create the view, with a badge counting unresolved references. */
export function createStorageTree(
  fetch: () => Promise<TreeNode[]>,
  log: (message: string) => void,
): { provider: StorageTreeProvider; view: vscode.TreeView<TreeNode>; disposables: vscode.Disposable[] } {
  const provider = new StorageTreeProvider(fetch, log);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const onLoad = provider.onDidLoad((roots) => {
    const problems = flatten(roots).filter((n) => n.problem).length;
    view.badge = problems
      ? { value: problems, tooltip: `${problems} unresolved reference${problems === 1 ? '' : 's'}` }
      : undefined;
  });
  return { provider, view, disposables: [provider, view, onLoad] };
}
