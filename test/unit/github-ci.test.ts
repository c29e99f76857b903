/**
 * CI integrations: `lint --format github` (workflow-command annotations), the GitHub Action
 * (action.yml + its entry script action/run.js, run here with the environment GitHub gives it)
 * and the pre-commit hook (.pre-commit-hooks.yaml).
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { parseDocument } from 'yaml';
import { escapeGithubData, escapeGithubProperty } from '../../server/src/cli/format';
import { ROOT } from '../support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */
const BIN = path.join(ROOT, 'bin', 'kube-stateful.js');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as any;
const lint = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'lint', ...args], { cwd, encoding: 'utf8', timeout: 30000 });

/** Parses one workflow command line the way the Actions runner does (split, then unescape). */
function parseAnnotation(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  const unescape = (s: string) =>
    s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const kv of m[2].split(',')) {
    const i = kv.indexOf('=');
    props[kv.slice(0, i)] = unescape(kv.slice(i + 1));
  }
  return { command: m[1], props, message: unescape(m[3]) };
}

function loadYaml(rel: string): any {
  const doc = parseDocument(fs.readFileSync(path.join(ROOT, rel), 'utf8'), { uniqueKeys: true });
  assert.deepStrictEqual(
    doc.errors.map((e) => e.message),
    [],
    `${rel} is valid YAML`,
  );
  return doc.toJS();
}

