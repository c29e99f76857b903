import type { Ide } from '../ide';
import type { Span } from '../findings';
import { nodeRange } from '../yaml/nodes';
import { Query } from '../model/query';
import { claimTemplates, classField } from '../model/claims';
import { volumesOf } from '../k8s/podspec';
import { locate, Located } from './target';
import { claimTemplateHover, statefulSetHover } from './statefulset';
import { serviceHover } from './service';
import { unresolvedMountHover, volumeHover } from './volume';
import { claimHover, storageClassHover, volumeHover as persistentVolumeHover } from './storage';
import { str } from '../yaml/nodes';
import { code } from './md';
import { dnsNameAt, dnsNameHover } from './dns-name';
import { patchHoverAt, statefulSetBuildsSection } from './kustomize';
import { fitMarkdown } from '../budget';

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  /** The hovered node. */
  span: Span;
}

function markdownFor(ide: Ide, at: Located): string | undefined {
  const q = new Query(ide.ws);
  const settings = ide.ws.settings;
  const { res, target: t } = at;
  switch (t.kind) {
    case 'statefulset': {
      const h = statefulSetHover(q, settings, res);
      const builds = statefulSetBuildsSection(ide.ws, res);
      return h && builds ? `${h}\n\n${builds}` : h;
    }
    case 'service':
      return serviceHover(q, settings, res);
    case 'claim-template':
      return claimTemplateHover(q, settings, res, t.index);
    case 'volume':
      return volumeHover(q, settings, t.pt, t.index);
    case 'mount': {
      // In a StatefulSet a claim template wins over a template volume of the same name.
      const claim = res.kind === 'StatefulSet' ? claimTemplates(res).find((c) => c.name === at.value) : undefined;
      if (claim) return claimTemplateHover(q, settings, res, claim.index);
      const v = volumesOf(t.pt).find((x) => x.name === at.value);
      return v ? volumeHover(q, settings, t.pt, v.index) : unresolvedMountHover(t.pt, at.value);
    }
    case 'storage-class': {
      const annotation =
        res.kind === 'PersistentVolumeClaim'
          ? str(res.yaml, res.at('metadata', 'annotations', 'volume.beta.kubernetes.io/storage-class'))
          : undefined;
      return storageClassHover(q, settings, classField(res, at.node), res.kind, annotation) || undefined;
    }
    case 'claim-name':
      return claimHover(q, settings, res.namespace, at.value);
    case 'claim-ref-name':
      return t.namespace === undefined
        ? `⚠️ **\`claimRef\` names no namespace**: the volume is reserved for a claim ${code(at.value)} in no namespace, which cannot exist, so no claim binds it. Add \`claimRef.namespace\`.`
        : claimHover(q, settings, t.namespace, at.value);
    case 'volume-name':
      return persistentVolumeHover(q, at.value, res);
    default:
      return undefined;
  }
}

/** Hover for a file offset, or undefined when nothing worth saying is under the cursor. */
export function hoverAt(ide: Ide, uri: string, offset: number): HoverResult | undefined {
  // A kustomize patch is not an object: its hover shows what it makes of its targets.
  if (ide.ws.isPatchFile(uri)) return patchHoverAt(ide, uri, offset);
  const at = locate(ide.ws, uri, offset);
  if (!at) {
    // A Service or pod DNS name written in a value.
    const dns = dnsNameAt(ide.ws, uri, offset);
    return dns ? { markdown: dnsNameHover(new Query(ide.ws), ide.ws.settings, dns), span: dns.span } : undefined;
  }
  const markdown = markdownFor(ide, at);
  const r = nodeRange(at.node);
  if (!markdown || !r) return undefined;
  return { markdown: fitMarkdown(markdown), span: { doc: at.doc, start: r[0], end: r[1] } };
}
