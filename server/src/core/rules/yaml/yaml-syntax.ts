import type { DocumentRule } from '../types';
import { looksLikeKubernetes } from './detect';
import { LineIndex } from '../../positions';

const MAX_PER_DOC = 20;

export const yamlSyntax: DocumentRule = {
  code: 'yaml-syntax',
  severity: 'error',
  title: 'YAML syntax error',
  source: 'YAML 1.2 spec; kubectl decodes manifests with sigs.k8s.io/yaml (go-yaml)',
  docs: `The document is not valid YAML, so \`kubectl apply\` fails before anything reaches the API server
(\`error converting YAML to JSON\`). The range is the place the parser stopped.

Reported only for documents that look like Kubernetes objects (a top-level \`apiVersion:\` or \`kind:\`
line) and contain no Go/Helm template syntax; other YAML files are left to a general YAML extension.

**Fix:** correct the indentation, quote values that start with a special character (\`*\`, \`&\`, \`!\`,
\`{\`, \`[\`, \`%\`, \`@\`, a backtick), and make sure each mapping key is followed by \`: \`.`,
  bad: 'metadata:\n  name: web\n   labels: {}',
  good: 'metadata:\n  name: web\n  labels: {}',
  checkDocument(doc, ctx) {
    if (doc.templated || !looksLikeKubernetes(doc.text)) return;
    let n = 0;
    const lines = new Set<number>();
    // Built once: counting lines per error was quadratic in a long text with many errors.
    let index: LineIndex | undefined;
    for (const e of doc.errors) {
      if (e.code === 'DUPLICATE_KEY') continue;
      // One error per line: the parser often explains one mistake twice.
      index ??= new LineIndex(doc.text);
      const line = index.positionAt(e.start).line;
      if (lines.has(line)) continue;
      lines.add(line);
      if (++n > MAX_PER_DOC) break;
      ctx.report(errorSpan(doc.text, e.start, e.end, doc), `YAML syntax error: ${e.message.replace(/\s+/g, ' ').trim()}`);
    }
  },
};

/**
 * A visible range for a parser error. Errors found at the end of the text (a missing
 * closing quote or bracket) are moved onto the last non-blank line.
 */
function errorSpan(text: string, start: number, end: number, doc: import('../../yaml/parse').ParsedDoc) {
  let last = text.length;
  while (last > 0 && /\s/.test(text.charAt(last - 1))) last--;
  if (start >= last) {
    const lineStart = text.lastIndexOf('\n', last - 1) + 1;
    let s = lineStart;
    while (s < last && /[ \t]/.test(text.charAt(s))) s++;
    return { doc, start: s, end: Math.max(last, s + 1) };
  }
  const lineEnd = text.indexOf('\n', start);
  let e = end > start ? end : start + 1;
  if (lineEnd !== -1 && e > lineEnd) e = Math.max(start + 1, lineEnd);
  return { doc, start, end: Math.min(e, text.length) };
}
