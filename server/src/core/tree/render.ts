/**
 * The tree as indented text: one line per node (icon, label, description, kind, where a
 * click goes), then its problem and copy texts. For snapshots and the CLI.
 */
import type { TreeNode } from './index';

export interface RenderOptions {
  /** How a location's uri is shown (default: the uri as is). */
  file?: (uri: string) => string;
}

export function renderTree(nodes: readonly TreeNode[], opts: RenderOptions = {}): string {
  const file = opts.file ?? ((u: string) => u);
  const out: string[] = [];
  const walk = (ns: readonly TreeNode[], depth: number) => {
    for (const n of ns) {
      const pad = '  '.repeat(depth);
      const loc = n.location
        ? ` @${file(n.location.uri)}:${n.location.range.start.line + 1}:${n.location.range.start.character + 1}`
        : '';
      out.push(
        `${pad}(${n.icon ?? '-'}) ${n.label}${n.description ? ` — ${n.description}` : ''}  <${n.kind ?? '-'}>${loc}`,
      );
      if (n.problem) out.push(`${pad}    ! ${n.problem}`);
      for (const [k, v] of Object.entries(n.copy ?? {})) if (v !== undefined) out.push(`${pad}    copy ${k}: ${v}`);
      walk(n.children ?? [], depth + 1);
    }
  };
  walk(nodes, 0);
  return out.length ? out.join('\n') + '\n' : '';
}
