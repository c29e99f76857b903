import { claimNameOf, podTemplateOf, volumesOf } from '../../k8s/podspec';
import type { Resource } from '../../model/resource';
import { isNullish, items, num, str } from '../../yaml/nodes';
import type { ResourceRule, RuleContext } from '../types';
import { builtResource } from '../../kustomize/views';
import { nameOf, namespaceOf } from '../../kustomize/build';
import { buildKey, KUSTOMIZE_KEY } from '../../model/workspace';

const SINGLE_NODE_MODES = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

/** Replicas (default 1); undefined when not a usable integer. */
function replicasOf(res: Resource): number | undefined {
  const node = res.at('spec', 'replicas');
  if (node === undefined || isNullish(res.yaml, node)) return 1;
  const n = num(res.yaml, node);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Extra pods a Deployment's RollingUpdate starts (maxSurge, default 25%, rounded up);
 * 0 for Recreate; undefined when unreadable.
 */
function surgeOf(res: Resource, replicas: number): number | undefined {
  const y = res.yaml;
  const typeNode = res.at('spec', 'strategy', 'type');
  const type = typeNode === undefined || isNullish(y, typeNode) ? 'RollingUpdate' : str(y, typeNode) || 'RollingUpdate';
  if (type === 'Recreate') return 0;
  if (type !== 'RollingUpdate') return undefined;
  const node = res.at('spec', 'strategy', 'rollingUpdate', 'maxSurge');
  if (node === undefined || isNullish(y, node)) return Math.ceil((replicas * 25) / 100);
  const n = num(y, node);
  if (n !== undefined) return Number.isInteger(n) && n >= 0 ? n : undefined;
  const m = /^([0-9]+)%$/.exec(str(y, node) ?? '');
  return m ? Math.ceil((replicas * Number(m[1])) / 100) : undefined;
}

/** Why more than one pod of this workload may use the volume at once, or undefined. */
function sharingReason(res: Resource): string | undefined {
  if (res.kind === 'DaemonSet') return 'this DaemonSet runs a pod on every node';
  const replicas = replicasOf(res);
  if (replicas === undefined || replicas === 0) return undefined;
  if (replicas > 1) return `this ${res.kind} runs ${replicas} replicas`;
  if (res.kind !== 'Deployment') return undefined;
  const surge = surgeOf(res, replicas);
  if (!surge) return undefined;
  const explicit = res.at('spec', 'strategy') !== undefined;
  return `this Deployment's RollingUpdate strategy${explicit ? '' : ' (the default, maxSurge 25%)'} starts a new pod before the old one stops`;
}

export const rwoClaimShared: ResourceRule = {
  code: 'rwo-claim-shared',
  severity: 'warning',
  title: 'ReadWriteOnce claim shared by several pods of a workload',
  source:
    'persistent-volumes.md "Access Modes"; attach-detach reconciler Multi-Attach error; kubernetes/kubernetes#48968; reference §5.5',
  docs: `A PVC whose access modes are only \`ReadWriteOnce\` can be attached to **one node** at a time
(\`ReadWriteOncePod\`: one pod). A Deployment, ReplicaSet or ReplicationController with more than one
replica, a DaemonSet, or even a one-replica Deployment during a RollingUpdate (which starts the new
pod before stopping the old one) puts several pods on the same claim. Pods scheduled to another node
hang in \`ContainerCreating\` with \`Multi-Attach error for volume … Volume is already used by pod(s) …\`
(with \`ReadWriteOncePod\` they stay Pending), and rollouts stall.

**Fix:** give each replica its own claim with a StatefulSet and \`volumeClaimTemplates\`, use storage
that supports \`ReadWriteMany\`, or, for a single-replica Deployment, set \`strategy.type: Recreate\`.`,
  bad: 'kind: Deployment\nspec:\n  replicas: 3\n  template:\n    spec:\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: data}   # ReadWriteOnce',
  good: 'kind: Deployment\nspec:\n  replicas: 1\n  strategy: {type: Recreate}\n  template:\n    spec:\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: data}',
  kinds: ['Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet'],
  check(res, ctx) {
    if (ctx.q.ws.isPatchFile(res.uri)) return checkPatch(res, ctx);
    const pt = podTemplateOf(res);
    if (!pt) return;
    const claims = volumesOf(pt)
      .map((v) => claimNameOf(pt, v))
      .filter((c): c is { name: string; node: NonNullable<typeof c>['node'] } => !!c?.name);
    if (!claims.length) return;
    const reason = sharingReason(res);
    if (!reason) return;
    for (const c of claims) {
      // The claim in the narrowest scope around this workload; several there must all agree.
      const pvcs = ctx.q.scoped('PersistentVolumeClaim', res.namespace, c.name, res);
      const modesOf = (p: (typeof pvcs)[number]) =>
        items(p.yaml, p.at('spec', 'accessModes')).map((m) => str(p.yaml, m));
      const singleNode = (modes: (string | undefined)[]) =>
        modes.length > 0 && modes.every((m) => m !== undefined && SINGLE_NODE_MODES.has(m));
      if (!pvcs.length || !pvcs.every((p) => singleNode(modesOf(p)))) continue;
      const pvc = pvcs[0];
      const modesNode = pvc.at('spec', 'accessModes');
      const modes = modesOf(pvc);
      const rwop = modes.includes('ReadWriteOncePod');
      const effect = rwop
        ? 'Only one pod at a time can use a ReadWriteOncePod claim: the others stay Pending.'
        : 'The volume attaches to one node at a time, so pods on other nodes hang in ContainerCreating with a Multi-Attach error.';
      const options =
        res.kind === 'DaemonSet'
          ? ['ReadWriteMany storage', 'a node-local volume (hostPath or local) per node']
          : ['a StatefulSet with volumeClaimTemplates (one claim per replica)', 'ReadWriteMany storage'];
      if (res.kind === 'Deployment' && replicasOf(res) === 1) options.push('`strategy.type: Recreate`');
      const fix = `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
      ctx.report(
        c.node,
        `PVC \`${c.name}\` allows ${[...new Set(modes)].join('/')} only, but ${reason}. ${effect} Use ${fix}.`,
        { related: [{ span: ctx.span(pvc, modesNode), message: `PersistentVolumeClaim ${c.name}: accessModes` }] },
      );
    }
  },
};

