/** Pod volumes and the containers that mount them, for every kind of pod template. */
import { closest } from '../k8s/suggest';
import { claimNameOf } from '../k8s/podspec';
import { ephemeralClaims } from '../model/claims';
import { at, bool, child, entries, items, scalarText, str, YNode } from '../yaml/nodes';
import type { TreeNode } from './index';
import { code, facts, mk, PodTemplate, PodUsage, tip, TreeCtx, Use, VolumeInfo } from './context';
import type { StorageModel } from './storage';

/** Short text for a container's use: `/data · read-only · subPath x`. */
function useText(u: Use): string {
  return facts(
    u.device ? `device ${u.path ?? '(no devicePath)'}` : (u.path ?? '(no mountPath)'),
    u.readOnly && 'read-only',
    u.subPath && `subPath ${u.subPath}`,
    u.subPathExpr && `subPathExpr ${u.subPathExpr}`,
    u.container.group === 'initContainers' && 'init container',
    u.container.group === 'ephemeralContainers' && 'ephemeral container',
  );
}

/** One node per container use: container name, where and how it is mounted. */
export function useNodes(
  ctx: TreeCtx,
  parentId: string,
  pt: PodTemplate | undefined,
  uses: readonly Use[],
): TreeNode[] {
  if (!pt) return [];
  const res = pt.res;
  return uses.map((u) => {
    const cname = u.container.name ?? `${u.container.group}[${u.container.index}]`;
    const field = `${pt.specPath}.${u.container.group}[${u.container.index}].${u.device ? 'volumeDevices' : 'volumeMounts'}[${u.index}]`;
    return mk({
      id: `${parentId}/container/${cname}/${u.path ?? u.index}`,
      label: cname,
      description: useText(u),
      tooltip: tip(`**Container** ${code(cname)} ${u.device ? 'attaches' : 'mounts'} volume ${code(u.name ?? '?')}`, [
        `${u.device ? 'devicePath' : 'mountPath'}: ${u.path ? code(u.path) : '*not set*'}`,
        u.readOnly && 'readOnly: true',
        u.subPath && `subPath: ${code(u.subPath)}`,
        u.subPathExpr && `subPathExpr: ${code(u.subPathExpr)}`,
        `field: \`${field}\``,
      ]),
      icon: 'file-symlink-directory',
      kind: 'container',
      location: ctx.loc(res, u.pathNode ?? u.node),
    });
  });
}

/** Distinct containers among uses. */
function containerCount(uses: readonly Use[]): number {
  return new Set(uses.map((u) => u.container)).size;
}

/** The `shared by N containers` fact, when two or more containers use the volume. */
export function sharedText(uses: readonly Use[]): string | undefined {
  const n = containerCount(uses);
  return n >= 2 ? `shared by ${n} containers` : undefined;
}

interface SourceInfo {
  text: string;
  icon: string;
  lines: string[];
  problem?: string;
  problemNode?: YNode;
}

const SOURCE_ICONS: Record<string, string> = {
  emptyDir: 'folder',
  configMap: 'file-code',
  secret: 'key',
  persistentVolumeClaim: 'database',
  ephemeral: 'database',
  hostPath: 'server',
  projected: 'files',
  downwardAPI: 'info',
  nfs: 'remote',
  csi: 'plug',
  image: 'file-zip',
};

