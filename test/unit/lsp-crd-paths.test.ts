/**
 * kubeStateful.crdPaths over the real bundled server (dist/server.js, stdio): CRDs in a folder
 * outside the include globs give a custom resource its schema once the setting names the
 * folder, an edit of the CRD on disk re-checks the resource, and the host helper refuses paths
 * outside the workspace folder.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { crdPathFiles, crdPathMatcher, crdPathSettingProblems } from '../../server/src/host/crd-paths';
import { pathToUri } from '../../server/src/host/scan';
import { ROOT } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';
import { WIDGET, widgetCrd } from '../support/crd';

const SERVER = path.join(ROOT, 'dist', 'server.js');

describe('lsp: kubeStateful.crdPaths', function () {
  this.timeout(20000);
  let dir: string;
  let client: LspClient;
  let uri: string;
  const unknown = (ds: any[]) => ds.filter((d) => d.code === 'schema-unknown-field' && /spec\.sise"/.test(d.message));

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-crdpaths-')));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.mkdirSync(path.join(dir, 'vendor', 'crds'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'vendor', 'crds', 'widget.yaml'), widgetCrd());
    fs.writeFileSync(path.join(dir, 'app', 'w.yaml'), WIDGET);
    uri = pathToUri(path.join(dir, 'app', 'w.yaml'));
    client = new LspClient(process.execPath, [SERVER, '--stdio'], ROOT);
    // vendor/ is outside the include globs: without crdPaths its CRD is not read.
    client.configuration.kubeStateful = { include: ['app/**/*.yaml'] };
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToUri(dir),
      workspaceFolders: [{ uri: pathToUri(dir), name: 'ws' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
    });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: WIDGET } });
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a CRD in a crdPaths folder outside the include globs checks its custom resources', async () => {
    const first = await client.diagnosticsFor(uri);
    assert.deepStrictEqual(unknown(first), [], 'no CRD known yet');
    client.configuration.kubeStateful = { include: ['app/**/*.yaml'], crdPaths: ['vendor/crds'] };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const d = await client.diagnosticsFor(uri, (ds) => unknown(ds).length === 1);
    assert.match(unknown(d)[0].message, /Did you mean "size"/);
    assert.deepStrictEqual(unknown(d)[0].range.start, { line: 6, character: 2 });
  });

  it('invalid crdPaths entries get a visible message (window/showMessage); the valid ones stay in use', async () => {
    client.configuration.kubeStateful = {
      include: ['app/**/*.yaml'],
      crdPaths: ['vendor/crds', 'vendor/[crds', '/etc/crds'],
    };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const msg = await client.waitForNotification<any>('window/showMessage', (p: any) => /crdPaths/.test(p.message));
    assert.match(
      msg.message,
      /kubeStateful\.crdPaths are not used: "vendor\/\[crds": .*; "\/etc\/crds": only paths inside the workspace folder/,
    );
    assert.strictEqual(msg.type, 2, 'a warning');
    const d = await client.diagnosticsFor(uri, (ds) => unknown(ds).length === 1);
    assert.strictEqual(unknown(d).length, 1, 'vendor/crds still gives the schema');
    client.configuration.kubeStateful = { include: ['app/**/*.yaml'], crdPaths: ['vendor/crds'] };
    client.notify('workspace/didChangeConfiguration', { settings: null });
  });

  it('crdPathSettingProblems: invalid globs, empty, absolute and climbing entries; missing paths are not problems', () => {
    assert.deepStrictEqual(crdPathSettingProblems(['crds', 'a/**/*.yaml', 'not/there', './x/']), []);
    const p = crdPathSettingProblems(['a/[b', '', '/abs', 'a/../../up', 'C:/win']);
    assert.strictEqual(p.length, 5, p.join('\n'));
  });

  it('editing the CRD on disk re-checks the resource', async () => {
    const crd = path.join(dir, 'vendor', 'crds', 'widget.yaml');
    fs.writeFileSync(crd, widgetCrd('sise'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(crd), type: 2 }] });
    await client.diagnosticsFor(uri, (ds) => unknown(ds).length === 0);
  });

  it('host: folders, files and globs inside the root; absolute paths and .. are refused', async () => {
    fs.writeFileSync(path.join(dir, 'vendor', 'crds', 'notes.txt'), 'x');
    const crd = path.join(dir, 'vendor', 'crds', 'widget.yaml');
    assert.deepStrictEqual((await crdPathFiles(dir, ['vendor/crds'], 100)).files, [crd]);
    assert.deepStrictEqual((await crdPathFiles(dir, ['./vendor/crds/widget.yaml'], 100)).files, [crd]);
    assert.deepStrictEqual(
      (await crdPathFiles(dir, ['vendor/**/*.yaml', 'vendor/crds'], 100)).files,
      [crd],
      'no duplicates',
    );
    const out = await crdPathFiles(path.join(dir, 'app'), [crd, '../vendor/crds', 'missing'], 100);
    assert.deepStrictEqual(out.files, []);
    assert.strictEqual(out.problems.length, 3, out.problems.join('\n'));
    assert.match(out.problems.join('\n'), /only paths inside the workspace folder/);
    assert.match(out.problems.join('\n'), /leaves the workspace folder/);
    // The CLI may name any path.
    assert.deepStrictEqual((await crdPathFiles(path.join(dir, 'app'), ['../vendor/crds'], 100, true)).files, [crd]);
    // A CLI glob is walked from its folder without glob characters, never from the disk's root.
    const visited: string[] = [];
    const readdir = fs.promises.readdir;
    (fs.promises as any).readdir = (d: string, ...rest: any[]) => {
      visited.push(String(d));
      return (readdir as any).call(fs.promises, d, ...rest);
    };
    try {
      for (const glob of ['../vendor/*/*.yaml', path.join(dir, 'vendor', 'cr*', '*.yaml')]) {
        visited.length = 0;
        assert.deepStrictEqual((await crdPathFiles(path.join(dir, 'app'), [glob], 100, true)).files, [crd], glob);
        assert.ok(
          visited.length > 0 && visited.every((d) => d.startsWith(path.join(dir, 'vendor'))),
          visited.join(' '),
        );
      }
    } finally {
      (fs.promises as any).readdir = readdir;
    }
    const m = crdPathMatcher(['vendor/crds', 'other/*.crd.yaml']);
    assert.ok(m('vendor/crds/widget.yaml'));
    assert.ok(m('vendor/crds/sub/x.yml'));
    assert.ok(m('other/a.crd.yaml'));
    assert.ok(!m('vendor/crds/notes.txt'));
    assert.ok(!m('app/w.yaml'));
  });
});
