/**
 * Hover snapshot tests: every folder test/fixtures/hover/<case>/ is one workspace; each
 * `# ^ hover <name>` marker asks for the hover at the caret, and all hovers of a file are
 * compared with `<file>.hover.md` beside it. `UPDATE_SNAPSHOTS=1` rewrites the snapshots;
 * a missing snapshot fails.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { hoverAt } from '../../server/src/core/hover';
import { collapse, shownRange } from '../../server/src/core/hover/md';
import { fileUri, FIXTURES, HoverMark, LoadedFixture, loadFolder, parseMarkers } from '../support/fixtures';

const HOVER_DIR = path.join(FIXTURES, 'hover');
const UPDATE = !!process.env.UPDATE_SNAPSHOTS;

/** Every hover of a file, in marker order, each under a header naming its position and span. */
function renderHovers(fx: LoadedFixture, abs: string, marks: HoverMark[]): string {
  const uri = fileUri(abs);
  const file = fx.ws.file(uri);
  assert.ok(file, `not loaded: ${abs}`);
  const parts = [`<!-- Hovers of ${path.basename(abs)}; regenerate with UPDATE_SNAPSHOTS=1. -->`];
  for (const m of marks) {
    const offset = file.lines.offsetAt({ line: m.line, character: m.col });
    const h = hoverAt(fx.analyzer, uri, offset);
    const where = `line ${m.line + 1}, column ${m.col + 1}`;
    if (!h) {
      parts.push(`## ${m.name} (${where})\n\n_(no hover)_`);
      continue;
    }
    const spanText = h.span.doc.text.slice(h.span.start, h.span.end);
    parts.push(`## ${m.name} (${where}) on \`${spanText}\`\n\n${h.markdown}`);
  }
  return parts.join('\n\n---\n\n') + '\n';
}

function snapshotPath(abs: string): string {
  return abs.replace(/\.ya?ml$/, '.hover.md');
}

describe('hover (snapshots)', () => {
  const folders = fs.existsSync(HOVER_DIR) ? fs.readdirSync(HOVER_DIR).sort() : [];
  for (const name of folders) {
    const dir = path.join(HOVER_DIR, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    describe(name, () => {
      const fx = loadFolder(dir);
      for (const file of fx.files) {
        const { hovers } = parseMarkers(file, fs.readFileSync(file, 'utf8'));
        if (hovers.length === 0) continue;
        it(path.basename(file), () => {
          const actual = renderHovers(fx, file, hovers);
          const snap = snapshotPath(file);
          if (UPDATE) fs.writeFileSync(snap, actual);
          assert.ok(
            fs.existsSync(snap),
            `no snapshot ${path.relative(HOVER_DIR, snap)}: run with UPDATE_SNAPSHOTS=1 and read it`,
          );
          assert.strictEqual(
            actual,
            fs.readFileSync(snap, 'utf8'),
            `hover snapshot differs: ${path.relative(HOVER_DIR, snap)}`,
          );
        });
      }
    });
  }

  it('every hover fixture folder has hover markers', () => {
    const empty = folders.filter((name) => {
      const dir = path.join(HOVER_DIR, name);
      if (!fs.statSync(dir).isDirectory()) return false;
      return !fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .some((f) => parseMarkers(f, fs.readFileSync(path.join(dir, f), 'utf8')).hovers.length > 0);
    });
    assert.deepStrictEqual(empty, []);
  });

  it('answers (or stays silent) at every offset of every fixture without throwing', () => {
    for (const name of folders) {
      const dir = path.join(HOVER_DIR, name);
      if (!fs.statSync(dir).isDirectory()) continue;
      const fx = loadFolder(dir);
      for (const file of fx.files) {
        const uri = fileUri(file);
        const len = fs.readFileSync(file, 'utf8').length;
        for (let o = 0; o <= len; o++) {
          const h = hoverAt(fx.analyzer, uri, o);
          if (h) assert.ok(h.span.start <= h.span.end && h.markdown.length > 0);
        }
      }
    }
  });

  it('collapses long lists to the first three and last two rows, also from a head-and-tail list', () => {
    const show = (c: ReturnType<typeof collapse<number>>) =>
      c.map((x) => ('row' in x ? String(x.row) : `…${x.skipped}`)).join(' ');
    assert.strictEqual(show(collapse([0, 1, 2, 3, 4, 5])), '0 1 2 3 4 5');
    assert.strictEqual(show(collapse([0, 1, 2, 3, 4, 5, 6])), '0 1 2 …2 5 6');
    assert.strictEqual(show(collapse(shownRange(0, 1000), 1000)), '0 1 2 …995 998 999');
    assert.strictEqual(show(collapse([5, 6, 7, 8, 100, 101, 102, 103], 2147483647)), '5 6 7 …2147483642 102 103');
    assert.deepStrictEqual(shownRange(5, 3), [5, 6, 7]);
  });

  it('is silent on non-Kubernetes YAML and outside any file', () => {
    const fx = loadFolder(path.join(HOVER_DIR, 'nginx-web'));
    const uri = 'file:///tmp/compose.yaml';
    const text = 'services:\n  web:\n    image: nginx\n    volumes:\n      - name: data\n';
    fx.ws.setOpenFile(uri, text);
    for (let o = 0; o <= text.length; o++) assert.strictEqual(hoverAt(fx.analyzer, uri, o), undefined);
    assert.strictEqual(hoverAt(fx.analyzer, 'file:///nowhere.yaml', 0), undefined);
  });
});
