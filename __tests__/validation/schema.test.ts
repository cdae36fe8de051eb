import { existsSync } from 'fs';
import { join } from 'path';
import { createSchemaValidator, parseManifests } from '../../constructs/validation/schema';

// The upstream schemas live beside the repository (../shared), as in CI; a clone may not have them.
const SHARED = join(__dirname, '..', '..', '..', 'shared', 'schemas');
const HAS_CORE = existsSync(join(SHARED, 'k8s', 'v1.30.0', '_definitions.json'));
const HAS_CRDS = existsSync(join(SHARED, 'crds'));
if (!HAS_CORE) console.log('skipping Kubernetes 1.30 tests: ../shared/schemas/k8s/v1.30.0/_definitions.json not found');
if (!HAS_CRDS) console.log('skipping CRD tests: ../shared/schemas/crds not found');

const validator = createSchemaValidator();

const labels = { 'app.kubernetes.io/name': 'jellyfin' };
function deployment(): any {
  // A fresh, unshared copy each time: tests break it in place.
  return JSON.parse(JSON.stringify({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'jellyfin', namespace: 'media', labels },
    spec: {
      replicas: 1, selector: { matchLabels: labels }, strategy: { type: 'Recreate' },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'jellyfin', image: 'jellyfin/jellyfin:10.9.0',
            ports: [{ name: 'http', containerPort: 8096, protocol: 'TCP' }],
            resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { 'memory': '4Gi', 'gpu.intel.com/i915': 1 } },
            livenessProbe: { httpGet: { path: '/health', port: 'http' } },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'media', mountPath: '/media', subPath: 'movies' }],
          }],
          volumes: [{ name: 'media', persistentVolumeClaim: { claimName: 'media' } }],
        },
      },
    },
  }));
}

(HAS_CORE ? describe : describe.skip)('core kinds (Kubernetes 1.30)', () => {
  test('valid objects of several kinds pass', () => {
    const objects = [
      deployment(),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'media', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'jellyfin' }, spec: { type: 'LoadBalancer', loadBalancerIP: '192.168.8.51', selector: labels, ports: [{ port: 80, targetPort: 'http' }] } },
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'media' }, spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '600Gi' } }, storageClassName: 'nfs' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { token: 'c2VjcmV0' }, stringData: { plain: 'x' } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'b', image: 'restic/restic' }] } } } } } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { maxUnavailable: '50%', selector: { matchLabels: labels } } },
    ];
    for (const object of objects) expect([object.kind, validator.validate(object)]).toEqual([object.kind, []]);
  });

  test('a misspelt field is named at the object that holds it', () => {
    const d = deployment();
    d.spec.template.spec.contianers = d.spec.template.spec.containers;
    delete d.spec.template.spec.containers;
    expect(validator.validate(d)).toEqual([
      { field: 'spec.template.spec', message: 'missing required field "containers"' },
      { field: 'spec.template.spec', message: 'unknown field "contianers"' },
    ]);
  });

  test('wrong types, missing required fields, bad quantities and base64 are reported with their path', () => {
    const d = deployment();
    const container = d.spec.template.spec.containers[0];
    container.ports[0].containerPort = 'eighty';
    delete container.name;
    container.resources.limits.memory = '4 GiB';
    d.metadata.labels['app.kubernetes.io/name'] = 7;
    d.spec.replicas = null;
    expect(validator.validate(d)).toEqual([
      { field: 'metadata.labels["app.kubernetes.io/name"]', message: 'must be string (got 7)' },
      { field: 'spec.replicas', message: 'must be integer (got null)' },
      { field: 'spec.template.spec.containers[0]', message: 'missing required field "name"' },
      { field: 'spec.template.spec.containers[0].ports[0].containerPort', message: 'must be integer (got "eighty")' },
      { field: 'spec.template.spec.containers[0].resources.limits.memory', message: 'must be a valid quantity (e.g. 500m, 1Gi) (got "4 GiB")' },
    ]);
    expect(validator.validate({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: 'secret!' } })).toEqual([
      { field: 'data.token', message: 'must be a valid base64 string (got "secret!")' },
    ]);
  });

  test('fields added after 1.30 are unknown (pod-level resources came in 1.32)', () => {
    const d = deployment();
    d.spec.template.spec.resources = { limits: { cpu: '1' } };
    expect(validator.validate(d)).toEqual([{ field: 'spec.template.spec', message: 'unknown field "resources"' }]);
  });

  test('a kind under the wrong apiVersion has no schema', () => {
    expect(validator.hasSchema('apps/v1', 'Deployment')).toBe(true);
    expect(validator.hasSchema('extensions/v1beta1', 'Deployment')).toBe(false);
    expect(validator.validate({ ...deployment(), apiVersion: 'apps/v1beta2' })).toBeUndefined();
  });
});

