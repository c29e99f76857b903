/**
 * What the cluster derives from the manifests: StatefulSet replica identities, the
 * governing Service, generated claims, StorageClass defaulting, PV binding targets.
 * Shared by rules, hovers, the tree and the CLI; all lookups go through a Query.
 */
import { formatSelector, LabelSelector, matches, readLabelSelector, readMapSelector } from '../k8s/selector';
import { parseQuantity } from '../k8s/quantity';
import { podTemplateOf, PodTemplate, WORKLOAD_KINDS } from '../k8s/podspec';
import { at, child, isNullish, items, num, scalarText, str, YNode } from '../yaml/nodes';
import { code, joinMax } from '../hover/md';
import { Query } from './query';
import { Resource } from './resource';
import { builtStatefulSet } from '../kustomize/views';
import { buildKey, KUSTOMIZE_KEY } from './workspace';
import type { YamlDoc } from '../yaml/parse';

export interface ClaimTemplate {
  name: string | undefined;
  node: YNode;
  nameNode?: YNode;
  index: number;
  /** storageClassName: undefined = unset (default class applies), '' = explicitly none. */
  storageClassName: string | undefined;
  storage: string | undefined;
  accessModes: string[];
}

export interface StatefulSetIdentity {
  res: Resource;
  name: string;
  namespace: string;
  /** spec.replicas (default 1); undefined when not a usable integer. */
  replicas: number | undefined;
  start: number;
  serviceName: string | undefined;
  podManagementPolicy: 'OrderedReady' | 'Parallel' | string;
  claims: ClaimTemplate[];
  template: PodTemplate | undefined;
}

function intOf(res: Resource, node: YNode | undefined, dflt: number): number | undefined {
  if (node === undefined) return dflt;
  const n = num(res.yaml, node);
  if (n === undefined || !Number.isInteger(n) || n < 0) return undefined;
  return n;
}

/** A storageClassName field: undefined when absent or null (Go nil), else its text ('' = no class). */
export function classField(res: Resource, node: YNode | undefined): string | undefined {
  if (node === undefined || isNullish(res.yaml, node)) return undefined;
  return scalarText(res.yaml, node);
}

export function claimTemplates(res: Resource): ClaimTemplate[] {
  const y = res.yaml;
  return items(y, res.at('spec', 'volumeClaimTemplates')).map((node, index) => {
    const spec = child(y, node, 'spec');
    return {
      name: str(y, at(y, node, 'metadata', 'name')),
      nameNode: at(y, node, 'metadata', 'name'),
      node,
      index,
      storageClassName: classField(res, child(y, spec, 'storageClassName')),
      storage: scalarText(y, at(y, spec, 'resources', 'requests', 'storage')),
      accessModes: items(y, child(y, spec, 'accessModes'))
        .map((m) => str(y, m))
        .filter((m): m is string => !!m),
    };
  });
}

/** Keyed by the syntax tree: an evicted tree takes the views of its nodes with it. */
const identityCache = new WeakMap<YamlDoc, { res: Resource; v: StatefulSetIdentity | null }>();

/** The StatefulSet's identity facts (memoized per resource and tree; treat as read-only). */
export function statefulSetIdentity(res: Resource): StatefulSetIdentity | undefined {
  const y = res.yaml;
  let e = identityCache.get(y);
  if (!e || e.res !== res) identityCache.set(y, (e = { res, v: computeIdentity(res) ?? null }));
  return e.v ?? undefined;
}

function computeIdentity(res: Resource): StatefulSetIdentity | undefined {
  if (res.kind !== 'StatefulSet' || !res.name) return undefined;
  const y = res.yaml;
  return {
    res,
    name: res.name,
    namespace: res.namespace,
    replicas: intOf(res, res.at('spec', 'replicas'), 1),
    start: intOf(res, res.at('spec', 'ordinals', 'start'), 0) ?? 0,
    serviceName: str(y, res.at('spec', 'serviceName')) || undefined,
    podManagementPolicy: str(y, res.at('spec', 'podManagementPolicy')) ?? 'OrderedReady',
    claims: claimTemplates(res),
    template: podTemplateOf(res),
  };
}

export const podName = (sts: string, ordinal: number) => `${sts}-${ordinal}`;
export const claimName = (claim: string, sts: string, ordinal: number) => `${claim}-${sts}-${ordinal}`;
export const podFqdn = (pod: string, svc: string, ns: string, domain: string) =>
  `${pod}.${svc}.${ns}.svc${domain ? '.' + domain : ''}`;
