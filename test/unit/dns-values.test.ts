/** DNS names written in values: scanning, interpretation against the workspace, hover, definition. */
import * as assert from 'assert';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { hoverAt } from '../../server/src/core/hover';
import { hostsIn } from '../../server/src/core/k8s/hosts';
import { dnsNamesIn } from '../../server/src/core/model/dns';
import { Query } from '../../server/src/core/model/query';
import { Workspace } from '../../server/src/core/model/workspace';
import { definitionAt } from '../../server/src/core/navigate';
import { fileUri, FIXTURES, loadFolder } from '../support/fixtures';

describe('dns values: host names in text', () => {
  const cases: [string, string[]][] = [
    ['mysql-0.mysql', ['mysql-0.mysql']],
    ['jdbc:mysql://mysql-1.mysql:3306/orders', ['mysql-1.mysql']],
    [
      '--initial-cluster=etcd-0=http://etcd-0.etcd:2380,etcd-1=http://etcd-1.etcd.db.svc.cluster.local:2380',
      ['etcd-0.etcd', 'etcd-1.etcd.db.svc.cluster.local'],
    ],
    ['postgres://user:pw@db-0.db.shop.svc:5432/app?ssl=1', ['db-0.db.shop.svc']],
    ['a.b,c.d;e.f e.g.', ['a.b', 'c.d', 'e.f', 'e.g']],
    ['$(POD_NAME).nginx.default.svc.cluster.local', ['nginx.default.svc.cluster.local']],
    ['Host.Name x.Y a_b.c /etc/my.cnf', ['my.cnf']],
    ['-' + 'a-'.repeat(5000) + '.b', []],
  ];
  for (const [text, want] of cases) {
    it(JSON.stringify(text.slice(0, 60)), () =>
      assert.deepStrictEqual(
        hostsIn(text).map((h) => h.text),
        want,
      ),
    );
  }
  it('a variable before the name is noted', () => {
    assert.deepStrictEqual(
      hostsIn('${HOSTNAME}.web.shop').map((h) => h.afterVariable),
      [true],
    );
  });
  it('long hostile text stays fast', () => {
    const t = Date.now();
    hostsIn('a-'.repeat(200000) + 'x.' + '0'.repeat(100000));
    assert.ok(Date.now() - t < 1000);
  });
});

