/**
 * The custom LSP messages between the VS Code client and the server: method names and the
 * plain data shapes they carry. The one definition, used by both sides (the client imports
 * types only from here, so nothing of the analysis is bundled into it).
 */
export type { TreeNode } from './core/tree';
export type { StatefulSetIdentityInfo, ReplicaIdentity } from './core/commands';

/** `() => TreeNode[]`: the storage-relationship tree, grouped by namespace. */
export const REQUEST_TREE = 'kubeStateful/tree';
/** `({ uri? }) => StatefulSetIdentityInfo[]`: StatefulSets of one file, or of the workspace. */
export const REQUEST_IDENTITIES = 'kubeStateful/identities';
/** Server → client after every analysis pass (`{ revision }`). */
export const NOTIFY_MODEL_CHANGED = 'kubeStateful/modelChanged';

/** Payload of {@link REQUEST_IDENTITIES}. */
export interface IdentitiesParams {
  uri?: string;
}
/** Payload of {@link NOTIFY_MODEL_CHANGED}. */
export interface ModelChangedParams {
  revision: number;
}

/** Settings section read by the server (`kubeStateful.*`). */
export const SETTINGS_SECTION = 'kubeStateful';
