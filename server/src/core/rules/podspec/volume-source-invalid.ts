import { closest } from '../../k8s/suggest';
import { fixTo, POD_KINDS, podVolumes, volumePath } from '../support';
import type { ResourceRule } from '../types';
import { POD_VOLUME_SOURCES, PV_SOURCES, sourcesOf } from '../../k8s/volume-sources';

export const volumeSourceInvalid: ResourceRule = {
  code: 'volume-source-invalid',
  severity: 'error',
  title: 'Pod volume has more than one source, or an unknown source key',
  source: 'pkg/apis/core/validation validateVolumeSource; pkg/apis/core/v1 SetDefaults_Volume (reference §4 V3)',
  docs: `Each pod volume has exactly one source: \`emptyDir\`, \`configMap\`, \`secret\`,
\`persistentVolumeClaim\`, \`hostPath\`, \`projected\`, \`csi\`, \`ephemeral\` and so on. With two, the
API server rejects the pod: \`spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume
type\`.

A volume with **no** known source is not rejected: the API server defaults it to an empty
\`emptyDir\`. When the volume carries an unknown key instead (a misspelled \`persistentVolumeClaim\`,
a mis-indented \`claimName\`), strict field validation (the kubectl default) rejects the unknown
field, and without it the data you meant to mount is silently replaced by an empty directory.
Sources that only exist on a PersistentVolume (\`local\`) are not pod volume sources either.

**Fix:** keep one source per volume, and spell it exactly.`,
  bad: 'volumes:\n  - name: data\n    persistentVolumeclaim:\n      claimName: data',
  good: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv) return;
    for (const v of pv.volumes) {
      const path = volumePath(pv.pt, v);
      const { present, unknown } = sourcesOf(ctx.y, v.node, POD_VOLUME_SOURCES, ['name']);
      for (const extra of present.slice(1))
        ctx.report(
          extra.keyNode,
          `\`${path}.${extra.key}\`: Forbidden: may not specify more than 1 volume type (the volume already has \`${present[0].key}\`). The API server rejects the pod. Keep one source, or split this into two volumes.`,
        );
      if (present.length > 0) continue;
      for (const u of unknown) {
        const near = closest(u.key, POD_VOLUME_SOURCES);
        const pvOnly = (PV_SOURCES as readonly string[]).includes(u.key);
        const what = pvOnly
          ? `\`${u.key}\` is a PersistentVolume source, not a pod volume source`
          : `\`${u.key}\` is not a volume source${near ? ` (did you mean \`${near}\`?)` : ''}`;
        ctx.report(
          u.keyNode,
          `${what}: the volume \`${v.name ?? v.index}\` has no known source. Under strict field validation (kubectl's default) the API server rejects the unknown field; without it the volume silently becomes an empty emptyDir. ${pvOnly ? 'Use it through a PersistentVolume and a `persistentVolumeClaim` volume.' : near ? `Write \`${near}\`.` : 'Use a volume source such as `emptyDir`, `configMap`, `secret` or `persistentVolumeClaim`.'}`,
          near && !pvOnly ? fixTo(u.keyNode, near) : undefined,
        );
      }
    }
  },
};
