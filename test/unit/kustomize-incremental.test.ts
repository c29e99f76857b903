/**
 * The kustomize build checks are incremental: an edit re-checks only the builds that read the
 * edited file, and within a build only the objects whose built YAML changed enter its small
 * workspaces again, with the tree written alongside their text instead of a second parse.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap } from 'yaml';
import { Analyzer } from '../../server/src/core/analyzer';
import { blockYaml, blockYamlTree } from '../../server/src/core/kustomize/built-yaml';
import { Build, buildKustomization } from '../../server/src/core/kustomize/build';
import { Workspace } from '../../server/src/core/model/workspace';
import { parseYaml } from '../../server/src/core/yaml/parse';
import { kustomizeWorkspace } from '../../bench/kustomize';
import { fileUri, FIXTURES } from '../support/fixtures';

/** A syntax tree as plain data: node classes, values, scalar styles and sources, ranges. */
function shape(n: unknown): unknown {
  if (isScalar(n)) return { s: n.value, type: n.type, source: n.source, range: n.range };
  if (isMap(n))
    return {
      map: n.items.map((p) => (isPair(p) ? [shape(p.key), shape(p.value)] : 'not a pair')),
      flow: !!n.flow,
      range: n.range,
    };
  if (isSeq(n)) return { seq: n.items.map(shape), flow: !!n.flow, range: n.range };
  return n === null ? null : { other: String(n) };
}

/** Every folder holding a kustomization under a directory. */
function kustomizeDirs(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries = fs.readdirSync(d, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && /^(kustomization\.ya?ml|Kustomization)$/.test(e.name))) out.push(d);
    for (const e of entries) if (e.isDirectory()) walk(path.join(d, e.name));
  };
  walk(dir);
  return out;
}

