/**
 * Readers for a core/v1 Service spec, with the API defaults applied
 * (pkg/apis/core/v1/defaults.go SetDefaults_Service): type ClusterIP, protocol TCP,
 * targetPort = port when absent, 0 or "", sessionAffinity None.
 * Values of an unexpected YAML type come back as `undefined` so rules can stay silent.
 */
import type { LabelSelector } from '../../k8s/selector';
import { serviceSelector } from '../../model/governance';
import type { Resource } from '../../model/resource';
import { asMap, asScalar, child, isNullish, items, num, str, YNode } from '../../yaml/nodes';
import { intValue } from './read';
import type { YamlDoc } from '../../yaml/parse';

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

/** A Kubernetes core Service (kind Service alone also matches e.g. Knative's serving.knative.dev Service). */
export function isCoreService(res: Resource): boolean {
  return res.kind === 'Service' && res.apiVersion === 'v1';
}

/** The effective `spec.type`: ClusterIP when absent, null or ""; undefined when not a string. */
export function serviceType(res: Resource): string | undefined {
  const node = res.at('spec', 'type');
  if (node === undefined || isNullish(res.yaml, node)) return 'ClusterIP';
  const t = str(res.yaml, node);
  if (t === undefined) return undefined;
  return t === '' ? 'ClusterIP' : t;
}

/**
 * The selector of a core Service whose endpoints Kubernetes manages from pod labels: not an
 * ExternalName, with a non-empty selector (an empty or absent one means hand-made endpoints).
 */
export function managedSelector(res: Resource): LabelSelector | undefined {
  if (!isCoreService(res)) return undefined;
  const type = serviceType(res);
  if (type === undefined || type === 'ExternalName') return undefined;
  const sel = serviceSelector(res);
  return sel && sel.matchLabels.size > 0 ? sel : undefined;
}

export interface ServicePortInfo {
  node: YNode;
  index: number;
  name: string | undefined;
  nameNode?: YNode;
  /** `port` when it is an integer; undefined when absent or of another type. */
  port: number | undefined;
  portNode?: YNode;
  /** Effective protocol (TCP when absent/null/""); undefined when not a string. */
  protocol: string | undefined;
  protocolNode?: YNode;
  targetPortNode?: YNode;
  /**
   * targetPort as written when it is set to something other than the defaults (absent, null,
   * 0, ""): a number or a string. undefined means "same as port".
   */
  targetPort: number | string | undefined;
  nodePort: number | undefined;
  nodePortNode?: YNode;
  /** The entry uses a YAML merge key (`<<: *base`): fields left out may come from elsewhere. */
  merged: boolean;
}

/** Whether a map uses a YAML merge key (`<<`), which hides fields from plain lookups. */
export function hasMergeKey(doc: YamlDoc, node: YNode | undefined): boolean {
  return (
    asMap(doc, node)?.items.some((p) => {
      const k = asScalar(doc, p.key);
      return !!k && (typeof k.value === 'symbol' || k.value === '<<');
    }) ?? false
  );
}

export function servicePorts(res: Resource): ServicePortInfo[] {
  const y = res.yaml;
  return items(y, res.at('spec', 'ports')).map((node, index) => {
    const at = (k: string) => child(y, node, k);
    const nameNode = at('name');
    const portNode = at('port');
    const protocolNode = at('protocol');
    const targetPortNode = at('targetPort');
    const nodePortNode = at('nodePort');
    const merged = hasMergeKey(y, node);
    let protocol: string | undefined = merged ? undefined : 'TCP';
    if (protocolNode !== undefined && !isNullish(y, protocolNode)) {
      protocol = str(y, protocolNode);
      if (protocol === '') protocol = 'TCP';
    }
    let targetPort: number | string | undefined;
    if (targetPortNode !== undefined && !isNullish(y, targetPortNode)) {
      const n = num(y, targetPortNode);
      const s = str(y, targetPortNode);
      if (n !== undefined && n !== 0) targetPort = n;
      else if (s) targetPort = s;
    }
    return {
      node,
      index,
      name: str(y, nameNode) || undefined,
      nameNode,
      port: intValue(y, portNode),
      portNode,
      protocol,
      protocolNode,
      targetPortNode,
      targetPort,
      nodePort: intValue(y, nodePortNode) || undefined,
      nodePortNode,
      merged,
    };
  });
}

/** `spec.ports[i]` path text for messages. */
export const portPath = (p: ServicePortInfo, field?: string) => `spec.ports[${p.index}]${field ? '.' + field : ''}`;
