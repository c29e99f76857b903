/** Storage summaries for hovers: StorageClass, PVC, PV, and the PVC → PV → StorageClass chain. */
import type { Query } from '../model/query';
import type { Resource } from '../model/resource';
import { platformClasses } from '../k8s/platforms';
import type { Settings } from '../settings';
import { Claim, objectClaim } from '../model/claims';
import { ClassResolution, isDefaultClass, resolveClass } from '../model/storage-class';
import { generatedClaimOwner } from '../model/identity';
import { volumeFacts } from '../model/binding';
import { podName } from '../model/identity';
import { bool, entries, scalarText, str } from '../yaml/nodes';
import { code, codeList } from './md';
import { PV_SOURCES, PV_SPEC_FIELDS, sourcesOf } from '../k8s/volume-sources';

const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

interface ClassFacts {
  provisioner?: string;
  reclaimPolicy: string;
  bindingMode: string;
  expansion?: boolean;
  parameters: [string, string][];
  isDefault: boolean;
}

function classFacts(sc: Resource): ClassFacts {
  const y = sc.yaml;
  return {
    provisioner: str(y, sc.at('provisioner')),
    reclaimPolicy: str(y, sc.at('reclaimPolicy')) ?? 'Delete',
    bindingMode: str(y, sc.at('volumeBindingMode')) ?? 'Immediate',
    expansion: bool(y, sc.at('allowVolumeExpansion')),
    parameters: entries(y, sc.at('parameters')).map(([k, , v]) => [k, scalarText(y, v) ?? '…']),
    isDefault: isDefaultClass(sc),
  };
}

/** One line about a StorageClass: provisioner, binding mode, reclaim policy. */
function classBrief(sc: Resource): string {
  const f = classFacts(sc);
  return [
    f.provisioner ? `provisioner ${code(f.provisioner)}` : 'no provisioner',
    code(f.bindingMode),
    `reclaim ${code(f.reclaimPolicy)}`,
  ].join(', ');
}

function notInWorkspace(settings: Settings, name: string): string {
  if (settings.knownStorageClasses.includes(name))
    return 'not in the workspace; listed in the `knownStorageClasses` setting';
  // Which platforms create it (the configured ones, or any known platform with `auto`).
  const by = platformClasses(
    Array.isArray(settings.platform) ? settings.platform : settings.platform === 'none' ? 'none' : 'auto',
    [],
  ).classes.get(name);
  return by ? `not in the workspace; a built-in class of ${by.join(', ')}` : 'not in the workspace';
}

/** The class a claim ends up with, in words. */
export function classLine(settings: Settings, cls: ClassResolution): string {
  switch (cls.how) {
    case 'none':
      return 'none (`""`): binds only to PersistentVolumes without a class; nothing is provisioned dynamically';
    case 'default':
      return `default class ${code(cls.name ?? '')} (no \`storageClassName\`, so the default StorageClass is filled in)${cls.sc ? ': ' + classBrief(cls.sc) : ''}`;
    case 'unset':
      return 'cluster default (no default StorageClass in the workspace): without `storageClassName` the cluster fills in its default class when the claim is created';
    default:
      return `${code(cls.name ?? '')}${cls.sc ? ': ' + classBrief(cls.sc) : ` (${notInWorkspace(settings, cls.name ?? '')})`}`;
  }
}

