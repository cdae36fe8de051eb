import { ApiObject } from 'cdk8s';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gatekeeper } from '../../constructs';
import { createSchemaValidator, generatedKindSchemas, SchemaValidator } from '../../constructs/validation/schema';
import { synthCluster } from '../services/support';

// Kinds whose CRD a controller makes in the cluster: a Crossplane composite resource and its claim from a
// CompositeResourceDefinition, a Gatekeeper constraint from a ConstraintTemplate.

const xrd = (versions: unknown[]) => ({
  apiVersion: 'apiextensions.crossplane.io/v1', kind: 'CompositeResourceDefinition',
  metadata: { name: 'xpostgresqls.db.example' },
  spec: { group: 'db.example', names: { kind: 'XPostgreSQL', plural: 'xpostgresqls' }, claimNames: { kind: 'PostgreSQL', plural: 'postgresqls' }, versions },
});
const version = (name: string, served = true) => ({
  name, served, referenceable: served,
  schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', required: ['parameters'], properties: {
    parameters: { type: 'object', required: ['dbName'], properties: { dbName: { type: 'string' }, dbSize: { type: 'string' } } },
  } } } } },
});
const template = (apiVersion: string, validation: Record<string, unknown>) => ({
  apiVersion, kind: 'ConstraintTemplate', metadata: { name: 'k8srequiredlabels' },
  spec: { crd: { spec: { names: { kind: 'K8sRequiredLabels' }, validation } }, targets: [] },
});
const LABELS_SCHEMA = { openAPIV3Schema: { type: 'object', properties: { labels: { type: 'array', items: { type: 'string' } } } } };
const claim = (spec: Record<string, unknown>) => ({ apiVersion: 'db.example/v1alpha1', kind: 'PostgreSQL', metadata: { name: 'app-db', namespace: 'web' }, spec });
const constraint = (spec: Record<string, unknown>) => ({ apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sRequiredLabels', metadata: { name: 'owner' }, spec });

describe('generatedKindSchemas', () => {
  test('an XRD defines its composite and claim kinds at every served version', () => {
    const kinds = generatedKindSchemas([xrd([version('v1alpha1'), version('v1beta1'), version('v1', false)])]);
    expect([...kinds.keys()].sort()).toEqual([
      'db.example/v1alpha1/PostgreSQL', 'db.example/v1alpha1/XPostgreSQL', 'db.example/v1beta1/PostgreSQL', 'db.example/v1beta1/XPostgreSQL',
    ]);
    expect(kinds.get('db.example/v1alpha1/PostgreSQL')!.definedBy).toBe('CompositeResourceDefinition xpostgresqls.db.example');
  });

  test('a ConstraintTemplate defines its kind in the constraints group; other objects define nothing', () => {
    const kinds = generatedKindSchemas([template('templates.gatekeeper.sh/v1', LABELS_SCHEMA), claim({}), { apiVersion: 'v1', kind: 'ConfigMap' }]);
    expect([...kinds.keys()].sort()).toEqual(['constraints.gatekeeper.sh/v1/K8sRequiredLabels', 'constraints.gatekeeper.sh/v1alpha1/K8sRequiredLabels', 'constraints.gatekeeper.sh/v1beta1/K8sRequiredLabels']);
  });

  test('an XRD version without a schema takes any spec, beside the fields Crossplane adds', () => {
    const kinds = generatedKindSchemas([xrd([{ name: 'v1', served: true, referenceable: true }])]);
    const spec = (kinds.get('db.example/v1/PostgreSQL')!.schema.properties as any).spec;
    expect(spec['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(spec.properties.compositionRef).toBeDefined();
  });

  test('half-written definitions define only what they name in full, and do not fail', () => {
    expect([...generatedKindSchemas([
      { apiVersion: 'apiextensions.crossplane.io/v1', kind: 'CompositeResourceDefinition', spec: { group: 'g', names: {}, versions: 'v1' } },
      { apiVersion: 'apiextensions.crossplane.io/v1', kind: 'CompositeResourceDefinition', spec: { group: 'g', names: { kind: 'X' }, versions: [null, { name: 'v1' }] } },
      { apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', spec: { crd: null } },
    ]).keys()]).toEqual(['g/v1/X']);
  });
});

describe('objects of generated kinds are checked against the derived schema', () => {
  let dir: string;
  let saved: string | undefined;
  let validator: SchemaValidator;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'generated-kinds-'));
    saved = process.env.HOMELAB_SCHEMA_CACHE;
    process.env.HOMELAB_SCHEMA_CACHE = join(dir, 'cache');
    validator = createSchemaValidator({ crdDirs: [] });
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.HOMELAB_SCHEMA_CACHE;
    else process.env.HOMELAB_SCHEMA_CACHE = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  const schemaOf = (definition: Record<string, unknown>, key: string) => generatedKindSchemas([definition]).get(key)!.schema;

  test("a claim: the XRD's fields and the ones Crossplane adds pass; a misspelt field, a wrong type or a missing one do not", () => {
    const schema = schemaOf(xrd([version('v1alpha1')]), 'db.example/v1alpha1/PostgreSQL');
    expect(validator.validateGenerated(claim({
      parameters: { dbName: 'app', dbSize: '5Gi' }, compositionRef: { name: 'postgresql' }, writeConnectionSecretToRef: { name: 'app-db-connection' },
    }), schema)).toEqual([]);
    expect(validator.validateGenerated(claim({ parameters: { dbName: 'app', dbSzie: '5Gi' } }), schema)).toEqual([
      { field: 'spec.parameters', message: 'unknown field "dbSzie"' },
    ]);
    expect(validator.validateGenerated(claim({ parameters: { dbName: 5 }, compositionUpdatePolicy: 'Later' }), schema)).toEqual([
      { field: 'spec.parameters.dbName', message: 'must be string (got 5)' },
      { field: 'spec.compositionUpdatePolicy', message: 'must be one of "Automatic", "Manual" (got "Later")' },
    ]);
    expect(validator.validateGenerated(claim({ parameters: {} }), schema)).toEqual([
      { field: 'spec.parameters', message: 'missing required field "dbName"' },
    ]);
    // A claim's connection Secret stays in its namespace; only the composite resource names one.
    expect(validator.validateGenerated(claim({ parameters: { dbName: 'app' }, writeConnectionSecretToRef: { name: 'c', namespace: 'web' } }), schema)).toEqual([
      { field: 'spec.writeConnectionSecretToRef', message: 'unknown field "namespace"' },
    ]);
  });

  test("a constraint: match and the template's parameters are strict under the v1 template API, parameters open under v1beta1", () => {
    const strict = schemaOf(template('templates.gatekeeper.sh/v1', LABELS_SCHEMA), 'constraints.gatekeeper.sh/v1beta1/K8sRequiredLabels');
    const match = { kinds: [{ apiGroups: [''], kinds: ['Pod'] }], namespaces: ['web'] };
    expect(validator.validateGenerated(constraint({ match, parameters: { labels: ['owner'] }, enforcementAction: 'warn' }), strict)).toEqual([]);
    expect(validator.validateGenerated(constraint({ match: { namespace: ['web'] }, parameters: { labels: 'owner', extra: 1 } }), strict)).toEqual([
      { field: 'spec.match', message: 'unknown field "namespace"' },
      { field: 'spec.parameters', message: 'unknown field "extra"' },
      { field: 'spec.parameters.labels', message: 'must be array (got "owner")' },
    ]);
    const legacy = schemaOf(template('templates.gatekeeper.sh/v1beta1', LABELS_SCHEMA), 'constraints.gatekeeper.sh/v1beta1/K8sRequiredLabels');
    expect(validator.validateGenerated(constraint({ match, parameters: { labels: ['owner'], extra: 1 } }), legacy)).toEqual([]);
  });

  test('a pass is remembered under the schema and the object: a warm run loads no catalog and no validator for it, and a changed schema is checked again', () => {
    const cache = join(dir, 'warm-cache');
    process.env.HOMELAB_SCHEMA_CACHE = cache;
    const schema = schemaOf(xrd([version('v1alpha1')]), 'db.example/v1alpha1/PostgreSQL');
    const passing = claim({ parameters: { dbName: 'app' } });
    const cold = createSchemaValidator({ crdDirs: [] });
    expect(cold.validateGenerated(structuredClone(passing), schema)).toEqual([]);
    cold.flush();
    // The catalog and validator code are written back to the cache when they are made: with those files
    // gone, a warm run must leave none behind.
    for (const file of readdirSync(cache)) {
      if (file !== 'valid-v3.bin') rmSync(join(cache, file), { recursive: true });
    }
    const warm = createSchemaValidator({ crdDirs: [] });
    expect(warm.validateGenerated(structuredClone(passing), schema)).toEqual([]);
    warm.flush();
    expect(readdirSync(cache)).toEqual(['valid-v3.bin']);
    // The same object under a stricter definition of its kind: the remembered pass does not hold.
    const stricter = schemaOf(xrd([{ ...version('v1alpha1'), schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', required: ['parameters'], properties: {
      parameters: { type: 'object', required: ['dbName', 'dbSize'], properties: { dbName: { type: 'string' }, dbSize: { type: 'string' } } },
    } } } } } }]), 'db.example/v1alpha1/PostgreSQL');
    expect(createSchemaValidator({ crdDirs: [] }).validateGenerated(structuredClone(passing), stricter)).toEqual([
      { field: 'spec.parameters', message: 'missing required field "dbSize"' },
    ]);
    process.env.HOMELAB_SCHEMA_CACHE = join(dir, 'cache');
  });
});

