/**
 * The facts of a file that indexing needs, computed without keeping any syntax tree: its
 * document chunks, their syntax problems and the identity of the object each one holds.
 * Pure data (structured-clonable), so that workspace files can be indexed on worker threads
 * and the main thread builds its model from the facts alone (trees are parsed on demand).
 */
import { splitDocuments } from '../yaml/split';
import { isTemplated, parseYaml, problemsOf, SyntaxProblem } from '../yaml/parse';
import { ResourceHead, resourceHead } from './resource';

export interface ChunkFacts {
  start: number;
  end: number;
  templated: boolean;
  errors: SyntaxProblem[];
  warnings: SyntaxProblem[];
  head?: ResourceHead;
}

export function fileFacts(text: string): ChunkFacts[] {
  return splitDocuments(text).map((c) => {
    const chunk = text.slice(c.start, c.end);
    const y = parseYaml(chunk);
    const templated = isTemplated(chunk);
    const f: ChunkFacts = { start: c.start, end: c.end, templated, ...problemsOf(y) };
    const head = templated ? undefined : resourceHead(y);
    if (head) f.head = head;
    return f;
  });
}