/** What a volume is: its source as a short text, an icon and tooltip facts. */
function describeSource(
  ctx: TreeCtx,
  storage: StorageModel,
  pt: PodTemplate,
  v: VolumeInfo,
  resolve: boolean,
): SourceInfo {
  const y = pt.res.yaml;
  const kind = v.sources[0];
  if (!kind) return { text: 'no volume source', icon: 'question', lines: [] };
  const src = child(y, v.node, kind);
  const s = (...path: string[]) => scalarText(y, at(y, src, ...path));
  const icon = SOURCE_ICONS[kind] ?? 'folder-library';
  const extra =
    v.sources.length > 1 ? [`also: ${v.sources.slice(1).join(', ')} (a volume takes exactly one source)`] : [];
  switch (kind) {
    case 'emptyDir': {
      const medium = s('medium');
      const size = s('sizeLimit');
      return { text: facts('emptyDir', medium && `medium ${medium}`, size && `≤ ${size}`), icon, lines: extra };
    }
    case 'configMap':
      return { text: `configMap ${s('name') ?? '?'}`, icon, lines: extra };
    case 'secret':
      return { text: `secret ${s('secretName') ?? '?'}`, icon, lines: extra };
    case 'hostPath':
      return { text: facts(`hostPath ${s('path') ?? '?'}`, s('type')), icon, lines: extra };
    case 'nfs':
      return { text: `nfs ${s('server') ?? '?'}:${s('path') ?? '?'}`, icon, lines: extra };
    case 'csi':
      return { text: `csi ${s('driver') ?? '?'}`, icon, lines: extra };
    case 'image':
      return { text: `image ${s('reference') ?? '?'}`, icon, lines: extra };
    case 'projected': {
      const parts = items(y, child(y, src, 'sources')).map((p) => {
        const [k, , val] = entries(y, p)[0] ?? [];
        const n = str(y, child(y, val, 'name'));
        return k ? (n ? `${k} ${n}` : k) : '?';
      });
      const shown = parts.length > 3 ? [...parts.slice(0, 3), `+${parts.length - 3}`] : parts;
      return {
        text: `projected: ${shown.join(', ') || 'no sources'}`,
        icon,
        lines: [...parts.map((p) => `source: ${p}`), ...extra],
      };
    }
    case 'ephemeral': {
      const claim = ephemeralClaims(pt.res).find((c) => c.index === v.index);
      const cls = ctx.classInfo(claim?.storageClassName);
      const size = claim?.storageText;
      return {
        text: facts('ephemeral claim', cls.text, size),
        icon,
        lines: [`a PVC \`<pod>-${v.name ?? '?'}\` is created with the pod and deleted with it`, ...extra],
      };
    }
    case 'persistentVolumeClaim':
      if (!resolve) return { text: `PVC ${str(y, at(y, src, 'claimName')) ?? '?'}`, icon, lines: extra };
      return { ...claimSource(ctx, storage, pt, v), lines: extra };
    default:
      return { text: kind, icon, lines: extra };
  }
}

/** A persistentVolumeClaim volume: the claim, and where it leads (or why it leads nowhere). */
function claimSource(ctx: TreeCtx, storage: StorageModel, pt: PodTemplate, v: VolumeInfo): SourceInfo {
  const y = pt.res.yaml;
  const ref = claimNameOf(pt, v);
  const ro = bool(y, at(y, v.node, 'persistentVolumeClaim', 'readOnly')) === true;
  const icon = 'database';
  if (!ref?.name) return { text: 'PVC (no claimName)', icon, lines: [] };
  const ns = pt.res.namespace;
  const pvc = ctx.q.get('PersistentVolumeClaim', ns, ref.name);
  if (pvc) {
    const e = storage.claim(pvc);
    return {
      text: facts(`PVC ${ref.name}`, ro && 'read-only', e?.pv ? `→ PV ${ctx.nameOf(e.pv.res)}` : e?.cls.text),
      icon,
      lines: [e?.pv ? `bound to PersistentVolume ${code(ctx.nameOf(e.pv.res))}` : e ? `${e.cls.text}` : ''].filter(
        Boolean,
      ),
    };
  }
  const owner = ctx.generatedOwner(ns, ref.name);
  if (owner) {
    return {
      text: facts(`PVC ${ref.name}`, ro && 'read-only', `created by StatefulSet ${owner.id.name}`),
      icon,
      lines: [
        `claim template ${code(owner.claim.name ?? '?')} of StatefulSet ${code(owner.id.name)}, ordinal ${owner.ordinal}`,
      ],
    };
  }
  return {
    text: facts(`PVC ${ref.name}`, 'not found'),
    icon,
    lines: [],
    problem:
      `No PersistentVolumeClaim ${code(ref.name)} in namespace ${code(ns)} in the workspace: the pod stays Pending until it exists.` +
      `${ctx.claimHint(ns, ref.name)} Create the claim in ${code(ns)} or correct claimName.`,
    problemNode: ref.node,
  };
}

