import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppController, cilium, ClusterChart, flux, host, site, traefik } from '../constructs';
import { aboutTheLab, synthInMemory } from './support/synth';

// A home lab on Cilium whose owner writes CiliumNetworkPolicies beside the Apps' own: a database open to its app in
// another namespace, a clusterwide policy for the nodes by entity (with
// Cilium's host firewall on), an app's egress to the API server, layer-7 HTTP
// rules in front of an app, and (in the second test) a quick allow-all over an App's namespace.

const node = host('nu131-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.131.0.1' });
const lab = site('nu131', { domain: 'nu131.example.net', hosts: [node], git: { url: 'https://git.nu131.example.net/lab.git' } });

const defineLab = (allowAll: boolean) => (scope: Construct) => {
  const c = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], routes: traefik({ nodePorts: true }), gitops: flux(),
    cni: cilium({ k8sServiceHost: '10.131.0.1', k8sServicePort: 6443, hostFirewall: true }), networkPolicy: 'cilium',
  });
  const policy = (id: string, kind: string, namespace: string | undefined, spec: Record<string, unknown>) => new ApiObject(c, id, {
    apiVersion: kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'cilium.io/v2', kind, metadata: { name: id, ...(namespace === undefined ? {} : { namespace }) }, spec,
  });
  new App(c, 'paperless', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  new App(c, 'postgres', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'db', ports: [{ name: 'postgres', port: 8080 }], controller: AppController.statefulSet() });
  policy('db-from-paperless', 'CiliumNetworkPolicy', 'db', {
    endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'postgres' } },
    ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'paperless', 'app.kubernetes.io/name': 'paperless' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }],
  });
  policy('nodes', 'CiliumClusterwideNetworkPolicy', undefined, {
    nodeSelector: { matchLabels: {} },
    ingress: [{ fromEntities: ['cluster'] }, { fromEntities: ['world'], toPorts: [{ ports: [{ port: '22', protocol: 'TCP' }, { port: '6443', protocol: 'TCP' }] }] }],
  });
  policy('apiserver', 'CiliumNetworkPolicy', 'paperless', {
    endpointSelector: { matchLabels: { 'k8s:app.kubernetes.io/name': 'paperless' } },
    egress: [{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }],
  });
  policy('paperless-l7', 'CiliumNetworkPolicy', 'paperless', {
    endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'paperless' } },
    ingress: [{ fromEntities: ['ingress', 'host', 'remote-node'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [{ method: 'GET|HEAD', path: '/api/.*' }, { method: 'POST', path: '/upload' }, { method: '(?i)delete', path: '/api/documents/[0-9]+' }] } }] }],
  });
  if (allowAll) {
    policy('allow-all', 'NetworkPolicy', 'paperless', { podSelector: {}, ingress: [{}] });
  }
};

const shown = (allowAll: boolean) => aboutTheLab(synthInMemory(defineLab(allowAll)).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}`);

describe("a home lab's CiliumNetworkPolicies beside the Apps' own", () => {
  test('selectors by the labels the pods carry, a host policy with the host firewall on, entities, and HTTP rules written as regular expressions synthesize clean', () => {
    expect(shown(false)).toEqual([]);
  });
  test("an allow-all policy over an App's namespace is a warning on its open rule", () => {
    expect(shown(true)).toEqual(['warning main/allow-all spec.ingress[0]']);
  });
});
