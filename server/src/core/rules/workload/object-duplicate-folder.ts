import type { ResourceRule } from '../types';
import { reportCopies } from './object-duplicate';

export const objectDuplicateFolder: ResourceRule = {
  code: 'object-duplicate-folder',
  severity: 'information',
  title: 'The same object (kind, namespace, name) defined in two files of one folder',
  source: 'kubectl apply -f <folder> applies every file of the folder, in order',
  docs: `Two files of one folder (outside any kustomize build) define an object with the same kind,
namespace and name, with different content. If the folder is applied as a whole
(\`kubectl apply -f <folder>\`, or a GitOps tool pointed at it), the later file silently replaces the
earlier copy. Folders of examples often hold such alternatives on purpose (one per cloud, with and
without a feature), to be applied one file at a time, so this is information, not a warning.

Identical copies, folders where two files share two or more objects (variants), copies in other
folders and copies inside a kustomize build (see \`object-duplicate\`) are not reported.

**Fix:** if the folder is applied as a whole, remove or rename one copy; otherwise nothing to do.`,
  bad: '# a.yaml\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "1"}\n# b.yaml, same folder\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "2"}',
  good: '# a.yaml\nkind: ConfigMap\nmetadata: {name: a}\n# b.yaml, same folder\nkind: ConfigMap\nmetadata: {name: b}',
  kinds: '*',
  check(res, ctx) {
    reportCopies(
      res,
      ctx,
      'siblings',
      ', a sibling file: if the folder is applied as a whole (kubectl apply -f <folder>), the later copy replaces the earlier. Remove or rename one copy unless the files are alternatives applied one at a time.',
    );
  },
};
