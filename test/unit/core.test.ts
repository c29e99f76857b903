import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import { LineIndex } from '../../server/src/core/positions';
import { parseQuantity, suggestQuantity } from '../../server/src/core/k8s/quantity';
import { dns1035Label, dns1123Label, ianaSvcName, qualifiedName } from '../../server/src/core/k8s/names';
import { splitDocuments } from '../../server/src/core/yaml/split';
import { normalizeSettings } from '../../server/src/core/settings';
import { compileGlob } from '../../server/src/host/glob';
import { ROOT } from '../support/fixtures';

const chunks = (t: string) => splitDocuments(t).map((c) => t.slice(c.start, c.end));

describe('core: document splitting', () => {
  it('splits on --- lines and keeps everything', () => {
    const t = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n';
    assert.deepStrictEqual(chunks(t), ['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n']);
  });
  it('keeps a leading comment or directive with the first document', () => {
    assert.deepStrictEqual(chunks('# head\n---\na: 1\n'), ['# head\n---\na: 1\n']);
    assert.deepStrictEqual(chunks('%YAML 1.1\n---\na: 1\n'), ['%YAML 1.1\n---\na: 1\n']);
  });
  it('does not split on ---- or --- inside a line', () => {
    assert.deepStrictEqual(chunks('a: |\n  ---\nb: ----\n----\n'), ['a: |\n  ---\nb: ----\n----\n']);
  });
  it('handles CRLF and an empty text', () => {
    assert.deepStrictEqual(chunks('a: 1\r\n---\r\nb: 2\r\n'), ['a: 1\r\n', '---\r\nb: 2\r\n']);
    assert.deepStrictEqual(chunks(''), ['']);
  });
});

describe('core: positions', () => {
  it('maps offsets and positions both ways', () => {
    const t = 'ab\ncde\n\nf';
    const li = new LineIndex(t);
    for (let o = 0; o <= t.length; o++) assert.strictEqual(li.offsetAt(li.positionAt(o)), o);
    assert.deepStrictEqual(li.positionAt(4), { line: 1, character: 1 });
    assert.strictEqual(li.offsetAt({ line: 9, character: 0 }), t.length);
    assert.strictEqual(li.offsetAt({ line: 0, character: 99 }), 2, 'clamped to the end of the line content');
  });
  it('treats \\r\\n and a lone \\r as line breaks, as LSP does', () => {
    const t = 'a\r\nbc\rd\ne';
    const li = new LineIndex(t);
    assert.strictEqual(li.lineCount, 4);
    assert.deepStrictEqual(li.positionAt(t.indexOf('d')), { line: 2, character: 0 });
    assert.deepStrictEqual(li.positionAt(t.indexOf('c')), { line: 1, character: 1 });
    assert.strictEqual(li.offsetAt({ line: 0, character: 5 }), 1);
    for (let o = 0; o <= t.length; o++) {
      const p = li.positionAt(o);
      const back = li.offsetAt(p);
      assert.ok(back === o || (t[o - 1] === '\r' && t[o] === '\n'), `offset ${o}`);
    }
  });
});

