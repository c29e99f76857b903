import { containersOf, mountsOf } from '../../k8s/podspec';
import { addMountFix } from '../../ide/fixes';
import { child, items, str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { claimsAndTemplate } from '../support';

export const stsClaimTemplateUnmounted: ResourceRule = {
  code: 'sts-claim-template-unmounted',
  severity: 'warning',
  title: 'No container mounts this volumeClaimTemplate',
  source:
    'k8s.io/api apps/v1 types.go volumeClaimTemplates doc ("must have at least one matching (by name) volumeMount"); reference S26',
  docs: `"Every claim in this list must have at least one matching (by name) volumeMount in one container in the
template." The API does not enforce it: a claim template no container mounts (by \`volumeMounts[].name\`, or
\`volumeDevices[].name\` for block volumes) still gets a PVC per pod, which is provisioned and billed but holds
no data. Usually the mount has a typo or uses the PVC name (\`www-web-0\`) instead of the template name (\`www\`).

**Fix:** add \`volumeMounts: [{name: <claim template name>, mountPath: …}]\` to the container that needs the
storage, or remove the claim template.`,
  bad: 'containers:\n  - name: nginx\n    volumeMounts: [{name: data, mountPath: /usr/share/nginx/html}]\nvolumeClaimTemplates:\n  - metadata: {name: www}',
  good: 'containers:\n  - name: nginx\n    volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]\nvolumeClaimTemplates:\n  - metadata: {name: www}',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const st = claimsAndTemplate(res);
    if (!st) return;
    const { id, pt, claims } = st;
    const containers = containersOf(pt);
    if (containers.length === 0) return; // no containers: nothing to compare against
    const used = new Set<string>();
    for (const c of containers) {
      for (const m of mountsOf(pt, c)) if (m.name) used.add(m.name);
      for (const d of items(ctx.y, child(ctx.y, c.node, 'volumeDevices'))) {
        const n = str(ctx.y, child(ctx.y, d, 'name'));
        if (n) used.add(n);
      }
    }
    for (const c of claims) {
      if (!c.name || used.has(c.name)) continue;
      ctx.report(
        c.nameNode,
        `No container mounts claim template \`${c.name}\`: each pod still gets a PVC (${c.name}-${id.name}-0, …) that nothing uses. Add \`volumeMounts: [{name: ${c.name}, mountPath: …}]\` to a container (mounts use the template name, not the PVC name), or remove the template.`,
        { fix: [addMountFix(pt, c.name)].filter((f) => !!f) },
      );
    }
  },
};
