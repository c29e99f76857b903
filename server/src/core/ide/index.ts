/**
 * The editor-feature façade: hover, definition, completion, code lenses, the tree and the
 * custom commands read the workspace model through this small interface, not through the
 * rule engine (`Analyzer`), so they do not pull in every rule. An `Analyzer` satisfies it
 * (it has `.ws`), and so does `ideOf(workspace)`.
 */
import type { Workspace } from '../model/workspace';

export interface Ide {
  /** The workspace model (files, resources, indexes, settings). */
  readonly ws: Workspace;
}

export function ideOf(ws: Workspace): Ide {
  return { ws };
}

export { hoverAt } from '../hover';
export { definitionAt } from '../navigate';
export { completionsAt } from '../complete';
export { lensesFor } from '../lens';
export { identitiesFor } from '../commands';
export { buildTree } from '../tree';