describe('in a cluster', () => {
  const allowedRepos = {
    apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', metadata: { name: 'k8sallowedrepos' },
    spec: {
      crd: { spec: { names: { kind: 'K8sAllowedRepos' }, validation: { openAPIV3Schema: { type: 'object', properties: { repos: { type: 'array', items: { type: 'string' } } } } } } },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: 'package k8sallowedrepos\n' }],
    },
  };
  const constraint = { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sAllowedRepos', metadata: { name: 'lab-registry' }, spec: { parameters: { repos: ['registry.lab.test/'] } } };

  test("a constraint of the cluster's own template needs no namespace and no CRD of its own; its template needs Gatekeeper", () => {
    const withGatekeeper = synthCluster((chart) => {
      chart.platform.require(gatekeeper());
      new ApiObject(chart.platform.configScope('policies'), 'template', allowedRepos);
      new ApiObject(chart, 'constraint', constraint);
    });
    expect(withGatekeeper.errors).toEqual([]);
    const without = synthCluster((chart) => {
      new ApiObject(chart.platform.configScope('policies'), 'template', allowedRepos);
      new ApiObject(chart, 'constraint', constraint);
    });
    expect(without.errors.map((e) => `${e.constructPath} ${e.field}: ${e.hint}`)).toEqual([
      'main/platform/config/policies/template apiVersion: add the choice that installs it: cluster.platform.require(gatekeeper())',
    ]);
  });

  test('an object of a generated kind in the same layer as its definition is refused: the layer would be applied before the kind exists', () => {
    const { errors } = synthCluster((chart) => {
      chart.platform.require(gatekeeper());
      new ApiObject(chart, 'template', allowedRepos);
      new ApiObject(chart, 'constraint', constraint);
    });
    expect(errors.map((e) => `${e.constructPath} ${e.field}: ${e.message}`)).toEqual([
      'main/constraint kind: K8sAllowedRepos is made from ConstraintTemplate k8sallowedrepos in the apps layer, so it does not exist yet when the apps layer is applied',
    ]);
  });
});
