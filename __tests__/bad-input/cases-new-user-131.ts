import type { App as CdkApp } from 'cdk8s';
import { App, AppController, cilium } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster, raw } from './lab';

// A new user on Cilium writes CiliumNetworkPolicies beside the Apps' own from the README and Cilium's guides: an
// endpointSelector by the label they guess, layer-7 HTTP rules written as one writes globs or as one says a method, a
// clusterwide host policy for the nodes. Each passed synthesis, and the policy governed nothing or refused every
// request it was written to let through.

/** The lab's cluster `edge` running Cilium and writing CiliumNetworkPolicies. */
const ciliumCluster = (root: CdkApp) => labCluster(root, 'edge', { cni: cilium({ k8sServiceHost: '10.0.0.1', k8sServicePort: 6443 }), networkPolicy: 'cilium' });
/** A hand-written CiliumNetworkPolicy `id` in namespace `namespace`. */
const policy = (cluster: ClusterChart, id: string, namespace: string, spec: Record<string, unknown>) => raw(cluster, id, {
  apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: id, namespace }, spec,
});
/** The App `paperless` in `edge`, its port 8080 behind an HTTP rule `http` admitting Cilium's ingress. */
const paperlessBehind = (http: Record<string, unknown>) => guarded((_main: ClusterChart, root: CdkApp) => {
  const cluster = ciliumCluster(root);
  new App(cluster, 'paperless', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  policy(cluster, 'paperless-l7', 'paperless', {
    endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'paperless' } },
    ingress: [{ fromEntities: ['ingress'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [http] } }] }],
  });
});

export const CASES: BadInput[] = [
  {
    name: "a CiliumNetworkPolicy selecting a database by a guessed label (app: postgres) its App's pods do not carry",
    build: guarded((_main: ClusterChart, root: CdkApp) => {
      const cluster = ciliumCluster(root);
      new App(cluster, 'postgres', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'db', ports: [{ name: 'postgres', port: 8080 }], controller: AppController.statefulSet() });
      policy(cluster, 'db-from-paperless', 'db', {
        endpointSelector: { matchLabels: { app: 'postgres' } },
        ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'paperless' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }],
      });
    }),
    layer: 'policy', path: 'db-from-paperless', field: 'spec.endpointSelector', hint: /app\.kubernetes\.io\/name: postgres/,
  },
  {
    name: 'a Cilium HTTP rule whose path is written as a glob (/api/*)',
    build: paperlessBehind({ method: 'GET', path: '/api/*' }),
    layer: 'schema', path: 'paperless-l7', field: 'spec.ingress[0].toPorts[0].rules.http[0].path', hint: /path: '\/api\/\.\*'/,
  },
  {
    name: 'a Cilium HTTP rule whose method is written in small letters (get)',
    build: paperlessBehind({ method: 'get', path: '/' }),
    layer: 'schema', path: 'paperless-l7', field: 'spec.ingress[0].toPorts[0].rules.http[0].method', hint: /method: 'GET'/,
  },
  {
    name: "a clusterwide host policy for the nodes while the cluster's Cilium leaves its host firewall off",
    build: guarded((_main: ClusterChart, root: CdkApp) => raw(ciliumCluster(root), 'nodes', {
      apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'nodes' },
      spec: { nodeSelector: {}, ingress: [{ fromEntities: ['cluster'] }, { fromEntities: ['world'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }] },
    })),
    layer: 'policy', path: 'nodes', field: 'spec.nodeSelector', hint: /cilium\(\{ hostFirewall: true \}\)/,
  },
];
