/** Hovers for kustomize layouts: a base object per build, and what a patch produces. */
import { stringify } from 'yaml';
import type { Ide } from '../ide';
import type { Build, BuiltObject } from '../kustomize/build';
import { kindOf, nameOf, namespaceOf } from '../kustomize/build';
import { buildLabels, builtReplicas, builtStatefulSet, BuiltStatefulSet } from '../kustomize/views';
import { ordinals } from '../model/identity';
import type { Resource } from '../model/resource';
import type { Workspace } from '../model/workspace';
import type { Settings } from '../settings';
import { nodeRange } from '../yaml/nodes';
import type { HoverResult } from './index';
import { code, collapsedTable, fence, plural } from './md';

/** Most builds listed in one hover. */
const MAX_BUILDS = 8;

function serviceNote(s: BuiltStatefulSet): string {
  switch (s.service) {
    case 'missing':
      return `\n\n> ⚠️ This build has no Service ${code(s.serviceName ?? '')} in ${code(s.namespace)}: these DNS names will not resolve.`;
    case 'not-headless':
      return `\n\n> ⚠️ Service ${code(s.serviceName ?? '')} is not headless in this build: these DNS names will not resolve.`;
    default:
      return '';
  }
}

function statefulSetBlock(label: string, s: BuiltStatefulSet, settings: Settings): string {
  const count = s.replicas === undefined ? 'replicas invalid' : plural(s.replicas, 'replica');
  const svc = s.serviceName ? ` · Service ${code(s.serviceName)}` : '';
  const head = `**${code(label)}** → StatefulSet ${code(s.name)} · namespace ${code(s.namespace)} · ${count}${svc}`;
  if (s.replicas === undefined || s.replicas === 0) return head;
  const ids = ordinals({ replicas: s.replicas, start: s.start } as Parameters<typeof ordinals>[0]);
  const rows = builtReplicas(s, ids, settings.clusterDomain);
  const cols = [
    'Ordinal',
    'Pod',
    ...(s.serviceName ? ['Pod DNS name'] : []),
    ...s.claims.map((c) => `PVC (${code(c)})`),
  ];
  const table = collapsedTable(
    cols,
    rows,
    (r) => [String(r.ordinal), code(r.pod), ...(r.fqdn ? [code(r.fqdn)] : []), ...r.claims.map((c) => code(c))],
    [0],
    s.replicas,
  );
  return `${head}\n\n${table}${serviceNote(s)}`;
}

function listed<T>(items: T[], render: (t: T) => string): string[] {
  const out = items.slice(0, MAX_BUILDS).map(render);
  if (items.length > MAX_BUILDS) out.push(`…and ${items.length - MAX_BUILDS} more builds.`);
  return out;
}

/** For a StatefulSet that kustomize builds include: one replica table per build (undefined when none does). */
export function statefulSetBuildsSection(ws: Workspace, res: Resource): string | undefined {
  if (ws.kustomize.size === 0) return undefined;
  const hits = ws.kustomize
    .objectsOf(ws.fileAccess, res.uri, res.doc.index)
    .filter((h) => kindOf(h.object.obj) === 'StatefulSet');
  if (hits.length === 0) return undefined;
  const labels = buildLabels(
    hits.map((h) => h.build.uri),
    res.uri,
  );
  const ns = ws.settings.defaultNamespace;
  return [
    `**In kustomize builds** — ${plural(hits.length, 'build')} ${hits.length === 1 ? 'includes' : 'include'} this StatefulSet:`,
    ...listed(hits, (h) =>
      statefulSetBlock(labels.get(h.build.uri)!, builtStatefulSet(h.build, h.object, ns), ws.settings),
    ),
  ].join('\n\n');
}

function patchedBlock(label: string, build: Build, o: BuiltObject, ws: Workspace): string {
  if (kindOf(o.obj) === 'StatefulSet')
    return statefulSetBlock(label, builtStatefulSet(build, o, ws.settings.defaultNamespace), ws.settings);
  const lines = stringify(o.obj, { lineWidth: 0 }).split('\n');
  const text = lines.length > 40 ? [...lines.slice(0, 40), '# …'].join('\n') : lines.join('\n').trimEnd();
  const ns = namespaceOf(o.obj);
  return `**${code(label)}** → ${kindOf(o.obj)} ${code(nameOf(o.obj))}${ns ? ` · namespace ${code(ns)}` : ''}\n\n${fence('yaml', text)}`;
}

/** Hover on a patch's `kind`, `metadata.name` or `spec.replicas`: the patched object in each build. */
export function patchHoverAt(ide: Ide, uri: string, offset: number): HoverResult | undefined {
  const ws = ide.ws;
  const file = ws.file(uri);
  const doc = file?.docAt(offset);
  const res = file?.resourceAt(offset);
  if (!file || !doc || !res) return undefined;
  const local = offset - doc.base;
  const node = [res.at('kind'), res.at('metadata', 'name'), res.at('spec', 'replicas')].find((n) => {
    const r = nodeRange(n);
    return r && local >= r[0] && local <= r[1];
  });
  const r = nodeRange(node);
  if (!r) return undefined;
  const hits = ws.kustomize
    .patchedBy(ws.fileAccess, uri)
    .filter(
      (h) =>
        h.object.origin?.doc !== doc &&
        (kindOf(h.object.obj) === res.kind || !res.name || h.object.names.includes(res.name)),
    );
  const own = hits.filter((h) => kindOf(h.object.obj) === res.kind && (!res.name || h.object.names.includes(res.name)));
  const shown = own.length ? own : hits;
  let markdown: string;
  if (shown.length === 0) {
    markdown = `**kustomize patch** for ${res.kind} ${code(res.name ?? '')}: it applies to no object in the builds here (see the kustomization's findings).`;
  } else {
    const labels = buildLabels(
      shown.map((h) => h.build.uri),
      uri,
    );
    markdown = [
      `**kustomize patch** for ${res.kind} ${code(res.name ?? '')} — the patched result in ${plural(shown.length, 'build')}:`,
      ...listed(shown, (h) => patchedBlock(labels.get(h.build.uri)!, h.build, h.object, ws)),
    ].join('\n\n');
  }
  return { markdown, span: { doc, start: r[0], end: r[1] } };
}
