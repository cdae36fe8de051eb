import { ApiObject, App as CdkApp } from 'cdk8s';
import { ClusterChart, gatewayApi, synthesize } from '../constructs';
import { ciliumPolicy, fluxAlert, fluxReceiver, FROM_GATEWAY, gatewayAdmitting } from './bad-input/cases-apiserver-parity-32';
import { lab, labCluster } from './bad-input/lab';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';
import { labErrors } from './support/lab-errors';

// What notification-controller's CRDs and the Cilium agent take beside what they refuse: Alerts of every kind by
// name or by '*' with labels, of either severity, with their lists and summary; Receivers of each sender with an
// interval of hours; Cilium policies given by specs alone, and a policy over nodes that is cluster-wide; Gateway
// listeners that select namespaces by labels and expressions the implementations parse.

/** The warnings of a lab cluster that `build` fills, as `<field>: <message>`. */
function labWarnings(build: (cluster: ClusterChart) => void): string[] {
  const app = new CdkApp();
  build(labCluster(app));
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'warning' && f.constructPath.endsWith('/w')).map((f) => `${f.field}: ${f.message}`);
}

test('Alerts and Receivers their CRDs take are accepted', () => {
  for (const build of [
    fluxAlert({
      eventSeverity: 'error', summary: 'lab cluster', exclusionList: ['^Dependencies'], inclusionList: ['.*'], eventMetadata: { cluster: 'lab' },
      eventSources: [{ kind: 'Kustomization', name: '*' }, { kind: 'HelmRelease', name: '*', namespace: 'flux-system', matchLabels: { team: 'lab' } }],
    }),
    fluxAlert({ eventSeverity: 'info' }),
    fluxReceiver({ type: 'generic-hmac', interval: '1h30m' }),
    fluxReceiver({ resources: [{ kind: 'OCIRepository', name: '*', matchLabels: { app: 'web' } }] }),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('matchLabels beside a name is a warning: notification-controller reads the labels only beside *', () => {
  expect(labWarnings(fluxReceiver({ resources: [{ kind: 'GitRepository', name: 'flux-system', matchLabels: { app: 'web' } }] })))
    .toEqual([expect.stringMatching(/^spec\.resources\[0\]\.matchLabels: matchLabels is read only beside name '\*'/)]);
});

test('Cilium policies given by specs alone, and nodes selected cluster-wide, are accepted', () => {
  expect(labErrors(ciliumPolicy({ specs: [{ endpointSelector: { matchLabels: { app: 'web' } }, ingress: [FROM_GATEWAY] }] }))).toEqual([]);
  expect(labErrors((c) => {
    ciliumPolicy({ spec: { endpointSelector: { matchLabels: { app: 'web' } }, ingress: [FROM_GATEWAY] } })(c);
    c.platform.declarePreinstalled({ source: 'Cilium', crds: [{ group: 'cilium.io', kinds: ['CiliumClusterwideNetworkPolicy'], scope: 'Cluster' }] });
    new ApiObject(c, 'hosts', {
      apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'hosts' },
      spec: { nodeSelector: { matchLabels: { 'kubernetes.io/hostname': 'gpu1' } }, ingress: [{ fromEntities: ['cluster'] }] },
    });
  })).toEqual([]);
});

test('Gateway listeners selecting namespaces by a selector that parses are accepted', () => {
  for (const namespaces of [
    { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } },
    { from: 'Selector', selector: { matchExpressions: [{ key: 'team', operator: 'Exists' }, { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } },
    { from: 'All' },
  ]) {
    const app = new CdkApp();
    gatewayAdmitting(namespaces)(labCluster(app, 'main', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }), preinstalled: [GATEWAY_IMPLEMENTATION] }));
    expect(synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error' && f.constructPath.endsWith('/w'))).toEqual([]);
  }
});
