import { App as CdkApp } from 'cdk8s';
import type { Finding } from '../../constructs';
import { isClusterScoped } from '../../constructs/synth/kinds';
import { nameProblem, nameRuleOf } from '../../constructs/validation/dns-names';
import { createSchemaValidator } from '../../constructs/validation/schema';
import { labCluster, prepopulatedOutdir, raw, synthFindings } from '../bad-input/lab';

// What the bad-input corpus cannot say: that a valid object passes, and that one mistake gives one error.

function findingsOf(build: (cluster: ReturnType<typeof labCluster>) => void): Finding[] {
  const app = new CdkApp();
  build(labCluster(app));
  return synthFindings(app, prepopulatedOutdir()).findings;
}

const errorsOn = (findings: Finding[], path: string) => findings.filter((f) => f.severity === 'error' && f.constructPath.endsWith(`/${path}`));

describe('RBAC names are path segments', () => {
  test.each(['system:aggregate-to-edit', 'app:reader', 'My:Role'])('%s is a valid ClusterRole name', (name) => {
    expect(nameProblem(name, nameRuleOf('ClusterRole', 'rbac.authorization.k8s.io/v1'))).toBeUndefined();
  });

  test.each(['.', '..', 'a/b', '50%'])('%s is none', (name) => {
    expect(nameProblem(name, nameRuleOf('RoleBinding', 'rbac.authorization.k8s.io/v1'))).toBeDefined();
  });

  test('a kind of another group named Role keeps the subdomain rule', () => {
    expect(nameProblem('app:reader', nameRuleOf('Role', 'iam.example.com/v1'))).toBeDefined();
  });

  test('ClusterRoles and bindings named with colons synthesize without an error', () => {
    const findings = findingsOf((c) => {
      raw(c, 'role', {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
        metadata: { name: 'app:reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
      });
      raw(c, 'binding', {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'web:readers', namespace: 'web' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'app:reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'web' }],
      });
    });
    expect([...errorsOn(findings, 'role'), ...errorsOn(findings, 'binding')]).toEqual([]);
  });
});

describe('cluster-scoped kinds', () => {
  test("Flux's notification Provider is namespaced, Crossplane's Provider is not", () => {
    expect(isClusterScoped({ apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider' })).toBe(false);
    expect(isClusterScoped({ apiVersion: 'pkg.crossplane.io/v1', kind: 'Provider' })).toBe(true);
    expect(isClusterScoped({ apiVersion: 'kubernetes.m.crossplane.io/v1alpha1', kind: 'Object' })).toBe(false);
    expect(isClusterScoped({ apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object' })).toBe(true);
  });
});

describe('a claim of a StorageClass nothing provides', () => {
  test('is one error, with one hint', () => {
    const findings = findingsOf((c) => raw(c, 'pvc', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'x', namespace: 'web' },
      spec: { storageClassName: 'ssd', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    }));
    const errors = errorsOn(findings, 'pvc');
    expect(errors.map((f) => f.field)).toEqual(['spec.storageClassName']);
    expect(errors[0].hint).toContain("storageClasses: ['ssd']");
  });

  test('a claim that names no class is still a warning', () => {
    const findings = findingsOf((c) => raw(c, 'pvc', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'x', namespace: 'web' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    }));
    expect(findings.filter((f) => f.constructPath.endsWith('/pvc')).map((f) => `${f.severity} ${f.field}`)).toEqual(['warning spec.storageClassName']);
  });
});

const hasCrdSchemas = createSchemaValidator().hasSchema('traefik.io/v1alpha1', 'Middleware');
(hasCrdSchemas ? describe : describe.skip)('custom resources without a schema', () => {
  test('a kind no CRD defines stays a warning of the schema layer', () => {
    const findings = findingsOf((c) => {
      c.platform.declarePreinstalled({ source: 'by hand', crds: [{ group: 'gadgets.lab.test', kinds: ['Gadget'] }] });
      raw(c, 'gadget', { apiVersion: 'gadgets.lab.test/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'web' }, spec: {} });
    });
    expect(errorsOn(findings, 'gadget')).toEqual([]);
    expect(findings.some((f) => f.layer === 'schema' && f.severity === 'warning' && f.message.includes('gadgets.lab.test/v1 Gadget'))).toBe(true);
  });

  test('a served version of a CRD of the cluster without a CRD file is no error', () => {
    const findings = findingsOf((c) => {
      raw(c, 'crd', {
        apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.lab.test' },
        spec: {
          group: 'lab.test', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' },
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
        },
      });
      raw(c, 'widget', { apiVersion: 'lab.test/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'web' }, spec: {} });
    });
    expect(errorsOn(findings, 'widget')).toEqual([]);
  });
});
