import { DEFAULT_CLASS_ANNOTATIONS, defaultClasses, isDefaultClass } from '../../model/storage-class';
import type { Resource } from '../../model/resource';
import { str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

const defaultAnnotationNode = (sc: Resource) =>
  DEFAULT_CLASS_ANNOTATIONS.map((a) => sc.at('metadata', 'annotations', a)).find((n) => str(sc.yaml, n) === 'true');

export const storageClassMultipleDefault: ResourceRule = {
  code: 'storage-class-multiple-default',
  severity: 'warning',
  title: 'More than one StorageClass is marked default',
  source:
    'pkg/volume/util/storageclass.go GetDefaultClass (newest wins); DefaultStorageClass admission plugin; reference C9',
  docs: `Several StorageClasses carry \`storageclass.kubernetes.io/is-default-class: "true"\` (or the beta
annotation). Every PVC without \`storageClassName\` gets *one* of them: the most recently created (by
name at equal times), which depends on apply order and is rarely what was meant. Older API servers
reject such PVCs outright ("2 default StorageClasses were found").

**Fix:** keep the annotation on exactly one class; set it to \`"false"\` (or remove it) on the others.`,
  bad: 'kind: StorageClass\nmetadata:\n  name: standard\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\n---\nkind: StorageClass\nmetadata:\n  name: fast\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"',
  good: 'kind: StorageClass\nmetadata:\n  name: fast\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "false"',
  kinds: ['StorageClass'],
  check(res, ctx) {
    if (!res.name || !isDefaultClass(res)) return;
    const others = defaultClasses(ctx.q).filter((sc) => sc.name && sc.name !== res.name);
    const names = [...new Set(others.map((sc) => sc.name as string))].sort();
    if (!names.length) return;
    ctx.report(
      defaultAnnotationNode(res),
      `StorageClass \`${res.name}\` is marked default, and so ${names.length === 1 ? 'is' : 'are'} ${names.map((n) => `\`${n}\``).join(', ')}: PVCs without storageClassName get whichever was created last. Keep is-default-class "true" on one class only; set it to "false" here if \`${res.name}\` is not meant to be the default.`,
      {
        related: others.map((sc) => ({
          span: ctx.span(sc, defaultAnnotationNode(sc)),
          message: `StorageClass ${sc.name} is also default`,
        })),
        fix: [{ title: 'Set is-default-class to "false"', newText: '"false"' }],
      },
    );
  },
};