describe('lint --format github', () => {
  it('escapes data and properties as the Actions runner expects', () => {
    assert.strictEqual(escapeGithubData('100% sure\r\nnext: a,b'), '100%25 sure%0D%0Anext: a,b');
    assert.strictEqual(escapeGithubProperty('dir:x/a,b%.yaml\n'), 'dir%3Ax/a%2Cb%25.yaml%0A');
    // Escaping % first: an already-escaped-looking text survives a round trip.
    assert.strictEqual(
      parseAnnotation(`::error file=${escapeGithubProperty('%3A,:')}::${escapeGithubData('%0A\n')}`).props.file,
      '%3A,:',
    );
    assert.strictEqual(parseAnnotation(`::error file=x::${escapeGithubData('%0A\n')}`).message, '%0A\n');
  });

  it('prints one annotation per finding, with the same positions as the JSON output', () => {
    const gh = lint(ROOT, 'examples', '--format', 'github');
    const json = lint(ROOT, 'examples', '--format', 'json');
    assert.strictEqual(gh.status, 1, 'exit code 1 on errors, as with the other formats');
    const rows = JSON.parse(json.stdout) as {
      file: string;
      line: number;
      column: number;
      endLine: number;
      endColumn: number;
      severity: string;
      code: string;
      message: string;
    }[];
    const lines = gh.stdout.trim().split('\n');
    assert.ok(rows.length > 0);
    assert.strictEqual(lines.length, rows.length, gh.stdout);
    const level: Record<string, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
    rows.forEach((r, i) => {
      const a = parseAnnotation(lines[i]);
      assert.strictEqual(a.command, level[r.severity]);
      assert.deepStrictEqual(a.props, {
        file: r.file,
        line: String(r.line),
        col: String(r.column),
        endLine: String(r.endLine),
        endColumn: String(r.endColumn),
        title: r.code,
      });
      assert.strictEqual(a.message, r.message);
    });
  });

  it('escapes file names with commas and colons, and notices for information findings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-gh-'));
    try {
      fs.mkdirSync(path.join(dir, 'a,b:c'));
      fs.copyFileSync(path.join(ROOT, 'examples', 'mistakes.yaml'), path.join(dir, 'a,b:c', 'x%y.yaml'));
      // An information finding: a StatefulSet without serviceName.
      fs.writeFileSync(
        path.join(dir, 'info.yaml'),
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n',
      );
      const r = lint(dir, '.', '--format', 'github');
      const anns = r.stdout.trim().split('\n').map(parseAnnotation);
      assert.ok(
        anns.some((a) => a.props.file === 'a,b:c/x%y.yaml' && a.command === 'error'),
        r.stdout,
      );
      assert.ok(r.stdout.includes('file=a%2Cb%3Ac/x%25y.yaml,'), r.stdout);
      assert.ok(
        anns.some(
          (a) => a.props.file === 'info.yaml' && a.command === 'notice' && a.props.title === 'sts-service-name-missing',
        ),
        r.stdout,
      );
      // SARIF: the same files as URIs that code scanning resolves against the repository root.
      const uris = (cwd: string, arg: string) =>
        (JSON.parse(lint(cwd, arg, '--format', 'sarif').stdout).runs[0].results as any[]).map(
          (x) => x.locations[0].physicalLocation.artifactLocation.uri as string,
        );
      const rel = uris(dir, '.');
      assert.ok(rel.includes('a%2Cb%3Ac/x%25y.yaml') && rel.includes('info.yaml'), rel.join(' '));
      for (const u of rel)
        assert.ok(fs.existsSync(fileURLToPath(new URL(u, pathToFileURL(dir + path.sep)))), `${u} resolves to a file`);
      // Outside the working folder: absolute file: URIs.
      const abs = uris(ROOT, dir);
      assert.ok(
        abs.length > 0 && abs.every((u) => u.startsWith('file:///') && fs.existsSync(fileURLToPath(u))),
        abs.join(' '),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GitHub Action (action.yml, action/run.js)', () => {
  let tmp: string;
  let ws: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-action-'));
    ws = path.join(tmp, 'repo');
    fs.cpSync(path.join(ROOT, 'examples'), path.join(ws, 'k8s'), { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Runs the entry script as the composite action's step does: INPUT_* env, GITHUB_* files. */
  function runAction(inputs: Record<string, string>) {
    const output = path.join(tmp, 'github_output');
    const summary = path.join(tmp, 'step_summary');
    fs.writeFileSync(output, '');
    fs.writeFileSync(summary, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ws,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
    const r = spawnSync(process.execPath, [path.join(ROOT, 'action', 'run.js')], {
      cwd: tmp,
      env,
      encoding: 'utf8',
      timeout: 60000,
    });
    const outputs = Object.fromEntries(
      fs
        .readFileSync(output, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    return { ...r, outputs, summary: fs.readFileSync(summary, 'utf8') };
  }

  it('action.yml: a composite, Node-based action whose inputs reach the entry script', () => {
    const action = loadYaml('action.yml');
    assert.strictEqual(action.runs.using, 'composite');
    assert.deepStrictEqual(Object.keys(action.inputs).slice(0, 4), ['paths', 'format', 'fail-on', 'sarif-file']);
    assert.strictEqual(action.inputs['fail-on'].default, 'error');
    assert.strictEqual(action.inputs.format.default, 'github');
    const steps = action.runs.steps as { uses?: string; run?: string; shell?: string; env?: Record<string, string> }[];
    assert.ok(
      steps.some((s) => s.uses?.startsWith('actions/setup-node@')),
      'sets up Node',
    );
    for (const s of steps.filter((x) => x.run)) assert.ok(s.shell, 'composite run steps need a shell');
    const build = steps.find((s) => /build\.mjs/.test(s.run ?? ''));
    assert.ok(build && /npm ci/.test(build.run ?? ''), 'installs and builds the bundles');
    const entry = steps.find((s) => /action\/run\.js/.test(s.run ?? ''));
    assert.ok(entry, 'runs action/run.js');
    for (const name of Object.keys(action.inputs).filter((n) => n !== 'node-version')) {
      const envName = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
      assert.strictEqual(entry.env?.[envName], `\${{ inputs.${name} }}`, `input ${name} is passed as ${envName}`);
    }
    for (const [name, o] of Object.entries(action.outputs as Record<string, { value: string }>))
      assert.strictEqual(o.value, `\${{ steps.lint.outputs.${name} }}`);
    // Every `${{ inputs.x }}` used is declared.
    for (const m of fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8').matchAll(/inputs\.([\w-]+)/g))
      assert.ok(action.inputs[m[1]], `input ${m[1]} declared`);
  });

  it('default inputs: annotations, outputs, a summary, and failure on errors', () => {
    const r = runAction({});
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(
      r.stdout,
      /^::error file=k8s\/mistakes\.yaml,line=28,col=23,endLine=28,endColumn=28,title=access-mode-invalid::/m,
    );
    assert.strictEqual(r.stdout.trim().split('\n').length, 6);
    assert.deepStrictEqual(r.outputs, { errors: '3', warnings: '3', findings: '6', 'sarif-file': '' });
    assert.match(r.summary, /3 error\(s\), 3 warning\(s\)/);
    assert.match(r.summary, /\| k8s\/mistakes\.yaml \| 28 \| error \| `access-mode-invalid` \|/);
    assert.match(r.stderr, /failing because fail-on is "error"/);
  });

  it('fail-on: warning fails on warnings only, never never fails; SARIF is written when asked', () => {
    fs.rmSync(path.join(ws, 'k8s', 'mistakes.yaml'));
    fs.writeFileSync(
      path.join(ws, 'k8s', 'warn.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n  volumes:\n    - name: v\n      persistentVolumeClaim:\n        claimName: nowhere\n',
    );
    const err = runAction({ paths: 'k8s', 'fail-on': 'error' });
    assert.strictEqual(err.status, 0, err.stdout + err.stderr);
    assert.ok(Number(err.outputs.warnings) > 0 && err.outputs.errors === '0', JSON.stringify(err.outputs));
    assert.strictEqual(runAction({ paths: 'k8s', 'fail-on': 'warning' }).status, 1);
    const never = runAction({ paths: 'k8s', 'fail-on': 'never', 'sarif-file': 'results/ks.sarif', format: 'text' });
    assert.strictEqual(never.status, 0);
    assert.match(never.stdout, /^k8s\/warn\.yaml:\d+:\d+: warning /m);
    assert.strictEqual(never.outputs['sarif-file'], 'results/ks.sarif');
    const sarif = JSON.parse(fs.readFileSync(path.join(ws, 'results', 'ks.sarif'), 'utf8'));
    assert.strictEqual(sarif.version, '2.1.0');
    assert.ok(
      sarif.runs[0].results.some(
        (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          x.locations[0].physicalLocation.artifactLocation.uri === 'k8s/warn.yaml',
      ),
    );
  });

  it('more findings of one severity than GitHub annotates per step: the summary and the log say where they all are', () => {
    const few = runAction({ 'fail-on': 'never' });
    assert.doesNotMatch(few.summary + few.stdout, /at most 10 annotations/);
    for (let i = 0; i < 4; i++)
      fs.copyFileSync(path.join(ws, 'k8s', 'mistakes.yaml'), path.join(ws, 'k8s', `m${i}.yaml`));
    const many = runAction({ 'fail-on': 'never', 'sarif-file': 'ks.sarif' });
    assert.ok(Number(many.outputs.errors) > 10, JSON.stringify(many.outputs));
    assert.match(many.summary, /at most 10 annotations of each severity per step: every finding is in the table below/);
    assert.match(many.stdout, /at most 10 annotations .* and the SARIF file\./);
    const rows = many.summary.split('\n').filter((l) => /^\| k8s\//.test(l));
    assert.strictEqual(rows.length, Number(many.outputs.findings), 'every finding in the table');
  });

  it('several paths (newline separated), and bad inputs exit 2', () => {
    const both = runAction({ paths: 'k8s/storage.yaml\nk8s/mysql-statefulset.yaml', 'fail-on': 'warning' });
    assert.strictEqual(both.status, 0, both.stdout + both.stderr);
    assert.strictEqual(both.outputs.findings, '0');
    assert.strictEqual(runAction({ 'fail-on': 'sometimes' }).status, 2);
    assert.strictEqual(runAction({ paths: 'no/such/dir' }).status, 2);
    assert.strictEqual(runAction({ format: 'xml' }).status, 2);
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('runs the package binary on the whole tree when YAML changes', () => {
    const hooks = loadYaml('.pre-commit-hooks.yaml') as any[];
    assert.ok(Array.isArray(hooks) && hooks.length === 1);
    const h = hooks[0];
    assert.strictEqual(h.id, 'kube-stateful');
    assert.strictEqual(h.language, 'node', 'pre-commit installs the npm package (npm pack runs prepack)');
    const [binName, sub] = String(h.entry).split(/\s+/);
    assert.ok(pkg.bin[binName], `entry runs the package binary ${binName}`);
    assert.strictEqual(sub, 'lint');
    assert.strictEqual(h.pass_filenames, false, 'cross-file references need the whole tree, not just the staged files');
    assert.deepStrictEqual(h.args, ['.']);
    assert.ok(
      new RegExp(h.files).test('k8s/web.yaml') &&
        new RegExp(h.files).test('a.yml') &&
        !new RegExp(h.files).test('x.json'),
    );
    // What the hook runs, from a repository root: exit code 1 on errors, 0 on a clean tree.
    assert.strictEqual(lint(path.join(ROOT, 'examples'), ...h.args).status, 1);
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-hook-'));
    try {
      for (const f of ['mysql-statefulset.yaml', 'storage.yaml'])
        fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(clean, f));
      assert.strictEqual(lint(clean, ...h.args).status, 0);
    } finally {
      fs.rmSync(clean, { recursive: true, force: true });
    }
  });
});

describe('pre-commit install, as pre-commit does it (language: node)', function () {
  this.timeout(180_000);
  it('`npm pack` in a clean copy builds the bundles (prepack), prints only the tarball name, and the global install runs the hook', () => {
    const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-precommit-'));
    try {
      // The hook repository as pre-commit clones it: the tracked files (no dist/), with the
      // dependencies its `npm install --dev --prod` step would install.
      const clone = path.join(tmp, 'repo');
      const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
        .split('\0')
        .filter(Boolean);
      for (const f of tracked) {
        if (!fs.existsSync(path.join(ROOT, f))) continue;
        fs.mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, f), path.join(clone, f));
      }
      assert.ok(!fs.existsSync(path.join(clone, 'dist')));
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
      // pre-commit: `_, pkg, _ = cmd_output('npm', 'pack')`, then `npm install -g <pkg.strip()>`.
      const env = { ...process.env, npm_config_prefix: path.join(tmp, 'env'), npm_config_update_notifier: 'false' };
      const pkgName = execFileSync(NPM, ['pack'], {
        cwd: clone,
        encoding: 'utf8',
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
      assert.match(
        pkgName,
        /^kube-stateful-\d+\.\d+\.\d+\.tgz$/,
        `stdout is only the tarball name: ${JSON.stringify(pkgName)}`,
      );
      assert.ok(fs.existsSync(path.join(clone, 'dist', 'cli.js')), 'prepack built the bundles');
      execFileSync(NPM, ['install', '-g', '--offline', '--no-audit', '--no-fund', path.join(clone, pkgName)], {
        cwd: clone,
        env,
        stdio: 'pipe',
      });
      const hook = (loadYaml('.pre-commit-hooks.yaml') as any[])[0];
      const [bin, ...entryArgs] = String(hook.entry).split(/\s+/);
      const installed = path.join(tmp, 'env', 'bin', bin);
      assert.ok(fs.existsSync(installed), `${bin} installed on the hook environment's PATH`);
      // The hook run in a user's repository: errors fail the commit.
      const user = path.join(tmp, 'user');
      fs.cpSync(path.join(ROOT, 'examples'), user, { recursive: true });
      const r = spawnSync(installed, [...entryArgs, ...hook.args], { cwd: user, encoding: 'utf8', timeout: 60_000 });
      assert.strictEqual(r.status, 1, r.stderr);
      assert.match(r.stdout, /^mistakes\.yaml:\d+:\d+: error access-mode-invalid/m);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('README: the copy-paste blocks for CI and editors', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = (lang: string, test: RegExp) => {
    const found = [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))]
      .map((m) => m[1])
      .find((b) => test.test(b));
    assert.ok(found, `a ${lang} block matching ${test}`);
    return found;
  };

  it('leads with the quick start: the first commands are the CLI', () => {
    const firstHeading = /^## (.+)$/m.exec(readme);
    assert.strictEqual(firstHeading?.[1], 'Quick start');
    const first = block('sh', /./);
    assert.match(first, /^npx kube-stateful lint /m);
    const order = ['### In VS Code', '### In CI', '### In other editors'].map((h) => readme.indexOf(h));
    assert.ok(
      order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1])),
      'one section per audience, in order',
    );
  });

  it('the GitHub workflow uses the action with inputs it declares, and uploads the SARIF it writes', () => {
    const wf = parseDocument(block('yaml', /uses: kube-stateful\/kube-stateful@/), { uniqueKeys: true });
    assert.deepStrictEqual(wf.errors, []);
    const job = Object.values((wf.toJS() as any).jobs)[0] as any;
    const step = job.steps.find((s: any) => String(s.uses).startsWith('kube-stateful/kube-stateful@'));
    assert.match(step.uses, /@v\d+\.\d+\.\d+$/, 'pinned to a release tag');
    assert.strictEqual(`v${pkg.version}`, step.uses.split('@')[1], 'the README names the current version');
    const action = loadYaml('action.yml');
    for (const k of Object.keys(step.with)) assert.ok(action.inputs[k], `input ${k} is declared by action.yml`);
    const upload = job.steps.find((s: any) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'));
    assert.strictEqual(upload.with.sarif_file, step.with['sarif-file']);
    assert.strictEqual((wf.toJS() as any).permissions['security-events'], 'write');
  });

  it('the pre-commit block names the hook this repository defines', () => {
    const cfg = parseDocument(block('yaml', /^repos:/m)).toJS() as any;
    const hooks = loadYaml('.pre-commit-hooks.yaml') as any[];
    const used = cfg.repos[0].hooks[0];
    assert.ok(hooks.some((h) => h.id === used.id));
    assert.strictEqual(cfg.repos[0].rev, `v${pkg.version}`);
  });

  it('the editor block starts the server as docs/editors.md does', () => {
    const lua = block('lua', /vim\.lsp\.config/);
    assert.match(lua, /cmd = \{ 'kube-stateful', 'lsp', '--stdio' \}/);
    assert.match(
      fs.readFileSync(path.join(ROOT, 'docs', 'editors.md'), 'utf8'),
      /cmd = \{ 'kube-stateful', 'lsp', '--stdio' \}/,
    );
  });
});
