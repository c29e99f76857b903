import { WORKLOAD_KINDS } from '../../k8s/podspec';
import { defaultClasses } from '../../model/storage-class';
import { volumeFacts } from '../../model/binding';
import type { ResourceRule } from '../types';
import { claimsOf } from '../../model/claims';
import { claimLabel, replaceFix } from '../support';

export const pvcEmptyClassWithDefault: ResourceRule = {
  code: 'pvc-empty-class-with-default',
  severity: 'information',
  title: 'storageClassName "" opts out of the default StorageClass',
  source:
    'persistent-volumes.md "Class" (an empty class is never defaulted); DefaultStorageClass admission; reference §5.1, Example F',
  docs: `\`storageClassName: ""\` does not mean "use the default": it explicitly requests a volume **without**
a class. The default StorageClass (marked \`is-default-class: "true"\`) is not applied and nothing is
provisioned dynamically; the claim can only bind to a pre-created PersistentVolume that has no class.
That is right for static provisioning, but often the empty string was meant as "whatever the
default is".

This is not reported for claims that pick their volume (\`volumeName\` or \`selector\`), nor when the
workspace holds class-less PersistentVolumes.

**Fix:** leave \`storageClassName\` out to get the default class, or name a class explicitly.`,
  bad: 'spec:\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}',
  good: 'spec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}',
  kinds: ['PersistentVolumeClaim', ...WORKLOAD_KINDS],
  check(res, ctx) {
    const claims = claimsOf(res).filter((c) => c.className === '' && !c.volumeName && !c.hasSelector);
    if (!claims.length) return;
    const defs = [...new Set(defaultClasses(ctx.q).map((d) => d.name ?? ''))].filter(Boolean).sort();
    if (!defs.length) return;
    if (ctx.q.list('PersistentVolume').some((pv) => volumeFacts(pv).storageClassName === '')) return;
    const def = defs[0];
    for (const c of claims) {
      ctx.report(
        c.classNode,
        `storageClassName "" requests a volume with no class, so the default StorageClass \`${def}\` is not applied and nothing is provisioned: ${claimLabel(c)} can only bind to a pre-created PersistentVolume without a class. Leave storageClassName out to use the default class, or name a class.`,
        {
          fix: defs.map((d) => replaceFix(c.classNode, d, `Use StorageClass ${d}`)),
          related: defaultClasses(ctx.q).map((d) => ({
            span: ctx.span(d, d.at('metadata', 'name')),
            message: `default StorageClass ${d.name}`,
          })),
        },
      );
    }
  },
};
