import type { DocumentRule } from '../types';
import { looksLikeKubernetes } from './detect';

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
\`{\`, \`[\`, \`%\`, \`@\`, a backtick), and make sure each mapping key is followed by \`: \`.

Like kubectl, only the first error of a document is reported: what follows a syntax error is
usually its consequence. A document with a syntax error gets no other findings, since its
structure is a guess. Where kubectl's parser is more lenient than the YAML specification (a
multi-line quoted scalar or flow collection continued at any indentation), kube-stateful
accepts what kubectl accepts.

A \`---\` line that ends in a lone carriage return (CR, old Mac line endings, or a mix of line
endings) is reported too: kubectl splits a file into documents at lines that end in a line feed,
so it either rejects the file (\`invalid Yaml document separator\`) or, when the line before ends
in a lone CR as well, reads the rest as part of the previous document and applies only the first.
Save the file with LF or CR LF line endings.`,
  bad: 'metadata:\n  name: web\n   labels: {}',
  good: 'metadata:\n  name: web\n  labels: {}',
  checkDocument(doc, ctx) {
    if (doc.templated || !looksLikeKubernetes(doc.text)) return;
    const cr = loneCrMarker(doc.text);
    if (cr !== undefined) {
      ctx.report(
        { doc, start: 0, end: 3 },
        'kubectl does not start a document at this `---`: its line ends in a lone carriage return (CR), and kubectl splits documents only at lines that end in a line feed, so it rejects the file (invalid Yaml document separator) or applies only the first document. Save the file with LF or CR LF line endings.',
      );
      return;
    }
    // One error per document, the first in the text: go-yaml stops there too, and the
    // parser's later errors are mostly the same mistake explained again.
    let first: (typeof doc.errors)[number] | undefined;
    for (const e of doc.errors) {
      if (e.code === 'DUPLICATE_KEY') continue;
      if (!first || e.start < first.start) first = e;
    }
    if (first)
      ctx.report(
        openingQuoteSpan(doc, first.message, first.start) ?? errorSpan(doc.text, first.start, first.end, doc),
        `YAML syntax error: ${first.message.replace(/\s+/g, ' ').trim()}`,
      );
  },
};

/** Whether the document opens with a `---` line that ends in a lone CR (the CR's offset). */
function loneCrMarker(text: string): number | undefined {
  if (!text.startsWith('---')) return undefined;
  const nl = text.indexOf('\n');
  const cr = text.indexOf('\r');
  return cr !== -1 && (nl === -1 || cr < nl) && text.charCodeAt(cr + 1) !== 10 ? cr : undefined;
}

/**
 * A missing closing quote is reported where the parser gave up (often the end of the
 * document); the mistake is the quote that opens the scalar: underline it to the end of its line.
 */
function openingQuoteSpan(doc: import('../../yaml/parse').ParsedDoc, message: string, at: number) {
  const m = /Missing closing (["'])quote/.exec(message);
  if (!m) return undefined;
  const text = doc.text;
  let i = Math.min(at, text.length - 1);
  for (; i >= 0; i--) {
    if (text.charAt(i) !== m[1]) continue;
    if (m[1] === '"' && /(^|[^\\])(\\\\)*\\$/.test(text.slice(Math.max(0, i - 64), i))) continue;
    if (m[1] === "'" && (text.charAt(i - 1) === "'" || text.charAt(i + 1) === "'")) continue;
    if (i === 0 || /[\s[{,:-]/.test(text.charAt(i - 1))) break;
  }
  if (i < 0) return undefined;
  let end = text.indexOf('\n', i);
  if (end === -1) end = text.length;
  while (end > i + 1 && /\s/.test(text.charAt(end - 1))) end--;
  return { doc, start: i, end };
}

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
  // An error on the indentation of a line: underline what the line holds instead.
  if (/[ \t]/.test(text.charAt(start)) && /(^|\n)[ \t]*$/.test(text.slice(Math.max(0, start - 200), start))) {
    let s = start;
    while (s < text.length && /[ \t]/.test(text.charAt(s))) s++;
    let le = text.indexOf('\n', s);
    if (le === -1) le = text.length;
    while (le > s + 1 && /\s/.test(text.charAt(le - 1))) le--;
    if (s < le) return { doc, start: s, end: le };
  }
  const lineEnd = text.indexOf('\n', start);
  let e = end > start ? end : start + 1;
  if (lineEnd !== -1 && e > lineEnd) e = Math.max(start + 1, lineEnd);
  return { doc, start, end: Math.min(e, text.length) };
}
