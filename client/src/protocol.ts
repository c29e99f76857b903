/**
 * The custom LSP messages between this client and the bundled server. Only method names and
 * plain data shapes live here (type-only imports: nothing of the server is bundled into the
 * client).
 */
export type { TreeNode } from '../../server/src/core/tree';
export type { StatefulSetIdentityInfo, ReplicaIdentity } from '../../server/src/core/commands';

/** `() => TreeNode[]`: the storage-relationship tree, grouped by namespace. */
export const REQUEST_TREE = 'kubeStateful/tree';
/** `({ uri? }) => StatefulSetIdentityInfo[]`: StatefulSets of one file, or of the workspace. */
export const REQUEST_IDENTITIES = 'kubeStateful/identities';
/** Server → client after every analysis pass (`{ revision }`). */
export const NOTIFY_MODEL_CHANGED = 'kubeStateful/modelChanged';

/** Settings section read by the server (`kubeStateful.*`). */
export const SETTINGS_SECTION = 'kubeStateful';
