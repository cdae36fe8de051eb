import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { replicaPolicy } from './cases-apiserver-parity-18';
import { widgetCrd } from './cases-apiserver-parity-19';
import { ruledWidget } from './cases-apiserver-parity-25';
import { fieldedWidget, refusedCrd, RULE } from './cases-apiserver-parity-27';
import { besideWeb, podWithContainer, raw, refusedAtW } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before. CEL a 1.30 API server does not compile as a
// new expression although it parses: a member function of cel-go's extension libraries that Kubernetes leaves out
// (the lists library's slice, flatten, sort, sortBy, distinct and reverse, the strings library's reverse of version
// 3), and the literals its 1.29 environment checks as it compiles (cel.ValidateRegexLiterals,
// ValidateDurationLiterals, ValidateTimestampLiterals, HomogeneousAggregateLiterals): a constant pattern of
// matches() that Go's regexp refuses, a duration or timestamp that is none, a list or map literal of two types.
// A CRD rule of an object's own schema (the root, or an x-kubernetes-embedded-resource field) reading a field of
// metadata other than name and generateName, the only ones the API server declares there (WithTypeAndObjectMeta), and
// a rule of any other schema reading apiVersion, kind or metadata that schema does not declare.
// A CRD rule testing with has() a field its schema does not declare, which the type check looks up as a field read.
// A CRD rule its type check refuses for the schema it stands in: a string's function called on a field of another
// type (a string of format date-time is a timestamp to CEL, of format duration a duration, of format byte bytes), the
// size of a scalar, a field compared with a constant of another type.
// And the labels and annotations of an ephemeral volume's claim template, which ValidateTemplateObjectMeta checks
// as it checks an object's own.

const TEXT = { type: 'string' };
const WORDS = { type: 'array', items: TEXT };

