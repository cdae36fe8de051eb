import { allowPlatformNamespace, App, type ClusterChart, type PlatformComponentProps } from '../../constructs';
import type { BadInput } from './cases';

// An App that states why it has no NetworkPolicy, placed in a namespace whose platform component listed the
// ports its pods serve: the component's policy governs the App's pods too and lets none of their ports in.

/** An operator from a chart that serves its webhook on 9443, and an App in its namespace exempt from policies. */
const exemptAppBesideOperator = (cluster: ClusterChart) => {
  cluster.platform.require({
    name: 'my-operator', namespace: 'my-operator', description: 'an operator from a chart',
    install: { type: 'helm', chart: { repository: 'https://charts.example.org', chart: 'my-operator', version: '1.2.3' }, values: {} },
    network: { servesPorts: [{ port: 9443, purpose: 'admission webhook' }] },
  } as PlatformComponentProps);
  const app = new App(cluster, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'my-operator', ports: [{ name: 'http', port: 8080 }],
    exemptions: { networkPolicy: 'reached by everything on the network' },
  });
  allowPlatformNamespace(app, { namespace: 'my-operator', reason: 'configures the operator' });
};

export const CASES: BadInput[] = [
  {
    name: 'App exempt from NetworkPolicies in a namespace whose component lists its ports',
    build: exemptAppBesideOperator, layer: 'policy', path: 'web/deployment', field: 'exemptions.networkPolicy', hint: /drop exemptions\.networkPolicy|namespace of its own/,
  },
];
