/**
 * The replica table of a StatefulSet in a webview: ordinal, pod, pod DNS name, PVC names,
 * whether DNS resolves. Renders the server's `StatefulSetIdentityInfo` as is; panels stay live
 * (refreshed when the model changes) and are reused per StatefulSet.
 */
import * as vscode from 'vscode';
import type { StatefulSetIdentityInfo } from '../../server/src/protocol';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const keyOf = (s: { namespace: string; name: string }): string => `${s.namespace}/${s.name}`;

export function replicaTableHtml(s: StatefulSetIdentityInfo, cspSource: string): string {
  const status = s.serviceName
    ? s.dnsResolves
      ? `<p class="ok">Governing Service <code>${esc(s.serviceName)}</code>: pod DNS names resolve.</p>`
      : `<p class="warn">⚠ Governing Service <code>${esc(s.serviceName)}</code>: pod DNS names will <b>not</b> resolve${s.reason ? ` — ${esc(s.reason)}` : ''}.</p>`
    : `<p class="warn">⚠ No <code>spec.serviceName</code>: pods get no DNS names${s.reason ? ` — ${esc(s.reason)}` : ''}.</p>`;
  const rows = s.replicas
    .map(
      (r) =>
        `<tr><td class="num">${r.ordinal}</td><td><code>${esc(r.pod)}</code></td><td>${r.fqdn ? `<code>${esc(r.fqdn)}</code>` : '—'}</td><td>${
          r.pvcs.map((p) => `<code>${esc(p)}</code>`).join('<br>') || '—'
        }</td></tr>`,
    )
    .join('\n');
  const check = s.replicas.find((r) => r.dnsCheck)?.dnsCheck;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Replicas of ${esc(s.name)}</title>
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1em; }
code, pre { font-family: var(--vscode-editor-font-family); }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background); }
td.num { text-align: right; }
td code { white-space: nowrap; }
.scroll { overflow-x: auto; }
.warn { color: var(--vscode-problemsWarningIcon-foreground); }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px; white-space: pre-wrap; word-break: break-all; }
</style></head>
<body>
<h2>StatefulSet <code>${esc(s.name)}</code> <small>namespace <code>${esc(s.namespace)}</code></small></h2>
${status}
<div class="scroll"><table>
<thead><tr><th>Ordinal</th><th>Pod</th><th>Pod DNS name</th><th>PersistentVolumeClaims</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
${check ? `<p>Check from inside the cluster:</p><pre>${esc(check)}</pre>` : ''}
</body></html>`;
}

export class ReplicaTablePanels implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; info: StatefulSetIdentityInfo }>();

  constructor(
    private readonly fetch: () => Promise<StatefulSetIdentityInfo[]>,
    private readonly icon?: vscode.Uri,
  ) {}

  show(info: StatefulSetIdentityInfo): vscode.WebviewPanel {
    const key = keyOf(info);
    let entry = this.panels.get(key);
    if (!entry) {
      const panel = vscode.window.createWebviewPanel(
        'kubeStateful.replicaTable',
        `Replicas: ${info.name}`,
        vscode.ViewColumn.Beside,
        {
          enableScripts: false,
          enableFindWidget: true,
          localResourceRoots: [],
        },
      );
      if (this.icon) panel.iconPath = this.icon;
      entry = { panel, info };
      this.panels.set(key, entry);
      panel.onDidDispose(() => this.panels.delete(key));
    } else {
      entry.info = info;
      entry.panel.reveal(undefined, true);
    }
    entry.panel.webview.html = replicaTableHtml(info, entry.panel.webview.cspSource);
    return entry.panel;
  }

  /** Re-render open panels with fresh data (StatefulSets that disappeared keep their last table). */
  async refresh(): Promise<void> {
    if (!this.panels.size) return;
    const fresh = new Map((await this.fetch()).map((s) => [keyOf(s), s]));
    for (const [key, entry] of this.panels) {
      const s = fresh.get(key);
      if (s && JSON.stringify(s) !== JSON.stringify(entry.info)) {
        entry.info = s;
        entry.panel.webview.html = replicaTableHtml(s, entry.panel.webview.cspSource);
      }
    }
  }

  /** Open panels, by `namespace/name` (for tests). */
  open(): Map<string, StatefulSetIdentityInfo> {
    return new Map([...this.panels].map(([k, v]) => [k, v.info]));
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}
