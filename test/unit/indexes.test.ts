/**
 * The workspace's indexes against a brute-force scan of every resource, through a random
 * sequence of adds, edits and removals: buckets that keep a lone member without a Set
 * (names, names in any namespace, pod labels) must answer exactly as a Set would, in
 * insertion order where the index promises no other.
 */
import * as assert from 'assert';
import { Workspace } from '../../server/src/core/model/workspace';
import type { Resource } from '../../server/src/core/model/resource';

/** A small deterministic generator (the test must be reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KINDS = ['Deployment', 'StatefulSet', 'Service'];
const NAMES = ['a', 'b', 'c'];
const NAMESPACES = ['default', 'other'];
const APPS = ['web', 'db'];

function doc(kind: string, name: string, ns: string, app: string): string {
  const apiVersion = kind === 'Service' ? 'v1' : 'apps/v1';
  const spec =
    kind === 'Service'
      ? `spec:\n  selector: {app: ${app}}\n`
      : `spec:\n  serviceName: s\n  template:\n    metadata: {labels: {app: ${app}}}\n`;
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: ${name}, namespace: ${ns}}\n${spec}`;
}

describe('workspace indexes follow adds, edits and removals', function () {
  it('named, namedAnyNamespace and withPodLabel equal a scan of all resources', function () {
    const next = rng(6);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const ws = new Workspace();
    const uris = Array.from({ length: 6 }, (_, i) => `file:///f${i}.yaml`);
    const all = (): Resource[] => uris.flatMap((u) => ws.file(u)?.resources ?? []);
    const keys = (rs: Iterable<Resource>) => [...rs].map((r) => `${r.uri}#${r.doc.index}`);
    let nonEmpty = 0;
    let several = 0;
    for (let step = 0; step < 400; step++) {
      const uri = pick(uris);
      const n = Math.floor(next() * 3);
      if (n === 0 && next() < 0.5) ws.closeFile(uri);
      const docs = Array.from({ length: n }, () => doc(pick(KINDS), pick(NAMES), pick(NAMESPACES), pick(APPS)));
      if (n > 0 || next() < 0.5) ws.setOpenFile(uri, docs.join('---\n'));
      const rs = all();
      for (const kind of KINDS) {
        for (const name of NAMES) {
          const any = rs.filter((r) => r.kind === kind && r.name === name);
          assert.deepStrictEqual(
            keys(ws.namedAnyNamespace(kind, name)).sort(),
            keys(any).sort(),
            `step ${step}: ${kind} ${name}`,
          );
          if (any.length) nonEmpty++;
          if (any.length > 1) several++;
          for (const ns of NAMESPACES) {
            const want = any.filter((r) => r.namespace === ns);
            assert.deepStrictEqual(
              keys(ws.named(kind, ns, name)).sort(),
              keys(want).sort(),
              `step ${step}: ${kind} ${ns}/${name}`,
            );
          }
        }
      }
      for (const ns of NAMESPACES) {
        for (const app of APPS) {
          const want = rs.filter(
            (r) =>
              r.kind !== 'Service' && r.namespace === ns && r.podLabels?.some(([k, v]) => k === 'app' && v === app),
          );
          assert.deepStrictEqual(
            keys(ws.withPodLabel(ns, 'app', app)).sort(),
            keys(want).sort(),
            `step ${step}: ${ns} app=${app}`,
          );
        }
      }
    }
    // The sequence reached lone members, several members, and emptied buckets.
    assert.ok(nonEmpty > 100 && several > 50, `${nonEmpty} non-empty, ${several} with several members`);
  });

  it('named() is sorted by location, however the members arrived', function () {
    const ws = new Workspace();
    const text = doc('Service', 'a', 'default', 'web');
    ws.setOpenFile('file:///z.yaml', text);
    ws.setOpenFile('file:///b.yaml', `${text}---\n${text}`);
    ws.setOpenFile('file:///m.yaml', text);
    const order = () => ws.named('Service', 'default', 'a').map((r) => `${r.uri}#${r.doc.index}`);
    assert.deepStrictEqual(order(), ['file:///b.yaml#0', 'file:///b.yaml#1', 'file:///m.yaml#0', 'file:///z.yaml#0']);
    ws.closeFile('file:///b.yaml');
    ws.closeFile('file:///m.yaml');
    assert.deepStrictEqual(order(), ['file:///z.yaml#0']);
    ws.closeFile('file:///z.yaml');
    assert.deepStrictEqual(order(), []);
  });
});
