import { qualifiedName } from '../../k8s/names';
import { isNullish, keyNode } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { stringField, visible } from '../support';

export const scProvisionerInvalid: ResourceRule = {
  code: 'sc-provisioner-invalid',
  severity: 'error',
  title: 'StorageClass provisioner missing or not a qualified name',
  source: 'pkg/apis/storage/validation validateProvisioner (reference §5.3 C1)',
  docs: `Every StorageClass names the provisioner that creates its volumes, e.g. \`ebs.csi.aws.com\`,
\`pd.csi.storage.gke.io\` or \`kubernetes.io/no-provisioner\` for local volumes. \`provisioner\` is
required and must be a qualified name (an optional DNS-subdomain prefix and \`/\`, then at most 63
letters, digits, \`-\`, \`_\` or \`.\`); it is checked lower-cased. The API server rejects the class
otherwise (\`provisioner: Required value\`, \`provisioner: Invalid value: …\`).

**Fix:** use the CSI driver's name exactly as the driver registers it (\`kubectl get csidrivers\`).`,
  bad: 'kind: StorageClass\nprovisioner: "ebs csi"',
  good: 'kind: StorageClass\nprovisioner: ebs.csi.aws.com',
  kinds: ['StorageClass'],
  check(res, ctx) {
    const node = res.at('provisioner');
    const v = stringField(ctx, node);
    if (node === undefined || isNullish(ctx.y, node) || v === '') {
      ctx.report(
        visible(node, keyNode(ctx.y, res.root, 'provisioner')) ?? res.at('kind'),
        `StorageClass \`${res.name ?? '<unnamed>'}\` has no provisioner: \`provisioner\`: Required value. The API server rejects it. Name the driver that creates its volumes, e.g. \`ebs.csi.aws.com\`, or \`kubernetes.io/no-provisioner\` for pre-created local volumes.`,
      );
      return;
    }
    if (v === undefined) return;
    const errs = qualifiedName(v.toLowerCase());
    if (errs.length)
      ctx.report(
        node,
        `\`provisioner\`: Invalid value: ${JSON.stringify(v)}: ${errs.join('; ')}. The API server rejects the StorageClass. Use the provisioner's registered name, e.g. \`ebs.csi.aws.com\`.`,
      );
  },
};
