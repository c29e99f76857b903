/**
 * A StatefulSet: its governing Service, its claim templates with each replica's claim and
 * the containers mounting it, its template volumes, and its pods with their DNS names.
 * Everything comes from `statefulSetView`, the same data the hovers and commands show.
 */
import { dnsCheckCommand, ReplicaRow, serviceProblemText, statefulSetView, StatefulSetView } from '../identity';
import { claimName, StatefulSetIdentity } from '../model/identity';
import { isHeadless, serviceSelector } from '../model/governance';
import type { Resource } from '../model/resource';
import { formatSelector } from '../k8s/selector';
import { keyNode, str } from '../yaml/nodes';
import type { TreeNode } from './index';
import { capped, code, facts, mk, modesText, problemCount, problemsText, tip, TreeCtx } from './context';
import { StorageModel, templateClassNode } from './storage';
import { sharedText, useNodes, volumeNodes } from './volumes';
import { kustomizeBuildsNode } from './kustomize';
import { code as mdCode } from '../hover/md';

/** The view of a StatefulSet (statefulSetView caps its rows for absurd replica counts). */
function viewOf(ctx: TreeCtx, id: StatefulSetIdentity): StatefulSetView {
  return statefulSetView(ctx.q, ctx.settings, id.res) as StatefulSetView;
}

/** The view's reason, plus what it means for the pods when the reason does not say. */
function dnsProblem(v: StatefulSetView): string | undefined {
  const reason = serviceProblemText(v.id, v.service, mdCode);
  if (!reason || v.dnsResolves) return undefined;
  const fqdn = v.rows[0]?.fqdn;
  // The missing Service, one elsewhere or a selector mismatch: the reason does not mention DNS yet.
  const saysDns =
    v.service.problem === 'no-service-name' ||
    v.service.problem === 'not-headless' ||
    v.service.problem === 'no-selector';
  return saysDns || !fqdn ? reason : `${reason} Per-pod DNS names such as ${code(fqdn)} will not resolve.`;
}

function serviceNode(ctx: TreeCtx, parentId: string, v: StatefulSetView): TreeNode {
  const { id, service: g } = v;
  const res = id.res;
  if (!id.serviceName) {
    return mk({
      id: `${parentId}/Service`,
      label: 'No governing Service',
      description: 'serviceName not set · no pod DNS names',
      tooltip: tip('**No governing Service**', [
        serviceProblemText(id, g, mdCode),
        'set `spec.serviceName` to a headless Service (`clusterIP: None`) selecting the pods to give each pod a stable DNS name',
      ]),
      icon: 'info',
      kind: 'service',
      location: ctx.loc(res, keyNode(res.yaml, res.root, 'spec')),
    });
  }
  const name = id.serviceName;
  const nodeId = `${parentId}/Service/${name}`;
  if (!g.service) {
    return mk({
      id: nodeId,
      label: `Service ${name}`,
      description: g.elsewhere.length ? `only in ${g.elsewhere.map((s) => s.namespace).join(', ')}` : 'not found',
      tooltip: tip(`**Service** ${code(name)} (governing)`, [`expected in namespace ${code(id.namespace)}`]),
      icon: 'globe',
      kind: 'service',
      problem: dnsProblem(v),
      location: ctx.loc(res, res.at('spec', 'serviceName')),
    });
  }
  const svc = g.service;
  const y = svc.yaml;
  const headless = isHeadless(svc);
  const sel = serviceSelector(svc);
  return mk({
    id: nodeId,
    label: `Service ${name}`,
    description: facts(
      headless ? 'headless' : `not headless (clusterIP ${str(y, svc.at('spec', 'clusterIP')) ?? 'auto'})`,
      v.serviceFqdn,
    ),
    tooltip: tip(`**Service** ${code(name)} (governing)`, [
      v.serviceFqdn && `DNS name: ${code(v.serviceFqdn)}`,
      headless ? 'headless: one DNS record per ready pod' : 'not headless: a cluster IP, no per-pod records',
      sel && `selector: ${code(formatSelector(sel))}`,
      ...v.srv.map((s) => `SRV ${code(s.name)} → port ${s.port}`),
    ]),
    icon: 'globe',
    kind: 'service',
    problem: dnsProblem(v),
    location: ctx.loc(svc, svc.at('metadata', 'name')),
  });
}