(HAS_CRDS ? describe : describe.skip)('custom resources (CRD folder)', () => {
  test('every kind the project renders has a schema', () => {
    const kinds: Array<[string, string]> = [
      ['gateway.networking.k8s.io/v1', 'Gateway'], ['gateway.networking.k8s.io/v1', 'HTTPRoute'], ['gateway.networking.k8s.io/v1alpha2', 'TCPRoute'],
      ['traefik.io/v1alpha1', 'IngressRoute'], ['traefik.io/v1alpha1', 'IngressRouteTCP'], ['traefik.io/v1alpha1', 'Middleware'],
      ['metallb.io/v1beta1', 'IPAddressPool'], ['metallb.io/v1beta1', 'L2Advertisement'], ['zfs.openebs.io/v1', 'ZFSVolume'],
      ['kubevirt.io/v1', 'VirtualMachine'], ['cdi.kubevirt.io/v1beta1', 'DataVolume'], ['k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition'],
      ['source.toolkit.fluxcd.io/v1', 'GitRepository'], ['source.toolkit.fluxcd.io/v1', 'HelmRepository'],
      ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'], ['helm.toolkit.fluxcd.io/v2', 'HelmRelease'],
      ['argoproj.io/v1alpha1', 'Application'], ['cert-manager.io/v1', 'Certificate'], ['cert-manager.io/v1', 'ClusterIssuer'],
      ['serving.knative.dev/v1', 'Service'], ['cilium.io/v2', 'CiliumLoadBalancerIPPool'], ['cilium.io/v2alpha1', 'CiliumL2AnnouncementPolicy'],
      ['cilium.io/v2', 'CiliumNetworkPolicy'], ['bitnami.com/v1alpha1', 'SealedSecret'], ['external-secrets.io/v1', 'ExternalSecret'],
      ['external-secrets.io/v1', 'SecretStore'], ['external-secrets.io/v1', 'ClusterSecretStore'], ['externaldns.k8s.io/v1alpha1', 'DNSEndpoint'],
      ['templates.gatekeeper.sh/v1', 'ConstraintTemplate'],
    ];
    expect(kinds.filter(([apiVersion, kind]) => !validator.hasSchema(apiVersion, kind))).toEqual([]);
  });

  test('Gateway API is read from v1.4.1 experimental only', () => {
    // ListenerSet is GA in v1.6.1 only; its experimental predecessor in v1.4.1 is XListenerSet.
    expect(validator.hasSchema('gateway.networking.k8s.io/v1', 'ListenerSet')).toBe(false);
    expect(validator.hasSchema('gateway.networking.x-k8s.io/v1alpha1', 'XListenerSet')).toBe(true);
  });

  test('valid custom resources pass', () => {
    const objects = [
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'jellyfin' },
        spec: { parentRefs: [{ name: 'main-gateway', sectionName: 'https' }], hostnames: ['jellyfin.example.dev'],
          rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'jellyfin', port: 80 }] }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: { name: 'ssh' },
        spec: { parentRefs: [{ name: 'main-gateway', sectionName: 'ssh' }], rules: [{ backendRefs: [{ name: 'forgejo-ssh', port: 22 }] }] } },
      { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'home' },
        spec: { entryPoints: ['websecure'], routes: [{ match: 'Host(`home.example.dev`)', kind: 'Rule', services: [{ name: 'home', port: 8123 }] }] } },
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'x' },
        spec: { interval: '10m', chart: { spec: { chart: 'x', sourceRef: { kind: 'HelmRepository', name: 'x' } } }, values: { free: { form: [1] } } } },
      { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p' },
        spec: { endpointSelector: { matchLabels: labels }, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] } },
    ];
    for (const object of objects) expect([object.kind, validator.validate(object)]).toEqual([object.kind, []]);
  });

  test('typos and bad enums in custom resources are rejected with their path', () => {
    expect(validator.validate({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', nmespace: 'x' },
      spec: { parentRefs: [{ name: 'gw', sectionNme: 'https' }], rules: [{ matches: [{ path: { type: 'PathPrefx', value: '/' } }], backendRefs: [{ name: 's', port: '80' }] }] } })).toEqual([
      { field: 'metadata', message: 'unknown field "nmespace"' },
      { field: 'spec.parentRefs[0]', message: 'unknown field "sectionNme"' },
      { field: 'spec.rules[0].backendRefs[0].port', message: 'must be integer (got "80")' },
      { field: 'spec.rules[0].matches[0].path.type', message: 'must be one of "Exact", "PathPrefix", "RegularExpression" (got "PathPrefx")' },
    ]);
  });
});

describe('parseManifests', () => {
  test('reads every document and skips empty ones', () => {
    const { docs, errors } = parseManifests('---\napiVersion: v1\nkind: Namespace\n---\n# comment only\n---\napiVersion: v1\nkind: ConfigMap\n', 'a.yaml');
    expect(errors).toEqual([]);
    expect(docs.map(d => d.kind)).toEqual(['Namespace', 'ConfigMap']);
  });

  test('duplicate keys are errors with their line and key; other documents still parse', () => {
    const text = 'kind: A\n---\nkind: B\nmetadata:\n  name: x\n  name: y\n---\nkind: C\n';
    const { docs, errors } = parseManifests(text, 'dup.yaml');
    expect(errors).toEqual([{ line: 6, message: 'dup.yaml:6: duplicate key "name"' }]);
    expect(docs.map(d => d.kind)).toEqual(['A', 'C']);
  });

  test('syntax errors and non-mapping documents are reported', () => {
    const { docs, errors } = parseManifests('a: [1\n---\n- just\n- a list\n---\nok: true\n', 'bad.yaml');
    expect(errors.map(e => e.line)).toEqual([1, 2]);
    expect(errors[0].message).toBe('bad.yaml:1: unexpected end of the stream within a flow collection');
    expect(errors[1].message).toBe('bad.yaml:2: document is a list, expected a mapping (a Kubernetes object)');
    expect(docs).toEqual([{ ok: true }]);
  });
});