/**
 * A kustomize patch that adds a claim to a workload: checked on the patched workload of each
 * build that applies it (its replicas and strategy come from the base or other patches), with
 * the claim that build renames the reference to.
 */
function checkPatch(res: Resource, ctx: RuleContext): void {
  const ws = ctx.q.ws;
  const pt = podTemplateOf(res);
  if (!pt || !res.name) return;
  const claims = volumesOf(pt)
    .map((v) => ({ volume: v.name, c: claimNameOf(pt, v) }))
    .filter((x) => x.volume && x.c?.name && x.c.node);
  if (!claims.length) return;
  ctx.q.deps.add(KUSTOMIZE_KEY);
  const hits = ws.kustomize
    .patchedBy(ws.fileAccess, res.uri)
    .filter((h) => h.object.obj.kind === res.kind && h.object.names.includes(res.name!));
  const reported = new Set<string>();
  for (const h of hits) {
    ctx.q.deps.add(buildKey(h.build.uri));
    const built = builtResource(h.object, res.uri, ws.settings.defaultNamespace);
    const reason = built && sharingReason(built);
    const bpt = built && podTemplateOf(built);
    if (!reason || !bpt) continue;
    for (const { volume, c } of claims) {
      if (reported.has(volume!)) continue;
      const bv = volumesOf(bpt).find((v) => v.name === volume);
      const claim = bv && claimNameOf(bpt, bv)?.name;
      if (!claim) continue;
      const pvcs = h.build.objects.filter(
        (o) =>
          o.obj.kind === 'PersistentVolumeClaim' &&
          nameOf(o.obj) === claim &&
          (namespaceOf(o.obj) || ws.settings.defaultNamespace) === built.namespace,
      );
      if (pvcs.length !== 1) continue;
      const spec = pvcs[0].obj.spec as { accessModes?: unknown } | undefined;
      const modes = Array.isArray(spec?.accessModes) ? spec!.accessModes.map(String) : [];
      if (!modes.length || !modes.every((m) => SINGLE_NODE_MODES.has(m))) continue;
      reported.add(volume!);
      const effect = modes.includes('ReadWriteOncePod')
        ? 'Only one pod at a time can use a ReadWriteOncePod claim: the others stay Pending.'
        : 'The volume attaches to one node at a time, so pods on other nodes hang in ContainerCreating with a Multi-Attach error.';
      ctx.report(
        c!.node,
        `PVC \`${claim}\` allows ${[...new Set(modes)].join('/')} only, but in the kustomize build where this patch applies ${reason}. ${effect} Use a StatefulSet with volumeClaimTemplates (one claim per replica), ReadWriteMany storage${res.kind === 'Deployment' ? ' or `strategy.type: Recreate`' : ''}.`,
      );
    }
  }
}
