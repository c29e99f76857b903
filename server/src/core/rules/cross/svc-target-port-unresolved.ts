import { ianaSvcName } from '../../k8s/names';
import { closest } from '../../k8s/suggest';
import type { PodTemplate } from '../../k8s/podspec';
import { child } from '../../yaml/nodes';
import { managedSelector, portPath, replaceFix, servicePorts } from '../support';
import type { ResourceRule } from '../types';
import { namedPortsOf, serviceBackends } from './backends';
import { builtServiceServesPort } from '../../kustomize/views';
import type { Query } from '../../model/query';
import type { Resource } from '../../model/resource';
import { buildKey, KUSTOMIZE_KEY } from '../../model/workspace';

export const svcTargetPortUnresolved: ResourceRule = {
  code: 'svc-target-port-unresolved',
  severity: 'warning',
  title: 'Named targetPort is not a container port name of the selected pods',
  source: 'pkg/api/v1/pod FindPort (name and protocol must match); core/v1 ServicePort.targetPort doc (reference N6b)',
  docs: `A string \`targetPort\` is looked up by **name** among the \`containers[].ports[]\` of each selected pod,
with the same protocol as the Service port (\`FindPort\`). A pod without such a named port is left out
of the Service's endpoints for that port, so traffic never reaches it, with no error anywhere. This
check looks at the workloads in the workspace whose pod labels the Service selects, and reports a
name that none of them declares.

**Fix:** name the container port (\`ports: [{name: http, containerPort: 8080}]\`), correct the spelling
of \`targetPort\`, or use the port number.`,
  bad: 'kind: Service\nspec:\n  ports: [{port: 80, targetPort: http}]\n---\n# containers: [{ports: [{containerPort: 8080}]}]   # no name',
  good: 'kind: Service\nspec:\n  ports: [{port: 80, targetPort: http}]\n---\n# containers: [{ports: [{name: http, containerPort: 8080}]}]',
  kinds: ['Service'],
  check(res, ctx) {
    const sel = managedSelector(res);
    if (!sel) return;
    const named = servicePorts(res).filter(
      (p) => typeof p.targetPort === 'string' && p.protocol !== undefined && !ianaSvcName(p.targetPort).length,
    );
    if (!named.length) return;
    const { templates } = serviceBackends(ctx.q, res.namespace, sel, res);
    if (!templates.length) return;
    const portsOf = new Map(templates.map((pt) => [pt, namedPortsOf(pt)] as const));
    for (const p of named) {
      const target = p.targetPort as string;
      const missing: PodTemplate[] = [];
      let otherProtocol: string | undefined;
      for (const pt of templates) {
        const ports = portsOf.get(pt) ?? [];
        if (ports.some((c) => c.name === target && c.protocol === p.protocol)) continue;
        otherProtocol ??= ports.find((c) => c.name === target)?.protocol;
        missing.push(pt);
      }
      // Some selected workload declares it: the rest may be variants of one app (overlays,
      // examples sharing labels), so only a port no selected pod can serve is reported.
      if (missing.length < templates.length) continue;
      // A kustomize build may add the container that serves it (a sidecar patch in an overlay).
      if (servedInBuilds(ctx.q, res, target)) continue;
      const names = new Set(
        missing
          .flatMap((pt) => (portsOf.get(pt) ?? []).filter((c) => c.protocol === p.protocol).map((c) => c.name ?? ''))
          .filter(Boolean),
      );
      const which = [...new Set(missing.map((pt) => `${pt.res.kind} ${pt.res.name ?? ''}`.trim()))].join(', ');
      const proto = otherProtocol
        ? ` A container port named "${target}" exists, but with protocol ${otherProtocol}: declare it with protocol ${p.protocol} (a port may be listed once per protocol).`
        : '';
      const hint = closest(target, names);
      const known = hint
        ? ` Did you mean "${hint}"?`
        : names.size
          ? ` Their ${p.protocol} ports are named ${[...names].join(', ')}.`
          : otherProtocol
            ? ''
            : ` None of their ${p.protocol} container ports has a name.`;
      ctx.report(
        p.targetPortNode,
        `${portPath(p, 'targetPort')} "${target}" names no ${p.protocol} containerPort of the pods it selects (${which}): this port gets no endpoints, so its traffic goes nowhere.${proto}${known} Name the container port "${target}", fix the targetPort name, or use the port number.`,
        {
          related: missing.map((pt) => ({
            span: ctx.span(pt.res, child(pt.res.yaml, pt.spec, 'containers') ?? pt.spec),
            message: `${pt.res.kind} ${pt.res.name ?? ''}: containers (no ${p.protocol} port named "${target}")`,
          })),
          fix: hint ? [replaceFix(p.targetPortNode, hint)] : undefined,
        },
      );
    }
  },
};

/** Whether some kustomize build that includes the Service serves this named port. */
function servedInBuilds(q: Query, res: Resource, portName: string): boolean {
  const ws = q.ws;
  if (ws.kustomize.size === 0) return false;
  q.deps.add(KUSTOMIZE_KEY);
  const hits = ws.kustomize.objectsOf(ws.fileAccess, res.uri, res.doc.index);
  for (const h of hits) q.deps.add(buildKey(h.build.uri));
  return hits.some((h) => builtServiceServesPort(h.build, h.object, portName, ws.settings.defaultNamespace));
}
