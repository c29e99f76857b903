/** A document that looks like a Kubernetes object: a top-level apiVersion or kind key. */
const K8S_KEY = /^(?:apiVersion|kind)[ \t]*:/m;

export function looksLikeKubernetes(text: string): boolean {
  return K8S_KEY.test(text);
}
