/**
 * Quick fixes, data-driven: every fix offered for a finding in a rule's fixture folder is
 * applied to the file text (the replacement of the finding's range, as the server's code
 * action does). Then
 *   - the finding it fixes is gone, and no YAML syntax error appears;
 *   - the changed lines equal the expected ones in `test/fixtures/rules/<code>/fixes.txt`
 *     (reviewed text; `UPDATE_FIXES=1` rewrites those files from the current behaviour).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { toLspRange } from '../../server/src/core/convert';
import { Workspace } from '../../server/src/core/model/workspace';
import { FIXTURES, fileUri, loadFolder } from '../support/fixtures';

const RULES = path.join(FIXTURES, 'rules');
const UPDATE = process.env.UPDATE_FIXES === '1';

interface Applied {
  header: string;
  before: string[];
  after: string[];
}

/** The lines that differ between two texts (common prefix and suffix lines removed). */
function changedLines(a: string, b: string): { before: string[]; after: string[] } {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  return { before: x.slice(i, x.length - j), after: y.slice(i, y.length - j) };
}

function render(applied: Applied[]): string {
  return (
    applied
      .map((a) => [a.header, ...a.before.map((l) => `- ${l}`), ...a.after.map((l) => `+ ${l}`)].join('\n'))
      .join('\n\n') + '\n'
  );
}

describe('quick fixes (applied, per rule fixture folder)', () => {
  const folders = fs.readdirSync(RULES).sort();
  let total = 0;

  for (const code of folders) {
    const dir = path.join(RULES, code);
    const fx = loadFolder(dir);
    const withFixes = fx.files.flatMap((file) => {
      const uri = fileUri(file);
      return fx.analyzer
        .fileFindings(uri)
        .filter((f) => f.code === code && f.fix?.length)
        .map((f) => ({ file, uri, f }));
    });
    if (withFixes.length === 0) continue;

    it(`${code}: every fix removes its finding and gives the expected text`, () => {
      const applied: Applied[] = [];
      for (const { file, uri, f } of withFixes) {
        const r = toLspRange(fx.ws.file(uri)!, f.span);
        const start = f.span.doc.base + f.span.start;
        for (const fix of f.fix!) {
          // A fix edits the finding's span, or another place (`at`), possibly in another file.
          const span = fix.at ?? f.span;
          const targetUri = span.doc.uri;
          const model = fx.ws.file(targetUri)!;
          const text =
            model.text.slice(0, span.doc.base + span.start) + fix.newText + model.text.slice(span.doc.base + span.end);
          // Analyse the fixed file with the rest of the folder as it was.
          const ws = new Workspace();
          ws.setSettings(fx.ws.settings);
          for (const other of fx.files)
            if (fileUri(other) !== targetUri) ws.setDiskFile(fileUri(other), fs.readFileSync(other, 'utf8'));
          ws.setOpenFile(targetUri, text);
          const analyzer = new Analyzer(ws);
          const after = analyzer.fileFindings(uri);
          const at = `${path.basename(file)}:${r.start.line + 1}:${r.start.character + 1}`;
          const still = after.filter(
            (g) =>
              g.code === code &&
              g.span.doc.base + g.span.start === start &&
              g.message === f.message &&
              targetUri === uri,
          );
          assert.deepStrictEqual(
            still.map((g) => g.message),
            [],
            `${at} "${fix.title}" leaves its finding`,
          );
          const yamlErrors = (l: typeof after) =>
            l.filter((g) => g.code.startsWith('yaml-') && g.severity === 'error').map((g) => `${g.code}: ${g.message}`);
          const added = yamlErrors(analyzer.fileFindings(targetUri)).filter(
            (m) => !yamlErrors(fx.analyzer.fileFindings(targetUri)).includes(m),
          );
          assert.deepStrictEqual(added, [], `${at} "${fix.title}" breaks the YAML`);
          applied.push({ header: `## ${at} ${fix.title}`, ...changedLines(model.text, text) });
          total++;
        }
      }
      const expectedFile = path.join(dir, 'fixes.txt');
      const actual = render(applied);
      if (UPDATE || !fs.existsSync(expectedFile)) {
        if (!UPDATE)
          assert.fail(`${path.relative(FIXTURES, expectedFile)} is missing: run with UPDATE_FIXES=1 and review it`);
        fs.writeFileSync(expectedFile, actual);
      }
      assert.strictEqual(actual, fs.readFileSync(expectedFile, 'utf8'));
    });
  }

  after(() => {
    if (folders.length && total === 0) throw new Error('no quick fix was applied at all');
  });
});
