import { APP_PROP_RULES, APP_PROPS_SHAPE } from '../constructs/validation/app-props-shape';
import { propProblems } from '../constructs/validation/known-props';
import { COMPOSE_LONG_PORT, TEMPLATE_CLAIM, TEMPLATE_EXISTING } from './bad-input/cases-foreign-forms';

// An object written whole in another tool's form is one mistake: one error on the object, none on its keys
// and none for the props of this library it leaves out.

const fieldsOf = (props: Record<string, unknown>) =>
  propProblems('App', { image: 'nginxinc/nginx-unprivileged:1.27.0', ...props }, APP_PROPS_SHAPE, APP_PROP_RULES).map((p) => p.field);

test.each([
  ["app-template's persistence item", { persistence: { config: TEMPLATE_CLAIM } }, 'persistence.config'],
  ["app-template's persistence item on an existing claim", { persistence: { media: TEMPLATE_EXISTING } }, 'persistence.media'],
  ["compose's long port syntax", { ports: [COMPOSE_LONG_PORT] }, 'ports[0]'],
  ["app-template's ports as a map", { ports: { http: { port: 8080 } } }, 'ports'],
])('%s is one error, on the object', (_, props, field) => {
  expect(fieldsOf(props)).toEqual([field]);
});

test('an entry of the library beside an app-template one is left alone', () => {
  expect(fieldsOf({ persistence: { config: TEMPLATE_CLAIM, data: { volume: { type: 'emptyDir', emptyDir: {} }, mountPath: '/data' } } })).toEqual(['persistence.config']);
});
