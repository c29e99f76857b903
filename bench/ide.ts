/**
 * Bench figures for editor intelligence (issue 8): find-references and rename on Service
 * names of the bench file (targets ≤ 20 ms), workspace symbols over a workspace of many
 * files (target ≤ 50 ms).
 */
import { referencesAt, renameAt } from '../server/src/core/ide/references';
import { noteSymbolSources, workspaceSymbols } from '../server/src/core/ide/symbols';
import { Workspace } from '../server/src/core/model/workspace';

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export interface IdeRow {
  what: string;
  ms: number;
  limit: number;
}

export function ideBench(text: string, uri: string, symbolFiles: number, group: (i: number) => string[]): IdeRow[] {
  const ws = new Workspace();
  ws.setOpenFile(uri, text);
  // Service names (metadata.name of `kind: Service` documents) and serviceName values.
  const positions: number[] = [];
  const re = /kind: Service\nmetadata:\n {2}name: (\S)|serviceName: (\S)/g;
  for (let m = re.exec(text); m && positions.length < 60; m = re.exec(text)) positions.push(m.index + m[0].length - 1);
  const refs: number[] = [];
  const renames: number[] = [];
  let found = 0;
  for (const p of positions) {
    let t = now();
    found += referencesAt(ws, uri, p).length;
    refs.push(now() - t);
    t = now();
    renameAt(ws, uri, p, 'renamed-svc');
    renames.push(now() - t);
  }
  // Workspace symbols over many files.
  const big = new Workspace();
  for (let i = 0; i < symbolFiles; i++) big.setDiskFile(`file:///bench/f${i}.yaml`, group(i).join('---\n'));
  // As the server leaves closed files after its analysis pass: names noted, trees dropped.
  for (const f of big.files()) noteSymbolSources(big, f.uri);
  for (const f of big.files()) big.evictTrees(f.uri);
  workspaceSymbols(big, 'web'); // warm the per-resource name lists, as the server is after its first query
  const sym: number[] = [];
  const queries = ['web', 'db-1', 'data-', 'svc.cluster', 'x-no-match', ''];
  for (let r = 0; r < 3; r++)
    for (const q of queries) {
      const t = now();
      workspaceSymbols(big, q);
      sym.push(now() - t);
    }
  return [
    {
      what: `references on Service names, median (${positions.length} positions, ${found} locations)`,
      ms: median(refs),
      limit: 20,
    },
    { what: `rename of a Service, median (${positions.length} positions)`, ms: median(renames), limit: 20 },
    { what: `workspace symbols, ${symbolFiles} files, median (${sym.length} queries)`, ms: median(sym), limit: 50 },
  ];
}
