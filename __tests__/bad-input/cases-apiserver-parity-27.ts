import { ApiObject } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { webhook, webhooks } from './cases-apiserver-parity-14';
import { composition, configMapManifest, crossplaneWithKubernetes, kubernetesObject, stepInput } from './cases-apiserver-parity-17';
import { replicaPolicy } from './cases-apiserver-parity-18';
import { widgetOf } from './cases-apiserver-parity-24';
import { ruledWidget } from './cases-apiserver-parity-25';
import { besideWeb } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before: a CustomResourceDefinition (or an admission
// policy, or a webhook's match condition) whose CEL a 1.30 API server does not compile as a new expression. It
// gives new expressions the libraries of 1.29, the release it can roll back to (DefaultCompatibilityVersion), so a
// rule calling its IP or CIDR library, added in 1.30 and usable from 1.31, is refused with the CRD, as is one calling
// the format library, two-variable comprehensions or the semver library of later releases. The rules of such a CRD
// were judged on objects as if the CRD existed. And rules the type check refuses: a name a CRD rule does not
// declare (authorizer, object, math) or a field its schema does not have (a misspelt self.replicaz), a rule that
// gives no bool, and a message expression that gives no string.
// And the metadata of an object a custom resource embeds (x-kubernetes-embedded-resource) with a field ObjectMeta
// lacks or a name that is no string: the API server reads it as an object's metadata (objectmeta.CoerceWithOptions),
// drops what it does not know, and a strict apply refuses that as an unknown field, although the schema keeps them.

const TEXT = { type: 'string' };
const WORDS = { type: 'array', items: TEXT };
/** The field of the Widget CRD's spec field `x` whose first rule holds the expression `key`. */
export const RULE = (key: 'rule' | 'messageExpression' = 'rule') => `spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[x].x-kubernetes-validations[0].${key}`;
/** A case of the hand-written CRD `crd` of `widgetOf`, which the schema layer refuses at `field`. */
export const refusedCrd = (name: string, build: BadInput['build'], field: string, hint?: RegExp, message?: RegExp): BadInput => ({ name, build, layer: 'schema', path: 'crd', field, hint, message });
/** A Widget CRD whose field `x` has the rule `self < 3` with the message expression `messageExpression`. */
const messagedWidget = (messageExpression: string) => widgetOf({ type: 'integer', 'x-kubernetes-validations': [{ rule: 'self < 3', messageExpression }] }, { x: 1 });
/** A Widget CRD whose field `x` holds a count, a mode and an inner object of a count, and keeps `rule`. */
export const fieldedWidget = (rule: string) => ruledWidget({
  type: 'object', properties: { replicas: { type: 'integer' }, mode: { type: 'string' }, inner: { type: 'object', properties: { limit: { type: 'integer' } } } },
}, rule, { replicas: 1 });
const LATER = /once the cluster runs Kubernetes 1\.3[1-4]/;

/** A lab with Crossplane and the provider-kubernetes Object `w` of `manifest`. */
export const objectOf = (manifest: Record<string, unknown>) => (c: ClusterChart): void => {
  crossplaneWithKubernetes(c);
  new ApiObject(c, 'w', kubernetesObject(manifest) as any);
};
/** A lab with Crossplane and the Composition `w` of one step of `input`. */
const compositionOf = (input: Record<string, unknown>) => (c: ClusterChart): void => {
  crossplaneWithKubernetes(c);
  new ApiObject(c.platform.configScope('compositions'), 'w', composition(input) as any);
};
const embedded = (name: string, build: BadInput['build'], field: string, hint: RegExp): BadInput => ({ name, build, layer: 'schema', path: 'w', field, hint });
const MANIFEST = 'spec.forProvider.manifest.metadata';

export const CASES: BadInput[] = [
  refusedCrd('a CRD rule calling isIP, which 1.30 compiles only in rules stored before', ruledWidget(TEXT, 'isIP(self)', '10.0.0.1'), RULE(), /matches\(\) and a pattern/, /IP address library.*from 1\.31 on/),
  refusedCrd('a CRD rule reading an address with ip()', ruledWidget(TEXT, 'ip(self).family() == 4', '10.0.0.1'), RULE(), LATER, /ip\(\)/),
  refusedCrd('a CRD rule calling isCIDR', ruledWidget(TEXT, 'isCIDR(self)', '10.0.0.0/24'), RULE(), LATER, /CIDR library/),
  refusedCrd('a CRD rule reading a block with cidr()', ruledWidget(TEXT, 'cidr(self).prefixLength() >= 16', '10.0.0.0/24'), RULE(), LATER, /cidr\(\)/),
  refusedCrd('a CRD rule of the format library of 1.31', ruledWidget(TEXT, '!format.dns1123Label().validate(self).hasValue()', 'web'), RULE(), /1\.32/, /format library/),
  refusedCrd('a CRD rule of a two-variable all() of 1.32', ruledWidget(WORDS, 'self.all(i, v, i < 5 || v == "")', ['a']), RULE(), /1\.33/, /two-variable/),
  refusedCrd('a CRD rule of transformList of 1.32', ruledWidget(WORDS, 'size(self.transformList(i, v, v + "!")) < 3', ['a']), RULE(), /1\.33/),
  refusedCrd('a CRD rule of the semver library of 1.33', ruledWidget(TEXT, 'isSemver(self)', '1.2.3'), RULE(), /1\.34/, /semver library/),
  refusedCrd('a CRD message expression calling isIP', messagedWidget("isIP(string(self)) ? 'an address' : 'a count'"), RULE('messageExpression'), LATER),
  refusedCrd("a CRD rule of an admission policy's authorizer", ruledWidget(TEXT, "authorizer.path('/healthz').check('get').allowed()", 'a'), RULE(), /self/, /reads authorizer, which is not declared/),
  refusedCrd("a CRD rule reading the object as an admission policy's object", ruledWidget(TEXT, "object.metadata.name != ''", 'a'), RULE(), /self\.replicas/, /reads object/),
  refusedCrd('a CRD rule of CEL math, which Kubernetes does not offer', ruledWidget({ type: 'array', items: { type: 'integer' } }, 'math.greatest(self) < 10', [1]), RULE(), /self/, /reads math/),
  refusedCrd('a CRD rule reading a misspelt field of its schema', fieldedWidget('self.replicaz <= 10'), RULE(), /self\.inner, self\.mode, self\.replicas/, /undefined field/),
  refusedCrd('a CRD rule reading a field its inner object lacks', fieldedWidget('!has(self.inner) || self.inner.max >= self.replicas'), RULE(), /self\.inner\.limit/),
  refusedCrd('a CRD transition rule reading a misspelt field of the old object', fieldedWidget('self.replicas >= oldSelf.replica'), RULE(), /self\.replicas/),
  refusedCrd('a CRD message expression reading a field its schema lacks', widgetOf({
    type: 'object', properties: { replicas: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.replicas <= 10', messageExpression: "'at most 10, not ' + string(self.count)" }],
  }, { x: { replicas: 1 } }), RULE('messageExpression'), /self\.replicas/),
  refusedCrd('a CRD rule that gives a count, not a bool', ruledWidget(TEXT, 'size(self)', 'a'), RULE(), /size\(\.\.\.\) <= 10/, /gives a number/),
  refusedCrd('a CRD rule that adds, not compares', ruledWidget({ type: 'integer' }, 'self + 1', 1), RULE(), /condition/, /never a bool/),
  refusedCrd('a CRD rule that maps a list', ruledWidget(WORDS, 'self.map(w, w + "!")', ['a']), RULE(), /condition/, /gives a list/),
  refusedCrd('a CRD rule written as its message', ruledWidget(TEXT, "'x must be set'", 'a'), RULE(), /condition/, /gives a string/),
  refusedCrd('a CRD message expression that compares, not tells', messagedWidget('self >= 3'), RULE('messageExpression'), /gives a text/, /gives a bool/),
  {
    name: 'an admission policy validation calling cidr()', build: besideWeb(replicaPolicy({ validations: [{ expression: "cidr('10.0.0.0/8').containsIP(object.metadata.annotations['lab.example/source'])" }] })),
    layer: 'schema', path: 'w', field: 'spec.validations[0].expression', hint: LATER,
  },
  {
    name: 'an admission policy validation that gives a count', build: besideWeb(replicaPolicy({ validations: [{ expression: 'size(object.spec.template.spec.containers)' }] })),
    layer: 'schema', path: 'w', field: 'spec.validations[0].expression', hint: /condition/,
  },
  {
    name: 'an admission policy message expression that compares', build: besideWeb(replicaPolicy({ validations: [{ expression: 'object.spec.replicas <= 5', messageExpression: 'object.spec.replicas > 5' }] })),
    layer: 'schema', path: 'w', field: 'spec.validations[0].messageExpression', hint: /gives a text/,
  },
  {
    name: "a webhook's match condition calling isIP", build: besideWeb(webhooks(webhook({ matchConditions: [{ name: 'addressed', expression: "isIP(object.metadata.name.replace('-', '.'))" }] }))),
    layer: 'schema', path: 'w', field: 'webhooks[0].matchConditions[0].expression', hint: LATER,
  },
  embedded("a provider-kubernetes Object whose manifest's data slipped into its metadata", objectOf(configMapManifest({ data: { mode: 'fast' } })), `${MANIFEST}.data`, /leave it out, or move it/),
  embedded('a provider-kubernetes Object whose manifest metadata gives a description', objectOf(configMapManifest({ description: 'media settings' })), `${MANIFEST}.description`, /annotation/),
  embedded('a provider-kubernetes Object whose manifest is named by a number', objectOf(configMapManifest({ name: 404 })), `${MANIFEST}.name`, /in quotes/),
  embedded('a Composition step whose input metadata has a field of its spec', compositionOf(stepInput({ metadata: { name: 'patch', resources: [] } })), 'spec.pipeline[0].input.metadata.resources', /leave it out/),
];
