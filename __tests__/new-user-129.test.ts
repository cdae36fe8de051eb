import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppController, cilium, ClusterChart, flux, host, site, traefik } from '../constructs';
import { goodDeployment } from './bad-input/lab';
import { aboutTheLab, synthInMemory } from './support/synth';

// A home lab's network tightened beyond the Apps' own policies, the way Cilium's and Kubernetes' guides write it:
// FQDN egress with the DNS rule that feeds it, Prometheus scraping an exporter port by its name, a database open to its
// app's pods in another namespace, and a hand-written workload under a default deny that opens the cluster DNS and the
// internet but not the LAN.

const node = host('nu129-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.129.0.1' });
const lab = site('nu129', { domain: 'nu129.example.net', hosts: [node], git: { url: 'https://git.nu129.example.net/lab.git' } });

const DNS_PEER = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };
const CILIUM_DNS_PEER = { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } };

const defineLab = (scope: Construct) => {
  const c = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], routes: traefik({ nodePorts: true }), gitops: flux(),
    cni: cilium({ k8sServiceHost: '10.129.0.1', k8sServicePort: 6443 }), networkPolicy: 'cilium',
  });
  const policy = (id: string, kind: 'NetworkPolicy' | 'CiliumNetworkPolicy', namespace: string, spec: Record<string, unknown>) => new ApiObject(c, id, {
    apiVersion: kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'cilium.io/v2', kind, metadata: { name: id, namespace }, spec,
  });
  c.namespaces.ensure('monitoring');
  new App(c, 'paperless', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9100 }] });
  policy('github', 'CiliumNetworkPolicy', 'paperless', {
    endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'paperless' } },
    egress: [
      { toEndpoints: [CILIUM_DNS_PEER], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
      { toFQDNs: [{ matchName: 'api.github.com' }, { matchPattern: '*.githubusercontent.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
    ],
  });
  policy('scrape', 'NetworkPolicy', 'paperless', {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'paperless' } }, policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 'metrics' }] }],
  });
  new App(c, 'postgres', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'db', ports: [{ name: 'postgres', port: 8080 }], controller: AppController.statefulSet() });
  policy('db-from-app', 'NetworkPolicy', 'db', {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'postgres' } }, policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'paperless' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'paperless' } } }], ports: [{ port: 8080 }] }],
  });
  c.namespaces.ensure('web');
  new ApiObject(c, 'backup', goodDeployment('backup') as any);
  policy('default-deny', 'NetworkPolicy', 'web', {
    podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ to: [DNS_PEER], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }],
  });
  policy('internet-not-lan', 'NetworkPolicy', 'web', {
    podSelector: { matchLabels: { app: 'backup' } }, policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ port: 443 }] }],
  });
};

describe('a network tightened by hand beyond the Apps\' own policies', () => {
  test('FQDN egress beside its DNS rule, a scrape by a declared port name, a database open to its app and a default deny that opens the cluster DNS synthesize clean', () => {
    expect(aboutTheLab(synthInMemory(defineLab).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });
});
