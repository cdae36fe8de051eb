import { webhook, webhooks } from './bad-input/cases-apiserver-parity-14';
import { configMapManifest } from './bad-input/cases-apiserver-parity-17';
import { replicaPolicy } from './bad-input/cases-apiserver-parity-18';
import { widgetOf } from './bad-input/cases-apiserver-parity-24';
import { ruledWidget } from './bad-input/cases-apiserver-parity-25';
import { fieldedWidget, objectOf } from './bad-input/cases-apiserver-parity-27';
import { besideWeb } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What a 1.30 API server compiles beside what it refuses: CRD rules of the libraries and language of 1.29 (optional
// fields with `.?`, sets, strings.quote, one-variable macros, types named as values, quantities and URLs), message
// expressions that give a text by + or a choice of two, rules reading the fields their schema declares, and admission policies that read their own variables,
// the authorizer and the request. And embedded objects whose metadata has only ObjectMeta's fields.

const TEXT = { type: 'string' };
const WORDS = { type: 'array', items: TEXT };
const OPTIONAL = { type: 'object', properties: { replicas: { type: 'integer' } } };

test('CRD rules of the libraries a 1.30 API server gives new rules are accepted', () => {
  for (const build of [
    // The optional syntax of CEL, which Kubernetes offers since 1.28; it was refused as no CEL before.
    ruledWidget(OPTIONAL, 'self.?replicas.orValue(1) > 0', {}),
    ruledWidget(OPTIONAL, "optional.of(1).hasValue() && strings.quote('a') != ''", { replicas: 1 }),
    ruledWidget(WORDS, "sets.contains(self, ['a']) && self.exists_one(w, w == 'a') && self.filter(w, w != '').all(w, size(w) < 5)", ['a']),
    ruledWidget(WORDS, "self.map(w, w + '!').exists(w, w == 'a!')", ['a']),
    ruledWidget(TEXT, "type(self) == string && isURL('https://' + self) && quantity('1Gi').isGreaterThan(quantity('1Mi'))", 'hooks.example.com'),
    ruledWidget({ type: 'integer' }, 'self > 5 ? self % 2 == 0 : true', 3),
    ruledWidget({ type: 'integer' }, 'self == oldSelf', 3),
    // Fields the schema declares, a map's keys and a field whose name CEL escapes.
    fieldedWidget('!has(self.inner) || !has(self.inner.limit) || self.inner.limit >= self.replicas'),
    ruledWidget({ type: 'object', properties: { labels: { type: 'object', additionalProperties: TEXT } } },
      "!has(self.labels) || !('tier' in self.labels) || self.labels.tier != ''", { labels: { tier: 'db' } }),
    ruledWidget({ type: 'object', properties: { 'max-size': { type: 'integer' } } }, '!has(self.max__dash__size) || self.max__dash__size > 0', { 'max-size': 1 }),
    widgetOf({ type: 'integer', 'x-kubernetes-validations': [{ rule: 'self < 3', messageExpression: "'x is ' + string(self) + ', at most 2'" }] }, { x: 1 }),
    widgetOf({ type: 'integer', 'x-kubernetes-validations': [{ rule: 'self < 3', messageExpression: "self > 10 ? 'far too many' : 'too many'" }] }, { x: 1 }),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('admission policies and match conditions a 1.30 API server compiles are accepted', () => {
  for (const build of [
    besideWeb(replicaPolicy({
      variables: [{ name: 'limit', expression: '5' }],
      validations: [{ expression: 'object.spec.replicas <= variables.limit', messageExpression: "'at most ' + string(variables.limit) + ' replicas'" }],
    })),
    besideWeb(replicaPolicy({ validations: [{ expression: "authorizer.group('apps').resource('deployments').check('scale').allowed() || object.spec.replicas <= 5" }] })),
    besideWeb(webhooks(webhook({ matchConditions: [{ name: 'not-system', expression: "!request.namespace.startsWith('kube-')" }] }))),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test("an embedded object's metadata of ObjectMeta's fields is accepted", () => {
  expect(labErrors(objectOf(configMapManifest({
    labels: { 'app.kubernetes.io/name': 'media' }, annotations: { 'lab.example/owner': 'media team' },
    finalizers: ['lab.example/keep'], generateName: 'settings-',
  })))).toEqual([]);
});
