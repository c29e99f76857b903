import type { Analyzer } from '../analyzer';
import type { Range } from '../positions';

/** A node of the storage-relationship tree; plain data sent to the client as is. */
export interface TreeNode {
  /** Stable id (survives refreshes while the node's identity does). */
  id: string;
  label: string;
  description?: string;
  /** Markdown tooltip. */
  tooltip?: string;
  /** Codicon id, e.g. `database`, `server`, `warning`. */
  icon?: string;
  /** Something is unresolved or wrong here (shown with a warning icon). */
  problem?: string;
  /** Where clicking takes the user. */
  location?: { uri: string; range: Range };
  /** Context value for menus, e.g. `pod`, `pvc`, `statefulset`. */
  kind?: string;
  /** Text the copy commands use (pod FQDN, PVC name, DNS check command). */
  copy?: { podDns?: string; pvcName?: string; dnsCheck?: string };
  children?: TreeNode[];
}

/** The storage-relationship tree grouped by namespace. (Filled in by the tree module.) */
export function buildTree(analyzer: Analyzer): TreeNode[] {
  void analyzer;
  return [];
}
