/** StatefulSet and claim template hovers: what the controller creates, replica by replica. */
import type { Query } from '../model/query';
import type { Resource } from '../model/resource';
import type { Settings } from '../settings';
import { dnsCheckCommand, ReplicaRow, serviceProblemText, statefulSetView, StatefulSetView } from '../identity';
import { isHeadless } from '../model/governance';
import { podName } from '../model/identity';
import { podTemplateOf } from '../k8s/podspec';
import { num, scalarText, str } from '../yaml/nodes';
import { publishesNotReady, serviceDnsLine, srvBullets } from './dns';
import { code, collapsedTable, fence, plural } from './md';
import { classLine } from './storage';
import { mountBlocks } from './volume';

/** What to do about a governing Service problem (the reason says what is wrong). */
function fixHint(v: StatefulSetView): string {
  const svc = v.id.serviceName ?? '';
  switch (v.service.problem) {
    case 'no-service-name':
      return 'Set `spec.serviceName` to a headless Service that selects these pods (the field cannot be changed later: the StatefulSet must be recreated).';
    case 'missing':
      return `Add a headless Service (\`clusterIP: None\`) named ${code(svc)} in ${code(v.id.namespace)} whose selector matches the pod labels.`;
    case 'not-headless':
      return 'Set `clusterIP: None` on it (`clusterIP` cannot be changed in place: recreate the Service).';
    case 'no-selector':
      return 'Add a `selector` that matches the pod template labels.';
    case 'selector-mismatch': {
      const labels = [...(v.id.template?.labels ?? [])].map(([k, val]) => `${k}=${val}`).join(',');
      return labels ? `The pod template labels are ${code(labels)}.` : 'The pod template has no labels.';
    }
    default:
      return '';
  }
}

/** The prominent warning shown instead of presenting unresolvable names as working. */
export function dnsWarning(v: StatefulSetView): string {
  return `> ⚠️ **Per-pod DNS names will not resolve.** ${serviceProblemText(v.id, v.service, code) ?? ''} ${fixHint(v)}`.trimEnd();
}

/** One row per replica (long lists collapsed): ordinal, pod, DNS name, and each PVC when asked. */
export function replicaTable(v: StatefulSetView, withClaims: boolean): string {
  const hasDns = v.rows.some((r) => r.fqdn);
  const claims = withClaims ? v.id.claims.filter((c) => c.name) : [];
  const head = [
    'Ordinal',
    'Pod',
    ...(hasDns ? [v.dnsResolves ? 'Pod DNS name' : 'Would-be DNS name (does not resolve)'] : []),
    ...claims.map((c) => `PVC (${code(c.name ?? '')})`),
  ];
  const render = (r: ReplicaRow) => [
    String(r.ordinal),
    code(r.pod),
    ...(hasDns ? [r.fqdn ? code(r.fqdn) : ''] : []),
    ...claims.map((c) => code(r.claims.find((rc) => rc.template === c)?.name ?? '')),
  ];
  return collapsedTable(head, v.rows, render, [0], total(v));
}

/** The replica count (the view's rows may hold only the first and last replicas of a huge set). */
const total = (v: StatefulSetView) => v.id.replicas ?? v.rows.length;

/** The pods as a table, or why there is none. */
function podsBlock(v: StatefulSetView, withClaims: boolean): string {
  if (v.id.replicas === undefined)
    return '`spec.replicas` is not a non-negative integer, so the pods cannot be listed.';
  if (v.rows.length === 0) return 'No pods (`replicas: 0`).';
  return replicaTable(v, withClaims);
}

function orderBullet(v: StatefulSetView): string | undefined {
  const rows = v.rows;
  const first = rows[0]?.pod;
  const last = rows[rows.length - 1]?.pod;
  const updates = updateNote(v);
  if (v.id.podManagementPolicy === 'Parallel') {
    return `- Order (\`Parallel\`): all pods are created and terminated at once, without waiting for each other.${updates}`;
  }
  if (v.id.podManagementPolicy !== 'OrderedReady') return undefined;
  const span = first && last && first !== last ? `, ${code(first)} → ${code(last)}` : '';
  const reverse = first && last && first !== last ? `, ${code(last)} first` : '';
  return `- Order (\`OrderedReady\`): created one at a time${span}, each Running and Ready before the next starts; terminated in reverse${reverse}.${updates}`;
}

function updateNote(v: StatefulSetView): string {
  const res = v.id.res;
  const t = str(res.yaml, res.at('spec', 'updateStrategy', 'type')) ?? 'RollingUpdate';
  if (t === 'OnDelete') return ' Updates (`OnDelete`) apply only to pods you delete.';
  if (t !== 'RollingUpdate') return '';
  // The partition counts positions from the start ordinal; pods below it keep the old revision.
  const partition = num(res.yaml, res.at('spec', 'updateStrategy', 'rollingUpdate', 'partition'));
  const valid = partition !== undefined && Number.isInteger(partition) && partition > 0 && total(v) > 0;
  const from = valid && partition < total(v) ? podName(v.id.name, v.id.start + partition) : undefined;
  const kept = !valid
    ? ''
    : from
      ? ` With \`partition: ${partition}\`, only pods from ${code(from)} up are updated.`
      : ` With \`partition: ${partition}\`, no pod is updated.`;
  return ` Rolling updates replace pods from the highest ordinal down.${kept}`;
}