export const serviceFqdn = (svc: string, ns: string, domain: string) => `${svc}.${ns}.svc${domain ? '.' + domain : ''}`;

/** Most replica rows computed for one StatefulSet; beyond it the middle is left out. */
export const MAX_REPLICA_ROWS = 1000;

/**
 * The ordinals of a StatefulSet's pods (start … start+replicas-1). Past `limit`, only the
 * first `limit - 2` and the last 2 are listed, so a typo like `replicas: 2147483647` costs nothing.
 */
export function ordinals(id: StatefulSetIdentity, limit = MAX_REPLICA_ROWS): number[] {
  const n = id.replicas ?? 0;
  const out: number[] = [];
  if (n <= limit) {
    for (let i = 0; i < n; i++) out.push(id.start + i);
    return out;
  }
  for (let i = 0; i < limit - 2; i++) out.push(id.start + i);
  out.push(id.start + n - 2, id.start + n - 1);
  return out;
}

export function isHeadless(svc: Resource): boolean {
  return str(svc.yaml, svc.at('spec', 'clusterIP')) === 'None';
}

export function serviceSelector(svc: Resource): LabelSelector | undefined {
  return readMapSelector(svc.yaml, svc.at('spec', 'selector'));
}

export type ServiceProblem = 'no-service-name' | 'missing' | 'other-namespace' | 'not-headless' | 'selector-mismatch' | 'no-selector';

export interface GoverningService {
  service?: Resource;
  /** Same-named Services in other namespaces (when the problem is `missing`). */
  elsewhere: Resource[];
  problem?: ServiceProblem;
  /** Why per-pod DNS names will not resolve, in a sentence. */
  reason?: string;
}

/** The headless Service that gives a StatefulSet's pods their DNS names, and what is wrong with it. */
export function governingService(q: Query, id: StatefulSetIdentity): GoverningService {
  if (!id.serviceName) {
    return {
      elsewhere: [],
      problem: 'no-service-name',
      reason: '`spec.serviceName` is not set, so the pods get no subdomain and no per-pod DNS names.',
    };
  }
  // Several Services of that name (unrelated examples, install variants): the narrowest
  // scope around the StatefulSet decides; if its candidates disagree, say nothing is wrong.
  const candidates = q.scoped('Service', id.namespace, id.serviceName, id.res);
  if (candidates.length > 1) {
    const results = candidates.map((s) => serviceVerdict(id, s));
    if (results.some((r) => r.problem !== results[0].problem)) return results.find((r) => !r.problem) ?? results[0];
    return results[0];
  }
  const service = candidates[0];
  if (!service) {
    const built = serviceInBuilds(q, id);
    if (built) return built;
    const elsewhere = q.named('Service', id.serviceName).filter((s) => s.namespace !== id.namespace);
    const where = elsewhere.length
      ? ` A Service ${code(id.serviceName)} exists in namespace ${joinMax(elsewhere.map((s) => code(s.namespace)))}, but it must be in ${code(id.namespace)}.`
      : '';
    return {
      elsewhere,
      problem: elsewhere.length ? 'other-namespace' : 'missing',
      reason: `No Service ${code(id.serviceName)} in namespace ${code(id.namespace)} in the workspace.${where}`,
    };
  }
  return serviceVerdict(id, service);
}

/**
 * When the source files have no Service of that name in the StatefulSet's namespace but every
 * kustomize build that includes the StatefulSet has its headless Service (an overlay sets the
 * namespace, adds the Service, or renames both), the builds decide: nothing is missing.
 */
function serviceInBuilds(q: Query, id: StatefulSetIdentity): GoverningService | undefined {
  const ws = q.ws;
  if (ws.kustomize.size === 0) return undefined;
  q.deps.add(KUSTOMIZE_KEY);
  const hits = ws.kustomize.objectsOf(ws.fileAccess, id.res.uri, id.res.doc.index);
  if (hits.length === 0) return undefined;
  for (const h of hits) q.deps.add(buildKey(h.build.uri));
  const views = hits.map((h) => builtStatefulSet(h.build, h.object, ws.settings.defaultNamespace));
  if (!views.every((v) => v.service === 'headless')) return undefined;
  const v = views[0];
  const svc = v.build.objects.find((o) => o.origin && o.obj.kind === 'Service' && o.obj.metadata && (o.obj.metadata as { name?: unknown }).name === v.serviceName);
  return svc?.origin ? { service: svc.origin, elsewhere: [] } : undefined;
}

