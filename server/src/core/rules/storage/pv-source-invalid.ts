import { closest } from '../../k8s/suggest';
import { asMap, child, isNullish, keyNode } from '../../yaml/nodes';
import { POD_VOLUME_SOURCES, PV_SOURCES, PV_SPEC_FIELDS, sourcesOf } from '../../k8s/volume-sources';
import type { ResourceRule } from '../types';
import { fixTo } from '../support';

export const pvSourceInvalid: ResourceRule = {
  code: 'pv-source-invalid',
  severity: 'error',
  title: 'PersistentVolume needs exactly one volume source (and local needs nodeAffinity)',
  source: 'pkg/apis/core/validation ValidatePersistentVolumeSpec, validateVolumeNodeAffinity (reference §5.2 V-5)',
  docs: `A PersistentVolume describes one piece of storage, so its spec holds exactly one volume source
(\`nfs\`, \`csi\`, \`hostPath\`, \`local\`, \`iscsi\`, \`fc\`, …). With none the API server answers
\`spec: Required value: must specify a volume type\`; with two or more, every source after the first
is \`Forbidden: may not specify more than 1 volume type\`. Pod-only sources such as \`emptyDir\`,
\`configMap\` or \`persistentVolumeClaim\` are not PersistentVolume sources.

A \`local\` volume lives on one node, so it also requires \`spec.nodeAffinity\` naming that node
(\`spec.nodeAffinity: Required value: Local volume requires node affinity\`); a \`nodeAffinity\` must
contain \`required\`.

**Fix:** keep one source; for \`local\`, add \`nodeAffinity.required.nodeSelectorTerms\` selecting the
node that has the disk.`,
  bad: 'kind: PersistentVolume\nspec:\n  local:\n    path: /mnt/disks/ssd1',
  good: 'kind: PersistentVolume\nspec:\n  local:\n    path: /mnt/disks/ssd1\n  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - {key: kubernetes.io/hostname, operator: In, values: [node-1]}',
  kinds: ['PersistentVolume'],
  check(res, ctx) {
    const y = ctx.y;
    const spec = res.at('spec');
    if (spec !== undefined && !asMap(y, spec)) return;
    const { present, unknown } = sourcesOf(y, spec, PV_SOURCES, PV_SPEC_FIELDS);
    if (present.length === 0) {
      const podOnly = unknown.find((u) => (POD_VOLUME_SOURCES as readonly string[]).includes(u.key));
      const typo = unknown.map((u) => ({ u, s: closest(u.key, PV_SOURCES) })).find((x) => x.s);
      if (podOnly)
        ctx.report(
          podOnly.keyNode,
          `\`${podOnly.key}\` is a pod volume source, not a PersistentVolume source, so the PersistentVolume has no volume type (spec: Required value: must specify a volume type). Use a PersistentVolume source such as \`nfs\`, \`csi\`, \`local\` or \`hostPath\`.`,
        );
      else if (typo)
        ctx.report(
          typo.u.keyNode,
          `\`${typo.u.key}\` is not a volume source, so the PersistentVolume has none (spec: Required value: must specify a volume type). Did you mean \`${typo.s}\`?`,
          fixTo(typo.u.keyNode, typo.s!),
        );
      else
        ctx.report(
          keyNode(y, res.root, 'spec') ?? res.at('kind'),
          'PersistentVolume has no volume source: `spec`: Required value: must specify a volume type. Add one source, such as `nfs`, `csi`, `local` or `hostPath`.',
        );
    }
    // flexVolume is counted without the "more than 1" check (an upstream quirk): only the
    // sources visited after it, or a second non-flex source, are rejected.
    let seen = 0;
    for (const s of present) {
      if (s.key === 'flexVolume') {
        seen++;
        continue;
      }
      if (seen > 0)
        ctx.report(
          s.keyNode,
          `\`spec.${s.key}\`: Forbidden: may not specify more than 1 volume type (the PersistentVolume also has \`${present[0].key}\`). Keep exactly one volume source.`,
        );
      seen++;
    }
    const local = present.find((s) => s.key === 'local');
    const na = child(y, spec, 'nodeAffinity');
    if (local && (na === undefined || isNullish(y, na)))
      ctx.report(
        local.keyNode,
        '`spec.nodeAffinity`: Required value: Local volume requires node affinity. Add `nodeAffinity.required.nodeSelectorTerms` selecting the node that holds this disk (e.g. on `kubernetes.io/hostname`).',
      );
    else if (asMap(y, na) && isNullish(y, child(y, na, 'required')))
      ctx.report(
        keyNode(y, spec, 'nodeAffinity'),
        '`spec.nodeAffinity.required`: Required value: must specify required node constraints. Add `required.nodeSelectorTerms`.',
      );
  },
};
