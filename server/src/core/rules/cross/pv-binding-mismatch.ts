import type { RelatedInfo } from '../../findings';
import { formatBytes } from '../../k8s/quantity';
import { acceptedClasses, BindAspect, bindingMismatches, VolumeFacts, volumeFacts } from '../../model/binding';
import { Claim, objectClaim } from '../../model/claims';
import type { Query } from '../../model/query';
import type { Resource } from '../../model/resource';
import { keyNode } from '../../yaml/nodes';
import type { ResourceRule, RuleContext } from '../types';
import { CLASS_ANNOTATION } from '../../model/claims';

type Aspect = BindAspect;

interface Problem {
  aspect: Aspect | 'claimRef' | 'volumeName';
  text: string;
}

const size = (n: number | undefined, text: string | undefined) => (n !== undefined ? formatBytes(n) : (text ?? '?'));

/** The node of a PV or PVC that holds an aspect (the `spec` key when the field is left out). */
function nodeOf(res: Resource, aspect: Problem['aspect']) {
  const spec = keyNode(res.yaml, res.root, 'spec');
  const isPv = res.kind === 'PersistentVolume';
  switch (aspect) {
    case 'capacity':
      return (
        (isPv ? res.at('spec', 'capacity', 'storage') : res.at('spec', 'resources', 'requests', 'storage')) ?? spec
      );
    case 'class':
      return res.at('metadata', 'annotations', CLASS_ANNOTATION) ?? res.at('spec', 'storageClassName') ?? spec;
    default:
      return res.at('spec', aspect) ?? spec;
  }
}

/**
 * What keeps the claim and the volume apart. `checkClass` is false on the claimRef-only path:
 * FindMatchingVolume returns a volume pre-bound to the claim before comparing classes.
 */
