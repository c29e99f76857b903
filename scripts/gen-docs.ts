/**
 * Writes docs/rules/<code>.md for every rule and docs/rules/README.md (the rule list), from
 * the rule modules' metadata. `npm run docs`; a unit test fails when the files are stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isDocumentRule, isFileRule } from '../server/src/core/analyzer';
import { ALL_RULES } from '../server/src/core/rules/all';
import type { Rule } from '../server/src/core/rules/types';

export const DOCS_DIR = path.resolve(__dirname, '..', '..', 'docs', 'rules');

function scope(r: Rule): string {
  if (isFileRule(r)) return 'files';
  if (isDocumentRule(r)) return 'YAML documents that look like Kubernetes objects';
  const kinds = (r as { kinds: readonly string[] | '*' }).kinds;
  return kinds === '*' ? 'every Kubernetes object' : kinds.join(', ');
}

export function rulePage(r: Rule): string {
  const parts = [
    `# \`${r.code}\`: ${r.title}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Default severity | ${r.severity} |`,
    `| Applies to | ${scope(r)} |`,
    `| Source | ${r.source} |`,
    '',
    r.docs.trim(),
    '',
  ];
  if (r.bad) parts.push('## Triggers the rule', '', '```yaml', r.bad.trim(), '```', '');
  if (r.good) parts.push('## Does not', '', '```yaml', r.good.trim(), '```', '');
  parts.push(
    '## Configure',
    '',
    'Change the severity or turn the rule off in the VS Code settings (or the CLI `--settings` file):',
    '',
    '```json',
    `"kubeStateful.rules": { "${r.code}": "off" }`,
    '```',
    '',
  );
  return parts.join('\n');
}

export function indexPage(rules: readonly Rule[]): string {
  const rows = rules.map((r) => `| [\`${r.code}\`](${r.code}.md) | ${r.severity} | ${r.title.replace(/\|/g, '\\|')} |`);
  return [
    '# kube-stateful rules',
    '',
    'Every finding carries one of these codes. Severities are defaults; change them with `kubeStateful.rules`.',
    '',
    '| Code | Severity | What it finds |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function expectedDocs(): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of ALL_RULES) m.set(`${r.code}.md`, rulePage(r));
  m.set('README.md', indexPage(ALL_RULES));
  return m;
}

export const PACKAGE_JSON = path.resolve(__dirname, '..', '..', 'package.json');

/**
 * package.json with `kubeStateful.rules` listing every rule code (title and default severity),
 * so settings.json completes the codes. Other keys are kept as they are.
 */
export function packageWithRuleSchema(text: string): string {
  const pkg = JSON.parse(text);
  const conf = pkg.contributes.configuration;
  const props = (Array.isArray(conf) ? conf[0] : conf).properties;
  const setting = props['kubeStateful.rules'];
  setting.properties = Object.fromEntries(
    ALL_RULES.map((r) => [
      r.code,
      {
        type: 'string',
        enum: ['error', 'warning', 'information', 'hint', 'off'],
        markdownDescription: `${r.title} (default: ${r.severity}).`,
      },
    ]),
  );
  return JSON.stringify(pkg, null, 2) + '\n';
}

if (require.main === module) {
  const pkgText = fs.readFileSync(PACKAGE_JSON, 'utf8');
  const updated = packageWithRuleSchema(pkgText);
  if (updated !== pkgText) fs.writeFileSync(PACKAGE_JSON, updated);
  fs.mkdirSync(DOCS_DIR, { recursive: true });
  const want = expectedDocs();
  for (const f of fs.readdirSync(DOCS_DIR)) if (!want.has(f)) fs.unlinkSync(path.join(DOCS_DIR, f));
  for (const [f, text] of want) fs.writeFileSync(path.join(DOCS_DIR, f), text);
  console.log(`wrote ${want.size} files to ${DOCS_DIR}`);
}
