import type { BadInput } from './cases';
import { ruledWidget } from './cases-apiserver-parity-25';

// What the API server still refuses beside the forms this round lets pass: a rule of an embedded object reading the
// labels its schema declares under metadata, where the schema leaves apiVersion and kind undeclared, so the API server
// puts its own metadata of name and generateName in place of the schema's.

/** A Widget CRD whose spec field `x` is an embedded object declaring metadata with name, generateName and labels, and `rule`. */
const labelledWidget = (rule: string) => ruledWidget({
  type: 'object', 'x-kubernetes-embedded-resource': true,
  properties: {
    metadata: { type: 'object', properties: { name: { type: 'string' }, generateName: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } } } },
    data: { type: 'object', additionalProperties: { type: 'string' } },
  },
}, rule, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { tier: 'gold' } }, data: { a: 'b' } });

export const CASES: BadInput[] = [
  {
    name: "a CRD rule reading the labels an embedded object's schema declares without its apiVersion and kind",
    build: labelledWidget("self.metadata.labels.tier == 'gold'"),
    layer: 'schema', path: 'crd', field: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[x].x-kubernetes-validations[0].rule',
    hint: /self\.metadata\.name/, message: /reads self\.metadata\.labels/,
  },
];
