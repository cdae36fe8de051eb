import type { ClusterChart } from '../constructs';
import { raw } from './bad-input/lab';
import { application, kustomization, sealedSecret, withComponents } from './bad-input/cases-apiserver-parity-13';
import { labErrors } from './support/lab-errors';

// What MetalLB's and the External Secrets Operator's webhooks, Gatekeeper's and the Cilium agent take beside
// the near misses they refuse: single addresses as blocks of one, ranges of one address, pools side by side
// and of both families; dataFrom entries of one form each, with or without a store of their own, and the
// deletion policies each creation policy allows; a template named after its kind; Cilium rules of one kind
// of peer each, with their ports, DNS rules on egress and HTTP rules on TCP; an Argo CD destination given by
// server or by name; Flux dependencies in a chain or a diamond; SealedSecrets whose own scope is their template's.

/** The errors of a lab with the components installed and `manifests` beside them. */
const errorsOf = (...manifests: Array<Record<string, unknown>>) => labErrors((c: ClusterChart) => {
  withComponents(c);
  manifests.forEach((manifest, i) => raw(c, `object-${i}`, manifest));
});

const pool = (name: string, addresses: string[]) => ({
  apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: 'metallb-system' }, spec: { addresses },
});

test('pools of single addresses as blocks of one, one-address ranges, neighbouring blocks and both families, announced once each, are accepted', () => {
  expect(errorsOf(
    pool('one', ['192.168.1.240/32', '192.168.1.241-192.168.1.241']),
    pool('next', ['192.168.1.242-192.168.1.250', '192.168.1.224/28', 'fd00:8::100/120']),
    pool('v6', ['fd00:8::200-fd00:8::2ff']),
    { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name: 'extra', namespace: 'metallb-system' }, spec: { ipAddressPools: ['one', 'next', 'v6'] } },
  )).toEqual([]);
});

const externalSecret = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name, namespace: 'web' },
  spec: { secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' }, refreshInterval: '1h', target: { name }, ...spec },
});
const KEY = { secretKey: 'password', remoteRef: { key: 'db', property: 'password' } };

test('dataFrom entries of one form each, a store of their own, and the deletion policies each creation policy allows are accepted', () => {
  expect(errorsOf(
    externalSecret('forms', { dataFrom: [{ extract: { key: 'app' } }, { find: { name: { regexp: '^app-' } } }, { extract: { key: 'other' }, sourceRef: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' } } }] }),
    externalSecret('owned', { data: [KEY], target: { name: 'owned', creationPolicy: 'Owner', deletionPolicy: 'Delete' } }),
    externalSecret('merged', { data: [KEY], target: { name: 'merged', creationPolicy: 'Merge', deletionPolicy: 'Merge' } }),
    externalSecret('kept', { data: [KEY], target: { name: 'kept', creationPolicy: 'None', deletionPolicy: 'Retain' } }),
  )).toEqual([]);
});

test('a ConstraintTemplate named after its kind in lower case is accepted', () => {
  expect(errorsOf({
    apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', metadata: { name: 'k8sallowedrepos' },
    spec: {
      crd: { spec: { names: { kind: 'K8sAllowedRepos' } } },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: 'package k8sallowedrepos\nviolation[{"msg": "no"}] { false }\n' }],
    },
  })).toEqual([]);
});

test('Cilium rules of one kind of peer each, ports beside them, DNS rules on egress, HTTP rules on TCP and a Service without ports are accepted', () => {
  expect(errorsOf({
    apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'web', namespace: 'web' },
    spec: {
      endpointSelector: { matchLabels: { app: 'web' } },
      ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'gateway' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/' }] } }] }],
      egress: [
        { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
        { toFQDNs: [{ matchName: 'api.example.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
        { toCIDR: ['192.168.1.10/32'], toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }] }] },
        { toServices: [{ k8sService: { serviceName: 'db', namespace: 'web' } }] },
      ],
    },
  })).toEqual([]);
});

test('an Argo CD destination given by server alone or by name alone is accepted', () => {
  expect(errorsOf(application('by-server', { server: 'https://kubernetes.default.svc' }), application('by-name', { name: 'in-cluster' }))).toEqual([]);
});

test('Flux Kustomizations depending on others in a chain or a diamond, never back on themselves, are accepted', () => {
  expect(errorsOf(
    kustomization('infrastructure'), kustomization('controllers', 'infrastructure'), kustomization('configs', 'infrastructure'),
    kustomization('apps', 'controllers', 'configs'),
  )).toEqual([]);
});

test('SealedSecrets whose own scope annotations give the scope of their template, or neither gives one, are accepted', () => {
  const wide = { 'sealedsecrets.bitnami.com/cluster-wide': 'true' };
  expect(errorsOf(sealedSecret('db'), sealedSecret('shared', wide, wide))).toEqual([]);
});