/** What is wrong (if anything) with a Service as the governing Service of a StatefulSet. */
function serviceVerdict(id: StatefulSetIdentity, service: Resource): GoverningService {
  if (!isHeadless(service)) {
    return {
      service,
      elsewhere: [],
      problem: 'not-headless',
      reason: `Service ${code(id.serviceName ?? '')} is not headless (\`clusterIP: None\`), so it publishes no per-pod records.`,
    };
  }
  const sel = serviceSelector(service);
  if (!sel || sel.matchLabels.size === 0) {
    return {
      service,
      elsewhere: [],
      problem: 'no-selector',
      reason: `Service ${code(id.serviceName ?? '')} has no selector, so its endpoints (and pod DNS records) are not managed by Kubernetes.`,
    };
  }
  if (id.template && !matches(sel, id.template.labels)) {
    return {
      service,
      elsewhere: [],
      problem: 'selector-mismatch',
      reason: `Service ${code(id.serviceName ?? '')} selects ${code(formatSelector(sel))}, which does not match the pod template labels.`,
    };
  }
  return { service, elsewhere: [] };
}

/** Pod templates (of any workload kind) in a namespace that a Service selector selects. */
export function selectedWorkloads(q: Query, namespace: string, sel: LabelSelector): PodTemplate[] {
  const out: PodTemplate[] = [];
  // With a label to require, only workloads that have it are candidates (label index).
  const first = sel.matchLabels.entries().next();
  const candidates = first.done ? undefined : q.withPodLabel(WORKLOAD_KINDS, namespace, first.value[0], first.value[1]);
  for (const kind of WORKLOAD_KINDS) {
    for (const r of candidates ? candidates.filter((c) => c.kind === kind) : q.list(kind, namespace)) {
      const pt = podTemplateOf(r);
      if (pt && pt.labels.size > 0 && matches(sel, pt.labels)) out.push(pt);
    }
  }
  return out;
}

export const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export function isDefaultClass(sc: Resource): boolean {
  return DEFAULT_CLASS_ANNOTATIONS.some((a) => str(sc.yaml, sc.at('metadata', 'annotations', a)) === 'true');
}

export function defaultClasses(q: Query): Resource[] {
  return q.list('StorageClass').filter(isDefaultClass);
}

export interface ClassResolution {
  /** The class name the claim ends up with ('' = no class). undefined = unset and no default known. */
  name: string | undefined;
  /** The StorageClass object, when in the workspace. */
  sc?: Resource;
  /** How the name was chosen. */
  how: 'explicit' | 'none' | 'default' | 'unset';
}

/** The StorageClass a claim uses: the explicit name, '' (none), or the default class. */
export function resolveClass(q: Query, explicit: string | undefined, annotation?: string): ClassResolution {
  const name = annotation ?? explicit;
  if (name === '') return { name: '', how: 'none' };
  if (name !== undefined) return { name, sc: q.get('StorageClass', '', name), how: 'explicit' };
  // A default class still being typed (no name yet) cannot be the one admission picks.
  const defs = defaultClasses(q).filter((sc) => !!sc.name);
  if (defs.length) {
    // GetDefaultClass (pkg/volume/util/storageclass.go): the newest creationTimestamp wins,
    // ties go to the first name in alphabetical order.
    const ts = (r: Resource) => str(r.yaml, r.at('metadata', 'creationTimestamp')) ?? '';
    const sc = [...defs].sort((a, b) => (ts(a) !== ts(b) ? (ts(a) > ts(b) ? -1 : 1) : (a.name ?? '') < (b.name ?? '') ? -1 : 1))[0];
    return { name: sc.name, sc, how: 'default' };
  }
  return { name: undefined, how: 'unset' };
}

/** PVC facts used by binding checks and hovers. */
export interface ClaimFacts {
  res: Resource;
  storageClassName: string | undefined;
  classAnnotation: string | undefined;
  storage: number | undefined;
  storageText: string | undefined;
  accessModes: string[];
  volumeMode: string;
  volumeName: string | undefined;
}

export function claimFacts(res: Resource): ClaimFacts {
  const y = res.yaml;
  const scNode = res.at('spec', 'storageClassName');
  const storageText = scalarText(y, res.at('spec', 'resources', 'requests', 'storage'));
  return {
    res,
    storageClassName: classField(res, scNode),
    classAnnotation: str(y, res.at('metadata', 'annotations', 'volume.beta.kubernetes.io/storage-class')),
    storage: storageText !== undefined ? parseQuantity(storageText)?.value : undefined,
    storageText,
    accessModes: items(y, res.at('spec', 'accessModes'))
      .map((m) => str(y, m))
      .filter((m): m is string => !!m),
    volumeMode: str(y, res.at('spec', 'volumeMode')) ?? 'Filesystem',
    volumeName: str(y, res.at('spec', 'volumeName')) || undefined,
  };
}