function claimTemplateNodes(ctx: TreeCtx, storage: StorageModel, parentId: string, v: StatefulSetView): TreeNode[] {
  const { id } = v;
  const usage = id.template ? ctx.usage(id.template) : undefined;
  return v.claims.map(({ template: c, storageClass }) => {
    const name = c.name ?? `volumeClaimTemplates[${c.index}]`;
    const nodeId = `${parentId}/claim/${name}`;
    const cls = ctx.classInfoOf(storageClass);
    const uses = (c.name && usage?.uses.get(c.name)) || [];
    const rows = c.name ? v.rows : [];
    const total = c.name ? (id.replicas ?? 0) : 0;
    const unmounted =
      c.name && usage && uses.length === 0
        ? `No container mounts claim template ${code(c.name)}: every replica still gets a claim. ` +
          `Add a volumeMount named ${code(c.name)} or remove the template.`
        : undefined;
    const replicaClaim = (row: ReplicaRow): TreeNode => {
      const pvcName = claimName(c.name as string, id.name, row.ordinal);
      const pvcId = `${nodeId}/pvc/${pvcName}`;
      const pvc = ctx.q.get('PersistentVolumeClaim', id.namespace, pvcName);
      const e = pvc && storage.claim(pvc);
      return mk({
        id: pvcId,
        label: pvcName,
        description: facts(
          `pod ${row.pod}`,
          e ? (e.pv ? `in workspace → PV ${ctx.nameOf(e.pv.res)}` : 'in workspace') : undefined,
        ),
        tooltip: tip(`**PersistentVolumeClaim** ${code(pvcName)}`, [
          `created for pod ${code(row.pod)} from claim template ${code(c.name as string)}`,
          e
            ? 'a claim of this name is in the workspace: the StatefulSet uses it as is'
            : 'created by the StatefulSet controller',
          'kept when the StatefulSet scales down or is deleted (unless persistentVolumeClaimRetentionPolicy says Delete)',
        ]),
        icon: 'database',
        kind: 'pvc',
        copy: { pvcName },
        location: pvc ? ctx.loc(pvc, pvc.at('metadata', 'name')) : ctx.loc(id.res, c.nameNode ?? c.node),
        children: useNodes(ctx, pvcId, id.template, uses),
      });
    };
    return mk({
      id: nodeId,
      label: name,
      description: facts(
        !c.name && 'no metadata.name',
        cls.text,
        c.storageText,
        modesText(c.accessModes),
        sharedText(uses),
        !!unmounted && 'not mounted',
      ),
      tooltip: tip(`**Claim template** ${code(name)}`, [
        `one claim per replica: ${code(`${name}-${id.name}-<ordinal>`)}`,
        `${cls.text}${storageClass.how === 'default' ? ' — storageClassName is not set, so the default class is written in' : ''}`,
        `storage: ${c.storageText ?? '*not set*'}`,
        `accessModes: ${c.accessModes.join(', ') || '*none*'}`,
      ]),
      icon: 'database',
      kind: 'claimtemplate',
      problem: cls.problem ?? unmounted,
      location: ctx.loc(id.res, (cls.problem && templateClassNode(id, c)) || c.nameNode || c.node),
      children: capped(nodeId, rows, replicaClaim, 'claims', total),
    });
  });
}