export interface VolumeOptions {
  /** StatefulSet claim templates: mounts of these names are resolved (and same-named template volumes dropped). */
  claimTemplates?: ReadonlySet<string>;
}

/**
 * The volumes of a pod template, sorted by name, each with the containers that use it; then
 * the mounts that name no volume. Claim templates (StatefulSets) are not listed here.
 */
export function volumeNodes(
  ctx: TreeCtx,
  storage: StorageModel,
  parentId: string,
  usage: PodUsage,
  opts: VolumeOptions = {},
): TreeNode[] {
  const { pt } = usage;
  const res = pt.res;
  const templates = opts.claimTemplates ?? new Set<string>();
  const out: TreeNode[] = [];
  const volumes = [...usage.volumes].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.index - b.index);
  const declared = new Set<string>();
  for (const v of volumes) {
    const name = v.name ?? `volumes[${v.index}]`;
    if (v.name) declared.add(v.name);
    const id = `${parentId}/volume/${name}`;
    const dropped = v.name !== undefined && templates.has(v.name);
    const src = describeSource(ctx, storage, pt, v, !dropped);
    const uses = dropped || v.name === undefined ? [] : (usage.uses.get(v.name) ?? []);
    const shared = sharedText(uses);
    const problem = dropped
      ? `Claim template ${code(name)} replaces this template volume (a claim takes precedence over a volume of the same name): ` +
        'the pods never get this source. Rename the volume or the claim template.'
      : src.problem;
    out.push(
      mk({
        id,
        label: name,
        description: facts(
          src.text,
          dropped ? 'replaced by claim template' : shared,
          !dropped && uses.length === 0 && 'not mounted',
        ),
        tooltip: tip(`**Volume** ${code(name)} — ${src.text}`, [
          ...src.lines,
          shared && `${shared}: ${[...new Set(uses.map((u) => code(u.container.name ?? '?')))].join(', ')}`,
          !dropped && uses.length === 0 && 'no container mounts this volume',
        ]),
        icon: src.icon,
        kind: 'volume',
        problem,
        location: ctx.loc(res, (!dropped && src.problemNode) || v.nameNode || v.node),
        children: useNodes(ctx, id, pt, uses),
      }),
    );
  }
  // Mounts naming no volume (claim templates count as volumes in a StatefulSet).
  const missing = [...usage.uses.entries()]
    .filter(([n]) => !declared.has(n) && !templates.has(n))
    .sort(([a], [b]) => a.localeCompare(b));
  const candidates = [...declared, ...templates];
  for (const [name, uses] of missing) {
    const id = `${parentId}/volume/${name}`;
    const who = [...new Set(uses.map((u) => code(u.container.name ?? '?')))].join(', ');
    const near = closest(name, candidates);
    const first = uses[0];
    out.push(
      mk({
        id,
        label: name,
        description: 'no such volume',
        tooltip: tip(`**Volume mount** ${code(name)}`),
        kind: 'volume',
        problem:
          `${who} ${uses.length > 1 ? 'mount' : 'mounts'} ${code(name)}, but the pod has no volume ${code(name)}` +
          `${templates.size ? ' and the StatefulSet no claim template of that name' : ''}: the API server rejects the pod ` +
          `(\`volumeMounts[${first.index}].name: Not found: "${name}"\`).${near ? ` Did you mean ${code(near)}?` : ''} ` +
          'Add the volume or correct the mount name.',
        location: ctx.loc(res, first.nameNode ?? first.node),
        children: useNodes(ctx, id, pt, uses),
      }),
    );
  }
  return out;
}
