import type { Construct } from 'constructs';
import { AppController, ClusterChart, declareExternal, flux, gatewayApi, HomelabApp, host, Knative, site } from '../constructs';
import type { KnativeProps } from '../constructs';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';
import { synthInMemory } from './support/synth';

const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.1' });
const lab = site('serverless', { domain: 'lab.test', hosts: [node1], git: { url: 'https://git.example/serverless.git' } });
const VISIBILITY = 'networking.knative.dev/visibility';
const ISTIO = { source: 'Istio', provides: { gatewayClasses: ['istio'] } };
/** What Knative needs to know of a Gateway that is not Cilium's. */
const ISTIO_KNATIVE: KnativeProps = {
  gatewayServiceName: 'main-gateway-istio', localGateway: { namespace: 'gateway', gatewayName: 'knative-local', serviceName: 'knative-local-istio' },
};

/** Knative behind a Gateway of `gatewayClassName`, with an app routed at its own host, one at another host (unless `mapped` is false) and one not routed. */
function serverless(gatewayClassName: string, knative: KnativeProps = {}, mapped = true) {
  return (scope: Construct): void => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node1], routes: gatewayApi({ gatewayClassName }), storage: { local: { storageClassName: 'local-path' } },
      gitops: flux(), preinstalled: [GATEWAY_IMPLEMENTATION, ISTIO, { source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }],
    });
    declareExternal(chart, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
    new Knative(chart, 'knative', { eventing: false, ...knative });
    const controller = AppController.knative();
    const http = [{ name: 'http', port: 8080 }];
    new HomelabApp(chart, 'own', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller, route: { host: 'own' } });
    if (mapped) {
      new HomelabApp(chart, 'mapped', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller, route: { host: 'www' } });
    }
    new HomelabApp(chart, 'private', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller });
  };
}

function synth(gatewayClassName: string, knative: KnativeProps = {}, mapped = true) {
  const result = synthInMemory(serverless(gatewayClassName, knative, mapped));
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return {
    result, errors: result.findings.filter((f) => f.severity === 'error'),
    ksvc: (name: string) => manifests.find((m) => m.apiVersion === 'serving.knative.dev/v1' && m.kind === 'Service' && m.metadata.name === name),
    mappings: manifests.filter((m) => m.kind === 'DomainMapping').map((m) => `${m.metadata.name} -> ${m.spec.ref.name}`),
  };
}

describe("behind Cilium's Gateway", () => {
  const { errors, ksvc, mappings } = synth('cilium', {}, false);

  test('synthesizes without errors', () => {
    expect(errors).toEqual([]);
  });

  test('a route to the host Knative gives the Service needs no DomainMapping, and the Service stays external', () => {
    expect(mappings).toEqual([]);
    expect(ksvc('own').metadata.labels[VISIBILITY]).toBeUndefined();
  });

  test('a Knative Service without a route is cluster-local', () => {
    expect(ksvc('private').metadata.labels[VISIBILITY]).toBe('cluster-local');
  });

  test("a route to another host is refused: its DomainMapping's route would name an ExternalName Service, which Cilium does not forward to", () => {
    const refused = synth('cilium');
    expect(refused.errors).toEqual([expect.objectContaining({
      constructPath: 'main/mapped', field: 'route.host', message: expect.stringMatching(/www\.lab\.test.*ExternalName/), hint: expect.stringContaining("host: 'mapped.lab.test'"),
    })]);
    expect(refused.mappings).toEqual([]);
  });
});

describe('behind a Gateway that forwards to ExternalName Services', () => {
  const { result, errors, ksvc, mappings } = synth('istio', ISTIO_KNATIVE);

  test('synthesizes without errors', () => {
    expect(errors).toEqual([]);
  });

  test('a route to another host is a DomainMapping to a cluster-local Service, which Knative claims by itself', () => {
    expect(mappings).toEqual(['www.lab.test -> mapped']);
    expect(ksvc('mapped').metadata.labels[VISIBILITY]).toBe('cluster-local');
    expect(ksvc('own').metadata.labels[VISIBILITY]).toBeUndefined();
    expect(result.files.get('serverless/main/README.md')).not.toContain('let Knative claim');
  });
});
