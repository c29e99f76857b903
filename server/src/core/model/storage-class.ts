/** StorageClass defaulting: which classes are default, and the class a claim ends up with. */
import { str } from '../yaml/nodes';
import type { Query } from './query';
import type { Resource } from './resource';

export const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export function isDefaultClass(sc: Resource): boolean {
  return DEFAULT_CLASS_ANNOTATIONS.some((a) => str(sc.yaml, sc.at('metadata', 'annotations', a)) === 'true');
}

export function defaultClasses(q: Query): Resource[] {
  return q.list('StorageClass').filter(isDefaultClass);
}

export interface ClassResolution {
  /** The class name the claim ends up with ('' = no class). undefined = unset and no default known. */
  name: string | undefined;
  /** The StorageClass object, when in the workspace. */
  sc?: Resource;
  /** How the name was chosen. */
  how: 'explicit' | 'none' | 'default' | 'unset';
}

/** The StorageClass a claim uses: the explicit name, '' (none), or the default class. */
export function resolveClass(q: Query, explicit: string | undefined, annotation?: string): ClassResolution {
  const name = annotation ?? explicit;
  if (name === '') return { name: '', how: 'none' };
  if (name !== undefined) return { name, sc: q.get('StorageClass', '', name), how: 'explicit' };
  // A default class still being typed (no name yet) cannot be the one admission picks.
  const defs = defaultClasses(q).filter((sc) => !!sc.name);
  if (defs.length) {
    // GetDefaultClass (pkg/volume/util/storageclass.go): the newest creationTimestamp wins,
    // ties go to the first name in alphabetical order.
    const ts = (r: Resource) => str(r.yaml, r.at('metadata', 'creationTimestamp')) ?? '';
    const sc = [...defs].sort((a, b) =>
      ts(a) !== ts(b) ? (ts(a) > ts(b) ? -1 : 1) : (a.name ?? '') < (b.name ?? '') ? -1 : 1,
    )[0];
    return { name: sc.name, sc, how: 'default' };
  }
  return { name: undefined, how: 'unset' };
}
