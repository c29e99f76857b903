/**
 * Bounded, seeded mutation fuzzing of the core (scripts/fuzz.ts; `npm run fuzz` runs it
 * longer). Every fixture and corpus file is mutated and run through the workspace model,
 * every rule, hovers at random offsets, the tree and the identity tables: nothing may throw,
 * no rule may fail, findings stay inside their documents, and the incremental model agrees
 * with a fresh one.
 *
 * The fuzzer runs in a child process with a memory cap, so that a crash the process cannot
 * catch (out of memory, a fatal V8 error) or a hang fails this test with its reproducer
 * instead of taking the whole test run down.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeProblem, FuzzProblem, FuzzReport, MUTATION_NAMES } from '../../scripts/fuzz';
import { ROOT } from '../support/fixtures';

const SEED = Number(process.env.FUZZ_SEED ?? 20260);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 9);
const FUZZ_JS = path.join(ROOT, 'out', 'scripts', 'fuzz.js');

describe('fuzz (bounded, seeded)', function () {
  this.timeout(SECONDS * 1000 + 30000);

  it(`mutated fixtures and corpus files: no throw, no crash, no rule failure, spans inside documents, incremental = fresh (seed ${SEED})`, () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-fuzz-'));
    const reportFile = path.join(out, 'report.json');
    const rerun = `FUZZ_SEED=${SEED} npx mocha --grep fuzz, or: npm run fuzz -- --seed ${SEED} --trace`;
    try {
      const r = spawnSync(
        process.execPath,
        [
          '--max-old-space-size=1024',
          FUZZ_JS,
          '--duration',
          String(SECONDS),
          '--iterations',
          '20000',
          '--seed',
          String(SEED),
          '--trace',
          '--out',
          out,
          '--report',
          reportFile,
          '--quiet',
        ],
        { cwd: ROOT, encoding: 'utf8', timeout: (SECONDS + 20) * 1000, maxBuffer: 64 * 1024 * 1024 },
      );
      if (!fs.existsSync(reportFile)) {
        // The process died (or hung): the last input it was given is the reproducer.
        const lastFile = path.join(out, 'last-input.json');
        const last = fs.existsSync(lastFile) ? JSON.parse(fs.readFileSync(lastFile, 'utf8')) : undefined;
        const how = r.error ? `did not finish (${r.error.message})` : `died: exit ${r.status}, signal ${r.signal}`;
        assert.fail(
          `the fuzzer process ${how}\n${(r.stderr ?? '').split('\n').slice(0, 12).join('\n')}\n` +
            (last
              ? `while analysing iteration ${last.iteration} (from ${last.input} after ${last.mutations.join(', ')}):\n` +
                `  buffer text (JSON): ${JSON.stringify(last.text).slice(0, 1500)}\n` +
                last.others
                  .map(
                    (o: { uri: string; text: string }) =>
                      `  and on disk ${o.uri} (JSON): ${JSON.stringify(o.text).slice(0, 3000)}`,
                  )
                  .join('\n')
              : '(no trace of the last input)') +
            `\nrerun: ${rerun}`,
        );
      }
      const rep = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as FuzzReport & { inputs: number };
      assert.ok(rep.inputs >= 5, `too few inputs (${rep.inputs})`);
      assert.ok(rep.iterations >= 200, `only ${rep.iterations} iterations in ${rep.elapsedMs} ms`);
      for (const m of MUTATION_NAMES) assert.ok(rep.mutationCounts[m] > 0, `mutation ${m} never ran`);
      assert.ok(
        rep.problems.length === 0,
        `${rep.problems.length} problem(s) after ${rep.iterations} iterations (rerun: ${rerun}):\n\n` +
          rep.problems.map((p: FuzzProblem) => describeProblem(p)).join('\n\n'),
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
