/**
 * Quick fixes that insert YAML: the missing headless Service of a StatefulSet (a new
 * document), `clusterIP: None` on a Service, a volume for a mount, a mount for a claim
 * template. Each returns a Fix whose `at` is an insertion (or replacement) span; undefined
 * when the surrounding YAML is not block style (flow maps are left to the user).
 */
import { isMap, isSeq } from '../yaml/predicates';
import type { Fix, Span } from '../findings';
import { containersOf, mountsOf, PodTemplate } from '../k8s/podspec';
import type { StatefulSetIdentity } from '../model/identity';
import type { Resource } from '../model/resource';
import type { ParsedDoc } from '../yaml/parse';
import { child, items, nodeRange, num, str, stringMap, YNode } from '../yaml/nodes';

const PLAIN = /^[A-Za-z][A-Za-z0-9_./-]*$/;
const RESERVED =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;
const scalar = (v: string) => (PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v));

const insertAt = (doc: ParsedDoc, offset: number): Span => ({ doc, start: offset, end: offset });

/** The text of the line up to an offset. */
function linePrefix(doc: ParsedDoc, offset: number): string {
  return doc.text.slice(doc.text.lastIndexOf('\n', offset - 1) + 1, offset);
}

/** Insert `lines` (relative indentation) as the first entry of a block map. */
function intoBlockMap(doc: ParsedDoc, map: YNode | undefined, lines: string[]): (Span & { text: string }) | undefined {
  if (!isMap(map) || map.flow || !map.items.length) return undefined;
  const r = nodeRange(map.items[0].key);
  if (!r) return undefined;
  const prefix = linePrefix(doc, r[0]);
  const indent = ' '.repeat(prefix.length);
  return { ...insertAt(doc, r[0]), text: lines.map((l) => l + '\n' + indent).join('') };
}

/** Insert an item (lines, relative indentation) as the first item of a block sequence. */
function intoBlockSeq(doc: ParsedDoc, seq: YNode | undefined, lines: string[]): (Span & { text: string }) | undefined {
  if (!isSeq(seq) || seq.flow || !seq.items.length) return undefined;
  const r = nodeRange(seq.items[0]);
  if (!r) return undefined;
  const prefix = linePrefix(doc, r[0]);
  if (!/^\s*-\s+$/.test(prefix)) return undefined;
  const lineStart = r[0] - prefix.length;
  const cont = ' '.repeat(prefix.length);
  const text = lines.map((l, i) => (i === 0 ? prefix : cont) + l + '\n').join('');
  return { ...insertAt(doc, lineStart), text };
}

/** A new document after the StatefulSet: the headless Service its serviceName names. */
export function headlessServiceFix(id: StatefulSetIdentity): Fix | undefined {
  const res = id.res;
  if (!id.serviceName) return undefined;
  const y = res.yaml;
  const selector =
    stringMap(y, res.at('spec', 'selector', 'matchLabels')) ?? id.template?.labels ?? new Map<string, string>();
  if (selector.size === 0) return undefined;
  const out = ['---', 'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${scalar(id.serviceName)}`];
  if (res.namespaceExplicit) out.push(`  namespace: ${scalar(res.namespace)}`);
  out.push('spec:', '  clusterIP: None', '  selector:');
  for (const [k, v] of selector) out.push(`    ${scalar(k)}: ${scalar(v)}`);
  const ports: string[] = [];
  const seen = new Set<string>();
  if (id.template) {
    for (const c of containersOf(id.template)) {
      if (c.group !== 'containers') continue;
      for (const p of items(y, child(y, c.node, 'ports'))) {
        const port = num(y, child(y, p, 'containerPort'));
        if (port === undefined) continue;
        const name = str(y, child(y, p, 'name'));
        const proto = str(y, child(y, p, 'protocol'));
        const key = `${port}/${proto ?? 'TCP'}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ports.push(name ? `    - name: ${scalar(name)}` : `    - port: ${port}`);
        if (name) ports.push(`      port: ${port}`);
        if (proto && proto !== 'TCP') ports.push(`      protocol: ${scalar(proto)}`);
      }
    }
  }
  if (ports.length) out.push('  ports:', ...ports);
  const text = res.doc.text;
  const lead = text.length && !text.endsWith('\n') ? '\n' : '';
  return {
    title: `Create headless Service ${id.serviceName}${res.namespaceExplicit ? ` in namespace ${res.namespace}` : ''}`,
    newText: lead + out.join('\n') + '\n',
    at: insertAt(res.doc, text.length),
  };
}

/** Set `clusterIP: None` on a Service (the caveat goes in the title: clusterIP is immutable). */
export function makeHeadlessFix(svc: Resource): Fix | undefined {
  const title = `Make Service ${svc.name ?? ''} headless (clusterIP: None; delete and re-create it: clusterIP is immutable)`;
  const ip = svc.at('spec', 'clusterIP');
  const r = nodeRange(ip);
  if (ip && r) return { title, newText: 'None', at: { doc: svc.doc, start: r[0], end: r[1] } };
  const ins = intoBlockMap(svc.doc, svc.at('spec'), ['clusterIP: None']);
  return ins ? { title, newText: ins.text, at: ins } : undefined;
}

/** An emptyDir volume for a mount that names no volume. */
export function addVolumeFix(pt: PodTemplate, name: string): Fix | undefined {
  const doc = pt.res.doc;
  const y = pt.res.yaml;
  const title = `Add an emptyDir volume ${name} to the pod`;
  const vols = child(y, pt.spec, 'volumes');
  const lines = [`name: ${scalar(name)}`, 'emptyDir: {}'];
  const ins = vols
    ? intoBlockSeq(doc, vols, lines)
    : intoBlockMap(doc, pt.spec, ['volumes:', `  - name: ${scalar(name)}`, '    emptyDir: {}']);
  return ins ? { title, newText: ins.text, at: ins } : undefined;
}

/** A mount of a claim template in the first container. */
export function addMountFix(pt: PodTemplate, name: string): Fix | undefined {
  const doc = pt.res.doc;
  const y = pt.res.yaml;
  const c = containersOf(pt).find((x) => x.group === 'containers');
  if (!c) return undefined;
  const path = `/data/${name}`;
  const title = `Mount ${name} at ${path} in container ${c.name ?? c.index}`;
  const mounts = child(y, c.node, 'volumeMounts');
  const ins = mountsOf(pt, c).length
    ? intoBlockSeq(doc, mounts, [`name: ${scalar(name)}`, `mountPath: ${path}`])
    : mounts
      ? undefined
      : intoBlockMap(doc, c.node, ['volumeMounts:', `  - name: ${scalar(name)}`, `    mountPath: ${path}`]);
  return ins ? { title, newText: ins.text, at: ins } : undefined;
}
