/**
 * Giving memory back after a large pass. Analysing every file of a big workspace parses each
 * syntax tree again and drops it: V8 grows its heap to a multiple of what is live (4 × at a
 * high allocation rate) and keeps the pages until its memory reducer runs, seconds later.
 * After such a pass (not after ordinary edits) one full collection returns the freed pages at
 * once: the server's RSS becomes what the model retains.
 */
import * as v8 from 'v8';
import * as vm from 'vm';

let collect: (() => void) | undefined | null;

/**
 * A full garbage collection, if the runtime allows one (false otherwise). With `compact`, every
 * page is compacted: long-lived values made during the pass (index entries, symbol names) sit
 * scattered among the freed syntax trees, and without compaction those pages stay committed.
 */
export function collectGarbage(compact = false): boolean {
  if (collect === undefined) {
    collect = null;
    try {
      const g = (globalThis as { gc?: () => void }).gc;
      if (typeof g === 'function') collect = g;
      else {
        // Expose `gc` to a new context only: the server's own global stays as it is.
        v8.setFlagsFromString('--expose-gc');
        const fn = vm.runInNewContext('gc') as unknown;
        if (typeof fn === 'function') collect = fn as () => void;
      }
    } catch {
      collect = null;
    }
  }
  if (!collect) return false;
  if (!compact) {
    collect();
    return true;
  }
  try {
    v8.setFlagsFromString('--compact-on-every-full-gc');
    collect();
  } finally {
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
  return true;
}

/** The V8 heap spaces that hold memory, as `name committed/used` in MiB (for the server log). */
export function heapSpaces(): string {
  return v8
    .getHeapSpaceStatistics()
    .filter((s) => s.space_size >= 2 ** 20)
    .map(
      (s) =>
        `${s.space_name.replace(/_space$/, '')} ${(s.space_size / 2 ** 20).toFixed(0)}/${(s.space_used_size / 2 ** 20).toFixed(0)}`,
    )
    .join(', ');
}

/** Diagnostics for memory work: with KUBE_STATEFUL_HEAP_SNAPSHOT=path, write a heap snapshot there. */
export function writeHeapSnapshotIfAsked(): void {
  const file = process.env.KUBE_STATEFUL_HEAP_SNAPSHOT;
  if (!file) return;
  try {
    v8.writeHeapSnapshot(file);
  } catch {
    // A diagnostic aid only.
  }
}
