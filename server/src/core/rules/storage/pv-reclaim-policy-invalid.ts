import { at } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { checkEnumField, fixTo, stringField } from '../support';

export const PV_RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'] as const;

/** path.Clean(p) === '/' (Go), for the hostPath-of-root check. */
export function isRootPath(p: string): boolean {
  if (!p.startsWith('/')) return false;
  const stack: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') stack.pop();
    else stack.push(part);
  }
  return stack.length === 0;
}

export const pvReclaimPolicyInvalid: ResourceRule = {
  code: 'pv-reclaim-policy-invalid',
  severity: 'error',
  title: 'Unknown persistentVolumeReclaimPolicy, or Recycle on a hostPath of /',
  source: 'pkg/apis/core/validation ValidatePersistentVolumeSpec supportedReclaimPolicy (reference §5.2 V-3, V-4)',
  docs: `\`spec.persistentVolumeReclaimPolicy\` of a PersistentVolume is \`Retain\` (the default for a volume
you create by hand), \`Delete\` or \`Recycle\` (deprecated), spelled exactly. Anything else is rejected
(\`spec.persistentVolumeReclaimPolicy: Unsupported value: "retain": supported values: "Delete",
"Recycle", "Retain"\`). A \`hostPath\` volume of \`/\` may never use \`Recycle\`: the scrubber would run
\`rm -rf\` on the node's root (\`Forbidden: may not be 'recycle' for a hostPath mount of '/'\`).

**Fix:** use \`Retain\` or \`Delete\`.`,
  bad: 'persistentVolumeReclaimPolicy: retain',
  good: 'persistentVolumeReclaimPolicy: Retain',
  kinds: ['PersistentVolume'],
  check(res, ctx) {
    const node = res.at('spec', 'persistentVolumeReclaimPolicy');
    const v = checkEnumField(ctx, node, 'spec.persistentVolumeReclaimPolicy', PV_RECLAIM_POLICIES, {
      allowEmpty: true,
    });
    const path = stringField(ctx, at(ctx.y, res.at('spec', 'hostPath'), 'path'));
    if (v === 'Recycle' && path !== undefined && isRootPath(path))
      ctx.report(
        node,
        `\`spec.persistentVolumeReclaimPolicy\`: Forbidden: may not be 'recycle' for a hostPath mount of '/' (the recycler would delete the node's root file system). Use \`Retain\`.`,
        fixTo(node, 'Retain'),
      );
  },
};
