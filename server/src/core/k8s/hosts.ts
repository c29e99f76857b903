/**
 * Host names written inside values (env values, args, command, ConfigMap data, probe hosts):
 * the syntax half of "DNS names in values". Finds dotted lowercase names in free text, with
 * whatever surrounds them (scheme, user, port, path, comma lists). What they name is decided
 * against the workspace in model/dns.ts.
 */
import { treeMemo, type Resource } from '../model/resource';
import { asScalar, child, entries, items, YNode } from '../yaml/nodes';
import { containersOf, podTemplateOf } from './podspec';

export interface HostToken {
  /** The name as written (without a trailing root dot). */
  text: string;
  /** Offsets of the name within the value string. */
  start: number;
  end: number;
  labels: string[];
  /** The name follows `$(VAR).` or `${VAR}.`: a variable stands for its first label. */
  afterVariable: boolean;
}

/** Longest value text scanned (a huge ConfigMap file is not worth a quadratic surprise). */
const MAX_SCAN = 256 * 1024;

/** Labels are bounded (63 characters), so matching never backtracks far. */
const HOST = /[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+/g;
const WORDISH = /[A-Za-z0-9_.-]/;

/** Dotted host names in a string. */
export function hostsIn(value: string): HostToken[] {
  const s = value.length > MAX_SCAN ? value.slice(0, MAX_SCAN) : value;
  const out: HostToken[] = [];
  const re = new RegExp(HOST.source, 'g');
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index;
    const end = start + m[0].length;
    const next = s.charAt(end);
    // Part of a longer word (`Host.Name`, `a.b_c`, `x.y-`): not a host name.
    if (next && /[A-Za-z0-9_-]/.test(next)) continue;
    const prev = s.charAt(start - 1);
    let afterVariable = false;
    if (prev === '.' && /[)}]/.test(s.charAt(start - 2))) afterVariable = true;
    else if (prev && WORDISH.test(prev)) continue;
    out.push({ text: m[0], start, end, labels: m[0].split('.'), afterVariable });
  }
  return out;
}

export interface ValueString {
  /** The scalar holding the text. */
  node: YNode;
  value: string;
  /** Where it sits, for hovers (`env DB_HOST`, `args`, `data my.cnf`). */
  where: string;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
/** The value strings of a resource that may hold host names (memoized with the tree; read-only). */
export const valueStrings: (res: Resource) => readonly ValueString[] = treeMemo((res) =>
  Object.freeze(computeValueStrings(res)),
);

function computeValueStrings(res: Resource): ValueString[] {
  const y = res.yaml;
  const out: ValueString[] = [];
  const add = (node: YNode | undefined, where: string) => {
    const s = asScalar(y, node);
    if (s && typeof s.value === 'string' && s.value.includes('.')) out.push({ node: s, value: s.value, where });
  };
  const addAll = (seq: YNode | undefined, where: string) => {
    for (const n of items(y, seq)) add(n, where);
  };
  if (res.kind === 'ConfigMap') {
    for (const [k, , v] of entries(y, res.at('data'))) add(v, `data ${k}`);
    return out;
  }
  if (res.kind === 'Secret') {
    // `data` is base64: only `stringData` is readable text.
    for (const [k, , v] of entries(y, res.at('stringData'))) add(v, `stringData ${k}`);
    return out;
  }
  const pt = podTemplateOf(res);
  if (!pt) return out;
  for (const c of containersOf(pt)) {
    const node = c.node;
    for (const e of items(y, child(y, node, 'env'))) {
      const name = asScalar(y, child(y, e, 'name'))?.value;
      add(child(y, e, 'value'), `env ${typeof name === 'string' ? name : ''}`.trim());
    }
    addAll(child(y, node, 'args'), 'args');
    addAll(child(y, node, 'command'), 'command');
    const handlers: [YNode | undefined, string][] = PROBES.map((p) => [child(y, node, p), p]);
    const lc = child(y, node, 'lifecycle');
    handlers.push([child(y, lc, 'postStart'), 'postStart'], [child(y, lc, 'preStop'), 'preStop']);
    for (const [h, where] of handlers) {
      if (!h) continue;
      add(child(y, child(y, h, 'httpGet'), 'host'), `${where} httpGet.host`);
      add(child(y, child(y, h, 'tcpSocket'), 'host'), `${where} tcpSocket.host`);
      addAll(child(y, child(y, h, 'exec'), 'command'), `${where} exec.command`);
    }
  }
  return out;
}
