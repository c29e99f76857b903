/**
 * The storage class every claim of a resource asks for: a PersistentVolumeClaim's own spec,
 * a StatefulSet's volumeClaimTemplates, and the `ephemeral.volumeClaimTemplate` of pod volumes.
 */
import { podTemplateOf, volumesOf } from '../../k8s/podspec';
import { classField } from '../../model/links';
import type { Resource } from '../../model/resource';
import { at, child, isNullish, items, str, YNode } from '../../yaml/nodes';

export const CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

export interface ClaimClass {
  res: Resource;
  /** For messages: `PersistentVolumeClaim data`, `claim template www`, `ephemeral volume scratch`. */
  what: string;
  spec: YNode | undefined;
  /**
   * The requested class (GetPersistentVolumeClaimClass: the beta annotation wins over the
   * field): undefined = unset (the default class applies), '' = explicitly no class.
   */
  className: string | undefined;
  /** The node that sets the class (annotation value or storageClassName value). */
  classNode?: YNode;
  viaAnnotation: boolean;
  volumeName: string | undefined;
  hasSelector: boolean;
}

function claimClass(res: Resource, what: string, metadata: YNode | undefined, spec: YNode | undefined): ClaimClass {
  const y = res.yaml;
  const annNode = at(y, metadata, 'annotations', CLASS_ANNOTATION);
  const ann = str(y, annNode);
  const fieldNode = child(y, spec, 'storageClassName');
  const sel = child(y, spec, 'selector');
  return {
    res,
    what,
    spec,
    className: ann ?? classField(res, fieldNode),
    classNode: ann !== undefined ? annNode : fieldNode,
    viaAnnotation: ann !== undefined,
    volumeName: str(y, child(y, spec, 'volumeName')) || undefined,
    hasSelector: sel !== undefined && !isNullish(y, sel),
  };
}

export function claimClassesOf(res: Resource): ClaimClass[] {
  const y = res.yaml;
  if (res.kind === 'PersistentVolumeClaim') {
    return [claimClass(res, `PersistentVolumeClaim ${res.name ?? ''}`.trim(), res.at('metadata'), res.at('spec'))];
  }
  const out: ClaimClass[] = [];
  if (res.kind === 'StatefulSet') {
    items(y, res.at('spec', 'volumeClaimTemplates')).forEach((t, i) => {
      const name = str(y, at(y, t, 'metadata', 'name'));
      out.push(claimClass(res, `claim template ${name ?? `#${i}`}`, child(y, t, 'metadata'), child(y, t, 'spec')));
    });
  }
  const pt = podTemplateOf(res);
  if (pt) {
    for (const v of volumesOf(pt)) {
      const tpl = at(y, v.node, 'ephemeral', 'volumeClaimTemplate');
      if (tpl) out.push(claimClass(res, `ephemeral volume ${v.name ?? `#${v.index}`}`, child(y, tpl, 'metadata'), child(y, tpl, 'spec')));
    }
  }
  return out;
}
