/** A small CustomResourceDefinition (Widget, example.com/v1) and a Widget with one unknown field. */

/** The CRD; `extraField` adds one more integer field to the Widget spec. */
export function widgetCrd(extraField = ''): string {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}${extraField ? `\n                ${extraField}: {type: integer}` : ''}
`;
}

export const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 2\n  sise: 3\n';
