import { claimTemplates } from '../../model/claims';
import { child, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { checkDnsName, scalarKind } from '../support';

export const stsClaimTemplateNameInvalid: ResourceRule = {
  code: 'sts-claim-template-name-invalid',
  severity: 'error',
  title: 'volumeClaimTemplates name is missing or not a DNS-1123 label',
  source:
    'pkg/controller/statefulset stateful_set_utils.go (updateStorage, getPersistentVolumeClaimName); core ValidateVolumes; reference S24, §2.3',
  docs: `Each claim template's \`metadata.name\` becomes the name of a pod volume (what \`volumeMounts[].name\` refers
to) and the prefix of the generated PVC names \`<claim>-<statefulset>-<ordinal>\`. A volume name must be a
DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.
Since v1.34 the API server rejects such a StatefulSet; older servers accept it, but every pod (or its PVC) then
fails to be created.

**Fix:** give every claim template a name like \`data\` or \`www\`, and mount it by that name.`,
  bad: 'volumeClaimTemplates:\n  - metadata:\n      name: Data_Dir',
  good: 'volumeClaimTemplates:\n  - metadata:\n      name: data',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    for (const c of claimTemplates(res)) {
      if (scalarKind(ctx, c.nameNode) === 'null') {
        const metadata = child(ctx.y, c.node, 'metadata');
        ctx.report(
          keyNode(ctx.y, metadata, 'name') ?? keyNode(ctx.y, c.node, 'metadata') ?? c.node,
          `\`spec.volumeClaimTemplates[${c.index}]\` has no \`metadata.name\`: it names the pod volume and the PVCs (<claim>-${res.name ?? '<statefulset>'}-0, …), so the pods cannot be created. Add a name such as \`data\` and mount it by that name.`,
        );
        continue;
      }
      checkDnsName(ctx, res, c.nameNode, `spec.volumeClaimTemplates[${c.index}].metadata.name`, 'label');
    }
  },
};
