/**
 * Worker thread entry (bundled as `dist/index-worker.js`): reads workspace files and computes
 * their index facts (`fileFacts`), so that parsing a large workspace does not block the
 * language server's main thread. Messages: in `{ paths: string[], maxBytes, maxParse }`;
 * out one `IndexedFile` per path, then `{ done: true }`.
 */
import { promises as fsp } from 'fs';
import { parentPort } from 'worker_threads';
import { fileFacts } from '../core/model/facts';
import type { IndexedFile, IndexJob } from './index-pool';

parentPort?.on('message', async (job: IndexJob) => {
  for (const p of job.paths) {
    const out: IndexedFile = { path: p };
    try {
      const st = await fsp.stat(p);
      if (st.size <= job.maxBytes) {
        out.text = await fsp.readFile(p, 'utf8');
        // Files over the size cap are not parsed (the main thread makes their stand-in).
        if (out.text.length <= job.maxParse) out.facts = fileFacts(out.text);
      }
    } catch {
      /* unreadable or unparsable: the main thread skips it */
    }
    parentPort?.postMessage(out);
  }
  parentPort?.postMessage({ done: true });
});
