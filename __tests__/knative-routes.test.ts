import type { Construct } from 'constructs';
import { AppController, ClusterChart, declareExternal, flux, gatewayApi, HomelabApp, host, Knative, site } from '../constructs';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';
import { synthInMemory } from './support/synth';

const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.1' });
const lab = site('serverless', { domain: 'lab.test', hosts: [node1], git: { url: 'https://git.example/serverless.git' } });
const VISIBILITY = 'networking.knative.dev/visibility';

function serverless(scope: Construct): void {
  const chart = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node1], routes: gatewayApi({ gatewayClassName: 'cilium' }), storage: { local: { storageClassName: 'local-path' } },
    gitops: flux(), preinstalled: [GATEWAY_IMPLEMENTATION, { source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }],
  });
  declareExternal(chart, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(chart, 'knative', { eventing: false });
  const knative = AppController.knative();
  const http = [{ name: 'http', port: 8080 }];
  new HomelabApp(chart, 'own', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller: knative, route: { host: 'own' } });
  new HomelabApp(chart, 'mapped', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller: knative, route: { host: 'www' } });
  new HomelabApp(chart, 'private', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller: knative });
}

const result = synthInMemory(serverless);
const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
const ksvc = (name: string) => manifests.find((m) => m.apiVersion === 'serving.knative.dev/v1' && m.kind === 'Service' && m.metadata.name === name);
const mappings = manifests.filter((m) => m.kind === 'DomainMapping').map((m) => `${m.metadata.name} -> ${m.spec.ref.name}`);

test('synthesizes without errors', () => {
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
});

test('a route to the host Knative gives the Service needs no DomainMapping, and the Service stays external', () => {
  expect(mappings).not.toContainEqual(expect.stringContaining('-> own'));
  expect(ksvc('own').metadata.labels[VISIBILITY]).toBeUndefined();
});

test('a route to another host is a DomainMapping to a cluster-local Service, which Knative claims by itself', () => {
  expect(mappings).toEqual(['www.lab.test -> mapped']);
  expect(ksvc('mapped').metadata.labels[VISIBILITY]).toBe('cluster-local');
  expect(result.files.get('serverless/main/README.md')).not.toContain('let Knative claim');
});

test('a Knative Service without a route is cluster-local', () => {
  expect(ksvc('private').metadata.labels[VISIBILITY]).toBe('cluster-local');
});
