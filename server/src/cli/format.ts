/** Output formats for `kube-stateful lint`: text, json, SARIF 2.1.0, GitHub workflow commands. */
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Analyzer } from '../core/analyzer';
import { toLspRange } from '../core/convert';
import { docsUrl } from '../core/docs';
import type { Finding } from '../core/findings';
import { ALL_RULES } from '../core/rules/all';
import { uriToPath } from '../host/scan';

export type Format = 'text' | 'json' | 'sarif' | 'github';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github'];

/** Escapes the message of a GitHub workflow command (`::error …::<message>`). */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a GitHub workflow command (`file=<value>,…`). */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One GitHub Actions annotation per finding: errors, warnings, and notices for the rest. */
function githubLines(rs: Row[]): string[] {
  const command = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'notice');
  return rs.map((r) => {
    const props = [
      ['file', r.file.split(path.sep).join('/')],
      ['line', String(r.line)],
      ['col', String(r.column)],
      ['endLine', String(r.endLine)],
      ['endColumn', String(r.endColumn)],
      ['title', r.code],
    ]
      .map(([k, v]) => `${k}=${escapeGithubProperty(v)}`)
      .join(',');
    return `::${command(r.severity)} ${props}::${escapeGithubData(r.message)}`;
  });
}

/**
 * A SARIF artifact URI: a relative reference with each path segment percent-encoded (a file
 * named `x%y.yaml` or `a:b.yaml` must not read as an escape or a scheme), resolved by code
 * scanning against the repository root; a `file:` URI for a file outside the working folder.
 */
export function sarifUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).map(encodeURIComponent).join('/');
}

interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

function rows(analyzer: Analyzer, cwd: string): Row[] {
  const out: Row[] = [];
  const files = [...analyzer.ws.files()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  for (const file of files) {
    const abs = uriToPath(file.uri) ?? file.uri;
    const rel = path.relative(cwd, abs) || abs;
    for (const f of analyzer.fileFindings(file.uri) as Finding[]) {
      const r = toLspRange(file, f.span);
      out.push({
        file: rel.startsWith('..') ? abs : rel,
        line: r.start.line + 1,
        column: r.start.character + 1,
        endLine: r.end.line + 1,
        endColumn: r.end.character + 1,
        severity: f.severity,
        code: f.code,
        message: f.message,
      });
    }
  }
  return out;
}

export function formatFindings(analyzer: Analyzer, format: Format, cwd: string): { text: string; errors: number } {
  const rs = rows(analyzer, cwd);
  const errors = rs.filter((r) => r.severity === 'error').length;
  if (format === 'json') return { text: JSON.stringify(rs, null, 2), errors };
  if (format === 'github') return { text: githubLines(rs).join('\n'), errors };
  if (format === 'sarif') {
    const used = new Set(rs.map((r) => r.code));
    const rules = ALL_RULES.filter((r) => used.has(r.code));
    const level = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
    const sarif = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'kube-stateful',
              informationUri: 'https://github.com/kube-stateful/kube-stateful',
              rules: rules.map((r) => ({
                id: r.code,
                shortDescription: { text: r.title },
                helpUri: docsUrl(r.code),
                defaultConfiguration: { level: level(r.severity) },
              })),
            },
          },
          // Columns are counted as LSP counts them (UTF-16 code units), which SARIF lets a run say.
          columnKind: 'utf16CodeUnits',
          results: rs.map((r) => ({
            ruleId: r.code,
            level: level(r.severity),
            message: { text: r.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: sarifUri(r.file) },
                  region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
                },
              },
            ],
          })),
        },
      ],
    };
    return { text: JSON.stringify(sarif, null, 2), errors };
  }
  const lines = rs.map((r) => `${r.file}:${r.line}:${r.column}: ${r.severity} ${r.code}: ${r.message}`);
  const plural: Record<string, string> = {
    error: 'errors',
    warning: 'warnings',
    information: 'information',
    hint: 'hints',
  };
  const counts = ['error', 'warning', 'information', 'hint'].map((s) => {
    const n = rs.filter((r) => r.severity === s).length;
    return `${n} ${n === 1 ? s : plural[s]}`;
  });
  lines.push(
    `${rs.length === 0 ? 'No problems found' : 'Found ' + counts.join(', ')} in ${[...analyzer.ws.files()].length} file(s).`,
  );
  return { text: lines.join('\n'), errors };
}
