import { parseQuantity, suggestQuantity } from '../../k8s/quantity';
import { at } from '../../yaml/nodes';
import { suggestValue } from '../../k8s/suggest';
import { fixTo, POD_KINDS, podVolumes, stringField, volumePath } from '../support';
import type { ResourceRule } from '../types';

const MEDIA = ['', 'Memory', 'HugePages'] as const;

export const emptydirMediumUnknown: ResourceRule = {
  code: 'emptydir-medium-unknown',
  severity: 'warning',
  title: 'emptyDir medium is not "", Memory or HugePages',
  source: 'k8s.io/api core/v1 StorageMedium (EmptyDirVolumeSource.medium); kubelet emptyDir plugin (reference §4 V5)',
  docs: `\`emptyDir.medium\` chooses what backs the volume: leave it empty for the node's disk, \`Memory\`
for a tmpfs (RAM, counted against the container's memory limit), or \`HugePages\` /
\`HugePages-<size>\` (e.g. \`HugePages-2Mi\`) for huge pages. The API server does not check the value,
so a misspelling such as \`memory\` or \`RAM\` is accepted and the kubelet then fails to set up the
volume, leaving the pod stuck in \`ContainerCreating\`.

**Fix:** use \`Memory\` (exact case), a HugePages medium, or remove the field.`,
  bad: 'emptyDir:\n  medium: memory',
  good: 'emptyDir:\n  medium: Memory',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv) return;
    for (const v of pv.volumes) {
      const node = at(ctx.y, v.node, 'emptyDir', 'medium');
      const medium = stringField(ctx, node);
      if (medium === undefined || (MEDIA as readonly string[]).includes(medium)) continue;
      const huge = /^HugePages-(.+)$/.exec(medium);
      if (huge && parseQuantity(huge[1])) continue;
      const hugeFix = huge ? suggestQuantity(huge[1])[0] : undefined;
      const s = hugeFix
        ? `HugePages-${hugeFix}`
        : suggestValue(medium, ['Memory', 'HugePages'], { RAM: 'Memory', tmpfs: 'Memory' });
      ctx.report(
        node,
        `\`${volumePath(pv.pt, v)}.emptyDir.medium\` is ${JSON.stringify(medium)}, which is not a storage medium (\`""\`, \`Memory\`, \`HugePages\`, \`HugePages-<size>\`). The API server accepts it, but the kubelet cannot set up the volume and the pod does not start. ${s ? `Did you mean \`${s}\`?` : 'Use `Memory`, a HugePages medium, or remove the field for the node disk.'}`,
        s ? fixTo(node, s) : undefined,
      );
    }
  },
};