/** A Deployment `w` whose pods have the ephemeral volume `scratch` of a claim template with `metadata`. */
export const claimTemplated = (metadata: Record<string, unknown>) => (c: ClusterChart): void => {
  raw(c, 'w', podWithContainer({ volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }, {
    volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { metadata, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }],
  }));
};
/** The Widget CRD `crd` whose root schema has `rule` (and `properties` beside spec), and a Widget `w`. */
export const rootRuledWidget = (rule: string, properties: Record<string, unknown> = {}) => (c: ClusterChart): void => {
  raw(c, 'crd', widgetCrd({}, {
    schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-validations': [{ rule }], properties: { spec: { type: 'object', properties: { x: { type: 'integer' } } }, ...properties } } },
  }));
  raw(c, 'w', { apiVersion: 'lab.example/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'web' }, spec: { x: 1 } });
};
/** An x-kubernetes-embedded-resource field of a ConfigMap's data. */
export const EMBEDDED_CONFIG_MAP = { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { data: { type: 'object', additionalProperties: TEXT } } };
export const CONFIG_MAP = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: {} };
const DATE_TIME = { type: 'string', format: 'date-time' };
const ROOT_RULE = 'spec.versions[0].schema.openAPIV3Schema.x-kubernetes-validations[0].rule';
const TEMPLATE_METADATA = 'spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate.metadata';

export const CASES: BadInput[] = [
  refusedCrd("a CRD rule of cel-go's list slice()", ruledWidget(WORDS, 'size(self.slice(0, 2)) <= 2', ['a']), RULE(), /indexOf/, /slice\(\).*no Kubernetes CEL environment/),
  refusedCrd("a CRD rule of cel-go's list flatten()", ruledWidget({ type: 'array', items: WORDS }, 'size(self.flatten()) < 5', [['a']]), RULE(), /exists\(\) or all\(\)/),
  refusedCrd("a CRD rule of cel-go's list sort()", ruledWidget(WORDS, 'self.sort() == self', ['a']), RULE(), /isSorted\(\)/),
  refusedCrd("a CRD rule of cel-go's list distinct()", ruledWidget(WORDS, 'size(self.distinct()) == size(self)', ['a']), RULE(), /exists_one/),
  refusedCrd("a CRD rule of the strings library's reverse() of version 3", ruledWidget(TEXT, 'self.reverse() != self', 'ab'), RULE(), /indexOf/, /reverse\(\)/),
  refusedCrd('a CRD rule matching a pattern Go does not compile', ruledWidget(TEXT, "self.matches('^[a-z+$')", 'a'), RULE(), /RE2/, /does not compile/),
  refusedCrd('a CRD rule matching a lookahead', ruledWidget(TEXT, "self.matches('^(?!admin$).+$')", 'web'), RULE(), /no lookarounds/, /lookahead/),
  refusedCrd('a CRD rule of a duration written with a unit Go lacks', ruledWidget(TEXT, "duration(self) <= duration('1d')", '1h'), RULE(), /duration\('1h30m'\)/),
  refusedCrd('a CRD rule of a timestamp without its time', ruledWidget(TEXT, "timestamp(self) > timestamp('2024-01-01')", '2025-01-01T00:00:00Z'), RULE(), /RFC 3339/),
  refusedCrd('a CRD rule of a list literal of strings and numbers', ruledWidget(TEXT, "self in ['auto', 0]", 'auto'), RULE(), /one type/, /a string and an int/),
  refusedCrd('a CRD rule of a list literal of ints and doubles', ruledWidget({ type: 'number' }, 'self in [0, 0.5, 1]', 0.5), RULE(), /1\.0/, /an int and a double/),
  refusedCrd('a CRD rule of a map literal of two value types', ruledWidget(TEXT, "{'a': 1, 'b': 'two'}.size() == 2", 'a'), RULE(), /one type/),
  refusedCrd("a CRD rule reading the object's labels", rootRuledWidget("self.metadata.labels['tier'] == 'db'"), ROOT_RULE, /admission policy/, /metadata\.labels.*only metadata\.name and metadata\.generateName/),
  refusedCrd("a CRD rule reading the object's namespace", rootRuledWidget("self.metadata.namespace != 'default'"), ROOT_RULE, /self\.metadata\.name or self\.metadata\.generateName/),
  refusedCrd("a CRD rule reading an embedded object's annotations", ruledWidget(EMBEDDED_CONFIG_MAP, "self.metadata.annotations.size() < 5", CONFIG_MAP), RULE(), /admission policy/),
  refusedCrd('a CRD rule of a nested field reading a kind it does not declare', ruledWidget({ type: 'object', properties: { replicas: { type: 'integer' } } }, "self.kind == 'Widget'", { replicas: 1 }), RULE(), /self\.replicas/, /kind is no field/),
  refusedCrd('a CRD rule testing a misspelt field with has()', fieldedWidget('!has(self.inner.limt) || self.replicas > 0'), RULE(), /self\.inner\.limit/),
  refusedCrd('a CRD rule matching a date-time field as text', ruledWidget(DATE_TIME, "self.startsWith('2024-')", '2024-05-01T00:00:00Z'), RULE(), /timestamp\('2024-01-01T00:00:00Z'\)/, /startsWith\(\) on a timestamp \(a string of format date or date-time\)/),
  refusedCrd("a CRD rule reading a nested duration's suffix", ruledWidget({ type: 'object', properties: { every: { type: 'string', format: 'duration' } } }, "self.every.endsWith('m')", { every: '5m' }), RULE(), /duration\('1h'\)/, /a duration/),
  refusedCrd('a CRD rule comparing a date-time field with an empty string', ruledWidget(DATE_TIME, "self != ''", '2024-05-01T00:00:00Z'), RULE(), /compare it with a timestamp/),
  refusedCrd('a CRD rule taking the size of a count', ruledWidget({ type: 'integer' }, 'size(self) <= 3', 12), RULE(), /self <= 10/, /size of an int/),
  refusedCrd('a CRD rule comparing a text field with a number', ruledWidget({ type: 'object', properties: { port: TEXT } }, 'self.port > 1024', { port: '8080' }), RULE(), /'1', not 1/, /a string with an int/),
  refusedCrd('a CRD rule comparing a bool field with a text', ruledWidget({ type: 'object', properties: { enabled: { type: 'boolean' } } }, "self.enabled == 'true'", { enabled: true }), RULE(), /true or false/),
  {
    name: 'an admission policy validation matching a pattern Go does not compile', build: besideWeb(replicaPolicy({ validations: [{ expression: "object.metadata.name.matches('^(web|api$')" }] })),
    layer: 'schema', path: 'w', field: 'spec.validations[0].expression', hint: /RE2/,
  },
  refusedAtW("an ephemeral claim template's label key with a space", claimTemplated({ labels: { 'backup policy': 'nightly' } }), `${TEMPLATE_METADATA}.labels.backup policy`, /\[prefix\/\]name/),
  refusedAtW("an ephemeral claim template's label value with a space", claimTemplated({ labels: { tier: 'fast disk' } }), `${TEMPLATE_METADATA}.labels.tier`, /label value/),
  refusedAtW("an ephemeral claim template's annotation key of two slashes", claimTemplated({ annotations: { 'lab.example/backup/policy': 'nightly' } }), `${TEMPLATE_METADATA}.annotations.lab.example/backup/policy`),
];
