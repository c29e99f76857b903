/**
 * Release and CI plumbing: the GitHub workflows are valid YAML, run on the right events, and
 * every npm script, file and secret they name exists or is guarded; the changelog tooling the
 * `npm version` flow relies on (docs/RELEASING.md) works.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { ROOT } from '../support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as any;

function loadYaml(rel: string): any {
  const doc = parseDocument(fs.readFileSync(path.join(ROOT, rel), 'utf8'), { uniqueKeys: true });
  assert.deepStrictEqual(
    doc.errors.map((e) => e.message),
    [],
    `${rel} is valid YAML`,
  );
  return doc.toJS();
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

function steps(workflow: any): Step[] {
  const out: Step[] = [];
  for (const job of Object.values(workflow.jobs ?? {}) as any[]) {
    assert.ok(job['runs-on'], 'every job says where it runs');
    assert.ok(Array.isArray(job.steps) && job.steps.length > 0, 'every job has steps');
    out.push(...job.steps);
  }
  return out;
}

/** What the shell commands of a workflow or action refer to: npm scripts and repository files. */
export function references(run: string): { scripts: string[]; files: string[] } {
  const scripts: string[] = [];
  const files: string[] = [];
  for (const line of run.split('\n')) {
    for (const m of line.matchAll(/\bnpm (?:run|run-script) ([\w:.-]+)/g)) scripts.push(m[1]);
    for (const m of line.matchAll(/\bnpm (test|start)\b/g)) scripts.push(m[1]);
    for (const m of line.matchAll(/\b(?:node|bash|sh)\s+"?((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)+)"?/g)) files.push(m[1]);
  }
  return { scripts, files };
}

function checkReferences(where: string, run: string): void {
  const { scripts, files } = references(run);
  for (const s of scripts) assert.ok(pkg.scripts?.[s], `${where}: npm script "${s}" exists`);
  for (const f of files) assert.ok(fs.existsSync(path.join(ROOT, f)), `${where}: file ${f} exists`);
}

/** Every secret a workflow reads reaches steps only through env, and those steps are skipped without it. */
function checkSecretsGuarded(workflow: any, all: Step[], allowed: string[]): void {
  const text = JSON.stringify(workflow);
  const used = [...text.matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]);
  for (const s of used) assert.ok(allowed.includes(s), `unexpected secret ${s}`);
  const envFromSecret = new Map<string, string>();
  for (const job of Object.values(workflow.jobs) as any[]) {
    for (const [k, v] of Object.entries(job.env ?? {})) {
      const m = /secrets\.([A-Z_]+)/.exec(String(v));
      if (m) envFromSecret.set(k, m[1]);
    }
  }
  for (const [envName, secret] of envFromSecret) {
    const usersOf = all.filter((s) => (s.run ?? '').includes(envName) || /vsce publish|npm publish/.test(s.run ?? ''));
    assert.ok(usersOf.length > 0, `${secret} is used by a step`);
  }
  for (const step of all) {
    for (const v of Object.values(step.env ?? {}))
      assert.doesNotMatch(String(v), /secrets\./, `step "${step.name}": secrets go through job env and an if: guard`);
  }
}

