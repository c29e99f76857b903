/**
 * The facts of a file that indexing needs, computed without keeping any syntax tree: its
 * document chunks, their syntax problems and the identity of the object each one holds.
 * Pure data (structured-clonable), so that workspace files can be indexed on worker threads
 * and the main thread builds its model from the facts alone (trees are parsed on demand).
 */
import { splitDocuments } from '../yaml/split';
import { isTemplated, parseYaml, problemsOf, SyntaxProblem } from '../yaml/parse';
import { ResourceHead, resourceHeads } from './resource';

export interface ChunkFacts {
  start: number;
  end: number;
  templated: boolean;
  errors: SyntaxProblem[];
  warnings: SyntaxProblem[];
  /** The objects of the chunk (several for a `kind: List`). */
  heads?: ResourceHead[];
}

export function fileFacts(text: string): ChunkFacts[] {
  return splitDocuments(text).map((c) => {
    const chunk = text.slice(c.start, c.end);
    const y = parseYaml(chunk);
    const templated = isTemplated(chunk, y);
    const f: ChunkFacts = { start: c.start, end: c.end, templated, ...problemsOf(y) };
    const heads = templated ? [] : resourceHeads(y);
    if (heads.length) f.heads = heads;
    return f;
  });
}
