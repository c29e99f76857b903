import { child } from '../../yaml/nodes';
import { hasBackstep, mountPath, POD_KINDS, podVolumes, replaceFix, stringField } from '../support';
import type { ResourceRule } from '../types';

export const volumeMountSubpathInvalid: ResourceRule = {
  code: 'volume-mount-subpath-invalid',
  severity: 'error',
  title: 'subPath / subPathExpr absolute, with `..`, both set, or on an image volume',
  source: 'pkg/apis/core/validation ValidateVolumeMounts, validateLocalDescendingPath (reference §4 VM3)',
  docs: `\`subPath\` (and \`subPathExpr\`, which expands \`$(VAR)\` from the container's environment) select a
directory inside the volume, so they must be relative paths without \`..\` elements, and a mount may
use only one of the two. The API server rejects the pod otherwise
(\`…subPath: Invalid value: "/logs": must be a relative path\`; \`…: must not contain '..'\`;
\`…subPathExpr: Invalid value: …: subPathExpr and subPath are mutually exclusive\`). Image volumes
accept neither (\`not allowed in image volume sources\`).

**Fix:** write the path relative to the volume's root (\`logs\`, not \`/logs\`), and keep one of the
two fields.`,
  bad: 'volumeMounts:\n  - name: data\n    mountPath: /var/lib/mysql\n    subPath: /mysql',
  good: 'volumeMounts:\n  - name: data\n    mountPath: /var/lib/mysql\n    subPath: mysql',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv) return;
    const y = ctx.y;
    const imageVolumes = new Set(
      pv.volumes.filter((v) => child(y, v.node, 'image') !== undefined && v.name).map((v) => v.name!),
    );
    for (const m of pv.mounts) {
      const base = mountPath(pv.pt, m);
      const subNode = child(y, m.node, 'subPath');
      const exprNode = child(y, m.node, 'subPathExpr');
      const sub = stringField(ctx, subNode);
      const expr = stringField(ctx, exprNode);
      for (const [field, node, value] of [
        ['subPath', subNode, sub],
        ['subPathExpr', exprNode, expr],
      ] as const) {
        if (!value) continue;
        if (m.name && imageVolumes.has(m.name)) {
          ctx.report(
            node,
            `\`${base}.${field}\`: Invalid value: ${JSON.stringify(value)}: not allowed in image volume sources. Mount the image volume whole (remove \`${field}\`).`,
          );
          continue;
        }
        if (value.startsWith('/')) {
          const rel = value.replace(/^\/+/, '');
          ctx.report(
            node,
            `\`${base}.${field}\`: Invalid value: ${JSON.stringify(value)}: must be a relative path (it is a path inside the volume). ${rel ? `Write \`${rel}\`.` : 'Remove it to mount the whole volume.'}`,
            rel && !hasBackstep(rel) ? { fix: [replaceFix(node, rel)] } : undefined,
          );
        }
        if (hasBackstep(value))
          ctx.report(
            node,
            `\`${base}.${field}\`: Invalid value: ${JSON.stringify(value)}: must not contain '..'. A sub-path must stay inside the volume.`,
          );
      }
      if (sub && expr)
        ctx.report(
          exprNode,
          `\`${base}.subPathExpr\`: Invalid value: ${JSON.stringify(expr)}: subPathExpr and subPath are mutually exclusive. Keep \`subPathExpr\` (it expands $(VAR) references) or \`subPath\`, not both.`,
        );
    }
  },
};