/** A workspace with every file under a folder. */
function loadTree(dir: string): Workspace {
  const ws = new Workspace();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|env|properties|txt|json)$|^Kustomization$/.test(e.name))
        ws.setDiskFile(fileUri(p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return ws;
}

/** Top folders of fixtures and corpus repositories with kustomizations. */
function trees(): string[] {
  const roots = [
    path.join(FIXTURES, 'kustomize'),
    ...fs.readdirSync(path.join(FIXTURES, 'rules')).map((r) => path.join(FIXTURES, 'rules', r, 'kustomize')),
  ];
  const corpus = path.resolve(__dirname, '../../../../shared/corpus/layered');
  if (fs.existsSync(corpus)) for (const r of fs.readdirSync(corpus)) roots.push(path.join(corpus, r));
  return roots.filter((d) => fs.existsSync(d) && kustomizeDirs(d).length > 0);
}

const editAll = (an: Analyzer, uris: Iterable<string>) => {
  for (const u of uris) an.fileFindings(u);
};

/** A build's objects as plain data, with their links to the sources. */
const buildShape = (b: Build) =>
  JSON.stringify(
    b.objects.map((o) => ({
      obj: o.obj,
      origin: o.origin ? `${o.origin.uri}#${o.origin.doc.index}` : undefined,
      names: o.names,
      namespaces: o.namespaces,
      patchedBy: o.patchedBy,
      generated: o.generated,
    })),
  );

/** Every top-level build of a workspace, computed alone: no base shared with other builds, nothing cached. */
function standaloneBuilds(ws: Workspace): Build[] {
  return ws.kustomize.roots().map((k) =>
    buildKustomization(k, {
      kustomizationIn: (d) => ws.kustomize.kustomizationIn(d),
      docs: (u) => ws.fileAccess.file(u)?.docs,
      text: (u) => ws.fileAccess.text?.(u),
    }),
  );
}

describe('kustomize: incremental build checks', () => {
  it('writes each built object with the very tree the parser makes of its text', function () {
    this.timeout(120000);
    let objects = 0;
    let trees_ = 0;
    for (const dir of trees()) {
      const ws = loadTree(dir);
      for (const b of ws.kustomize.buildsOf(ws.fileAccess))
        for (const o of b.objects) {
          objects++;
          const text = blockYaml(o.obj);
          const parsed = parseYaml(text);
          assert.deepStrictEqual(parsed.errors, [], `${b.uri}: the written YAML parses (${text})`);
          assert.deepStrictEqual(
            parsed.toJSON(),
            JSON.parse(JSON.stringify(o.obj)),
            `${b.uri}: the written YAML reads back as the object`,
          );
          const t = blockYamlTree(o.obj);
          if (!t) continue;
          trees_++;
          assert.strictEqual(t.text, text);
          assert.deepStrictEqual(shape(t.doc.contents), shape(parsed.contents), `${b.uri}: ${text}`);
          assert.deepStrictEqual(t.doc.range, parsed.range);
          assert.deepStrictEqual(t.doc.toJSON(), parsed.toJSON());
          // Written nodes are the package's classes (made without their constructors: see built-yaml.ts).
          assert.strictEqual(String(t.doc), String(parsed));
          assert.ok(t.doc.contents instanceof YAMLMap && t.doc.contents.items[0] instanceof Pair);
          assert.ok((t.doc.contents.items[0] as Pair).key instanceof Scalar);
        }
    }
    assert.ok(objects > 100, `built objects seen: ${objects}`);
    assert.ok(trees_ > objects * 0.9, `objects written with their tree: ${trees_} of ${objects}`);
  });

  it('builds that share a base (copied on write) equal the same builds computed alone, on fixtures and corpus', function () {
    this.timeout(120000);
    let builds = 0;
    let shared = 0;
    for (const dir of trees()) {
      const ws = loadTree(dir);
      const got = ws.kustomize.buildsOf(ws.fileAccess);
      // Asked again (from the caches) after every build was made: no build changed another's objects.
      const again = ws.kustomize.buildsOf(ws.fileAccess);
      assert.strictEqual(again, got);
      const alone = standaloneBuilds(ws);
      assert.strictEqual(alone.length, got.length, dir);
      for (let i = 0; i < got.length; i++) {
        builds++;
        assert.strictEqual(buildShape(got[i]), buildShape(alone[i]), `${got[i].uri}`);
      }
      shared += ws.kustomize.accumulationStats.reused;
    }
    assert.ok(builds > 20, `builds compared: ${builds}`);
    assert.ok(shared > 0, 'some builds shared a base');
  });

  it('a patch edit reuses the base accumulated once for all overlays; a base edit accumulates it once again', () => {
    const files = kustomizeWorkspace(50);
    const ws = new Workspace();
    for (const [u, t] of files) ws.setDiskFile(u, t);
    const stats = ws.kustomize.accumulationStats;
    ws.kustomize.buildsOf(ws.fileAccess);
    assert.deepStrictEqual(stats, { computed: 1, reused: 49 }, 'the base is accumulated once for the 50 overlays');
    const target = 'file:///kz/overlays/o17/replicas.yaml';
    for (const replicas of [4, 7]) {
      ws.setOpenFile(target, files.get(target)!.replace(/replicas: \d+/, `replicas: ${replicas}`));
      const before = { ...stats };
      const builds = ws.kustomize.buildsOf(ws.fileAccess);
      assert.deepStrictEqual(
        stats,
        { computed: before.computed, reused: before.reused + 1 },
        'the base is not accumulated again',
      );
      const sts = builds
        .find((b) => b.uri === 'file:///kz/overlays/o17/kustomization.yaml')!
        .objects.find((o) => o.names.at(-1) === 'o17-db7')!;
      assert.strictEqual((sts.obj.spec as { replicas: number }).replicas, replicas);
    }
    const base = 'file:///kz/base/app3.yaml';
    const before = { ...stats };
    ws.setOpenFile(base, files.get(base)!.replace('image: nginx', 'image: nginx:1.27'));
    const builds = ws.kustomize.buildsOf(ws.fileAccess);
    assert.deepStrictEqual(stats, { computed: before.computed + 1, reused: before.reused + 49 });
    // Every overlay sees the edit, and only its own namespace and prefix.
    for (const b of builds) {
      const o = /o(\d+)\/kustomization/.exec(b.uri)![1];
      const web = b.objects.find((x) => x.names[0] === 'web3' && x.obj.kind === 'Deployment')!;
      assert.strictEqual(JSON.stringify(web.obj).match(/nginx:1\.27/g)?.length, 1, b.uri);
      assert.deepStrictEqual([web.names.at(-1), web.namespaces.at(-1)], [`o${o}-web3`, `ns${o}`]);
    }
    // Objects shared between overlays are frozen: a build cannot change another's by mistake.
    type DSpec = { selector: object; template: { spec: { containers: object } } };
    const d = builds[0].objects.find((x) => x.obj.kind === 'Deployment')!;
    const d1 = builds[1].objects.find((x) => x.obj.kind === 'Deployment' && x.names[0] === d.names[0])!;
    const spec = d.obj.spec as DSpec;
    const spec1 = d1.obj.spec as DSpec;
    assert.ok(Object.isFrozen(spec.selector) && Object.isFrozen(spec.template.spec.containers), 'shared');
    assert.strictEqual(spec.selector, spec1.selector, 'one object for both overlays');
    // The parts the overlay changed are its own (its namespace, the claim renamed with its
    // prefix), frozen too: they are kept for the next build of the overlay.
    assert.notStrictEqual(d.obj.metadata, d1.obj.metadata);
    assert.notStrictEqual(spec.template.spec, spec1.template.spec);
    assert.ok(Object.isFrozen(d.obj.metadata) && Object.isFrozen(spec.template.spec));
  });

  it('rebuilding an overlay after a patch edit gives the same objects, except the one patched', () => {
    const files = kustomizeWorkspace(3);
    const ws = new Workspace();
    for (const [u, t] of files) ws.setDiskFile(u, t);
    const root = 'file:///kz/overlays/o1/kustomization.yaml';
    const of = () => ws.kustomize.buildsOf(ws.fileAccess).find((b) => b.uri === root)!;
    const before = of();
    const target = 'file:///kz/overlays/o1/replicas.yaml';
    ws.setOpenFile(target, files.get(target)!.replace(/replicas: \d+/, 'replicas: 9'));
    const after = of();
    assert.notStrictEqual(after, before, 'rebuilt');
    assert.strictEqual(after.objects.length, before.objects.length);
    let same = 0;
    after.objects.forEach((o, i) => {
      const patched = o.patchedBy.includes(target);
      if (patched) {
        assert.notStrictEqual(o.obj, before.objects[i].obj);
        assert.strictEqual((o.obj.spec as { replicas: number }).replicas, 9);
        // Renamed with the overlay's prefix, its Service reference renamed too, as kustomize does.
        assert.deepStrictEqual(
          [o.names.at(-1), (o.obj.spec as { serviceName: string }).serviceName],
          ['o1-db1', 'o1-db1-hl'],
        );
      } else {
        assert.strictEqual(o.obj, before.objects[i].obj, o.names.join('/'));
        same++;
      }
    });
    assert.strictEqual(same, before.objects.length - 1);
    // Another kustomization (other renames): other objects, the same content where it agrees.
    const o2 = ws.kustomize.buildsOf(ws.fileAccess).find((b) => b.uri.includes('/o2/'))!;
    assert.strictEqual((o2.objects.find((o) => o.names[0] === 'db4')!.obj.metadata as { name: string }).name, 'o2-db4');
  });

  it('writes the tree for every kind of value, or declines when the read-back is not certain', () => {
    const samples: unknown[] = [
      {
        a: 'x',
        b: { c: 1, d: ['p', { e: true, f: null }, [], ['q', ['r']], {}] },
        g: {},
        h: '0644',
        i: [{ j: -3 }],
        'k k': 'yes',
        on: 'a: b',
        '': 'é\n"\\',
      },
      { list: [[[]]], deep: { a: { b: { c: [{ d: [{}] }] } } }, n: 9007199254740991 },
    ];
    for (const s of samples) {
      const t = blockYamlTree(s)!;
      const parsed = parseYaml(t.text);
      assert.deepStrictEqual(shape(t.doc.contents), shape(parsed.contents), t.text);
      assert.deepStrictEqual(parsed.toJSON(), s);
    }
    for (const x of [1.5, 1e21, -0, 2 ** 60]) assert.strictEqual(blockYamlTree({ spec: { x } }), undefined, String(x));
  });

  it('an edit to one overlay patch re-checks exactly the builds that include it; a base edit re-checks all', () => {
    const files = kustomizeWorkspace(50);
    const ws = new Workspace();
    const an = new Analyzer(ws);
    for (const [u, t] of files) ws.setDiskFile(u, t);
    const kustomizations = [...files.keys()].filter((u) => u.endsWith('/kustomization.yaml'));
    const target = 'file:///kz/overlays/o17/replicas.yaml';
    editAll(an, [target, ...kustomizations]);
    const checks = an.buildChecks!;
    assert.ok(checks, 'the build checks ran');
    assert.strictEqual(checks.lastChecked.length, 50, 'the first run checks every build');

    for (const replicas of [4, 7]) {
      const before = checks.buildsChecked;
      const synced = checks.filesSynced;
      ws.setOpenFile(target, files.get(target)!.replace(/replicas: \d+/, `replicas: ${replicas}`));
      editAll(an, [target, ...kustomizations]);
      assert.strictEqual(checks.buildsChecked - before, 1);
      assert.deepStrictEqual(checks.lastChecked, ['file:///kz/overlays/o17/kustomization.yaml']);
      // One built object changed (the patched StatefulSet), and its tree came with its text.
      const after = checks.filesSynced;
      assert.strictEqual(after.changed - synced.changed, 1);
      assert.strictEqual(after.treesReused - synced.treesReused, 1);
    }

    // Opening a file without changing it re-checks nothing.
    const before = checks.buildsChecked;
    ws.setOpenFile('file:///kz/overlays/o3/replicas.yaml', files.get('file:///kz/overlays/o3/replicas.yaml')!);
    editAll(an, kustomizations);
    assert.strictEqual(checks.buildsChecked - before, 0);

    // A base file is read by every build: all are checked again, each re-adding only what changed.
    const b2 = checks.buildsChecked;
    const s2 = checks.filesSynced;
    const base = 'file:///kz/base/app3.yaml';
    ws.setOpenFile(base, files.get(base)!.replace('image: nginx', 'image: nginx:1.27'));
    editAll(an, kustomizations);
    assert.strictEqual(checks.buildsChecked - b2, 50);
    assert.strictEqual(new Set(checks.lastChecked).size, 50);
    // Per build: the changed Deployment (built) and the base file's source documents (raw side).
    const perBuild = (checks.filesSynced.changed - s2.changed) / 50;
    assert.ok(perBuild <= 2, `files re-added per build: ${perBuild}`);
  });

  it('incremental checks find what checking from scratch finds, edit after edit', () => {
    const files = kustomizeWorkspace(6, 3);
    const ws = new Workspace();
    const an = new Analyzer(ws);
    for (const [u, t] of files) ws.setDiskFile(u, t);
    const uris = [...files.keys()];
    const summary = (a: Analyzer) =>
      uris.flatMap((u) => a.fileFindings(u).map((f) => `${u}:${f.span.start}:${f.code}:${f.message}`)).sort();
    summary(an);
    const edits: [string, (t: string) => string | undefined][] = [
      // The overlay points its StatefulSet at a Service no build has.
      [
        'file:///kz/overlays/o1/replicas.yaml',
        (t) => t.replace(/replicas: \d+/, 'replicas: 9\n  serviceName: elsewhere'),
      ],
      // The governing Service loses its selector's pods and its headlessness in one base file.
      [
        'file:///kz/base/app1.yaml',
        (t) =>
          t.replace('clusterIP: None', 'clusterIP: 10.0.0.1').replace('selector: {app: db1}', 'selector: {app: nope}'),
      ],
      ['file:///kz/overlays/o4/replicas.yaml', (t) => t.replace(/name: db\d/, 'name: db2')],
      ['file:///kz/overlays/o2/kustomization.yaml', (t) => t.replace('namePrefix: o2-', 'namePrefix: other-')],
      ['file:///kz/base/app1.yaml', (t) => t.replace('serviceName: db1-hl', 'serviceName: gone')],
      // The base's resource list loses a file, then gets it back.
      ['file:///kz/base/kustomization.yaml', (t) => t.replace('  - app2.yaml\n', '')],
      ['file:///kz/base/kustomization.yaml', (t) => t.replace('  - app1.yaml\n', '  - app1.yaml\n  - app2.yaml\n')],
      // An overlay names a folder with no kustomization (a missing resource: its build is partial) …
      [
        'file:///kz/overlays/o3/kustomization.yaml',
        (t) => t.replace('  - ../../base\n', '  - ../../base\n  - ../../extra\n'),
      ],
      // … until a kustomization appears there, holding a Service the overlay's StatefulSet can use.
      [
        'file:///kz/extra/kustomization.yaml',
        () => 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - svc.yaml\n',
      ],
      [
        'file:///kz/extra/svc.yaml',
        () => 'apiVersion: v1\nkind: Service\nmetadata:\n  name: elsewhere\nspec:\n  ports: [{port: 80}]\n',
      ],
      [
        'file:///kz/overlays/o3/replicas.yaml',
        (t) => t.replace(/replicas: \d+/, 'replicas: 2\n  serviceName: elsewhere'),
      ],
      // A base file is deleted (closed in the editor, then gone from disk).
      ['file:///kz/base/app0.yaml', () => undefined],
      // And the extra folder's kustomization goes.
      ['file:///kz/extra/kustomization.yaml', () => undefined],
    ];
    let found = 0;
    for (const [u, edit] of edits) {
      const text = edit(ws.file(u)?.text ?? '');
      if (text === undefined) {
        ws.closeFile(u);
        ws.deleteDiskFile(u);
      } else ws.setOpenFile(u, text);
      if (!uris.includes(u)) uris.push(u);
      const fresh = new Workspace();
      for (const v of uris) {
        const f = ws.file(v);
        if (f) fresh.setDiskFile(v, f.text);
      }
      const got = summary(an);
      assert.deepStrictEqual(got, summary(new Analyzer(fresh)), `after editing ${u}`);
      // The builds themselves (from the caches: shared bases, kept builds) equal fresh ones.
      assert.deepStrictEqual(
        ws.kustomize.buildsOf(ws.fileAccess).map(buildShape),
        fresh.kustomize.buildsOf(fresh.fileAccess).map(buildShape),
        `builds after editing ${u}`,
      );
      found += got.filter((f) => f.includes('In the kustomize build')).length;
    }
    assert.ok(found > 0, 'the edits produce build findings');
  });
});
