/** Where each rule's page lives (docs/rules/<code>.md in the repository). */
export const REPOSITORY_URL = 'https://github.com/kube-stateful/kube-stateful';

export function docsUrl(code: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${code}.md`;
}
