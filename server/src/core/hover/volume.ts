/** Hover for a pod volume: its source and every container that mounts it (the shared-volume view). */
import type { Query } from '../model/query';
import type { Settings } from '../settings';
import { claimNameOf, containersOf, mountsOf, PodTemplate, VolumeInfo, volumesOf } from '../k8s/podspec';
import { claimTemplates, classField } from '../model/claims';
import { podName, statefulSetIdentity } from '../model/identity';
import { resolveClass } from '../model/storage-class';
import { at, bool, child, entries, items, scalarText, str } from '../yaml/nodes';
import { claimChainBlocks, classLine } from './storage';
import { code, codeList, collapsedTable, shownRange, table } from './md';

/** Every container mounting a volume (or claim template) name, as a table plus a sharing note. */
export function mountBlocks(pt: PodTemplate, name: string): string[] {
  const y = pt.res.yaml;
  const rows: string[][] = [];
  const containers = new Set<string>();
  for (const c of containersOf(pt)) {
    for (const m of mountsOf(pt, c)) {
      if (m.name !== name) continue;
      const notes: string[] = [];
      if (c.group === 'initContainers') notes.push('init container');
      if (c.group === 'ephemeralContainers') notes.push('ephemeral container');
      if (bool(y, child(y, m.node, 'readOnly')) === true) notes.push('read-only');
      const sub = str(y, child(y, m.node, 'subPath'));
      if (sub) notes.push(`subPath ${code(sub)}`);
      const subExpr = str(y, child(y, m.node, 'subPathExpr'));
      if (subExpr) notes.push(`subPathExpr ${code(subExpr)}`);
      const cname = c.name ?? `${c.group}[${c.index}]`;
      containers.add(cname);
      rows.push([code(cname), m.mountPath ? code(m.mountPath) : '(no mountPath)', notes.join(', ')]);
    }
  }
  if (rows.length === 0) return ['Not mounted by any container.'];
  const withNotes = rows.some((r) => r[2]);
  const out = [
    'Mounted by:',
    table(
      withNotes ? ['Container', 'Mount path', 'Notes'] : ['Container', 'Mount path'],
      withNotes ? rows : rows.map((r) => r.slice(0, 2)),
    ),
  ];
  if (containers.size > 1)
    out.push(`Shared by ${containers.size} containers of the same pod: what one writes, the others see.`);
  return out;
}

/** The source of a volume in words (PVC volumes: the PVC → PV → StorageClass chain). */
function sourceBlocks(q: Query, settings: Settings, pt: PodTemplate, v: VolumeInfo): string[] {
  const y = pt.res.yaml;
  if (v.sources.length === 0)
    return ['⚠️ No volume source: a volume needs exactly one (`emptyDir`, `persistentVolumeClaim`, `configMap`, …).'];
  if (v.sources.length > 1) return [`⚠️ Several volume sources (${codeList(v.sources)}): a volume has exactly one.`];
  const kind = v.sources[0];
  const src = child(y, v.node, kind);
  const f = (...path: string[]) => scalarText(y, at(y, src, ...path));
  switch (kind) {
    case 'emptyDir': {
      const memory = f('medium') === 'Memory';
      const limit = f('sizeLimit');
      return [
        `\`emptyDir\`: an empty directory created when the pod starts on a node and deleted with the pod${memory ? ", in memory (tmpfs; counts against the containers' memory limits)" : ", on the node's disk"}${limit ? `, limited to ${code(limit)}` : ''}.`,
      ];
    }
    case 'persistentVolumeClaim': {
      const claim = claimNameOf(pt, v)?.name;
      if (!claim) return ['`persistentVolumeClaim` without a `claimName`.'];
      const ro = bool(y, child(y, src, 'readOnly')) === true ? ' (read-only)' : '';
      return claimChainBlocks(q, settings, pt.res.namespace, claim, `\`persistentVolumeClaim\`${ro}: `);
    }
    case 'ephemeral':
      return ephemeralBlocks(q, settings, pt, v);
    case 'configMap':
      return [`\`configMap\` ${f('name') ? code(f('name') as string) : '(no name)'}: each key becomes a file.`];
    case 'secret':
      return [
        `\`secret\` ${f('secretName') ? code(f('secretName') as string) : '(no secretName)'}: each key becomes a file (tmpfs).`,
      ];
    case 'hostPath':
      return [
        `\`hostPath\` ${code(f('path') ?? '?')}${f('type') ? ` (type ${code(f('type') as string)})` : ''} on the node: the data stays on whichever node the pod runs on.`,
      ];
    case 'projected': {
      const kinds = items(y, child(y, src, 'sources')).flatMap((s) => entries(y, s).map(([k]) => k));
      return [`\`projected\`: ${kinds.length ? codeList(kinds) : 'no sources'} in one directory.`];
    }
    case 'downwardAPI':
      return ['`downwardAPI`: pod and container fields as files.'];
    case 'nfs':
      return [`\`nfs\` ${code(`${f('server') ?? '?'}:${f('path') ?? '?'}`)}.`];
    case 'csi':
      return [`\`csi\` driver ${code(f('driver') ?? '?')} (inline, lives with the pod).`];
    default:
      return [`\`${kind}\` volume.`];
  }
}