function podsNode(ctx: TreeCtx, parentId: string, v: StatefulSetView): TreeNode {
  const { id } = v;
  const nodeId = `${parentId}/pods`;
  const n = id.replicas;
  const pod = (row: ReplicaRow): TreeNode =>
    mk({
      id: `${nodeId}/${row.pod}`,
      label: row.pod,
      description: row.fqdn ? (v.dnsResolves ? row.fqdn : `${row.fqdn} (does not resolve)`) : 'no DNS name',
      tooltip: tip(`**Pod** ${code(row.pod)} (ordinal ${row.ordinal})`, [
        row.fqdn && `DNS name: ${code(row.fqdn)}`,
        row.fqdn && !v.dnsResolves && `does not resolve: ${serviceProblemText(id, v.service, mdCode)}`,
        !row.fqdn && 'no DNS name: the StatefulSet sets no serviceName',
        ...row.claims.map((c) => `claim ${code(c.name)}`),
        row.fqdn && `check from inside the cluster: ${code(dnsCheckCommand(row.fqdn, id.namespace))}`,
      ]),
      icon: 'server-process',
      kind: 'pod',
      copy: row.fqdn ? { podDns: row.fqdn, dnsCheck: dnsCheckCommand(row.fqdn, id.namespace) } : undefined,
      location: ctx.loc(id.res, id.res.at('metadata', 'name')),
    });
  const children = n === undefined ? [] : capped(nodeId, v.rows, pod, 'pods', n);
  return mk({
    id: nodeId,
    label: 'Pods',
    description: facts(
      n === undefined ? 'replicas invalid (see Problems)' : `${n} ${n === 1 ? 'replica' : 'replicas'}`,
      id.podManagementPolicy,
      id.start !== 0 && `ordinals from ${id.start}`,
      !v.dnsResolves && !!id.serviceName && 'DNS does not resolve',
    ),
    tooltip: tip(`**Pods** of StatefulSet ${code(id.name)}`, [
      `pod names: ${code(`${id.name}-<ordinal>`)}`,
      v.serviceFqdn && `DNS names: ${code(`<pod>.${v.serviceFqdn}`)}`,
      `podManagementPolicy: ${id.podManagementPolicy}`,
    ]),
    icon: 'server-process',
    kind: 'pods',
    location: ctx.loc(id.res, id.res.at('spec', 'replicas') ?? id.res.at('metadata', 'name')),
    children,
  });
}

/** The StatefulSet node, or undefined when it has no name (then it is shown as a plain workload). */
export function statefulSetNode(
  ctx: TreeCtx,
  storage: StorageModel,
  res: Resource,
  nodeId: string,
): TreeNode | undefined {
  const id = ctx.stsId(res);
  if (!id) return undefined;
  const v = viewOf(ctx, id);
  const usage = id.template ? ctx.usage(id.template) : undefined;
  const templates = new Set(id.claims.map((c) => c.name).filter((n): n is string => !!n));
  const children = [
    serviceNode(ctx, nodeId, v),
    ...claimTemplateNodes(ctx, storage, nodeId, v),
    ...(usage ? volumeNodes(ctx, storage, nodeId, usage, { claimTemplates: templates }) : []),
    podsNode(ctx, nodeId, v),
    ...kustomizeBuildsNode(ctx, res, nodeId),
  ];
  const node: TreeNode = {
    id: nodeId,
    label: id.name,
    tooltip: tip(`**StatefulSet** ${code(id.name)} in ${code(id.namespace)}`, [
      `replicas: ${id.replicas ?? '*invalid: must be a whole number ≥ 0*'}`,
      id.serviceName ? `serviceName: ${code(id.serviceName)}` : 'serviceName: *not set*',
      `podManagementPolicy: ${id.podManagementPolicy}`,
      `${id.claims.length} claim ${id.claims.length === 1 ? 'template' : 'templates'}`,
    ]),
    icon: 'layers',
    kind: 'statefulset',
    location: ctx.loc(res, res.at('metadata', 'name')),
    children,
  };
  node.description = facts(
    'StatefulSet',
    id.replicas !== undefined && `${id.replicas} ${id.replicas === 1 ? 'replica' : 'replicas'}`,
    problemsText(problemCount(node)),
  );
  return mk(node);
}
