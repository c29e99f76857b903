/**
 * Completion of reference values: the names a field can point at, from the workspace
 * (`serviceName` → Services, `claimName` → PVCs, `storageClassName` → StorageClasses and known
 * classes, `volumeName` → PersistentVolumes, `claimRef.name` → PVCs, volumeMount `name` →
 * volumes and claim templates, pod `subdomain` → headless Services).
 */
import type { Ide } from './ide';
import type { Span } from './findings';
import { classify, Target } from './hover/target';
import { volumesOf } from './k8s/podspec';
import { formatSelector } from './k8s/selector';
import { objectClaim } from './model/claims';
import { isDefaultClass } from './model/storage-class';
import { isHeadless, serviceSelector } from './model/governance';
import { statefulSetIdentity } from './model/identity';
import { volumeFacts } from './model/binding';
import { Query } from './model/query';
import type { Resource } from './model/resource';
import { pathAt, str } from './yaml/nodes';
import { platformClasses } from './k8s/platforms';

export interface CompletionCandidate {
  label: string;
  detail: string;
  /** Sort key: better candidates first. */
  sort: string;
}

export interface Completions {
  items: CompletionCandidate[];
  /** The text the chosen item replaces (the value typed so far). */
  span: Span;
}

const LINE_KEY = /^(\s*(?:-\s+)?)([A-Za-z][A-Za-z0-9]*)(\s*:[ \t]*)(["']?)([^"'#\s]*)$/;

export function completionsAt(ide: Ide, uri: string, offset: number): Completions | undefined {
  const ws = ide.ws;
  const file = ws.file(uri);
  const doc = file?.docAt(offset);
  if (!file || !doc) return undefined;
  const res = file.resourceAt(offset);
  if (!res) return undefined;
  const rel = offset - doc.base;
  const lineStart = doc.text.lastIndexOf('\n', rel - 1) + 1;
  const m = LINE_KEY.exec(doc.text.slice(lineStart, rel));
  if (!m) return undefined;
  const keyOffset = lineStart + m[1].length;
  const { steps, onKey } = pathAt(doc.yaml, keyOffset);
  if (!onKey) return undefined;
  const keys = steps.slice(1 + res.prefix.length).map((s) => s.key);
  if (res.prefix.some((k, i) => steps[i + 1]?.key !== k)) return undefined;
  if (keys[keys.length - 1] !== m[2] || keys.some((k) => k === undefined)) return undefined;
  const target = classify(res, keys as (string | number)[]);
  if (!target) return undefined;
  const valueStart = keyOffset + m[2].length + m[3].length + m[4].length;
  let valueEnd = rel;
  while (valueEnd < doc.text.length && /[^\s"'#]/.test(doc.text.charAt(valueEnd))) valueEnd++;
  const items = candidates(new Query(ws), ide, res, target);
  if (!items) return undefined;
  items.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  return { items, span: { doc, start: valueStart, end: valueEnd } };
}

function candidates(q: Query, ide: Ide, res: Resource, t: Target): CompletionCandidate[] | undefined {
  const ns = res.namespace;
  const out: CompletionCandidate[] = [];
  const seen = new Set<string>();
  const add = (label: string | undefined, detail: string, rank: number) => {
    if (!label || seen.has(label)) return;
    seen.add(label);
    out.push({ label, detail, sort: `${rank}:${label}` });
  };
  const services = (headlessOnly: boolean) => {
    for (const s of q.list('Service', ns)) {
      const headless = isHeadless(s);
      if (headlessOnly && !headless) continue;
      const sel = serviceSelector(s);
      add(
        s.name,
        `${headless ? 'headless' : 'not headless'} Service${sel ? ` · selects ${formatSelector(sel)}` : ''}`,
        headless ? 0 : 1,
      );
    }
  };
  const claims = (namespace: string) => {
    for (const c of q.list('PersistentVolumeClaim', namespace)) {
      const f = objectClaim(c);
      add(
        c.name,
        `PVC · ${f.storageText ?? '?'} · ${f.accessModes.join(', ') || 'no access modes'}${f.storageClassName !== undefined ? ` · class ${f.storageClassName || '""'}` : ''}`,
        0,
      );
    }
  };
  switch (t.kind) {
    case 'statefulset':
      if (t.field !== 'serviceName') return undefined;
      services(false);
      return out;
    case 'subdomain':
      services(true);
      return out;
    case 'claim-name':
      claims(ns);
      return out;
    case 'claim-ref-name':
      if (!t.namespace) return undefined;
      claims(t.namespace);
      return out;
    case 'volume-name':
      for (const pv of q.list('PersistentVolume')) {
        const f = volumeFacts(pv);
        add(
          pv.name,
          `PV · ${f.storageText ?? '?'} · ${f.accessModes.join(', ') || 'no access modes'} · class ${f.storageClassName || '""'}${f.claimRef?.name ? ` · reserved for ${f.claimRef.namespace ?? '?'}/${f.claimRef.name}` : ''}`,
          f.claimRef?.name ? 1 : 0,
        );
      }
      return out;
    case 'storage-class': {
      for (const sc of q.list('StorageClass')) {
        add(
          sc.name,
          `StorageClass · ${str(sc.yaml, sc.at('provisioner')) ?? 'no provisioner'}${isDefaultClass(sc) ? ' · default' : ''}`,
          0,
        );
      }
      for (const k of ide.ws.settings.knownStorageClasses)
        add(k, 'StorageClass in the cluster (kubeStateful.knownStorageClasses)', 1);
      // Built-in classes of the configured or inferred platform (not of every platform: too many).
      const platform = platformClasses(
        ide.ws.settings.platform,
        q.list('StorageClass').map((sc) => str(sc.yaml, sc.at('provisioner')) ?? ''),
      );
      if (platform.how === 'setting' || platform.how === 'inferred') {
        for (const [k, by] of platform.classes)
          add(k, `built-in StorageClass of ${by.join(', ')} (kubeStateful.platform)`, 2);
      }
      return out;
    }
    case 'mount': {
      for (const v of volumesOf(t.pt)) add(v.name, `volume · ${v.sources.join(', ') || 'emptyDir'}`, 0);
      if (res.kind === 'StatefulSet') {
        for (const c of statefulSetIdentity(res)?.claims ?? [])
          add(c.name, `claim template · one PVC per replica (${c.name}-${res.name}-<ordinal>)`, 0);
      }
      return out;
    }
    default:
      return undefined;
  }
}