/** Service, SRV, readiness and order bullets. */
function serviceBullets(v: StatefulSetView): string[] {
  const out: string[] = [];
  const svc = v.service.service;
  if (svc && v.serviceFqdn) {
    const notOurs =
      v.service.problem === 'selector-mismatch' || v.service.problem === 'no-selector'
        ? " (not this StatefulSet's pods)"
        : '';
    out.push(`- ${isHeadless(svc) ? 'Headless Service' : 'Service'}: ${serviceDnsLine(svc, v.serviceFqdn)}${notOurs}`);
    if (v.dnsResolves || !isHeadless(svc)) out.push(...srvBullets(svc, v.serviceFqdn, v.srv));
    if (v.dnsResolves && !publishesNotReady(svc)) {
      out.push(
        '- Each pod name resolves once the pod is Ready (unless the Service sets `publishNotReadyAddresses: true`, for peer discovery).',
      );
    }
  }
  const first = v.rows[0];
  if (v.dnsResolves && first) {
    const svcName = v.id.serviceName ?? '';
    out.push(
      `- Short names: ${code(`${first.pod}.${svcName}`)} from pods in ${code(v.id.namespace)}, ${code(`${first.pod}.${svcName}.${v.id.namespace}`)} from any namespace.`,
    );
  }
  const order = orderBullet(v);
  if (order) out.push(order);
  return out;
}

function checkBlocks(v: StatefulSetView): string[] {
  const fqdn = v.rows[0]?.fqdn;
  if (!fqdn) return [];
  return [
    `${v.dnsResolves ? 'Check' : 'Once fixed, check'} from inside the cluster:`,
    fence('sh', dnsCheckCommand(fqdn, v.id.namespace)),
  ];
}

function headline(v: StatefulSetView): string {
  const { id } = v;
  const count = id.replicas === undefined ? 'replicas invalid' : plural(id.replicas, 'replica');
  const from = id.start && id.replicas ? `, ordinals ${id.start}–${id.start + id.replicas - 1}` : '';
  const svc = id.serviceName ? ` · Service ${code(id.serviceName)}` : '';
  return `**StatefulSet ${code(id.name)}** · namespace ${code(id.namespace)} · ${count}${from}${svc}`;
}

/** Hover on a StatefulSet's kind, name, replicas or serviceName. */
export function statefulSetHover(q: Query, settings: Settings, res: Resource): string | undefined {
  const v = statefulSetView(q, settings, res);
  if (!v) return undefined;
  const out = [headline(v)];
  if (!v.dnsResolves) out.push(dnsWarning(v));
  out.push(podsBlock(v, true));
  const bullets = serviceBullets(v);
  if (bullets.length) out.push(bullets.join('\n'));
  out.push(...checkBlocks(v));
  return out.join('\n\n');
}

function retentionBullet(res: Resource): string {
  const y = res.yaml;
  const policy = (k: string) => scalarText(y, res.at('spec', 'persistentVolumeClaimRetentionPolicy', k)) || 'Retain';
  const say = (p: string) => (p === 'Delete' ? 'deleted' : p === 'Retain' ? 'kept' : code(p));
  const deleted = policy('whenDeleted');
  const scaled = policy('whenScaled');
  return `- Retention: PVCs are ${say(deleted)} when the StatefulSet is deleted (\`whenDeleted: ${deleted}\`) and ${say(scaled)} on scale-down (\`whenScaled: ${scaled}\`).`;
}

/** Hover on `volumeClaimTemplates[index].metadata.name` (or a mount of it). */
export function claimTemplateHover(q: Query, settings: Settings, res: Resource, index: number): string | undefined {
  const v = statefulSetView(q, settings, res);
  const claim = v?.claims.find((c) => c.template.index === index);
  const name = claim?.template.name;
  if (!v || !claim || !name) return undefined;
  const out = [
    `**Claim template ${code(name)}** · StatefulSet ${code(v.id.name)} · one PVC per pod, named \`${name}-${v.id.name}-<ordinal>\``,
  ];
  if (v.id.replicas === undefined)
    out.push('`spec.replicas` is not a non-negative integer, so the claims cannot be listed.');
  else if (v.rows.length === 0) out.push('No PVCs yet (`replicas: 0`).');
  else {
    out.push(
      collapsedTable(
        ['Ordinal', 'Pod', 'PVC'],
        v.rows,
        (r) => [String(r.ordinal), code(r.pod), code(r.claims.find((c) => c.template === claim.template)?.name ?? '')],
        [0],
        total(v),
      ),
    );
  }
  const t = claim.template;
  out.push(
    [
      `- Class: ${classLine(settings, claim.storageClass)}`,
      `- Size: ${t.storageText ? code(t.storageText) : 'none set (`resources.requests.storage` is required)'} · Access modes: ${t.accessModes.length ? t.accessModes.map(code).join(' + ') : 'none set (required)'}`,
      retentionBullet(res),
    ].join('\n'),
  );
  const pt = podTemplateOf(res);
  if (pt) out.push(...mountBlocks(pt, name));
  return out.join('\n\n');
}
