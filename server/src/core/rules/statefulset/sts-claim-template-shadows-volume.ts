import { claimNameOf, volumesOf } from '../../k8s/podspec';
import type { ResourceRule } from '../types';
import { claimsAndTemplate } from '../support';

export const stsClaimTemplateShadowsVolume: ResourceRule = {
  code: 'sts-claim-template-shadows-volume',
  severity: 'warning',
  title: 'Pod template volume has the same name as a claim template (the claim wins)',
  source:
    'k8s.io/api apps/v1 types.go volumeClaimTemplates doc; pkg/controller/statefulset updateStorage; reference S27',
  docs: `"A claim in this list takes precedence over any volumes in the template, with the same name": when
\`spec.template.spec.volumes\` has a volume named like a claim template, the controller drops it and mounts the
claim's PVC instead. The emptyDir, ConfigMap or other source you wrote is never used, which is easy to miss.
(A \`persistentVolumeClaim\` volume whose \`claimName\` is the template's own name is not reported: it only
restates the claim.)

**Fix:** rename the template volume (and its mounts), or remove it if the PVC is what you want.`,
  bad: 'template:\n  spec:\n    volumes: [{name: www, emptyDir: {}}]\nvolumeClaimTemplates:\n  - metadata: {name: www}',
  good: 'template:\n  spec:\n    volumes: [{name: cache, emptyDir: {}}]\nvolumeClaimTemplates:\n  - metadata: {name: www}',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const st = claimsAndTemplate(res);
    if (!st) return;
    const { id, pt, claims } = st;
    for (const v of volumesOf(pt)) {
      const c = claims.find((x) => x.name !== undefined && x.name === v.name);
      if (!c) continue;
      // `persistentVolumeClaim: {claimName: <template name>}` only restates the claim: the outcome is what was meant.
      if (claimNameOf(pt, v)?.name === c.name) continue;
      const source = v.sources.length ? ` (${v.sources.join(', ')})` : '';
      ctx.report(
        v.nameNode,
        `Volume \`${v.name}\`${source} has the same name as claim template \`${c.name}\`: the controller replaces it with the claim's PVC (${c.name}-${id.name}-<ordinal>), so this volume is never used. Rename the volume and its mounts, or remove it.`,
        { related: [{ span: ctx.span(res, c.nameNode), message: `claim template ${c.name}` }] },
      );
    }
  },
};