/** Generic ephemeral volume: one PVC `<pod>-<volume>` per pod, created and deleted with it. */
function ephemeralBlocks(q: Query, settings: Settings, pt: PodTemplate, v: VolumeInfo): string[] {
  const y = pt.res.yaml;
  const spec = at(y, v.node, 'ephemeral', 'volumeClaimTemplate', 'spec');
  const cls = resolveClass(q, classField(pt.res, child(y, spec, 'storageClassName')));
  const size = scalarText(y, at(y, spec, 'resources', 'requests', 'storage'));
  const modes = items(y, child(y, spec, 'accessModes')).map((m) => str(y, m) ?? '?');
  const out = [
    `\`ephemeral\`: a PVC named \`<pod name>-${v.name}\` is created for each pod and deleted with it.`,
    [
      `- Size: ${size ? code(size) : 'none set'} · Access modes: ${modes.length ? modes.map(code).join(' + ') : 'none set'}`,
      `- Class: ${classLine(settings, cls)}`,
    ].join('\n'),
  ];
  const id = statefulSetIdentity(pt.res);
  if (id && id.replicas) {
    const render = (o: number) => [String(o), code(podName(id.name, o)), code(`${podName(id.name, o)}-${v.name}`)];
    out.push(collapsedTable(['Ordinal', 'Pod', 'PVC'], shownRange(id.start, id.replicas), render, [0], id.replicas));
  }
  return out;
}

/** Hover for `volumes[index].name`. */
export function volumeHover(q: Query, settings: Settings, pt: PodTemplate, index: number): string | undefined {
  const v = volumesOf(pt).find((x) => x.index === index);
  if (!v?.name) return undefined;
  const out = [
    `**Volume ${code(v.name)}** · ${pt.res.kind} ${code(pt.res.name ?? '')}`,
    ...sourceBlocks(q, settings, pt, v),
  ];
  if (pt.res.kind === 'StatefulSet' && claimTemplates(pt.res).some((c) => c.name === v.name)) {
    out.push(
      `⚠️ A claim template is also named ${code(v.name)}: the StatefulSet drops this volume and mounts the per-pod claim instead.`,
    );
  }
  out.push(...mountBlocks(pt, v.name));
  return out.join('\n\n');
}

/** Hover for a volumeMount name that resolves to no volume. */
export function unresolvedMountHover(pt: PodTemplate, name: string): string {
  const names = volumesOf(pt)
    .map((v) => v.name)
    .filter((n): n is string => !!n);
  if (pt.res.kind === 'StatefulSet') for (const c of claimTemplates(pt.res)) if (c.name) names.push(c.name);
  return [
    `⚠️ **No volume ${code(name)}** in this pod template: the mount does not resolve.`,
    names.length ? `Declared here: ${codeList(names)}.` : 'This pod template declares no volumes.',
  ].join('\n\n');
}
