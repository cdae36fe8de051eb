import type { App as CdkApp } from 'cdk8s';
import { App, AppController, cilium } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, labCluster, raw } from './lab';

// A new user tightens a home lab's network beyond the Apps' own policies: NetworkPolicies and
// CiliumNetworkPolicies written from upstream guides for egress to the internet, Cilium's FQDN rules, Prometheus
// scraping across namespaces. Each mistake passed synthesis, and the traffic it was written for stayed refused.

/** The lab's cluster `edge` running Cilium and writing CiliumNetworkPolicies. */
const ciliumCluster = (root: CdkApp) => labCluster(root, 'edge', { cni: cilium({ k8sServiceHost: '10.0.0.1', k8sServicePort: 6443 }), networkPolicy: 'cilium' });
/** The App `paperless` serving HTTP on 8080, reaching the internet on 443, in `cluster`. */
const paperless = (cluster: ClusterChart) => new App(cluster, 'paperless', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
});
/** A hand-written policy `id` of `kind` in namespace `namespace`. */
const policy = (cluster: ClusterChart, id: string, kind: 'NetworkPolicy' | 'CiliumNetworkPolicy', namespace: string, spec: Record<string, unknown>) => raw(cluster, id, {
  apiVersion: kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'cilium.io/v2', kind, metadata: { name: id, namespace }, spec,
});
/** The hand-written Deployment `backup` in namespace `web`, its egress limited by the policy `egress` of `spec` in `cluster`. */
const limitedBackup = (cluster: ClusterChart, spec: Record<string, unknown>) => {
  raw(cluster, 'workload', goodDeployment('backup'));
  policy(cluster, 'egress', 'NetworkPolicy', 'web', { podSelector: { matchLabels: { app: 'backup' } }, policyTypes: ['Egress'], ...spec });
};
const INTERNET_NOT_LAN = { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }] };

export const CASES: BadInput[] = [
  {
    name: "a Cilium FQDN egress rule without the DNS rule that sends the pod's lookups through Cilium's DNS proxy",
    build: guarded((_main: ClusterChart, root: CdkApp) => {
      const cluster = ciliumCluster(root);
      paperless(cluster);
      policy(cluster, 'github', 'CiliumNetworkPolicy', 'paperless', {
        endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'paperless' } },
        egress: [{ toFQDNs: [{ matchName: 'api.github.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }],
      });
    }),
    layer: 'policy', path: 'github', field: 'spec.egress[0].toFQDNs', hint: /rules: \{ dns: \[\{ matchPattern: '\*' \}\] \}/,
  },
  {
    name: 'a NetworkPolicy letting Prometheus in on a port name the pods do not declare',
    build: guarded((cluster: ClusterChart) => {
      cluster.namespaces.ensure('monitoring');
      paperless(cluster);
      policy(cluster, 'scrape', 'NetworkPolicy', 'paperless', {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'paperless' } }, policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 'metrics' }] }],
      });
    }),
    layer: 'policy', path: 'scrape', field: 'spec.ingress[0].ports[0].port', hint: /'http' \(8080\/TCP\)/,
  },
  {
    name: "a NetworkPolicy limiting a workload's egress to its database without the cluster DNS",
    build: guarded((cluster: ClusterChart) => limitedBackup(cluster, { egress: [{ to: [{ podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ port: 5432 }] }] })),
    layer: 'policy', path: 'egress', field: 'spec.egress', hint: /'k8s-app': 'kube-dns'.*port: 53, protocol: 'UDP'/,
  },
  {
    name: 'a NetworkPolicy opening the internet but not the LAN, under Cilium, without the cluster DNS',
    build: guarded((_main: ClusterChart, root: CdkApp) => limitedBackup(ciliumCluster(root), { egress: [INTERNET_NOT_LAN] })),
    layer: 'policy', path: 'egress', field: 'spec.egress', message: /no policy over them admits their lookups to the cluster DNS/,
  },
  {
    name: "a database's NetworkPolicy naming its app's pods, in another namespace, without a namespaceSelector",
    build: guarded((cluster: ClusterChart) => {
      paperless(cluster);
      new App(cluster, 'postgres', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'db', ports: [{ name: 'postgres', port: 8080 }], controller: AppController.statefulSet() });
      policy(cluster, 'db-from-app', 'NetworkPolicy', 'db', {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'postgres' } }, policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'paperless' } } }], ports: [{ port: 8080 }] }],
      });
    }),
    layer: 'policy', path: 'db-from-app', field: 'spec.ingress[0].from[0].podSelector', hint: /'kubernetes\.io\/metadata\.name': 'paperless'/,
  },
];
