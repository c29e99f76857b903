/**
 * Worker thread entry (bundled as `dist/index-worker.js`): reads workspace files and computes
 * their index facts (`fileFacts`), so that parsing a large workspace does not block the
 * language server's main thread. Messages: in `{ paths: string[], maxBytes, maxParse }`;
 * out one `IndexedFile` per path, then `{ done: true }`.
 */
import { parentPort } from 'worker_threads';
import { readAndIndex, type IndexedFile, type IndexJob } from './index-pool';

parentPort?.on('message', async (job: IndexJob) => {
  for (const p of job.paths) {
    const out: IndexedFile = await readAndIndex(p, job);
    parentPort?.postMessage(out);
  }
  parentPort?.postMessage({ done: true });
});