function mismatches(q: Query, claim: Claim, pv: VolumeFacts, checkClass: boolean): Problem[] {
  const { classes, resolution: r } = acceptedClasses(q, claim);
  return bindingMismatches(claim, pv, checkClass ? classes : undefined).map((aspect): Problem => {
    switch (aspect) {
      case 'capacity':
        return {
          aspect,
          text: `the PV holds ${size(pv.storage, pv.storageText)} but the claim requests ${size(claim.storage, claim.storageText)} ("requested PV is too small")`,
        };
      case 'class': {
        const want = classes[0];
        const pvClass = pv.storageClassName ? `\`${pv.storageClassName}\`` : 'no class';
        return {
          aspect,
          text:
            r.how === 'default'
              ? `the claim sets no storageClassName, so admission fills in the default class \`${want}\`, while the PV has ${pvClass} ("storageClassName does not match"); set storageClassName: "${pv.storageClassName}" on the claim`
              : `the claim's class is ${want ? `\`${want}\`` : r.how === 'unset' ? 'none (storageClassName is not set and no default StorageClass is known)' : 'none ("")'} but the PV has ${pvClass} ("storageClassName does not match")`,
        };
      }
      case 'volumeMode':
        return {
          aspect,
          text: `the claim wants volumeMode ${claim.volumeMode} but the PV is ${pv.volumeMode} ("incompatible volumeMode")`,
        };
      case 'accessModes': {
        const lacking = claim.accessModes.filter((m) => !pv.accessModes.includes(m));
        return {
          aspect,
          text: `the PV does not offer access mode${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} (it has ${pv.accessModes.join(', ')}; "incompatible accessMode")`,
        };
      }
    }
  });
}

function related(ctx: RuleContext, other: Resource, problems: Problem[]): RelatedInfo[] {
  return problems.map((p) => ({ span: ctx.span(other, nodeOf(other, p.aspect)), message: p.text }));
}

export const pvBindingMismatch: ResourceRule = {
  code: 'pv-binding-mismatch',
  severity: 'warning',
  title: 'Pre-bound PVC and PersistentVolume do not match',
  source:
    'pv_controller.go checkVolumeSatisfyClaim; component-helpers pv_helpers.go FindMatchingVolume, CheckAccessModes, CheckVolumeModeMismatches; reference §5.4',
  docs: `A claim with \`spec.volumeName\` asks for one specific PersistentVolume, and a PV with \`spec.claimRef\`
reserves itself for one claim. The control plane still checks that they fit: the PV's capacity must
cover the request, the classes must be equal, \`volumeMode\` must be equal (unset means
\`Filesystem\`) and the PV must offer every access mode the claim asks for. Otherwise the claim stays
\`Pending\` with an event such as \`requested PV is too small\`, \`storageClassName does not match\`,
\`incompatible volumeMode\` or \`incompatible accessMode\`.

A classic trap: a claim with \`volumeName\` but **no** \`storageClassName\` gets the default
StorageClass filled in by admission, which then no longer matches a PV without a class. Set
\`storageClassName: ""\` (or the PV's class) on such claims.

For a PV pre-bound through \`claimRef\` alone, capacity, volumeMode and access modes are checked
(the class is not: a pre-bound volume is taken before classes are compared).

**Fix:** make the claim and the volume agree, as listed in the message.`,
  bad: 'kind: PersistentVolumeClaim\nspec:\n  volumeName: pv-1\n  resources: {requests: {storage: 20Gi}}   # pv-1 holds 10Gi',
  good: 'kind: PersistentVolumeClaim\nspec:\n  storageClassName: ""\n  volumeName: pv-1\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 10Gi}}',
  kinds: ['PersistentVolumeClaim', 'PersistentVolume'],
  check(res, ctx) {
    if (res.kind === 'PersistentVolumeClaim') {
      const claim = objectClaim(res);
      if (!claim.volumeName || !res.name) return;
      // Same-named PVs in several places of the narrowest scope: which one is meant is unknown.
      const pvs = ctx.q.scoped('PersistentVolume', '', claim.volumeName, res);
      if (pvs.length !== 1) return;
      const pvRes = pvs[0];
      const pv = volumeFacts(pvRes);
      const problems: Problem[] = [];
      const ref = pv.claimRef;
      if (ref && (ref.name !== res.name || ref.namespace !== res.namespace)) {
        problems.push({
          aspect: 'claimRef',
          text: `the PV is reserved (claimRef) for claim ${ref.namespace ?? '?'}/${ref.name ?? '?'}, not ${res.namespace}/${res.name}`,
        });
      }
      problems.push(...mismatches(ctx.q, claim, pv, true));
      if (!problems.length) return;
      ctx.report(
        res.at('spec', 'volumeName'),
        `PersistentVolume \`${claim.volumeName}\` cannot bind to this claim: ${problems.map((p) => p.text).join('; ')}. The claim stays Pending until they match.`,
        { related: related(ctx, pvRes, problems) },
      );
      return;
    }
    // PersistentVolume with claimRef to a claim in the workspace.
    const pv = volumeFacts(res);
    const ref = pv.claimRef;
    if (!ref?.name || !ref.namespace || !res.name) return;
    const pvcs = ctx.q.scoped('PersistentVolumeClaim', ref.namespace, ref.name, res);
    if (pvcs.length !== 1) return;
    const pvcRes = pvcs[0];
    const claim = objectClaim(pvcRes);
    if (claim.volumeName === res.name) return; // reported on the claim's volumeName
    const problems: Problem[] = claim.volumeName
      ? [
          {
            aspect: 'volumeName',
            text: `the claim asks for another volume (volumeName: ${claim.volumeName}), so this PV stays unused`,
          },
        ]
      : mismatches(ctx.q, claim, pv, false);
    if (!problems.length) return;
    ctx.report(
      res.at('spec', 'claimRef', 'name') ?? res.at('spec', 'claimRef'),
      `This PV is reserved for claim ${ref.namespace}/${ref.name}, but they cannot bind: ${problems.map((p) => p.text).join('; ')}. The PV stays Available and the claim gets another volume or stays Pending.`,
      { related: related(ctx, pvcRes, problems) },
    );
  },
};
