import type { ResourceRule } from '../types';
import { fixTo, stringField } from '../support';

export const pvReclaimRecycle: ResourceRule = {
  code: 'pv-reclaim-recycle',
  severity: 'warning',
  title: 'The Recycle reclaim policy is deprecated',
  source:
    'pkg/api/persistentvolume/util.go GetWarningsForPersistentVolume; persistent-volumes.md "Recycle" (reference §5.2 V-3)',
  docs: `\`persistentVolumeReclaimPolicy: Recycle\` scrubs a released volume with \`rm -rf /thevolume/*\` and
offers it to the next claim. It is deprecated, works only for NFS and hostPath volumes, and the API
server warns on every create (\`spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is
deprecated. Instead, the recommended approach is to use dynamic provisioning.\`).

**Fix:** use \`Retain\` (keep the data, clean up by hand) or \`Delete\`, or provision volumes dynamically
through a StorageClass.`,
  bad: 'persistentVolumeReclaimPolicy: Recycle',
  good: 'persistentVolumeReclaimPolicy: Retain',
  kinds: ['PersistentVolume'],
  check(res, ctx) {
    const node = res.at('spec', 'persistentVolumeReclaimPolicy');
    if (stringField(ctx, node) !== 'Recycle') return;
    ctx.report(
      node,
      '`spec.persistentVolumeReclaimPolicy`: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning. Use `Retain` (or `Delete`) here.',
      { fix: [fixTo(node, 'Retain').fix![0], fixTo(node, 'Delete').fix![0]] },
    );
  },
};