describe('dns values: what names mean in the workspace', () => {
  const dir = path.join(FIXTURES, 'ide');
  const { ws } = loadFolder(dir);
  const analyzer = new Analyzer(ws);
  const uri = (f: string) => fileUri(path.join(dir, f));
  const at = (f: string, needle: string, delta: number) => ws.file(uri(f))!.text.indexOf(needle) + delta;

  it('forms: pod.svc, pod.svc.ns.svc.zone, svc.ns, $(VAR).svc.ns.svc.zone; external names ignored', () => {
    const q = new Query(ws);
    const all = [...ws.files()].flatMap((f) => f.resources.flatMap((r) => dnsNamesIn(q, r)));
    const got = all.map(
      (d) =>
        `${d.token.text} pod=${d.pod ?? (d.podLabel === -1 ? '$' : '-')} svc=${d.svc} ns=${d.namespace} sts=${d.sts?.name ?? '-'} services=${d.services.length}`,
    );
    assert.deepStrictEqual(got.sort(), [
      'nginx.shop pod=- svc=nginx ns=shop sts=- services=1',
      'nginx.shop.svc.cluster.local pod=$ svc=nginx ns=shop sts=- services=1',
      'web-0.nginx pod=web-0 svc=nginx ns=shop sts=web services=1',
      'web-0.nginx.shop.svc.cluster.local pod=web-0 svc=nginx ns=shop sts=web services=1',
      'web-1.nginx pod=web-1 svc=nginx ns=shop sts=web services=1',
      'web-1.nginx.shop.svc pod=web-1 svc=nginx ns=shop sts=web services=1',
      'web-2.nginx.shop.svc.cluster.local pod=web-2 svc=nginx ns=shop sts=web services=1',
    ]);
  });

  it('dotted words that only look like svc.ns (`etcd.sh`, `httpbin.com`) are not Services', () => {
    const w = new Workspace();
    w.setDiskFile(
      'file:///a/x.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: etcd}\nspec: {clusterIP: None}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {run: "sh etcd.sh", url: "http://etcd.com"}\n',
    );
    const q = new Query(w);
    assert.deepStrictEqual(
      [...w.files()].flatMap((f) => f.resources.flatMap((r) => dnsNamesIn(q, r))),
      [],
    );
  });

  it('hover on a pod name in an env value: the pod, its Service, its PVCs', () => {
    const h = hoverAt(analyzer, uri('app.yaml'), at('app.yaml', 'web-2.nginx', 3));
    assert.ok(h);
    assert.match(h.markdown, /pod `web-2` of StatefulSet `web`, namespace `shop`/);
    assert.match(h.markdown, /headless Service `nginx` while the pod is ready/);
    assert.match(h.markdown, /Its PVCs: `www-web-2`/);
    const text = ws.file(uri('app.yaml'))!.text;
    assert.strictEqual(
      text.slice(h.span.doc.base + h.span.start, h.span.doc.base + h.span.end),
      'web-2.nginx.shop.svc.cluster.local',
    );
  });

  it('hover inside a block scalar (ConfigMap data) and on a Service name', () => {
    const h = hoverAt(analyzer, uri('app.yaml'), at('app.yaml', 'web-1.nginx.shop.svc', 2));
    assert.match(h!.markdown, /pod `web-1`/);
    const s = hoverAt(analyzer, uri('app.yaml'), at('app.yaml', 'nginx.shop:80', 2));
    assert.match(s!.markdown, /Service `nginx`, namespace `shop`/);
    assert.match(s!.markdown, /IPs of the ready pods/);
    assert.strictEqual(hoverAt(analyzer, uri('app.yaml'), at('app.yaml', 'www.example.com', 2)), undefined);
  });

  it('hover says what is wrong (ordinal out of range)', () => {
    const w = new Workspace();
    for (const f of ['sts.yaml', 'svc.yaml']) w.setDiskFile(uri(f), ws.file(uri(f))!.text);
    const u = 'file:///x/c.yaml';
    w.setDiskFile(
      u,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\ndata: {peer: "web-3.nginx:80"}\n',
    );
    const h = hoverAt(new Analyzer(w), u, w.file(u)!.text.indexOf('web-3') + 1);
    assert.match(
      h!.markdown,
      /⚠️ `web-3.nginx` names pod `web-3`, but StatefulSet `web` has 3 replicas \(web-0 … web-2\)/,
    );
  });

  it('hover on a DNS name in the second item of a kind: List reads that item', () => {
    const w = new Workspace();
    for (const f of ['sts.yaml', 'svc.yaml']) w.setDiskFile(uri(f), ws.file(uri(f))!.text);
    const u = 'file:///x/list.yaml';
    w.setDiskFile(
      u,
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a, namespace: shop}\n    data: {x: "1"}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b, namespace: shop}\n    data: {peer: "web-1.nginx:80"}\n',
    );
    const h = hoverAt(new Analyzer(w), u, w.file(u)!.text.indexOf('web-1') + 1);
    assert.match(h!.markdown, /pod `web-1` of StatefulSet `web`/);
  });

  it('definition: the Service from its label, the StatefulSet from the pod label', () => {
    const svc = definitionAt(analyzer, uri('sts.yaml'), at('sts.yaml', 'web-0.nginx', 8));
    assert.deepStrictEqual(
      svc.map((t) => t.uri),
      [uri('svc.yaml')],
    );
    const sts = definitionAt(analyzer, uri('sts.yaml'), at('sts.yaml', 'web-0.nginx', 2));
    assert.deepStrictEqual(
      sts.map((t) => t.uri),
      [uri('sts.yaml')],
    );
    const text = ws.file(uri('sts.yaml'))!.text;
    assert.strictEqual(
      text.slice(sts[0].span.doc.base + sts[0].span.start, sts[0].span.doc.base + sts[0].span.end),
      'web',
    );
  });
});
