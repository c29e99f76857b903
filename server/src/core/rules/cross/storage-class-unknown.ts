import { WORKLOAD_KINDS } from '../../k8s/podspec';
import { closest } from '../../k8s/suggest';
import { volumeFacts } from '../../model/links';
import type { ResourceRule } from '../types';
import { claimClassesOf } from './claims';

export const storageClassUnknown: ResourceRule = {
  code: 'storage-class-unknown',
  severity: 'warning',
  title: 'storageClassName names no known StorageClass',
  source: 'persistent-volumes.md "Class"; storage-classes.md; reference §5.1 (storageClassName semantics)',
  docs: `A claim's \`storageClassName\` (or the legacy \`volume.beta.kubernetes.io/storage-class\` annotation)
names a StorageClass that is neither defined in the workspace nor listed in the
\`kubeStateful.knownStorageClasses\` setting, and no PersistentVolume in the workspace carries that
class. Such a claim stays \`Pending\`: there is no provisioner for it and no volume to bind.
Typical causes are typos and classes of another cloud (\`gp2\` vs \`standard\`).

To avoid false alarms this is only checked when the workspace defines at least one StorageClass or
\`knownStorageClasses\` is set. \`storageClassName: ""\` means "no class" and is not checked.

**Fix:** correct the name, add the StorageClass, or list the cluster's classes in
\`kubeStateful.knownStorageClasses\`.`,
  bad: 'spec:\n  storageClassName: fast-sdd   # StorageClass is fast-ssd',
  good: 'spec:\n  storageClassName: fast-ssd',
  kinds: ['PersistentVolumeClaim', ...WORKLOAD_KINDS],
  check(res, ctx) {
    const claims = claimClassesOf(res).filter((c) => c.className);
    if (!claims.length) return;
    const known = ctx.settings.knownStorageClasses;
    const classes = ctx.q.list('StorageClass');
    if (!classes.length && !known.length) return;
    const names = new Set([...classes.map((c) => c.name ?? ''), ...known].filter(Boolean));
    let pvClasses: Set<string> | undefined;
    for (const c of claims) {
      const name = c.className as string;
      if (names.has(name)) continue;
      // Static provisioning: a PV of that class needs no StorageClass object (e.g. "manual").
      pvClasses ??= new Set(ctx.q.list('PersistentVolume').map((pv) => volumeFacts(pv).storageClassName));
      if (pvClasses.has(name)) continue;
      const sorted = [...names].sort();
      const hint = closest(name, sorted);
      const list = sorted.length <= 8 ? sorted.join(', ') : `${sorted.slice(0, 8).join(', ')}, …`;
      ctx.report(
        c.classNode,
        `StorageClass \`${name}\` (${c.what}${c.viaAnnotation ? ', via the volume.beta.kubernetes.io/storage-class annotation' : ''}) is not defined in the workspace${known.length ? ' nor in kubeStateful.knownStorageClasses' : ''}, and no PersistentVolume has that class: the claim would stay Pending.${hint ? ` Did you mean \`${hint}\`?` : ''} Known classes: ${list}. Fix the name, add the StorageClass, or list it in kubeStateful.knownStorageClasses.`,
        {
          fix: hint ? [{ title: `Change to ${hint}`, newText: hint }] : undefined,
          related: (hint ? classes.filter((s) => s.name === hint) : []).map((s) => ({ span: ctx.span(s, s.at('metadata', 'name')), message: `StorageClass ${s.name}` })),
        },
      );
    }
  },
};
