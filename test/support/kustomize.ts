/** Loading a fixture tree of kustomizations as the server does. */
import * as fs from 'fs';
import * as path from 'path';
import { Workspace } from '../../server/src/core/model/workspace';
import { fileUri } from './fixtures';

/** Every file of a tree: YAML, and the generators' inputs (env files, properties, certificates). */
function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...allFiles(p));
    else out.push(p);
  }
  return out.sort();
}

/** A tree as the server loads it: YAML files into the model, generators' other inputs as their texts. */
export function loadTree(dir: string): Workspace {
  const ws = new Workspace();
  const other: string[] = [];
  for (const f of allFiles(dir))
    if (/\.ya?ml$|(^|[\\/])Kustomization$/.test(f)) ws.setDiskFile(fileUri(f), fs.readFileSync(f, 'utf8'));
    else other.push(f);
  for (const f of other) ws.setGeneratorInput(fileUri(f), fs.readFileSync(f, 'utf8'));
  return ws;
}