/** Hover for a `storageClassName` value: the StorageClass it names. */
export function storageClassHover(
  q: Query,
  settings: Settings,
  name: string | undefined,
  holderKind: string,
  annotation?: string,
): string {
  if (name === '') {
    return [
      '**No StorageClass** (`storageClassName: ""`)',
      holderKind === 'PersistentVolume'
        ? 'This PersistentVolume has no class: only claims that ask for no class (`storageClassName: ""`) bind to it.'
        : 'The claim binds only to PersistentVolumes that have no class: the default class is not applied and nothing is provisioned dynamically.',
    ].join('\n\n');
  }
  if (name === undefined) return '';
  const out: string[] = [];
  if (annotation !== undefined && annotation !== name) {
    out.push(
      `⚠️ The annotation \`volume.beta.kubernetes.io/storage-class: ${annotation}\` takes precedence over this field.`,
    );
  }
  const sc = q.get('StorageClass', '', name);
  if (!sc) {
    out.unshift(`**StorageClass ${code(name)}**: ${notInWorkspace(settings, name)}.`);
    const others = q
      .list('StorageClass')
      .map((s) => s.name ?? '')
      .filter((n) => n && n !== name);
    if (others.length) out.push(`StorageClasses in the workspace: ${codeList(others)}.`);
    return out.join('\n\n');
  }
  const f = classFacts(sc);
  out.unshift(`**StorageClass ${code(name)}**${f.isDefault ? ' · default class' : ''}`);
  const lines = [
    `- Provisioner: ${f.provisioner ? code(f.provisioner) : 'none'}${f.provisioner === NO_PROVISIONER ? ' (no dynamic provisioning: PVs are created by hand)' : ''}`,
    `- Binding: ${code(f.bindingMode)}${f.bindingMode === 'WaitForFirstConsumer' ? ' (the volume is bound or provisioned where the first pod using the claim is scheduled)' : f.bindingMode === 'Immediate' ? ' (bound or provisioned as soon as the claim is created)' : ''}`,
    `- Reclaim policy: ${code(f.reclaimPolicy)}${f.reclaimPolicy === 'Delete' ? ' (a provisioned volume is deleted with its claim)' : ''}`,
  ];
  if (f.expansion !== undefined) lines.push(`- Volume expansion: ${f.expansion ? 'allowed' : 'not allowed'}`);
  if (f.parameters.length) lines.push(`- Parameters: ${codeList(f.parameters.map(([k, v]) => `${k}=${v}`))}`);
  out.splice(1, 0, lines.join('\n'));
  return out.join('\n\n');
}

function sizeModes(size: string | undefined, modes: string[]): string {
  return `${size ? code(size) : 'no size'}, ${modes.length ? modes.map(code).join(' + ') : 'no access modes'}`;
}

/** Where a PV's data lives: `hostPath /mnt/data`, `nfs 10.0.0.1:/export`, `csi ebs.csi.aws.com`. */
function pvSource(pv: Resource): string | undefined {
  const y = pv.yaml;
  const src = sourcesOf(y, pv.at('spec'), PV_SOURCES, PV_SPEC_FIELDS).present[0];
  if (!src) return undefined;
  const { key: kind, value: node } = src;
  const f = (k: string) => scalarText(y, entries(y, node).find(([n]) => n === k)?.[2]);
  const detail =
    kind === 'nfs'
      ? `${f('server') ?? '?'}:${f('path') ?? '?'}`
      : kind === 'csi'
        ? f('driver')
        : (f('path') ?? f('volumeID') ?? f('pdName'));
  return detail ? `${kind} ${code(detail)}` : kind;
}

/** One line about a PV: size, modes, class, source, reclaim policy. */
function pvBrief(pv: Resource): string {
  const f = volumeFacts(pv);
  const reclaim = str(pv.yaml, pv.at('spec', 'persistentVolumeReclaimPolicy')) ?? 'Retain';
  const src = pvSource(pv);
  return [
    sizeModes(f.storageText, f.accessModes),
    f.storageClassName ? `class ${code(f.storageClassName)}` : 'no class',
    ...(src ? [src] : []),
    `reclaim ${code(reclaim)}`,
  ].join(', ');
}

/** Hover for a PVC's `volumeName`: the PersistentVolume it pre-binds to. */
export function volumeHover(q: Query, pvName: string, claim?: Resource): string {
  const pv = q.get('PersistentVolume', '', pvName);
  if (!pv) return `**PersistentVolume ${code(pvName)}**: not in the workspace.`;
  const f = volumeFacts(pv);
  const out = [`**PersistentVolume ${code(pvName)}**: ${pvBrief(pv)}`];
  if (f.claimRef?.name && !f.claimRef.namespace) {
    out.push(`⚠️ Its \`claimRef\` names claim ${code(f.claimRef.name)} but no namespace, so no claim can bind it.`);
  } else if (f.claimRef?.name) {
    const ref = `${f.claimRef.namespace}/${f.claimRef.name}`;
    const mine = claim && f.claimRef.name === claim.name && f.claimRef.namespace === claim.namespace;
    out.push(
      claim && !mine
        ? `⚠️ Reserved for claim ${code(ref)} by its \`claimRef\`, not for this claim.`
        : `Reserved for claim ${code(ref)} by its \`claimRef\`.`,
    );
  }
  return out.join('\n\n');
}

interface Chain {
  headline: string;
  bullets: string[];
}

