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
    // Each app has a namespace of its own, named after it; served at <name>.<domain> unless `knative` says otherwise.
    new Knative(chart, 'knative', { eventing: false, domainNamespaces: ['own', 'mapped', 'private'], ...knative });
    const controller = AppController.knative();
    const http = [{ name: 'http', port: 8080 }];
    new HomelabApp(chart, 'own', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller, route: { host: 'own' } });
    if (mapped) {
      new HomelabApp(chart, 'mapped', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller, route: { host: 'www' } });
    }
    new HomelabApp(chart, 'private', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller });
  };
}

type Synthesized = ReturnType<typeof synthInMemory>;

/** The config-network Knative is given. */
function network(result: Synthesized): Record<string, string> {
  const serving = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((m) => m.kind === 'KnativeServing');
  return serving.spec.config.network;
}

/** The ClusterDomainClaims: each host and the namespace it is given to. */
function claims(result: Synthesized): Array<{ name: string; namespace: string }> {
  return result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).filter((m) => m.kind === 'ClusterDomainClaim')
    .map((m) => ({ name: m.metadata.name, namespace: m.spec.namespace }));
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

  test('a route to another host is a DomainMapping to a cluster-local Service, with the claim that gives the host to its namespace', () => {
    expect(mappings).toEqual(['www.lab.test -> mapped']);
    expect(ksvc('mapped').metadata.labels[VISIBILITY]).toBe('cluster-local');
    expect(ksvc('own').metadata.labels[VISIBILITY]).toBeUndefined();
    // Knative makes no claim by itself: the first namespace to map a free host would take it.
    expect(network(result)['autocreate-cluster-domain-claims']).toBe('false');
    expect(claims(result)).toEqual([{ name: 'www.lab.test', namespace: 'mapped' }]);
    expect(result.files.get('serverless/main/README.md')).not.toContain('create the ClusterDomainClaim');
  });
});

describe("a namespace not in Knative's domainNamespaces, such as a tenant's", () => {
  const { result, errors } = synth('cilium', { domainNamespaces: ['mapped'] }, false);

  test("its Knative Services are served under their namespace, and a route at <name>.<domain> is refused with the host Knative gives", () => {
    expect(network(result)['domain-template'])
      .toBe('{{if eq .Namespace "mapped"}}{{.Name}}.{{.Domain}}{{else}}{{.Name}}.{{.Namespace}}.{{.Domain}}{{end}}');
    expect(errors).toEqual([expect.objectContaining({
      constructPath: 'main/own', field: 'route.host', message: expect.stringMatching(/own\.lab\.test cannot be served/),
      hint: expect.stringMatching(/host: 'own\.own\.lab\.test'.*domainNamespaces/),
    })]);
  });

  test("without domainNamespaces, Knative's own template: every host names its namespace", () => {
    expect(network(synth('cilium', { domainNamespaces: [] }, false).result)['domain-template']).toBe('{{.Name}}.{{.Namespace}}.{{.Domain}}');
  });

  test('the README says which host a Knative Service gets', () => {
    expect(result.files.get('serverless/main/README.md')).toContain(
      'Knative serves a Knative Service at `<name>.<namespace>.lab.test` (in namespace `mapped`, at `<name>.lab.test`)');
  });
});
