import { isNullish, keyNode } from '../../yaml/nodes';
import {
  dnsNameErrors,
  dnsNameFix,
  dnsNameMessage,
  fixTo,
  POD_KINDS,
  podVolumes,
  stringField,
  visible,
  volumePath,
} from '../support';
import type { ResourceRule } from '../types';

export const volumeNameInvalid: ResourceRule = {
  code: 'volume-name-invalid',
  severity: 'error',
  title: 'Pod volume name missing or not a DNS-1123 label',
  source: 'pkg/apis/core/validation ValidateVolumes (reference §4 V1, §2.2)',
  docs: `Every entry of a pod's \`volumes\` needs a \`name\`, and the name must be a DNS-1123 label: at most 63
lower-case letters, digits and \`-\`, starting and ending with a letter or digit. Containers refer to
the volume by this name in \`volumeMounts\`. The API server rejects the pod (or, for a workload, every
pod it tries to create): \`spec.volumes[0].name: Required value\`, or \`…name: Invalid value: "Data":
a lowercase RFC 1123 label must consist of …\`.

**Fix:** give the volume a lower-case name such as \`data\`, and use the same name in the mounts.`,
  bad: 'volumes:\n  - name: Config_Vol\n    configMap: {name: app}',
  good: 'volumes:\n  - name: config-vol\n    configMap: {name: app}',
  kinds: POD_KINDS,
  check(res, ctx) {
    const pv = podVolumes(res);
    if (!pv) return;
    for (const v of pv.volumes) {
      const path = `${volumePath(pv.pt, v)}.name`;
      if (v.nameNode === undefined || isNullish(ctx.y, v.nameNode) || v.name === '') {
        ctx.report(
          visible(v.nameNode, keyNode(ctx.y, v.node, 'name')) ?? v.node,
          `This volume has no name: \`${path}\`: Required value. The API server rejects the pod. Add \`name:\` (a lower-case DNS label) and use it in the containers' \`volumeMounts\`.`,
        );
        continue;
      }
      const name = stringField(ctx, v.nameNode);
      if (name === undefined) continue;
      const errs = dnsNameErrors(name, 'label');
      if (!errs.length) continue;
      const fixed = dnsNameFix(name, 'label');
      ctx.report(
        v.nameNode,
        dnsNameMessage(path, name, 'label', errs, fixed, 'Volume names are DNS labels (rename the mounts too).'),
        fixed ? fixTo(v.nameNode, fixed, `Rename to ${fixed}`) : undefined,
      );
    }
  },
};
