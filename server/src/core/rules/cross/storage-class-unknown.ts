import { WORKLOAD_KINDS } from '../../k8s/podspec';
import { PLATFORMS, platformClasses, suggestClass, type PlatformClasses } from '../../k8s/platforms';
import { str } from '../../yaml/nodes';
import { volumeFacts } from '../../model/binding';
import type { ResourceRule } from '../types';
import type { Resource } from '../../model/resource';
import type { Settings } from '../../settings';
import { claimsOf } from '../../model/claims';
import { claimLabel, replaceFix } from '../support';

export const storageClassUnknown: ResourceRule = {
  code: 'storage-class-unknown',
  severity: 'warning',
  title: 'storageClassName names no known StorageClass',
  source: 'persistent-volumes.md "Class"; storage-classes.md; reference §5.1 (storageClassName semantics)',
  docs: `A claim's \`storageClassName\` (or the legacy \`volume.beta.kubernetes.io/storage-class\` annotation)
names a StorageClass that is neither defined in the workspace nor listed in the
\`kubeStateful.knownStorageClasses\` setting, and no PersistentVolume in the workspace carries that
class. Such a claim stays \`Pending\`: there is no provisioner for it and no volume to bind.
Typical causes are typos and classes of another cloud (\`gp2\` vs \`standard\`).

The classes that platforms create in every cluster count as existing, per the
\`kubeStateful.platform\` setting: GKE (\`standard\`, \`standard-rwo\`, \`premium-rwo\`, and with the Filestore
add-on \`standard-rwx\`, \`premium-rwx\`, \`zonal-rwx\`, \`enterprise-rwx\`, …), Amazon EKS (\`gp2\`; EKS Auto
Mode creates none), AKS (\`default\`, \`managed-csi\`, \`managed-csi-premium\`, \`azurefile-csi\`, …), OpenShift
(\`gp3-csi\`, \`gp2-csi\`, \`managed-csi\`, \`azurefile-csi\`, \`standard-csi\`, \`ssd-csi\`, \`thin-csi\`, the
in-tree names of older 4.x clusters, the ODF classes \`ocs-storagecluster-ceph-rbd\`, …), k3s (\`local-path\`),
kind and minikube (\`standard\`), Charmed Kubernetes on OpenStack (\`cdk-cinder\`). Each list cites its source in \`server/src/core/k8s/platforms.ts\`. A
"did you mean" prefers the configured or inferred platform's name when it is as close as a
workspace class. With \`auto\` (the default) the platform is inferred from the provisioners of
the workspace's StorageClasses (\`pd.csi.storage.gke.io\` → GKE, …), and when nothing points to one, the
classes of every known platform count. \`none\` turns the lists off; a list of platforms
(\`["gke"]\`) uses only theirs.

To avoid false alarms this is only checked when the workspace defines at least one StorageClass,
\`knownStorageClasses\` is set, or \`kubeStateful.platform\` names platforms. \`storageClassName: ""\`
means "no class" and is not checked.

**Fix:** correct the name, add the StorageClass, list the cluster's classes in
\`kubeStateful.knownStorageClasses\`, or set \`kubeStateful.platform\` to the platform you deploy to.`,
  bad: 'spec:\n  storageClassName: fast-sdd   # StorageClass is fast-ssd',
  good: 'spec:\n  storageClassName: fast-ssd',
  kinds: ['PersistentVolumeClaim', ...WORKLOAD_KINDS],
  check(res, ctx) {
    const claims = claimsOf(res).filter((c) => c.className);
    if (!claims.length) return;
    const known = ctx.settings.knownStorageClasses;
    // Records the dependency; the facts below are read once per workspace revision.
    const classes = ctx.q.list('StorageClass');
    const { names, platform } = ctx.q.ws.atRevision(classFacts, () => classFacts(classes, ctx.settings));
    // Without StorageClass objects, a known-classes list or a configured platform, the cluster
    // may have any classes: nothing to check against.
    if (!classes.length && !known.length && platform.how !== 'setting') return;
    let pvClasses: Set<string> | undefined;
    for (const c of claims) {
      const name = c.className as string;
      if (names.has(name) || platform.classes.has(name)) continue;
      // Static provisioning: a PV of that class needs no StorageClass object (e.g. "manual").
      pvClasses ??= new Set(ctx.q.list('PersistentVolume').map((pv) => volumeFacts(pv).storageClassName));
      if (pvClasses.has(name)) continue;
      const sorted = [...names].sort();
      const hint = suggestClass(name, sorted, platform);
      const list = sorted.length <= 8 ? sorted.join(', ') : `${sorted.slice(0, 8).join(', ')}, …`;
      const platforms = platform.platforms.map((p) => p.title);
      const platformText =
        platform.how === 'none'
          ? ''
          : platform.how === 'all'
            ? ', is not a built-in class of a known platform'
            : `, is not a built-in class of ${platforms.join(' / ')}${platform.how === 'inferred' ? ' (inferred from the provisioners in the workspace)' : ''}`;
      // A built-in class of a platform that does not count here: say whose, so that the fix is
      // to name that platform in kubeStateful.platform when the manifests are meant for it.
      const elsewhere =
        platform.how === 'none'
          ? []
          : PLATFORMS.filter((p) => !platform.platforms.includes(p) && p.classes.includes(name)).map((p) => p.title);
      const elsewhereText = elsewhere.length
        ? ` It is a built-in class of ${elsewhere.join(' / ')}: if the manifests are meant for that platform, add it to kubeStateful.platform.`
        : '';
      const hintText = hint
        ? ` Did you mean \`${hint}\`${platform.classes.has(hint) && !names.has(hint) ? ` (${platform.classes.get(hint)!.join(', ')})` : ''}?`
        : '';
      ctx.report(
        c.classNode,
        `StorageClass \`${name}\` (${claimLabel(c)}${c.viaAnnotation ? ', via the volume.beta.kubernetes.io/storage-class annotation' : ''}) is not defined in the workspace${known.length ? ' nor in kubeStateful.knownStorageClasses' : ''}${platformText}, and no PersistentVolume has that class: the claim would stay Pending.${elsewhereText}${hintText}${list ? ` Known classes: ${list}.` : ''} Fix the name, add the StorageClass, or list it in kubeStateful.knownStorageClasses (or set kubeStateful.platform).`,
        {
          fix: hint ? [replaceFix(c.classNode, hint)] : undefined,
          related: (hint ? classes.filter((s) => s.name === hint) : []).map((s) => ({
            span: ctx.span(s, s.at('metadata', 'name')),
            message: `StorageClass ${s.name}`,
          })),
        },
      );
    }
  },
};

/**
 * The names of the workspace's StorageClasses (with kubeStateful.knownStorageClasses) and the
 * platform classes that count (from the setting or the classes' provisioners).
 */
function classFacts(
  classes: readonly Resource[],
  settings: Settings,
): { names: Set<string>; platform: PlatformClasses } {
  const names = new Set([...classes.map((c) => c.name ?? ''), ...settings.knownStorageClasses].filter(Boolean));
  const provisioners = classes.map((c) => str(c.yaml, c.at('provisioner')) ?? '');
  return { names, platform: platformClasses(settings.platform, provisioners) };
}