describe('core: quantities and names', () => {
  it('parses Kubernetes quantities', () => {
    assert.strictEqual(parseQuantity('10Gi')?.value, 10 * 2 ** 30);
    assert.strictEqual(parseQuantity('1G')?.value, 1e9);
    assert.strictEqual(parseQuantity('500m')?.value, 0.5);
    assert.strictEqual(parseQuantity('1e3')?.value, 1000);
    assert.strictEqual(parseQuantity(5)?.value, 5);
    for (const bad of ['10GB', '1gi', '1Gb', '10 Gi', '1K', '', 'Gi'])
      assert.strictEqual(parseQuantity(bad), undefined, bad);
  });
  it('suggests corrected quantities', () => {
    assert.deepStrictEqual(suggestQuantity('10GB'), ['10Gi', '10G']);
    assert.deepStrictEqual(suggestQuantity('1gi'), ['1Gi', '1G']);
    assert.deepStrictEqual(suggestQuantity('1K'), ['1Ki', '1k']);
    assert.deepStrictEqual(suggestQuantity('banana'), []);
  });
  it('checks names with the API server messages', () => {
    assert.deepStrictEqual(dns1123Label('web-0'), []);
    assert.deepStrictEqual(dns1123Label('a.b'), ['must not contain dots']);
    assert.match(dns1123Label('Web')[0], /lowercase RFC 1123 label/);
    assert.deepStrictEqual(dns1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
    assert.match(dns1035Label('1web')[0], /DNS-1035 label/);
    assert.deepStrictEqual(qualifiedName('app.kubernetes.io/name'), []);
    assert.ok(qualifiedName('a/b/c').length > 0);
    assert.deepStrictEqual(ianaSvcName('http'), []);
    assert.ok(ianaSvcName('80').includes('must contain at least one letter (a-z)'));
  });
});

describe('core: settings and globs', () => {
  it('normalizes untrusted settings', () => {
    const s = normalizeSettings({ clusterDomain: 'kube.local.', rules: { a: 'off', b: 'loud' }, maxFileSize: -1 });
    assert.strictEqual(s.clusterDomain, 'kube.local');
    assert.deepStrictEqual(s.rules, { a: 'off' });
    assert.ok(s.maxFileSize > 0);
    assert.strictEqual(normalizeSettings(null).defaultNamespace, 'default');
  });
  it('matches globs', () => {
    assert.ok(compileGlob('**/*.yaml')('a/b/c.yaml'));
    assert.ok(compileGlob('**/*.yaml')('c.yaml'));
    assert.ok(compileGlob('**/*.{yaml,yml}')('x/c.yml'));
    assert.ok(!compileGlob('*.yaml')('a/c.yaml'));
    assert.ok(compileGlob('**/node_modules/**')('a/node_modules/b/c.yaml'));
  });
});

const STS = (name: string, svc: string) =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  serviceName: ${svc}\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers: [{name: c, image: nginx}]\n`;
const SVC = (name: string, app: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  clusterIP: None\n  selector: {app: ${app}}\n  ports: [{name: web, port: 80}]\n`;

describe('core: incremental workspace', () => {
  it('re-parses only the edited document', () => {
    const ws = new Workspace();
    const docs = Array.from({ length: 20 }, (_, i) => STS(`s${i}`, `h${i}`));
    const first = ws.setOpenFile('file:///a.yaml', docs.join('---\n'));
    assert.strictEqual(first.parsed, 20);
    docs[7] = docs[7].replace('image: nginx', 'image: nginx:1.27');
    const second = ws.setOpenFile('file:///a.yaml', docs.join('---\n'));
    assert.deepStrictEqual(second, { parsed: 1, reused: 19 });
  });

  it('re-runs only the rules whose lookups changed, across files', () => {
    const ws = new Workspace();
    const an = new Analyzer(ws);
    ws.setOpenFile('file:///sts.yaml', [STS('web', 'nginx'), STS('db', 'db-hl')].join('---\n'));
    const codes = () => an.fileFindings('file:///sts.yaml').map((f) => f.code + ':' + f.message.slice(0, 20));
    assert.strictEqual(codes().filter((c) => c.startsWith('sts-service-missing')).length, 2);
    const before = an.evaluations;
    codes();
    assert.strictEqual(an.evaluations, before, 'a second query is served from the cache');
    ws.setDiskFile('file:///svc.yaml', SVC('nginx', 'web'));
    const after = codes();
    assert.strictEqual(
      after.filter((c) => c.startsWith('sts-service-missing')).length,
      1,
      'the Service in another file resolves web',
    );
    const reran = an.evaluations - before;
    assert.ok(reran > 0 && reran < 10, `only dependent rules re-ran (${reran})`);
    ws.deleteDiskFile('file:///svc.yaml');
    assert.strictEqual(codes().filter((c) => c.startsWith('sts-service-missing')).length, 2);
  });

  it('an open buffer wins over the disk text until closed', () => {
    const ws = new Workspace();
    ws.setDiskFile('file:///x.yaml', SVC('disk', 'a'));
    ws.setOpenFile('file:///x.yaml', SVC('buffer', 'a'));
    assert.deepStrictEqual(
      [...ws.ofKind('Service')].map((r) => r.name),
      ['buffer'],
    );
    ws.closeFile('file:///x.yaml');
    assert.deepStrictEqual(
      [...ws.ofKind('Service')].map((r) => r.name),
      ['disk'],
    );
  });

  it('applies the default namespace setting and re-indexes when it changes', () => {
    const ws = new Workspace();
    ws.setOpenFile('file:///x.yaml', SVC('a', 'a'));
    assert.strictEqual([...ws.ofKind('Service')][0].namespace, 'default');
    ws.setSettings(normalizeSettings({ defaultNamespace: 'prod' }));
    assert.strictEqual([...ws.ofKind('Service')][0].namespace, 'prod');
  });

  it('leaves non-Kubernetes YAML alone', () => {
    const ws = new Workspace();
    const an = new Analyzer(ws);
    ws.setOpenFile(
      'file:///ci.yaml',
      'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{uses: actions/checkout@v4}\n',
    );
    assert.deepStrictEqual(an.fileFindings('file:///ci.yaml'), []);
    assert.strictEqual(ws.file('file:///ci.yaml')?.resources.length, 0);
  });
});

describe('architecture', () => {
  it('the analysis core imports neither vscode nor the LSP libraries nor node I/O', () => {
    const core = path.join(ROOT, 'server', 'src', 'core');
    const bad: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const src = fs.readFileSync(p, 'utf8');
          for (const m of src.matchAll(/from '([^']+)'|require\('([^']+)'\)/g)) {
            const mod = m[1] ?? m[2];
            if (
              /^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc|fs|child_process|net)(\/|$)/.test(
                mod,
              )
            )
              bad.push(`${path.relative(ROOT, p)}: ${mod}`);
          }
        }
      }
    };
    walk(core);
    assert.deepStrictEqual(bad, []);
  });
});
