import { isAlias } from '../../yaml/predicates';
import { asSeq, child, isNullish, keyNode, YNode } from '../../yaml/nodes';
import { containerLabel, mountPath, POD_KINDS, podVolumes, stringField, visible } from '../support';
import type { ResourceRule } from '../types';

export const volumeMountPathDuplicate: ResourceRule = {
  code: 'volume-mount-path-duplicate',
  severity: 'error',
  title: 'Mount path missing, or used twice in one container',
  source: 'pkg/apis/core/validation ValidateVolumeMounts (reference §4 VM2)',
  docs: `Every \`volumeMounts\` entry needs a \`mountPath\`, and within one container each path may be used
only once: two volumes cannot be mounted at the same place. The API server rejects the pod
(\`…volumeMounts[0].mountPath: Required value\`; \`…volumeMounts[1].mountPath: Invalid value: "/data":
must be unique\`). The same volume may be mounted more than once at different paths, and different
containers may use the same path.

**Fix:** give each mount of the container its own path, or mount one volume and use \`subPath\` for
the parts.`,
  bad: 'volumeMounts:\n  - {name: data, mountPath: /data}\n  - {name: logs, mountPath: /data}',
  good: 'volumeMounts:\n  - {name: data, mountPath: /data}\n  - {name: logs, mountPath: /var/log/app}',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv) return;
    const y = ctx.y;
    const seen = new Map<string, Map<string, (typeof pv.mounts)[number]>>();
    for (const m of pv.mounts) {
      const cKey = `${m.container.group}/${m.container.index}`;
      let paths = seen.get(cKey);
      if (!paths) seen.set(cKey, (paths = new Map()));
      const node = child(y, m.node, 'mountPath');
      const path = `${mountPath(pv.pt, m)}.mountPath`;
      const p = stringField(ctx, node);
      if (node === undefined || isNullish(y, node) || p === '') {
        ctx.report(
          visible(node, keyNode(y, m.node, 'mountPath')) ?? m.node,
          `This mount of ${containerLabel(m)} has no path: \`${path}\`: Required value. Set \`mountPath\` to the directory in the container, e.g. \`/data\`.`,
        );
        continue;
      }
      if (p === undefined) continue;
      const prev = paths.get(p);
      if (!prev) {
        paths.set(p, m);
        continue;
      }
      const raw = asSeq(y, child(y, m.container.node, 'volumeMounts'))?.items[m.index];
      ctx.report(
        isAlias(raw) ? (raw as YNode) : node,
        `\`${path}\`: Invalid value: ${JSON.stringify(p)}: must be unique. The ${containerLabel(m)} already mounts \`${prev.name ?? '?'}\` at ${p}. Mount \`${m.name ?? 'this volume'}\` at another path (or use \`subPath\`).`,
        { related: [{ span: ctx.span(res, child(y, prev.node, 'mountPath')), message: `first mount at ${p}` }] },
      );
    }
  },
};
