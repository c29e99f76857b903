/**
 * The files that kustomize generators read and that are not YAML (`configMapGenerator` /
 * `secretGenerator` `envs` and `files`: .env, .properties, certificates, config files): read from
 * disk, within the workspace folders and a size limit, so that the generated names get their real
 * content hash (`app-config-<hash>` otherwise). A file that is not UTF-8 text is left unknown: the
 * hash kustomize computes over its bytes is not computed here.
 */
import type { Workspace } from '../core/model/workspace';
import { readYamlFile, ReadResult } from './files';
import { uriToPath } from './scan';

/** Largest generator input read (kustomize reads any size; ConfigMaps hold at most 1 MiB). */
export const MAX_GENERATOR_INPUT = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 text without NUL characters, byte for byte (a BOM stays: kustomize keeps it in `files`). */
export function decodeText(buf: Uint8Array): ReadResult {
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    return { ok: false, reason: 'not UTF-8 text: its content hash is not computed' };
  }
  if (text.includes('\u0000')) return { ok: false, reason: 'binary content: its content hash is not computed' };
  return { ok: true, text };
}

/**
 * Read the generator inputs the workspace's kustomizations name (all of them, or only those
 * `which` says) and record their texts (undefined for files that cannot be read). Returns a line
 * per file not read.
 */
export async function loadGeneratorInputs(
  ws: Workspace,
  roots: readonly string[],
  which: (uri: string) => boolean = (u) => !ws.hasGeneratorInput(u),
): Promise<string[]> {
  const problems: string[] = [];
  for (const uri of ws.generatorInputs()) {
    if (!which(uri)) continue;
    const p = uriToPath(uri);
    if (!p) continue;
    const r = await readYamlFile(p, { roots, maxBytes: MAX_GENERATOR_INPUT }, decodeText);
    ws.setGeneratorInput(uri, r.ok ? r.text : undefined);
    if (!r.ok) problems.push(`generator input ${p}: ${r.reason}`);
  }
  return problems;
}
