/** Under a StatefulSet that kustomize builds include: one node per build with its pods. */
import { kindOf } from '../kustomize/build';
import { buildLabels, builtReplicas, builtStatefulSet } from '../kustomize/views';
import { ordinals } from '../model/identity';
import type { Resource } from '../model/resource';
import type { TreeNode } from './index';
import { capped, code, facts, mk, tip, TreeCtx } from './context';

export function kustomizeBuildsNode(ctx: TreeCtx, res: Resource, parentId: string): TreeNode[] {
  const ws = ctx.ws;
  if (ws.kustomize.size === 0) return [];
  const hits = ws.kustomize
    .objectsOf(ws.fileAccess, res.uri, res.doc.index)
    .filter((h) => kindOf(h.object.obj) === 'StatefulSet');
  if (hits.length === 0) return [];
  const labels = buildLabels(
    hits.map((h) => h.build.uri),
    res.uri,
  );
  const nodeId = `${parentId}/kustomize`;
  const buildNode = (h: (typeof hits)[number]): TreeNode => {
    const s = builtStatefulSet(h.build, h.object, ws.settings.defaultNamespace);
    const label = labels.get(h.build.uri)!;
    const id = `${nodeId}/${label}`;
    const n = s.replicas;
    const rows = n
      ? builtReplicas(
          s,
          ordinals({ replicas: n, start: s.start } as Parameters<typeof ordinals>[0]),
          ws.settings.clusterDomain,
        )
      : [];
    const kres = ws.file(h.build.uri)?.resources[0];
    const problem =
      s.service === 'missing'
        ? `no Service ${code(s.serviceName ?? '')} in namespace ${code(s.namespace)} in this build: per-pod DNS names will not resolve`
        : s.service === 'not-headless'
          ? `Service ${code(s.serviceName ?? '')} is not headless in this build: per-pod DNS names will not resolve`
          : undefined;
    return mk({
      id,
      label,
      description: facts(
        s.name,
        s.namespace,
        n === undefined ? 'replicas invalid' : `${n} ${n === 1 ? 'replica' : 'replicas'}`,
      ),
      tooltip: tip(`**kustomize build** ${code(label)}`, [
        `StatefulSet ${code(s.name)} in ${code(s.namespace)}`,
        s.serviceName && `Service ${code(s.serviceName)}`,
        s.claims.length > 0 && `claims: ${s.claims.map((c) => code(`${c}-${s.name}-<ordinal>`)).join(', ')}`,
      ]),
      icon: 'package',
      kind: 'kustomize-build',
      problem,
      location: kres ? ctx.loc(kres, kres.at('kind')) : undefined,
      children: capped(
        id,
        rows,
        (r) =>
          mk({
            id: `${id}/pod/${r.ordinal}`,
            label: r.pod,
            description: facts(r.fqdn, ...r.claims),
            icon: 'server-process',
            kind: 'pod',
            copy: r.fqdn ? { podDns: r.fqdn } : undefined,
          }),
        'pods',
        n ?? 0,
      ),
    });
  };
  return [
    mk({
      id: nodeId,
      label: 'kustomize builds',
      description: `${hits.length} ${hits.length === 1 ? 'overlay' : 'overlays'}`,
      tooltip: tip('**kustomize builds** that include this StatefulSet', [
        'names, namespaces and replicas after namePrefix/nameSuffix, namespace, patches and replicas',
      ]),
      icon: 'layers',
      kind: 'kustomize',
      children: hits.map(buildNode),
    }),
  ];
}
