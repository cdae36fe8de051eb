import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadAll } from 'js-yaml';
import { createSchemaValidator } from '../../constructs/validation/schema';
import { celRuleCompiles, UNIMPLEMENTED_CEL_FUNCTIONS } from '../../constructs/validation/schema/cel-evaluator';
import { celTree } from '../../constructs/validation/schema/cel-rules';
import { exampleCrd } from '../support/crd';

// A synthetic CRD with one rule per feature, so the evaluator is tested whether or not ../shared is present.
const GADGET_CRD = exampleCrd('Gadget', 'gadgets', String.raw`
type: object
x-kubernetes-validations:
- { rule: "!has(self.min) || !has(self.max) || self.min <= self.max", message: min must not exceed max }
- { rule: "self.tags.all(t, t.startsWith('x-'))", message: tags start with x- }
- { rule: "self.tags.exists_one(t, t == 'x-primary')", message: exactly one primary tag }
- { rule: "size(self.tags.filter(t, t.endsWith('-beta'))) <= 1", message: at most one beta tag }
- { rule: "self.tags.map(t, size(t)).all(n, n <= 12)", message: tags are short, fieldPath: .tags }
- { rule: "self.endpoints.all(e, !isIP(e))", message: endpoints are names }
- { rule: "duration(self.timeout).getSeconds() >= 1", message: timeout of a second or more }
- { rule: "self.mode == oldSelf.mode", message: mode is immutable }
- { rule: "self.kind.matches('^[a-z]+$')", message: kind is lower case }
- { rule: "format.dns1123Label().validate(self.kind).hasValue() == false", message: unimplemented }
properties:
  min: { type: integer }
  max: { type: integer }
  tags: { type: array, items: { type: string } }
  endpoints: { type: array, items: { type: string } }
  timeout: { type: string }
  mode: { type: string }
  kind: { type: string, default: plain }
`);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'homelab-cel-'));
  writeFileSync(join(dir, 'gadget.yaml'), GADGET_CRD);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gadget = (spec: Record<string, unknown>) => ({
  apiVersion: 'example.dev/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'web' },
  spec: { tags: ['x-primary'], endpoints: ['db.lab.test'], timeout: '5s', mode: 'a', ...spec },
});
const messages = (spec: Record<string, unknown>) => (createSchemaValidator({ crdDirs: [dir] }).validate(gadget(spec)) ?? []).map((v) => `${v.field}: ${v.message}`);

describe('CEL rules of CRD schemas', () => {
  test('a valid object passes every rule', () => {
    expect(messages({})).toEqual([]);
  });
  test.each([
    [{ min: 5, max: 2 }, 'spec: min must not exceed max'],
    [{ tags: ['x-primary', 'y'] }, 'spec: tags start with x-'],
    [{ tags: ['x-primary', 'x-primary'] }, 'spec: exactly one primary tag'],
    [{ tags: ['x-primary', 'x-a-beta', 'x-b-beta'] }, 'spec: at most one beta tag'],
    [{ tags: ['x-primary', 'x-much-too-long'] }, 'spec.tags: tags are short'],
    [{ endpoints: ['10.0.0.1'] }, 'spec: endpoints are names'],
    [{ endpoints: ['fd00::1'] }, 'spec: endpoints are names'],
    [{ timeout: '500ms' }, 'spec: timeout of a second or more'],
    [{ kind: 'Loud' }, 'spec: kind is lower case'],
  ])('%j breaks one rule', (spec, message) => {
    expect(messages(spec)).toEqual([message]);
  });
  test('defaults are applied before the rules, as the API server does', () => {
    expect(messages({ kind: undefined })).toEqual([]);
  });
  test('transition rules (oldSelf) are left out: synthesis has no previous object', () => {
    const tree = celTree((loadAll(GADGET_CRD)[0] as any).spec.versions[0].schema.openAPIV3Schema);
    expect(tree?.properties?.spec.rules?.map((r) => r.rule).some((r) => r.includes('oldSelf'))).toBe(false);
  });
});

test('the Kubernetes CEL functions that are not implemented are listed', () => {
  expect(UNIMPLEMENTED_CEL_FUNCTIONS).toEqual([
    'authorizer', 'cidr', 'format.*', 'format.dns1123Label().validate', 'ip', 'isSemver', 'optional.*',
    'quantity().add', 'quantity().sub', 'semver',
  ]);
});

const CRDS = join(__dirname, '..', '..', '..', 'shared', 'schemas', 'crds');
const IMPLEMENTED = new Set([
  // CEL standard macros and functions, and the strings extension.
  'has', 'size', 'all', 'exists', 'exists_one', 'map', 'filter', 'contains', 'matches', 'startsWith', 'endsWith', 'duration',
  'timestamp', 'int', 'uint', 'double', 'string', 'bytes', 'type', 'dyn', 'getSeconds', 'getMilliseconds', 'getMinutes', 'getHours',
  'split', 'lowerAscii', 'upperAscii', 'substring', 'trim', 'replace', 'indexOf', 'lastIndexOf', 'join', 'charAt', 'format',
  // Kubernetes library functions provided here (of the lists and regex libraries and the sets extension too).
  'isIP', 'isSorted', 'sum', 'min', 'max', 'find', 'findAll', 'equivalent', 'intersects',
  'isURL', 'url', 'getScheme', 'getHost', 'getHostname', 'getPort', 'getEscapedPath', 'getQuery',
  'isQuantity', 'quantity', 'sign', 'isInteger', 'asInteger', 'asApproximateFloat', 'isGreaterThan', 'isLessThan', 'compareTo',
]);

let shippedRules: string[] | undefined;

/** The rules of every CRD shipped in the schema set, transition rules (of `oldSelf`) left out; read once for the file's tests. */
function shippedCrdRules(): string[] {
  return (shippedRules ??= readShippedCrdRules());
}

function readShippedCrdRules(): string[] {
  const files: string[] = [];
  const walk = (d: string) => readdirSync(d).forEach((e) => (statSync(join(d, e)).isDirectory() ? walk(join(d, e)) : /\.ya?ml$/.test(e) && files.push(join(d, e))));
  walk(CRDS);
  const rules: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const v of ((node as any)['x-kubernetes-validations'] ?? []) as Array<{ rule: string }>) {
      if (!/\boldSelf\b/.test(v.rule)) rules.push(v.rule);
    }
    Object.values(node).forEach(visit);
  };
  for (const file of files) loadAll(readFileSync(file, 'utf8')).forEach(visit);
  return rules;
}

(existsSync(CRDS) ? test : test.skip)('every function the shipped CRD rules call is implemented, listed as not implemented, or only in transition rules', () => {
  const missing = new Set<string>();
  for (const rule of shippedCrdRules()) {
    const code = rule.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
    for (const [, name] of code.matchAll(/\.?([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
      if (!IMPLEMENTED.has(name) && !UNIMPLEMENTED_CEL_FUNCTIONS.some((u) => u === name || u.split(/[.(]/).includes(name))) missing.add(name);
    }
  }
  expect([...missing].sort()).toEqual([]);
});

(existsSync(CRDS) ? test : test.skip)('every rule of the shipped CRDs compiles, so none is skipped on the objects of their kinds', () => {
  expect(shippedCrdRules().filter((rule) => !celRuleCompiles(rule))).toEqual([]);
});