/** How a claim gets its PV when no PV names it. */
function provisioning(cls: ClassResolution): string {
  if (cls.how === 'none') return 'binds to an existing PV without a class';
  const f = cls.sc && classFacts(cls.sc);
  if (f?.provisioner && f.provisioner !== NO_PROVISIONER) {
    return `provisioned by ${code(f.provisioner)} ${f.bindingMode === 'WaitForFirstConsumer' ? 'when the first pod using the claim is scheduled' : 'when the claim is created'}`;
  }
  if (f) return `binds to a matching pre-created PV of class ${code(cls.name ?? '')}`;
  return 'provisioned by the class, or bound to a matching PV';
}

function chainOf(pvcLabel: string, pvLabel: string, cls: ClassResolution): string {
  const clsLabel =
    cls.how === 'none' ? 'no class' : cls.name ? `StorageClass ${code(cls.name)}` : 'default StorageClass';
  return `${pvcLabel} → ${pvLabel} → ${clsLabel}`;
}

function pvLabelFor(pv: Resource | undefined, name: string | undefined, cls: ClassResolution): string {
  if (pv || name) return `PV ${code(pv?.name ?? name ?? '')}`;
  return cls.how === 'none'
    ? 'existing PV'
    : cls.sc && classFacts(cls.sc).provisioner === NO_PROVISIONER
      ? 'matching PV'
      : 'new PV';
}

/** PVs that name a claim in their claimRef. */
function reservedFor(q: Query, pvc: Resource): Resource[] {
  return q.list('PersistentVolume').filter((pv) => {
    const r = volumeFacts(pv).claimRef;
    return !!r && r.name === pvc.name && r.namespace === pvc.namespace;
  });
}

function claimChain(q: Query, settings: Settings, facts: Claim): Chain {
  const pvc = facts.res;
  const cls = resolveClass(q, facts.storageClassName, facts.classAnnotation);
  const bullets = [
    `- **PVC** ${code(pvc.name ?? '')}: ${sizeModes(facts.storageText, facts.accessModes)}${facts.volumeMode !== 'Filesystem' ? `, ${code(facts.volumeMode)}` : ''}`,
  ];
  let pv: Resource | undefined;
  if (facts.volumeName) {
    pv = q.get('PersistentVolume', '', facts.volumeName);
    bullets.push(
      `- **PV** ${code(facts.volumeName)} (named by the claim's \`volumeName\`): ${pv ? pvBrief(pv) : 'not in the workspace'}`,
    );
  } else {
    const reserved = reservedFor(q, pvc);
    pv = reserved[0];
    bullets.push(
      pv
        ? `- **PV** ${code(pv.name ?? '')} (reserved by its \`claimRef\`): ${pvBrief(pv)}`
        : `- **PV**: ${provisioning(cls)}`,
    );
  }
  bullets.push(`- **Class**: ${classLine(settings, cls)}`);
  return { headline: chainOf(`PVC ${code(pvc.name ?? '')}`, pvLabelFor(pv, facts.volumeName, cls), cls), bullets };
}

/** The PVC → PV → StorageClass chain of a claim name in a namespace, as markdown blocks (`lead` starts the first). */
export function claimChainBlocks(q: Query, settings: Settings, namespace: string, name: string, lead = ''): string[] {
  const pvc = q.get('PersistentVolumeClaim', namespace, name);
  if (pvc) {
    const c = claimChain(q, settings, objectClaim(pvc));
    return [lead + c.headline, c.bullets.join('\n')];
  }
  const owner = generatedClaimOwner(q, namespace, name);
  if (owner) {
    const cls = resolveClass(q, owner.claim.storageClassName);
    return [
      lead + chainOf(`PVC ${code(name)}`, pvLabelFor(undefined, undefined, cls), cls),
      [
        `- **PVC** ${code(name)}: created by StatefulSet ${code(owner.id.name)} from claim template ${code(owner.claim.name ?? '')} for pod ${code(podName(owner.id.name, owner.ordinal))}; ${sizeModes(owner.claim.storageText, owner.claim.accessModes)}`,
        `- **PV**: ${provisioning(cls)}`,
        `- **Class**: ${classLine(settings, cls)}`,
      ].join('\n'),
    ];
  }
  return [
    `${lead}⚠️ No PersistentVolumeClaim ${code(name)} in namespace ${code(namespace)} in the workspace: a pod using it stays Pending until the claim exists.`,
  ];
}

/** Hover for a claim name (`claimName`, a PV's `claimRef.name`). */
export function claimHover(q: Query, settings: Settings, namespace: string, name: string): string {
  return [
    `**PersistentVolumeClaim ${code(name)}** · namespace ${code(namespace)}`,
    ...claimChainBlocks(q, settings, namespace, name),
  ].join('\n\n');
}
