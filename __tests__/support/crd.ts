/**
 * The YAML of a namespaced test CRD `<plural>.example.dev`, kind `kind`, with one served version `v1`
 * whose object has the usual apiVersion, kind and metadata and the given `spec` schema. `spec` is YAML
 * written from column 0 (`type: object`, `properties: …`); it is indented into place here.
 */
export function exampleCrd(kind: string, plural: string, spec: string): string {
  const specLines = spec.trim().split('\n').map((line) => `            ${line}`).join('\n');
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    `metadata: { name: ${plural}.example.dev }`,
    'spec:',
    '  group: example.dev',
    `  names: { kind: ${kind}, plural: ${plural} }`,
    '  scope: Namespaced',
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    '      openAPIV3Schema:',
    '        type: object',
    '        properties:',
    '          apiVersion: { type: string }',
    '          kind: { type: string }',
    '          metadata: { type: object }',
    '          spec:',
    specLines,
    '',
  ].join('\n');
}
