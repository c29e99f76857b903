import { closest } from '../../k8s/suggest';
import { addVolumeFix } from '../../ide/fixes';
import { asSeq, at, child, isNullish, items, keyNode, YNode } from '../../yaml/nodes';
import { containerLabel, fixTo, mountPath, POD_KINDS, podVolumes, stringField, visible } from '../support';
import type { ResourceRule } from '../types';

export const volumeMountUnresolved: ResourceRule = {
  code: 'volume-mount-unresolved',
  severity: 'error',
  title: 'volumeMounts name matches no volume (or claim template)',
  source:
    'pkg/apis/core/validation ValidateVolumeMounts; StatefulSet volumesToAddForTemplates (reference §4 VM1, S22, S25)',
  docs: `A container's \`volumeMounts[].name\` must be the name of one of the pod's \`volumes\`. In a
StatefulSet, each \`volumeClaimTemplates[].metadata.name\` also counts: the controller adds a volume of
that name (backed by the replica's own PVC) to every pod. A mount naming nothing is rejected
(\`spec.containers[0].volumeMounts[0].name: Not found: "data"\`). For a StatefulSet, servers before
1.34 accept the object, and then every pod creation fails.

A common cause is mounting the *PVC* name (\`data-web-0\`) instead of the claim *template* name
(\`data\`), or a typo: the message suggests the nearest name.

**Fix:** use the exact name of a volume or claim template, or add the missing volume.`,
  bad: 'volumeMounts:\n  - name: dta\n    mountPath: /data\n# volumes: [{name: data, emptyDir: {}}]',
  good: 'volumeMounts:\n  - name: data\n    mountPath: /data',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv) return;
    const y = ctx.y;
    const volumesNode = child(y, pv.pt.spec, 'volumes');
    if (volumesNode !== undefined && !isNullish(y, volumesNode) && !asSeq(y, volumesNode)) return;
    // A volume whose name is not a plain string (templated, wrong type): we cannot know all names.
    const unreadable = (n: YNode | undefined) =>
      n !== undefined && !isNullish(y, n) && stringField(ctx, n) === undefined;
    if (pv.volumes.some((v) => unreadable(v.nameNode))) return;
    if (
      items(y, res.at('spec', 'volumeClaimTemplates')).some(
        (t) => res.kind === 'StatefulSet' && unreadable(at(y, t, 'metadata', 'name')),
      )
    )
      return;
    const names = new Set<string>(
      [...pv.volumes.map((v) => v.name), ...pv.claims.map((c) => c.name)].filter((n): n is string => !!n),
    );
    const sts = res.kind === 'StatefulSet';
    for (const m of pv.mounts) {
      const path = `${mountPath(pv.pt, m)}.name`;
      if (m.nameNode === undefined || isNullish(y, m.nameNode) || m.name === '') {
        ctx.report(
          visible(m.nameNode, keyNode(y, m.node, 'name')) ?? m.node,
          `This mount of ${containerLabel(m)} names no volume: \`${path}\`: Required value. Set \`name\` to one of the pod's volumes${sts ? ' or claim templates' : ''}.`,
        );
        continue;
      }
      const name = stringField(ctx, m.nameNode);
      if (name === undefined || names.has(name)) continue;
      const near = closest(name, names);
      const known = [...names].map((n) => `\`${n}\``).join(', ');
      const claimHint = sts && !near ? pv.claims.find((c) => name.startsWith(`${c.name}-${res.name}-`)) : undefined;
      ctx.report(
        m.nameNode,
        `\`${path}\`: Not found: ${JSON.stringify(name)}. The ${containerLabel(m)} mounts a volume that does not exist: ${
          names.size
            ? `the pod has ${known}`
            : `the pod has no volumes${sts ? ' and the StatefulSet no claim templates' : ''}`
        }.${sts ? ' (In a StatefulSet, claim template names count as volumes.)' : ''} ${
          near
            ? `Did you mean \`${near}\`?`
            : claimHint
              ? `Mount the claim template name \`${claimHint.name}\`, not a generated PVC name.`
              : `Add a volume named \`${name}\`, or fix the name.`
        }`,
        near
          ? fixTo(m.nameNode, near)
          : claimHint
            ? fixTo(m.nameNode, claimHint.name!)
            : { fix: [addVolumeFix(pv.pt, name)].filter((f) => !!f) },
      );
    }
  },
};
