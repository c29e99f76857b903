/**
 * Fixture support: YAML files with expected results written inside them as comments.
 *
 *     serviceName: nginx
 *   #              ^^^^^ warning sts-service-missing
 *
 * A marker line is a comment whose carets sit under the columns of the nearest line above
 * that is not a marker: the expected range starts at the first caret; for a single-line
 * range it ends after the last (`#^^^` at column 0 counts the `#` as column 0).
 * `# ^ hover` marks a hover position the same way.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import { normalizeSettings } from '../../server/src/core/settings';
import { toLspRange } from '../../server/src/core/convert';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export interface Expected {
  file: string;
  line: number;
  startCol: number;
  endCol: number;
  severity: string;
  code: string;
}

export interface HoverMark {
  file: string;
  line: number;
  col: number;
  name: string;
}

const MARKER = /^(\s*)#(\s*)(\^+)\s+(error|warning|information|hint)\s+([a-z0-9-]+)\s*$/;
const HOVER = /^(\s*)#(\s*)(\^)\s+hover\b\s*(.*)$/;

export function parseMarkers(file: string, text: string): { expected: Expected[]; hovers: HoverMark[] } {
  const lines = text.split('\n');
  const expected: Expected[] = [];
  const hovers: HoverMark[] = [];
  let target = -1;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const m = MARKER.exec(line);
    const h = HOVER.exec(line);
    if (m) {
      // `#^^^` at column 0: the `#` stands for column 0 too.
      const atZero = line.startsWith('#^');
      const col = atZero ? 0 : line.indexOf('^');
      const len = m[3].length + (atZero ? 1 : 0);
      expected.push({ file, line: target, startCol: col, endCol: col + len, severity: m[4], code: m[5] });
    } else if (h) {
      hovers.push({ file, line: target, col: line.indexOf('^'), name: h[4].trim() || `L${target + 1}` });
    } else {
      target = i;
    }
  });
  return { expected, hovers };
}

export function fileUri(abs: string): string {
  return 'file://' + abs.split(path.sep).join('/');
}

export interface LoadedFixture {
  ws: Workspace;
  analyzer: Analyzer;
  files: string[];
}

/**
 * The YAML files of a fixture folder, sorted: its own, then those of its subfolders (a
 * kustomize layout: `base/`, `overlays/<name>/`), with `Kustomization` files (no extension).
 */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const entries = fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries)
    if (e.isFile() && (/\.ya?ml$/.test(e.name) || e.name === 'Kustomization')) out.push(path.join(dir, e.name));
  for (const e of entries) if (e.isDirectory()) out.push(...yamlFiles(path.join(dir, e.name)));
  return out;
}

/** Load every YAML file of a folder into one workspace (settings from settings.json). */
export function loadFolder(dir: string): LoadedFixture {
  const ws = new Workspace();
  const settingsFile = path.join(dir, 'settings.json');
  if (fs.existsSync(settingsFile)) ws.setSettings(normalizeSettings(JSON.parse(fs.readFileSync(settingsFile, 'utf8'))));
  const files = yamlFiles(dir);
  for (const f of files) ws.setDiskFile(fileUri(f), fs.readFileSync(f, 'utf8'));
  return { ws, analyzer: new Analyzer(ws), files };
}

export interface Actual extends Expected {
  message: string;
}

export function actualFindings(fx: LoadedFixture, abs: string): Actual[] {
  const uri = fileUri(abs);
  const file = fx.ws.file(uri);
  if (!file) return [];
  return fx.analyzer.fileFindings(uri).map((f) => {
    const r = toLspRange(file, f.span);
    return {
      file: abs,
      line: r.start.line,
      startCol: r.start.character,
      endCol: r.end.line === r.start.line ? r.end.character : -1,
      severity: f.severity,
      code: f.code,
      message: f.message,
    };
  });
}

export function describeFinding(f: Expected | Actual): string {
  const msg = 'message' in f ? ` — ${f.message}` : '';
  return `${path.basename(f.file)}:${f.line + 1}:${f.startCol + 1}${f.endCol >= 0 ? `-${f.endCol + 1}` : ''} ${f.severity} ${f.code}${msg}`;
}
