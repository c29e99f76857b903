/**
 * Go to definition: from a reference under the cursor to the object (or YAML node) it names.
 * Pure core: results are spans within documents; the LSP layer turns them into locations.
 */
import type { Ide } from './ide';
import { spanOf } from './findings';
import type { Span } from './findings';
import { locate } from './hover/target';
import { dnsDefinition, dnsNameAt } from './hover/dns-name';
import { volumesOf } from './k8s/podspec';
import { claimTemplates, classField } from './model/claims';
import { generatedClaimOwner } from './model/identity';
import { Query } from './model/query';
import type { Resource } from './model/resource';
import type { YNode } from './yaml/nodes';

export interface DefinitionTarget {
  uri: string;
  span: Span;
}

const named = (r: Resource): DefinitionTarget => ({ uri: r.uri, span: spanOf(r.doc, r.at('metadata', 'name'), r) });
const nodeIn = (r: Resource, node: YNode | undefined): DefinitionTarget => ({
  uri: r.uri,
  span: spanOf(r.doc, node, r),
});

/** Where the reference at a file offset points, or [] (several results for duplicates). */
export function definitionAt(ide: Ide, uri: string, offset: number): DefinitionTarget[] {
  const at = locate(ide.ws, uri, offset);
  if (!at) {
    // A Service or pod DNS name written in a value.
    const dns = dnsNameAt(ide.ws, uri, offset);
    return dns ? dnsDefinition(dns).map(named) : [];
  }
  const q = new Query(ide.ws);
  const { res, value, target: t } = at;
  switch (t.kind) {
    case 'statefulset':
      // Only `serviceName` is a reference; kind, name and replicas are the definition itself.
      return t.field === 'serviceName' ? q.getAll('Service', res.namespace, value).map(named) : [];
    case 'subdomain':
      return q.getAll('Service', res.namespace, value).map(named);
    case 'storage-class': {
      const name = classField(res, at.node);
      return name ? q.getAll('StorageClass', '', name).map(named) : [];
    }
    case 'volume-name':
      return q.getAll('PersistentVolume', '', value).map(named);
    case 'claim-ref-name':
      return t.namespace === undefined ? [] : q.getAll('PersistentVolumeClaim', t.namespace, value).map(named);
    case 'claim-name': {
      const pvcs = q.getAll('PersistentVolumeClaim', res.namespace, value);
      if (pvcs.length) return pvcs.map(named);
      const owner = generatedClaimOwner(q, res.namespace, value);
      return owner ? [nodeIn(owner.id.res, owner.claim.nameNode)] : [];
    }
    case 'mount': {
      // A claim template wins over a template volume of the same name (the controller drops the volume).
      const claim = res.kind === 'StatefulSet' ? claimTemplates(res).find((c) => c.name === value) : undefined;
      if (claim) return [nodeIn(res, claim.nameNode)];
      return volumesOf(t.pt)
        .filter((v) => v.name === value)
        .map((v) => nodeIn(res, v.nameNode));
    }
    default:
      return [];
  }
}
