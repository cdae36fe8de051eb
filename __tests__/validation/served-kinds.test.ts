import { existsSync } from 'fs';
import { join } from 'path';
import { createSchemaValidator } from '../../constructs/validation/schema';
import { groupOf, KUBERNETES_GROUPS, unservedKind } from '../../constructs/validation/schema/served-kinds';

const SERVED = new Map<string, ReadonlySet<string>>([
  ['v1', new Set(['ConfigMap', 'Service'])],
  ['apps/v1', new Set(['Deployment', 'DeploymentList', 'StatefulSet'])],
  ['autoscaling/v1', new Set(['HorizontalPodAutoscaler'])],
  ['autoscaling/v2', new Set(['HorizontalPodAutoscaler'])],
  ['networking.k8s.io/v1', new Set(['Ingress'])],
  ['networking.k8s.io/v1alpha1', new Set(['ServiceCIDR'])],
  ['admissionregistration.k8s.io/v1', new Set(['ValidatingAdmissionPolicy'])],
  ['admissionregistration.k8s.io/v1beta1', new Set(['ValidatingAdmissionPolicy'])],
]);

describe('kinds of Kubernetes own groups that the API server does not serve', () => {
  test('a retired version names the stable one that serves the kind', () => {
    expect(unservedKind(SERVED, 'autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.30')).toEqual({
      field: 'apiVersion', message: 'Kubernetes 1.30 does not serve autoscaling/v2beta2', hint: 'write HorizontalPodAutoscaler as apiVersion autoscaling/v2',
    });
    expect(unservedKind(SERVED, 'extensions/v1beta1', 'Ingress', '1.30')?.hint).toBe('write Ingress as apiVersion networking.k8s.io/v1');
  });

  test('a misspelled kind lists the kinds of its version, without lists', () => {
    expect(unservedKind(SERVED, 'apps/v1', 'Deploymnet', '1.30')).toEqual({
      field: 'kind', message: 'Kubernetes 1.30 has no kind Deploymnet in apps/v1', hint: "check the kind's spelling; apps/v1 has Deployment, StatefulSet",
    });
  });

  test('a kind of another group names the group that serves it', () => {
    expect(unservedKind(SERVED, 'v1', 'Deployment', '1.30')?.hint).toBe('write Deployment as apiVersion apps/v1');
  });

  test('a version the API server enables only when asked names the version it serves by default, or none', () => {
    expect(unservedKind(SERVED, 'admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy', '1.30')).toEqual({
      field: 'apiVersion',
      message: 'Kubernetes 1.30 serves admissionregistration.k8s.io/v1beta1 only when its API server is started with --runtime-config=admissionregistration.k8s.io/v1beta1=true; off by default, it refuses the ValidatingAdmissionPolicy (no matches for kind)',
      hint: 'write ValidatingAdmissionPolicy as apiVersion admissionregistration.k8s.io/v1, which Kubernetes 1.30 serves',
    });
    expect(unservedKind(SERVED, 'networking.k8s.io/v1alpha1', 'ServiceCIDR', '1.30')?.hint).toBe('leave the ServiceCIDR out: Kubernetes 1.30 serves it at no version it enables by default');
    // Not written as the alpha version that defines it, which the API server does not serve.
    expect(unservedKind(SERVED, 'networking.k8s.io/v1', 'ServiceCIDR', '1.30')?.hint).toBe("check the kind's spelling; networking.k8s.io/v1 has Ingress");
  });

  test('kinds served as written, and groups of custom resources, pass', () => {
    expect(unservedKind(SERVED, 'apps/v1', 'Deployment', '1.30')).toBeUndefined();
    expect(unservedKind(SERVED, 'gateway.networking.k8s.io/v1', 'HTTPRoute', '1.30')).toBeUndefined();
    expect(unservedKind(SERVED, 'snapshot.storage.k8s.io/v1', 'VolumeSnapshot', '1.30')).toBeUndefined();
    expect(groupOf('v1')).toBe('');
  });
});

const CORE = join(__dirname, '..', '..', '..', 'shared', 'schemas', 'k8s', 'v1.30.0', '_definitions.json');
if (!existsSync(CORE)) {
  console.log('skipping the check of Kubernetes groups against the core definitions: ../shared/schemas/k8s/v1.30.0/_definitions.json not found');
}
(existsSync(CORE) ? test : test.skip)('every group of the Kubernetes 1.30 core definitions is one of its own groups', () => {
  const served = createSchemaValidator({ crdDirs: [] }).servedKinds();
  const groups = [...served!.keys()].map(groupOf);
  expect(groups.filter((group) => !KUBERNETES_GROUPS.has(group))).toEqual([]);
  expect(served!.get('apps/v1')?.has('Deployment')).toBe(true);
});
