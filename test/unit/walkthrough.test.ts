/**
 * The getting-started walkthrough as the manifest declares it (package.json
 * contributes.walkthroughs): its steps, their images, the commands their links run and their
 * completion events all exist; the example it opens has exactly the one mistake it teaches.
 * (test/vscode/walkthrough.test.ts runs every step in a real VS Code.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { toLspRange } from '../../server/src/core/convert';
import { Workspace } from '../../server/src/core/model/workspace';
import { EXAMPLE } from '../../client/src/walkthroughExample';
import { ROOT } from '../support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as any;
const contributes = pkg.contributes;
const walkthroughs = contributes.walkthroughs as { id: string; title: string; description: string; steps: any[] }[];
/** VS Code's own commands that steps may use. */
const BUILT_IN = new Set(['workbench.action.openSettings']);
const MEDIA_BUDGET = 800 * 1024;

function commandLinks(description: string): { id: string; args: unknown }[] {
  return [...description.matchAll(/\(command:([\w.]+)(?:\?([^)\s]+))?\)/g)].map((m) => ({
    id: m[1],
    args: m[2] ? JSON.parse(decodeURIComponent(m[2])) : undefined,
  }));
}

function registeredByClient(): Set<string> {
  const dir = path.join(ROOT, 'client', 'src');
  const src = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const ids = new Set<string>();
  for (const m of src.matchAll(/'(kubeStateful\.[A-Za-z]+)'/g)) ids.add(m[1]);
  return ids;
}

describe('walkthrough (contributes.walkthroughs)', () => {
  it('one walkthrough of 4–6 steps covering the tour', () => {
    assert.strictEqual(walkthroughs.length, 1);
    const w = walkthroughs[0];
    assert.ok(w.id && w.title && w.description);
    assert.ok(w.steps.length >= 4 && w.steps.length <= 6, `${w.steps.length} steps`);
    assert.deepStrictEqual(
      w.steps.map((s) => s.id),
      ['openExample', 'hover', 'quickFix', 'storageView', 'snippet', 'settings'],
    );
    for (const s of w.steps) assert.ok(s.title && s.description, `${s.id} has a title and a description`);
  });

  it('every step has a real image, packaged in the .vsix, within the size budget', () => {
    const allowed = fs
      .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1).trim());
    let total = 0;
    for (const s of walkthroughs[0].steps) {
      const img = s.media?.image as string;
      assert.ok(img && s.media.altText, `${s.id}: image and altText`);
      const file = path.join(ROOT, img);
      assert.ok(fs.existsSync(file), `${img} exists`);
      const head = fs.readFileSync(file).subarray(0, 3);
      assert.ok(head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff, `${img} is a JPEG`);
      assert.ok(fs.statSync(file).size > 20 * 1024, `${img} is a screenshot, not a placeholder`);
      assert.ok(allowed.includes(img), `${img} is allowed by .vscodeignore`);
      total += fs.statSync(file).size;
    }
    assert.ok(total <= MEDIA_BUDGET, `walkthrough images take ${total} bytes`);
  });

  it("every step's links run commands that exist, and its completion events name real things", () => {
    const contributed = new Set((contributes.commands as { command: string }[]).map((c) => c.command));
    const registered = registeredByClient();
    const views = new Set(
      Object.values(contributes.views as Record<string, { id: string }[]>)
        .flat()
        .map((v) => v.id),
    );
    const settings = new Set(Object.keys(contributes.configuration.properties));
    for (const s of walkthroughs[0].steps) {
      const links = commandLinks(s.description);
      assert.ok(links.length > 0, `${s.id} has a command link`);
      for (const l of links) {
        const ok =
          BUILT_IN.has(l.id) ||
          (contributed.has(l.id) && registered.has(l.id)) ||
          (l.id.endsWith('.focus') && views.has(l.id.slice(0, -'.focus'.length)));
        assert.ok(ok, `${s.id}: command ${l.id} is contributed and registered, a view's focus command, or VS Code's`);
      }
      for (const e of (s.completionEvents ?? []) as string[]) {
        const [kind, arg] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(contributed.has(arg), e);
        else if (kind === 'onView') assert.ok(views.has(arg), e);
        else if (kind === 'onSettingChanged') assert.ok(settings.has(arg), e);
        else assert.fail(`unexpected completion event ${e}`);
      }
    }
    // The hover and quick-fix steps pass arguments the command understands.
    const args = walkthroughs[0].steps
      .flatMap((s) => commandLinks(s.description))
      .filter((l) => l.id === 'kubeStateful.openExample')
      .map((l) => l.args);
    assert.deepStrictEqual(args, [undefined, { show: 'hover' }, { show: 'fix' }]);
  });

  it('the example has exactly the mistake the quick-fix step teaches, with a fix', () => {
    const ws = new Workspace();
    const uri = 'untitled:Untitled-1';
    ws.setOpenFile(uri, EXAMPLE);
    const analyzer = new Analyzer(ws);
    const findings = analyzer.fileFindings(uri).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepStrictEqual(
      findings.map((f) => f.code),
      ['access-mode-invalid'],
    );
    const r = toLspRange(ws.file(uri)!, findings[0].span);
    assert.strictEqual(EXAMPLE.split('\n')[r.start.line].slice(r.start.character, r.end.character), 'RWO');
    assert.ok(
      findings[0].fix?.some((f) => f.newText === 'ReadWriteOnce'),
      JSON.stringify(findings[0].fix),
    );
    assert.deepStrictEqual(analyzer.failures, []);
  });
});
