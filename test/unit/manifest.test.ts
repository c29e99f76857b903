/**
 * The extension manifest (package.json) is what VS Code and the marketplace read: check it is
 * complete and honest, and that it agrees with the code (commands, settings, snippets, files).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/core/settings';
import { ROOT } from '../support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as any;
const contributes = pkg.contributes ?? {};
const PREFIX = 'kubeStateful.';

/** Command ids the other parts of the project (tests, README, menus) rely on. */
const REQUIRED_COMMANDS = [
  'kubeStateful.refreshTree',
  'kubeStateful.revealResource',
  'kubeStateful.copyPodDnsName',
  'kubeStateful.copyPvcName',
  'kubeStateful.copyDnsCheck',
  'kubeStateful.showReplicaTable',
  'kubeStateful.restartServer',
];

const clientSources = () =>
  fs
    .readdirSync(path.join(ROOT, 'client', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8'))
    .join('\n');

/** Command ids the client registers: `registerCommand('…'` and the COMMANDS table. */
function registeredCommands(): Set<string> {
  const src = clientSources();
  const ids = new Set<string>();
  for (const m of src.matchAll(/registerCommand\(\s*'(kubeStateful\.[A-Za-z]+)'/g)) ids.add(m[1]);
  const table = /export const COMMANDS = \{([\s\S]*?)\}/.exec(src);
  assert.ok(table, 'COMMANDS table not found in client/src');
  for (const m of table[1].matchAll(/'(kubeStateful\.[A-Za-z]+)'/g)) ids.add(m[1]);
  return ids;
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  assert.strictEqual(b.subarray(1, 4).toString('ascii'), 'PNG', `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('manifest (package.json)', () => {
  it('identifies a marketplace extension', () => {
    assert.strictEqual(pkg.name, 'kube-stateful');
    for (const k of ['displayName', 'description', 'publisher', 'version', 'license', 'repository'])
      assert.ok(pkg[k], `${k} is missing`);
    assert.strictEqual(pkg.license, 'MIT');
    for (const c of ['Linters', 'Snippets', 'Programming Languages'])
      assert.ok(pkg.categories?.includes(c), `category ${c}`);
    assert.ok(pkg.keywords?.length >= 3, 'keywords');
    assert.match(pkg.galleryBanner?.color ?? '', /^#[0-9a-fA-F]{6}$/);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner?.theme), 'galleryBanner.theme');
  });

  it('has a 128x128 PNG icon and the files the marketplace shows', () => {
    assert.strictEqual(pkg.icon, 'media/icon.png');
    assert.deepStrictEqual(pngSize(path.join(ROOT, pkg.icon)), { width: 128, height: 128 });
    for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE'])
      assert.ok(fs.existsSync(path.join(ROOT, f)), `${f} missing`);
    assert.match(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), /MIT License[\s\S]*kube-stateful contributors/);
  });

  it('targets a VS Code version no older than the API types it compiles against', () => {
    const engine = /^\^(\d+)\.(\d+)\.\d+$/.exec(pkg.engines?.vscode ?? '');
    assert.ok(engine, `engines.vscode should be ^x.y.z, got ${pkg.engines?.vscode}`);
    const types = /(\d+)\.(\d+)/.exec(pkg.devDependencies?.['@types/vscode'] ?? '');
    assert.ok(types, '@types/vscode missing');
    const num = (m: RegExpExecArray) => Number(m[1]) * 1000 + Number(m[2]);
    assert.ok(
      num(engine) >= num(types),
      `engines.vscode ${pkg.engines.vscode} is older than @types/vscode ${pkg.devDependencies['@types/vscode']}`,
    );
  });

  it('activates on YAML only, never on startup', () => {
    const events: string[] = pkg.activationEvents ?? [];
    assert.ok(events.includes('onLanguage:yaml'), 'onLanguage:yaml');
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), `eager activation: ${events}`);
    assert.strictEqual(pkg.main, './dist/client.js');
  });

  it('declares workspace trust and virtual workspace support honestly', () => {
    // Settings that choose which files are read, and how much work they cost, cannot come from
    // an untrusted workspace's .vscode/settings.json.
    const trust = pkg.capabilities?.untrustedWorkspaces;
    assert.strictEqual(trust?.supported, 'limited');
    assert.ok(
      typeof trust.description === 'string' && trust.description.length > 20,
      'untrustedWorkspaces.description',
    );
    const props = pkg.contributes.configuration.properties;
    for (const key of [
      'kubeStateful.include',
      'kubeStateful.exclude',
      'kubeStateful.maxFileSize',
      'kubeStateful.maxFiles',
    ]) {
      assert.ok(props[key], `${key} is a setting`);
      assert.ok(trust.restrictedConfigurations?.includes(key), `${key} is restricted in untrusted workspaces`);
    }
    const v = pkg.capabilities?.virtualWorkspaces;
    assert.ok(v && typeof v === 'object', 'virtualWorkspaces must be declared');
    // The server indexes the workspace by reading files from disk and the client selects only
    // `file` and `untitled` documents: full support would be a lie.
    assert.ok(v.supported === false || v.supported === 'limited', `virtualWorkspaces.supported = ${v.supported}`);
    assert.ok(typeof v.description === 'string' && v.description.length > 20, 'virtualWorkspaces.description');
    const client = clientSources();
    assert.match(client, /scheme: 'file', language: 'yaml'/);
    assert.match(client, /scheme: 'untitled', language: 'yaml'/);
  });

  it('declares every command the client registers, and nothing else', () => {
    const declared = new Set<string>((contributes.commands ?? []).map((c: any) => c.command));
    const registered = registeredCommands();
    for (const id of REQUIRED_COMMANDS) assert.ok(declared.has(id), `${id} not in contributes.commands`);
    assert.deepStrictEqual([...registered].sort(), [...declared].sort());
    for (const c of contributes.commands) {
      assert.ok(c.title && c.category === 'Kube Stateful', `${c.command}: title and category`);
    }
  });

  it('menus only name declared commands, views and context values', () => {
    const declared = new Set<string>((contributes.commands ?? []).map((c: any) => c.command));
    const views = Object.values(contributes.views ?? {}).flat() as any[];
    const viewIds = new Set(views.map((v) => v.id));
    for (const [menu, items] of Object.entries(contributes.menus ?? {}) as [string, any[]][]) {
      for (const it of items) {
        assert.ok(declared.has(it.command), `${menu}: ${it.command} is not declared`);
        for (const m of String(it.when ?? '').matchAll(/\bview == ([\w.]+)/g))
          assert.ok(viewIds.has(m[1]), `${menu}: unknown view ${m[1]}`);
      }
    }
    const itemCtx = (contributes.menus['view/item/context'] ?? []) as any[];
    for (const [kind, cmd] of [
      ['pod', 'kubeStateful.copyPodDnsName'],
      ['pod', 'kubeStateful.copyDnsCheck'],
      ['pvc', 'kubeStateful.copyPvcName'],
    ]) {
      assert.ok(
        itemCtx.some((i) => i.command === cmd && String(i.when).includes(`viewItem == ${kind}`)),
        `${cmd} missing from the context menu of ${kind} nodes`,
      );
    }
    const palette = new Set(
      ((contributes.menus.commandPalette ?? []) as any[]).filter((i) => i.when !== 'false').map((i) => i.command),
    );
    for (const id of REQUIRED_COMMANDS) assert.ok(palette.has(id), `${id} hidden from the command palette`);
    assert.ok(
      ((contributes.menus['editor/context'] ?? []) as any[]).every((i) => /resourceLangId == yaml/.test(i.when)),
      'editor/context only for YAML',
    );
  });

  it('contributes the storage view with its container, icon and welcome content', () => {
    const container = (contributes.viewsContainers?.activitybar ?? []).find((c: any) => c.id === 'kubeStateful');
    assert.ok(container, 'activity bar container kubeStateful');
    assert.ok(fs.existsSync(path.join(ROOT, container.icon)), `container icon ${container.icon}`);
    const view = (contributes.views?.kubeStateful ?? []).find((v: any) => v.id === 'kubeStateful.storage');
    assert.ok(view, 'view kubeStateful.storage');
    assert.strictEqual(view.name, 'Storage & Identity');
    const welcome = (contributes.viewsWelcome ?? []).filter((w: any) => w.view === 'kubeStateful.storage');
    assert.ok(welcome.length >= 1, 'viewsWelcome for the storage view');
    assert.ok(
      welcome.some((w: any) => /ks-statefulset/.test(w.contents)),
      'welcome names a snippet to insert',
    );
  });

  it('settings match what the server reads (normalizeSettings), with the same defaults', () => {
    const props = contributes.configuration?.properties ?? {};
    const keys = Object.keys(props).filter((k) => k.startsWith(PREFIX));
    assert.deepStrictEqual(Object.keys(props).length, keys.length, 'every setting is under kubeStateful.');
    const analysis = keys.map((k) => k.slice(PREFIX.length)).filter((k) => k !== 'trace.server');
    // `kubeStateful.a.b` arrives as `{ a: { b: … } }` and sets the camel-cased field `aB`.
    const field = (k: string) => k.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
    const nest = (k: string, v: unknown) =>
      k.includes('.') ? { [k.slice(0, k.indexOf('.'))]: { [k.slice(k.indexOf('.') + 1)]: v } } : { [k]: v };
    assert.deepStrictEqual(analysis.map(field).sort(), Object.keys(DEFAULT_SETTINGS).sort());
    assert.ok(
      props['kubeStateful.trace.server'],
      'kubeStateful.trace.server (read by vscode-languageclient for client id kubeStateful)',
    );
    assert.deepStrictEqual(props['kubeStateful.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.match(clientSources(), /new LanguageClient\('kubeStateful'/);
    // The contributed defaults, as VS Code sends them, normalize to the server's defaults.
    const sent: Record<string, unknown> = {};
    for (const k of analysis) {
      assert.deepStrictEqual(
        props[PREFIX + k].default,
        (DEFAULT_SETTINGS as any)[field(k)],
        `default of ${PREFIX + k}`,
      );
      Object.assign(sent, nest(k, props[PREFIX + k].default));
    }
    assert.deepStrictEqual(normalizeSettings(sent), DEFAULT_SETTINGS);
    // The server reads each of these keys (a non-default value comes through normalizeSettings).
    const other: Record<string, unknown> = {
      clusterDomain: 'corp.example',
      defaultNamespace: 'prod',
      knownStorageClasses: ['gp3'],
      rules: { 'sts-service-missing': 'off' },
      maxFileSize: 1024,
      include: ['k8s/**/*.yaml'],
      exclude: ['**/vendor/**'],
      'inlayHints.enable': false,
      platform: ['gke'],
      'schema.enable': false,
      kubernetesVersion: '1.30',
      maxFiles: 500,
      crdPaths: ['crds', 'vendor/**/crds/*.yaml'],
      'kustomize.render': true,
    };
    for (const k of analysis) {
      assert.ok(k in other, `no sample value for ${k}`);
      assert.deepStrictEqual(
        (normalizeSettings(nest(k, other[k])) as any)[field(k)],
        other[k],
        `normalizeSettings ignores ${k}`,
      );
      assert.deepStrictEqual(
        (normalizeSettings({ [k]: other[k] }) as any)[field(k)],
        other[k],
        `normalizeSettings ignores flat ${k}`,
      );
      const types = props[PREFIX + k].type ?? (props[PREFIX + k].anyOf ?? []).map((x: { type: string }) => x.type);
      assert.ok([types].flat().includes(Array.isArray(other[k]) ? 'array' : typeof other[k]), `type of ${PREFIX + k}`);
    }
    for (const k of keys) assert.ok((props[k].markdownDescription ?? '').length > 20, `${k}: markdownDescription`);
    // Every severity the setting offers is one the server accepts.
    for (const sev of props['kubeStateful.rules'].additionalProperties.enum) {
      assert.strictEqual(normalizeSettings({ rules: { x: sev } }).rules.x, sev, `rules value ${sev}`);
    }
  });

  it('contributes the snippet file for YAML, and it exists', () => {
    const entries = contributes.snippets ?? [];
    assert.ok(entries.length >= 1, 'contributes.snippets');
    for (const s of entries) {
      assert.strictEqual(s.language, 'yaml');
      const file = path.join(ROOT, s.path);
      assert.ok(fs.existsSync(file), `${s.path} missing`);
      assert.ok(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8'))).length >= 10, `${s.path}: snippets`);
    }
  });

  it('packages only the bundles and the files VS Code reads (.vscodeignore)', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    const allowed = ignore
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1));
    assert.ok(/^\*\*$/m.test(ignore), '.vscodeignore starts from "exclude everything"');
    assert.deepStrictEqual(
      allowed.filter((f) => /\.(ts|map)$|^(server|client|test|node_modules|out)\//.test(f)),
      [],
      'no sources, maps, tests or node_modules in the package',
    );
    // Everything the manifest points at is in the package.
    const needed = [
      pkg.main.replace(/^\.\//, ''),
      'dist/server.js',
      pkg.icon,
      ...contributes.snippets.map((s: any) => s.path.replace(/^\.\//, '')),
    ];
    needed.push(...(contributes.viewsContainers.activitybar as any[]).map((c) => c.icon));
    for (const f of needed) assert.ok(allowed.includes(f), `${f} is referenced by the manifest but not packaged`);
    assert.match(clientSources(), /asAbsolutePath\('dist\/server\.js'\)/);
    assert.match(pkg.scripts?.package ?? '', /build\.mjs --production && node scripts\/package-vsix\.mjs/);
    assert.match(
      fs.readFileSync(path.join(ROOT, 'scripts', 'package-vsix.mjs'), 'utf8'),
      /'package', '--no-dependencies'/,
    );
  });

  it('vsce lists exactly the allowed files', function () {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    if (!fs.existsSync(vsce)) this.skip();
    this.timeout(60_000);
    const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    const listed = out
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    const allowed = fs
      .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1).trim())
      .filter((f) => fs.existsSync(path.join(ROOT, f)))
      .sort();
    assert.deepStrictEqual(listed, allowed);
  });
});
