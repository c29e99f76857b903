/**
 * Indexes workspace files on worker threads: each worker reads its share of the files and
 * computes their facts; the main thread only adds the results to the model, so requests keep
 * being answered while a large workspace is indexed. Falls back to the main thread when
 * workers cannot start (e.g. the worker bundle is missing).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { fileFacts, type ChunkFacts } from '../core/model/facts';
import { readYamlFile } from './files';

export interface IndexJob {
  paths: string[];
  /** Files larger than this are not read. */
  maxBytes: number;
  /** Files longer than this (characters) are read but not parsed. */
  maxParse: number;
  /** Real paths of the workspace folders: a file whose real path is outside is not read. */
  roots?: string[];
}

export interface IndexedFile {
  path: string;
  /** Undefined when the file could not be read (or is over `maxBytes`). */
  text?: string;
  /** Undefined when the text was not parsed (over `maxParse`). */
  facts?: ChunkFacts[];
  /** Why the file was not read. */
  reason?: string;
}

/**
 * Read one file safely (real path inside the roots, a regular file, size cap before
 * allocating, UTF-16 decoded: see readYamlFile) and compute its facts.
 */
export async function readAndIndex(p: string, job: Omit<IndexJob, 'paths'>): Promise<IndexedFile> {
  const out: IndexedFile = { path: p };
  try {
    const r = await readYamlFile(p, { roots: job.roots, maxBytes: job.maxBytes });
    if (!r.ok) {
      out.reason = r.reason;
      return out;
    }
    out.text = r.text;
    // Files over the size cap are not parsed (the main thread makes their stand-in).
    if (r.text.length <= job.maxParse) out.facts = fileFacts(r.text);
  } catch (e) {
    out.reason = String((e as Error)?.message ?? e);
  }
  return out;
}

/** The worker script next to this module (out/…/host/ in tests, dist/ in the bundle). */
function workerScript(): string | undefined {
  for (const p of [path.join(__dirname, 'index-worker.js'), path.join(__dirname, 'host', 'index-worker.js')]) {
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

export function workerCount(files: number): number {
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cpus, Math.ceil(files / 50)));
}

/**
 * Read and index `paths`, calling `onFile` on the main thread for each (in completion order).
 * Small sets (or no worker script) are done on the main thread, yielding between files.
 */
export async function indexFiles(
  paths: string[],
  job: Omit<IndexJob, 'paths'>,
  onFile: (f: IndexedFile) => void,
): Promise<void> {
  const script = workerScript();
  if (!script || paths.length < 20) return indexHere(paths, job, onFile);
  const n = workerCount(paths.length);
  const shares: string[][] = Array.from({ length: n }, () => []);
  paths.forEach((p, i) => shares[i % n].push(p));
  const remaining = new Set(paths);
  try {
    await Promise.all(
      shares.map(
        (share) =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(script);
            w.on('message', (m: IndexedFile | { done: true }) => {
              if ('done' in m) {
                void w.terminate();
                resolve();
                return;
              }
              remaining.delete(m.path);
              onFile(m);
            });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`index worker exited with ${code}`))));
            w.postMessage({ ...job, paths: share } satisfies IndexJob);
          }),
      ),
    );
  } catch {
    // A worker failed: index what it left undone here.
    await indexHere([...remaining], job, onFile);
  }
}

async function indexHere(
  paths: string[],
  job: Omit<IndexJob, 'paths'>,
  onFile: (f: IndexedFile) => void,
): Promise<void> {
  for (const p of paths) onFile(await readAndIndex(p, job));
}