export interface VolumeFacts {
  res: Resource;
  storageClassName: string;
  storage: number | undefined;
  storageText: string | undefined;
  accessModes: string[];
  volumeMode: string;
  claimRef?: { name?: string; namespace?: string };
}

export function volumeFacts(res: Resource): VolumeFacts {
  const y = res.yaml;
  const storageText = scalarText(y, res.at('spec', 'capacity', 'storage'));
  const cr = res.at('spec', 'claimRef');
  return {
    res,
    storageClassName:
      str(y, res.at('metadata', 'annotations', 'volume.beta.kubernetes.io/storage-class')) ??
      classField(res, res.at('spec', 'storageClassName')) ??
      '',
    storage: storageText !== undefined ? parseQuantity(storageText)?.value : undefined,
    storageText,
    accessModes: items(y, res.at('spec', 'accessModes'))
      .map((m) => str(y, m))
      .filter((m): m is string => !!m),
    volumeMode: str(y, res.at('spec', 'volumeMode')) ?? 'Filesystem',
    claimRef: cr ? { name: str(y, child(y, cr, 'name')), namespace: str(y, child(y, cr, 'namespace')) } : undefined,
  };
}

export type BindAspect = 'capacity' | 'class' | 'volumeMode' | 'accessModes';

/**
 * The classes a claim can bind a volume of: its own class, or, when it relies on the default,
 * any default class (with several defaults, admission may pick either).
 */
export function acceptedClasses(q: Query, claim: ClaimFacts): { classes: string[]; resolution: ClassResolution } {
  const resolution = resolveClass(q, claim.storageClassName, claim.classAnnotation);
  const own = resolution.name ?? '';
  const classes = [own];
  if (resolution.how === 'default') for (const d of defaultClasses(q)) if (d.name && d.name !== own) classes.push(d.name);
  return { classes, resolution };
}

/**
 * Which checks of the PV controller's checkVolumeSatisfyClaim a claim and a volume fail:
 * capacity, class (only when `classes` is given: the claimRef-only path skips it), volumeMode,
 * access modes (PV modes ⊇ claim modes, when the PV lists any).
 */
export function bindingMismatches(claim: ClaimFacts, pv: VolumeFacts, classes?: readonly string[]): BindAspect[] {
  const out: BindAspect[] = [];
  if (claim.storage !== undefined && pv.storage !== undefined && pv.storage < Math.ceil(claim.storage)) out.push('capacity');
  if (classes && !classes.includes(pv.storageClassName)) out.push('class');
  if (claim.volumeMode !== pv.volumeMode) out.push('volumeMode');
  if (pv.accessModes.length && !claim.accessModes.every((m) => pv.accessModes.includes(m))) out.push('accessModes');
  return out;
}

/** The PVC a workload volume's claimName points at (same namespace; the narrowest scope around `from`). */
export function claimTarget(q: Query, namespace: string, claim: string, from?: Resource): Resource | undefined {
  return q.get('PersistentVolumeClaim', namespace, claim, from);
}

/** For a StatefulSet pod's generated claim name, the StatefulSet and claim template that produce it. */
export function generatedClaimOwner(
  q: Query,
  namespace: string,
  pvcName: string,
): { id: StatefulSetIdentity; claim: ClaimTemplate; ordinal: number } | undefined {
  // `<claim>-<sts>-<ordinal>`: try each split at two dashes, looking the StatefulSet up by name
  // (no scan of the namespace's StatefulSets).
  const dashes: number[] = [];
  for (let i = pvcName.indexOf('-'); i !== -1; i = pvcName.indexOf('-', i + 1)) dashes.push(i);
  for (let a = 0; a < dashes.length; a++) {
    const claim = pvcName.slice(0, dashes[a]);
    for (let b = a + 1; b < dashes.length; b++) {
      const sts = pvcName.slice(dashes[a] + 1, dashes[b]);
      const rest = pvcName.slice(dashes[b] + 1);
      const ord = Number(rest);
      if (!claim || !sts || !Number.isInteger(ord) || String(ord) !== rest) continue;
      for (const r of q.getAll('StatefulSet', namespace, sts)) {
        const id = statefulSetIdentity(r);
        const c = id?.claims.find((x) => x.name === claim);
        if (id && c) return { id, claim: c, ordinal: ord };
      }
    }
  }
  return undefined;
}

export { readLabelSelector };
