import type { DocumentRule } from '../types';
import { looksLikeKubernetes } from './detect';

export const yamlDuplicateKey: DocumentRule = {
  code: 'yaml-duplicate-key',
  severity: 'error',
  title: 'Duplicate mapping key',
  source: 'YAML 1.2 §3.2.1.1 (keys are unique); go-yaml: `mapping key "x" already defined`',
  docs: `A mapping has the same key twice. kubectl rejects the manifest
(\`yaml: unmarshal errors: mapping key "x" already defined\`); tools that accept it keep only one of
the values, so what you see is not what is applied.

**Fix:** merge the two entries or delete one.`,
  bad: 'spec:\n  replicas: 3\n  replicas: 1',
  good: 'spec:\n  replicas: 3',
  checkDocument(doc, ctx) {
    // A syntax error comes first: the rest of a broken document is a guess.
    if (doc.templated || doc.broken || !looksLikeKubernetes(doc.text)) return;
    for (const e of doc.errors) {
      if (e.code !== 'DUPLICATE_KEY') continue;
      const lineEnd = doc.text.indexOf('\n', e.start);
      const rest = doc.text.slice(e.start, lineEnd === -1 ? undefined : lineEnd);
      const m = /^("[^"]*"|'[^']*'|[^:#]*?)\s*:/.exec(rest);
      const key = m ? m[1] : '';
      ctx.report(
        {
          doc,
          start: Math.min(e.start, doc.text.length),
          end: Math.min(doc.text.length, e.start + Math.max(1, key.length)),
        },
        `Duplicate key${key ? ` \`${key}\`` : ''}: kubectl rejects a mapping with the same key twice. Keep one entry.`,
      );
    }
  },
};
