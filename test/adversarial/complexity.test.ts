/**
 * Hostile input that used to take quadratic (or exponential) time. Each case times the same
 * work at size n and 2n in one run and asserts time(2n)/time(n) ≤ 2.5: linear code doubles,
 * quadratic code quadruples. The two sizes run alternately and the best of a few runs of each is
 * compared, each after a full collection, to tolerate a busy machine.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { ROOT } from '../support/fixtures';
import { parseDocument } from 'yaml';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import { findDuplicateKeys } from '../../server/src/core/yaml/duplicates';
import picomatch = require('picomatch');
import { compileGlob, GlobSet, globProblem } from '../../server/src/host/glob';
import { Rng } from '../../scripts/fuzz';

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** Linear code doubles, quadratic code quadruples (the bound). */
const MAX_RATIO = 2.5;

function time(run: () => void): number {
  collect();
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Asserts that doubling the size at most multiplies the time by MAX_RATIO. The two sizes are run alternately and
 * the best time of each is compared, so that a burst of load on a shared machine hits both.
 */
function assertLinear(what: string, make: (n: number) => () => void, n: number, times = 5): void {
  const small = make(n);
  const large = make(2 * n);
  small(); // warm up the JIT
  let t1 = Infinity;
  let t2 = Infinity;
  for (let i = 0; i < times; i++) {
    t1 = Math.min(t1, time(small));
    t2 = Math.min(t2, time(large));
  }
  assert.ok(
    t2 / t1 <= MAX_RATIO,
    `${what}: n=${n} took ${t1.toFixed(1)} ms, 2n took ${t2.toFixed(1)} ms (ratio ${(t2 / t1).toFixed(2)})`,
  );
}

/**
 * Like assertLinear, in a fresh process with a collection before each run: the suite's own heap,
 * and a collection falling into one run, are noise for work that allocates a lot. `body` defines
 * `work(n)` with Workspace and Analyzer (the compiled core) in scope.
 */
function childRatio(what: string, body: string, n: number, times = 5): void {
  const mod = (p: string) => JSON.stringify(path.join(ROOT, 'out', 'server', 'src', 'core', ...p.split('/')));
  const child = `
    const { Workspace } = require(${mod('model/workspace')});
    const { Analyzer } = require(${mod('analyzer')});
    const { parseChunk } = require(${mod('yaml/parse')});
    ${body}
    const run = (n) => {
      const work = make(n);
      global.gc();
      const t0 = process.hrtime.bigint();
      work();
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    run(${n});
    let t1 = Infinity, t2 = Infinity;
    for (let i = 0; i < ${times}; i++) { t1 = Math.min(t1, run(${n})); t2 = Math.min(t2, run(${2 * n})); }
    console.log(JSON.stringify([t1, t2]));
  `;
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', child], { encoding: 'utf8', timeout: 200000 });
  assert.strictEqual(r.status, 0, r.stderr);
  const [t1, t2] = JSON.parse(r.stdout) as number[];
  assert.ok(
    t2 / t1 <= MAX_RATIO,
    `${what}: n=${n} took ${t1.toFixed(1)} ms, 2n took ${t2.toFixed(1)} ms (ratio ${(t2 / t1).toFixed(2)})`,
  );
}

const configMapWithKeys = (n: number) => {
  let t = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n';
  for (let i = 0; i < n; i++) t += `  k${i}: v\n`;
  return t;
};

describe('adversarial: complexity (time(2n)/time(n) ≤ 2.5)', function () {
  this.timeout(240000);

  it('one mapping with many keys: parse + duplicate-key check is linear', () => {
    // The parser's own unique-key check took 5.8 s at 10,000 keys and 19 s at 20,000.
    childRatio(
      'ConfigMap keys',
      `
      const make = (n) => {
        let text = 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: big\\ndata:\\n';
        for (let i = 0; i < n; i++) text += '  k' + i + ': v\\n';
        return () => void parseChunk('file:///big.yaml', text);
      };`,
      8000,
    );
  });

  it('a duplicate among many keys is still reported once, at the repeated key', () => {
    const text = configMapWithKeys(5000) + '  k17: again\n';
    const ws = new Workspace();
    ws.setOpenFile('file:///big.yaml', text);
    const dups = new Analyzer(ws).fileFindings('file:///big.yaml').filter((f) => f.code === 'yaml-duplicate-key');
    assert.strictEqual(dups.length, 1);
    assert.strictEqual(
      text.slice(dups[0].span.doc.base + dups[0].span.start, dups[0].span.doc.base + dups[0].span.end),
      'k17',
    );
  });

  it('the linear duplicate-key pass reports what the parser reports (random valid documents)', () => {
    const rng = new Rng(9);
    const keys = [
      'a',
      'b',
      '"a"',
      "'b'",
      '1',
      '1.0',
      '0x1',
      '~',
      'null',
      'yes',
      'true',
      '!!str 1',
      '&x c',
      'NaN',
      '.nan',
      '<<',
      '[a]',
      '{a: 1}',
      '? d\n',
    ];
    const gen = (depth: number, indent: number): string => {
      let s = '';
      const n = 1 + rng.int(5);
      for (let i = 0; i < n; i++) {
        const pad = ' '.repeat(indent);
        const k = rng.pick(keys);
        const r = rng.int(4);
        if (r === 0 && depth < 3) s += `${pad}${k}:\n${gen(depth + 1, indent + 2)}`;
        else if (r === 1) s += `${pad}{${k}: 1, ${rng.pick(keys)}: 2}: x\n`;
        else if (r === 2 && depth < 3) s += `${pad}${k}:\n${pad}- {${rng.pick(keys)}: 1, ${rng.pick(keys)}: 2}\n`;
        else s += `${pad}${k}: v\n`;
      }
      return s;
    };
    let compared = 0;
    let withDuplicates = 0;
    for (let i = 0; i < 1200; i++) {
      const src = gen(0, 0);
      const opts = { version: '1.1' as const, prettyErrors: false, strict: false };
      const plain = parseDocument(src, { ...opts, uniqueKeys: false });
      if (plain.errors.length) continue; // only documents without other syntax errors
      const expected = parseDocument(src, { ...opts, uniqueKeys: true })
        .errors.filter((e) => e.code === 'DUPLICATE_KEY')
        .map((e) => e.pos[0])
        .sort((a, b) => a - b);
      const actual = findDuplicateKeys(plain as never, src).map((d) => d.start);
      assert.deepStrictEqual(actual, expected, JSON.stringify(src));
      compared++;
      if (expected.length) withDuplicates++;
    }
    assert.ok(compared > 200 && withDuplicates > 40, `compared ${compared}, with duplicates ${withDuplicates}`);
  });

  it('many objects with one name, one per file: indexing is linear', () => {
    // Sorting the same-name list on every insert made 20,000 of them take seconds (ratio 4.3 at
    // n=6000). Deep paths: the old code compared locations (URIs) on every insert.
    childRatio(
      'same-named ConfigMaps, indexed',
      `
      const text = 'kind: ConfigMap\\napiVersion: v1\\nmetadata: {name: same}\\n';
      const dir = 'file:///' + 'objects/'.repeat(100);
      const uri = (i) => dir + 'cm-' + String(i).padStart(6, '0') + '.yaml';
      const make = (n) => () => {
        const ws = new Workspace();
        for (let i = 0; i < n; i++) ws.setDiskFile(uri(i), text);
        if (ws.named('ConfigMap', 'default', 'same').length !== n) throw new Error('lost objects');
        for (let i = 0; i < n; i += 2) ws.deleteDiskFile(uri(i));
        if (ws.named('ConfigMap', 'default', 'same').length !== n / 2) throw new Error('lost objects');
      };`,
      3000,
    );
  });

  it('many objects with one name in one file: analysis is linear', () => {
    // Each copy looked at every other copy (object-duplicate-folder and its example-folder check):
    // 30,000 ConfigMaps named alike in one file took the CLI 518 s.
    childRatio(
      'same-named ConfigMaps in one file, analysed',
      `
      const doc = (i) => 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: same\\ndata:\\n  i: "' + i + '"\\n---\\n';
      const make = (n) => {
        const ws = new Workspace();
        ws.setSettings({ ...ws.settings, maxFileSize: 1e9 });
        let text = '';
        for (let i = 0; i < n; i++) text += doc(i);
        ws.setDiskFile('file:///w/all.yaml', text);
        return () => {
          const f = new Analyzer(ws).fileFindings('file:///w/all.yaml');
          if (f.filter((x) => x.code === 'object-duplicate').length !== n) throw new Error('missed copies');
        };
      };`,
      3000,
      3,
    );
  });

  it('many objects with one name, one per file of a folder: analysis is linear', () => {
    childRatio(
      'same-named ConfigMaps in one folder, analysed',
      `
      const make = (n) => {
        const ws = new Workspace();
        const uris = [];
        for (let i = 0; i < n; i++) {
          uris.push('file:///w/cm-' + i + '.yaml');
          ws.setDiskFile(uris[i], 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: same\\ndata:\\n  i: "' + i + '"\\n');
        }
        return () => {
          const a = new Analyzer(ws);
          let n1 = 0;
          for (const u of uris) n1 += a.fileFindings(u).filter((x) => x.code === 'object-duplicate-folder').length;
          if (n1 !== n) throw new Error('missed copies: ' + n1);
        };
      };`,
      2000,
      3,
    );
  });

  it('many same-named objects in many files: lookups stay ordered by location', () => {
    const ws = new Workspace();
    for (let i = 9; i >= 0; i--)
      ws.setDiskFile(`file:///f${i}.yaml`, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
    assert.deepStrictEqual(
      ws.named('Service', 'default', 'web').map((r) => r.uri),
      Array.from({ length: 10 }, (_, i) => `file:///f${i}.yaml`),
    );
    ws.deleteDiskFile('file:///f0.yaml');
    assert.strictEqual(ws.named('Service', 'default', 'web')[0].uri, 'file:///f1.yaml');
  });

  it('include globs of repeated **/ against a deep path: linear in the pattern', () => {
    const deep = 'a/'.repeat(30) + 'x.yml';
    assertLinear(
      'globs',
      (n) => {
        const set = new GlobSet(['**/'.repeat(n) + '*.yaml']);
        return () => {
          for (let i = 0; i < 50; i++) assert.strictEqual(set.matches(deep), false);
        };
      },
      64,
    );
    // n=9 froze the hand-written matcher for 102 s.
    const t0 = Date.now();
    assert.strictEqual(new GlobSet(['**/'.repeat(9) + '*.yaml']).matches(deep), false);
    assert.ok(Date.now() - t0 < 1000);
  });

  it('globs with many stars against a long name: linear in the name', () => {
    // picomatch's regular expression for this pattern backtracks: 45 s for a 200-character name.
    const glob = '*a'.repeat(8) + '*b.yaml';
    const set = new GlobSet([glob]);
    assertLinear(
      'stars',
      (n) => {
        const name = 'a'.repeat(n) + '.yaml';
        return () => {
          for (let i = 0; i < 20; i++) assert.strictEqual(set.matches(name), false);
        };
      },
      2000,
    );
    assert.ok(set.matches('a'.repeat(200) + 'b.yaml'));
  });

  it('globs: the linear matcher answers as picomatch (random patterns and paths)', () => {
    const rng = new Rng(5);
    const pat = [
      '*',
      '**',
      '?',
      'a',
      'b',
      '.',
      '-',
      '[ab]',
      '[^a]',
      '[a-c]',
      '{a,b}',
      '{a,b/c}',
      '{x,*.y}',
      'yaml',
      '/',
    ];
    const seg = ['a', 'b', 'c', '.', '-', 'yaml', 'x', 'y', '/', 'ab', '.y'];
    const options = { dot: true, noextglob: true, nonegate: true, strictBrackets: true };
    let compared = 0;
    let matched = 0;
    for (let k = 0; k < 6000; k++) {
      let g = '';
      for (let i = 1 + rng.int(7); i > 0; i--) g += rng.pick(pat);
      let p = '';
      for (let i = 1 + rng.int(8); i > 0; i--) p += rng.pick(seg);
      p = p.replace(/\/+/g, '/').replace(/^\/|\/$/g, '');
      if (globProblem(g) || !p || /(^|\/)\.\.?(\/|$)/.test(p)) continue;
      const expected = picomatch(g, options)(p);
      assert.strictEqual(compileGlob(g)(p), expected, `${JSON.stringify(g)} on ${JSON.stringify(p)}`);
      compared++;
      if (expected) matched++;
    }
    assert.ok(compared > 3000 && matched > 150, `compared ${compared}, matched ${matched}`);
    // VS Code's negated class, and literal braces without a comma.
    assert.ok(compileGlob('[!a].yaml')('b.yaml') && !compileGlob('[!a].yaml')('a.yaml'));
    assert.ok(compileGlob('{a}.yaml')('{a}.yaml'));
  });
});
