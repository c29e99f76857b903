import { asMap, child, isNullish, keyNode, YNode } from '../../yaml/nodes';
import { checkEnumField, hasBackstep, POD_KINDS, podVolumes, stringField, visible, volumePath } from '../support';
import type { ResourceRule, RuleContext } from '../types';

const HOST_PATH_TYPES = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
] as const;
const TYPE_ALIASES: Record<string, string> = {
  Dir: 'Directory',
  Folder: 'Directory',
  CharDev: 'CharDevice',
  BlockDev: 'BlockDevice',
};

/** validateHostPathVolumeSource: path required, no `..` element, type from the list. */
function checkHostPath(ctx: RuleContext, hp: YNode, hpKey: YNode | undefined, path: string): void {
  const y = ctx.y;
  const pathNode = child(y, hp, 'path');
  const p = stringField(ctx, pathNode);
  if (pathNode === undefined || isNullish(y, pathNode) || p === '') {
    ctx.report(
      visible(pathNode, keyNode(y, hp, 'path')) ?? hpKey,
      `\`${path}.path\`: Required value. A hostPath volume must name a path on the node, e.g. \`path: /var/log\`.`,
    );
    return;
  }
  if (p !== undefined && hasBackstep(p))
    ctx.report(
      pathNode,
      `\`${path}.path\`: Invalid value: ${JSON.stringify(p)}: must not contain '..'. Write the path without \`..\` elements.`,
    );
  checkEnumField(ctx, child(y, hp, 'type'), `${path}.type`, HOST_PATH_TYPES, { aliases: TYPE_ALIASES });
}

export const hostpathInvalid: ResourceRule = {
  code: 'hostpath-invalid',
  severity: 'error',
  title: 'hostPath without a path, with `..`, or with an unknown type',
  source:
    'pkg/apis/core/validation validateHostPathVolumeSource, validateHostPathType, validatePathNoBacksteps (reference §4 V6)',
  docs: `A \`hostPath\` volume (in a pod, or as a PersistentVolume source) needs \`path\`, the directory or
file on the node. The path must not contain a \`..\` element, and the optional \`type\` is one of \`""\`,
\`DirectoryOrCreate\`, \`Directory\`, \`FileOrCreate\`, \`File\`, \`Socket\`, \`CharDevice\`,
\`BlockDevice\`, spelled exactly. The API server rejects anything else
(\`…hostPath.path: Required value\`; \`…: must not contain '..'\`;
\`…hostPath.type: Unsupported value: "Dir": supported values: …\`).

**Fix:** give an absolute path without \`..\`, and a type from the list (or none).`,
  bad: 'hostPath:\n  path: /var/log/../lib\n  type: directory',
  good: 'hostPath:\n  path: /var/lib\n  type: Directory',
  kinds: [...POD_KINDS, 'PersistentVolume'],
  check(res, ctx) {
    if (res.kind === 'PersistentVolume') {
      const hp = res.at('spec', 'hostPath');
      if (asMap(ctx.y, hp)) checkHostPath(ctx, hp!, keyNode(ctx.y, res.at('spec'), 'hostPath'), 'spec.hostPath');
      return;
    }
    const pv = podVolumes(res);
    if (!pv) return;
    for (const v of pv.volumes) {
      const hp = child(ctx.y, v.node, 'hostPath');
      if (asMap(ctx.y, hp))
        checkHostPath(ctx, hp!, keyNode(ctx.y, v.node, 'hostPath'), `${volumePath(pv.pt, v)}.hostPath`);
    }
  },
};