describe('release and CI workflows', () => {
  it('ci.yml is valid and runs what .ci/run runs', () => {
    const wf = loadYaml('.github/workflows/ci.yml');
    assert.ok(wf.on?.push && 'pull_request' in wf.on, 'runs on pushes and pull requests');
    const all = steps(wf);
    assert.ok(
      all.some((s) => s.uses?.startsWith('actions/checkout@')),
      'checks out the repository',
    );
    const runs = all.map((s) => s.run ?? '').join('\n');
    assert.match(runs, /(^|\s)(bash )?\.ci\/run(\s|$)/m, 'runs .ci/run itself, so the two cannot drift apart');
    // In a container job git refuses a checkout owned by another user, and the suite runs git.
    const usesGit = fs
      .readdirSync(path.join(ROOT, 'test', 'unit'))
      .some((f) =>
        /execFileSync\('git'|spawnSync\('git'/.test(fs.readFileSync(path.join(ROOT, 'test', 'unit', f), 'utf8')),
      );
    for (const job of Object.values(wf.jobs) as any[]) {
      if (!job.container || !usesGit) continue;
      const ci = job.steps.findIndex((s: Step) => /\.ci\/run/.test(s.run ?? ''));
      const safe = job.steps.findIndex((s: Step) => /git config --global --add safe\.directory/.test(s.run ?? ''));
      assert.ok(safe >= 0 && safe < ci, 'a container job marks the checkout as a safe git directory before the tests');
    }
    checkReferences('ci.yml', runs);
    // And .ci/run runs the README's test command on a clean install.
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    assert.match(ci, /^npm ci\b/m);
    assert.match(ci, /^npm test\b/m);
    checkReferences('.ci/run', ci);
  });

  it('release.yml is valid: on a version tag, vsce package, GitHub release, guarded publishing', () => {
    const wf = loadYaml('.github/workflows/release.yml');
    const tags: string[] = wf.on?.push?.tags ?? [];
    assert.ok(tags.length > 0 && tags.every((t) => t.startsWith('v')), 'runs on v* tags');
    assert.strictEqual(wf.on?.push?.branches, undefined, 'not on branch pushes');
    assert.strictEqual(wf.permissions?.contents, 'write', 'may create the release');
    const all = steps(wf);
    const runs = all.map((s) => s.run ?? '').join('\n');
    checkReferences('release.yml', runs);
    assert.match(pkg.scripts.package, /package-vsix\.mjs/);
    assert.match(
      fs.readFileSync(path.join(ROOT, 'scripts', 'package-vsix.mjs'), 'utf8'),
      /'package'/,
      'npm run package runs vsce package',
    );
    const order = (re: RegExp) => all.findIndex((s) => re.test(s.run ?? ''));
    const pack = order(/npm run package/);
    const release = order(/gh release create .*\.vsix/);
    assert.ok(pack >= 0 && release > pack, 'packages the .vsix, then attaches it to a GitHub release');
    const publish = (re: RegExp, env: string) => {
      const s = all[order(re)];
      assert.ok(s, `a step matching ${re}`);
      assert.ok(all.indexOf(s) > release, `${re} runs after the GitHub release`);
      assert.match(s.if ?? '', new RegExp(`env\\.${env} != ''`), `${s.name}: skipped when ${env} is empty`);
    };
    publish(/vsce publish/, 'VSCE_PAT');
    publish(/ovsx(@\S+)? publish/, 'OVSX_PAT');
    publish(/npm publish/, 'NODE_AUTH_TOKEN');
    checkSecretsGuarded(wf, all, ['VSCE_PAT', 'OVSX_PAT', 'NPM_TOKEN']);
  });

  it('the reference checker is not vacuous', () => {
    assert.deepStrictEqual(references('npm run package && node scripts/x.mjs\nbash .ci/run\nnpm test'), {
      scripts: ['package', 'test'],
      files: ['scripts/x.mjs', '.ci/run'],
    });
    assert.throws(() => checkReferences('t', 'npm run no-such-script'), /no-such-script/);
    assert.throws(() => checkReferences('t', 'node scripts/no-such-file.mjs'), /no-such-file/);
  });
});

describe('changelog and the npm version flow', () => {
  const notes = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'release-notes.mjs'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-rel-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (changelog: string, version: string) => {
    fs.writeFileSync(path.join(tmp, 'CHANGELOG.md'), changelog);
    fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ version }));
    return {
      KUBE_STATEFUL_CHANGELOG: path.join(tmp, 'CHANGELOG.md'),
      KUBE_STATEFUL_PACKAGE_JSON: path.join(tmp, 'package.json'),
    };
  };
  const CHANGELOG =
    '# Changelog\n\n## [1.1.0] - 2026-12-01\n\n### Fixed\n- b\n\n## [1.0.0] - 2026-11-01\n\n### Added\n- a\n\n[1.1.0]: https://example.com/v1.1.0\n';

  it('prints one version section for the GitHub release', () => {
    const env = write(CHANGELOG, '1.1.0');
    const r = notes(['v1.1.0'], env);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, '### Fixed\n- b\n');
    assert.strictEqual(notes(['1.0.0'], env).stdout, '### Added\n- a\n');
    const missing = notes(['2.0.0'], env);
    assert.strictEqual(missing.status, 1);
    assert.match(missing.stderr, /no notes for 2\.0\.0/);
  });

  it('the `version` script stops `npm version` without a dated changelog section', () => {
    assert.strictEqual(pkg.scripts.version, 'node scripts/release-notes.mjs --check');
    assert.strictEqual(notes(['--check'], write(CHANGELOG, '1.1.0')).status, 0);
    const undated = notes(
      ['--check'],
      write(CHANGELOG.replace('[1.1.0] - 2026-12-01', '[1.1.0] - Unreleased'), '1.1.0'),
    );
    assert.strictEqual(undated.status, 1);
    assert.match(undated.stderr, /no release date/);
    assert.strictEqual(notes(['--check'], write(CHANGELOG, '1.2.0')).status, 1);
  });

  it('the real CHANGELOG.md has a section for the current version, and RELEASING.md documents the flow', () => {
    const r = notes([pkg.version]);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(r.stdout.trim().length > 0);
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'RELEASING.md'), 'utf8');
    for (const s of ['npm version', 'git push --follow-tags', 'VSCE_PAT', 'OVSX_PAT', 'CHANGELOG.md'])
      assert.ok(doc.includes(s), `RELEASING.md mentions ${s}`);
  });
});
