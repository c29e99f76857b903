import { child, items, str } from '../../yaml/nodes';
import { containersOf } from '../../k8s/podspec';
import type { ResourceRule } from '../types';
import { POD_KINDS, podVolumes, volumePath } from '../support';

export const volumeUnused: ResourceRule = {
  code: 'volume-unused',
  severity: 'information',
  title: 'Pod volume that no container mounts',
  source: 'reference §4 VM7 (not checked by the API server)',
  docs: `The pod declares this volume, but no container (init, regular or ephemeral) mounts it through
\`volumeMounts\` or uses it through \`volumeDevices\`. The API server accepts this; the volume is still
set up (a PVC is still attached, a Secret still fetched), which costs time at pod start and can block
scheduling, while no process can read it. It is usually a leftover, or a mount that was forgotten or
misspelled.

**Fix:** mount it where it is needed, or remove the volume.`,
  bad: 'volumes:\n  - name: cache\n    emptyDir: {}\ncontainers:\n  - name: app\n    image: nginx',
  good: 'volumes:\n  - name: cache\n    emptyDir: {}\ncontainers:\n  - name: app\n    image: nginx\n    volumeMounts:\n      - {name: cache, mountPath: /cache}',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv || pv.volumes.length === 0) return;
    const y = ctx.y;
    const used = new Set<string>();
    for (const m of pv.mounts) {
      if (m.name === undefined && m.nameNode !== undefined) return; // a name we cannot read: stay silent
      if (m.name) used.add(m.name);
    }
    for (const c of containersOf(pv.pt))
      for (const d of items(y, child(y, c.node, 'volumeDevices'))) {
        const n = str(y, child(y, d, 'name'));
        if (n) used.add(n);
      }
    // A template volume with a claim template's name is replaced by the claim (reported elsewhere).
    const claims = new Set(pv.claims.map((c) => c.name));
    for (const v of pv.volumes) {
      if (!v.name || used.has(v.name) || claims.has(v.name)) continue;
      ctx.report(
        v.nameNode,
        `Volume \`${v.name}\` (\`${volumePath(pv.pt, v)}\`) is mounted by no container. Add a \`volumeMounts\` entry with \`name: ${v.name}\` where it is needed, or remove the volume.`,
      );
    }
  },
};
