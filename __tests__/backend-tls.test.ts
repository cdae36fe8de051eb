import { App } from 'cdk8s';
import { App as HomelabApp, ClusterChart, flux, host, IngressTls, ingressNginx, metalLb, site } from '../constructs';
import type { AppProps } from '../constructs';
import { labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

type Manifest = { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec?: any };

/** Synthesizes one cluster built by `build`: its objects and its errors. */
function synth(build: (app: App) => void): { objects: Manifest[]; errors: string[] } {
  const result = synthInMemory((app) => build(app as App));
  return {
    objects: result.clusters[0].objects.map((o) => o.manifest as unknown as Manifest),
    errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`),
  };
}

const REASON = 'the controller signs its own certificate';
const unifi: AppProps = {
  image: 'jacobalberty/unifi:v8.6.9', namespace: 'unifi',
  ports: [{ name: 'https', port: 8443, appProtocol: 'https' }, { name: 'inform', port: 8080 }],
  probes: { readiness: { httpPath: '/status' } },
  route: { host: 'unifi' },
  exemptions: { unverifiedBackendTls: REASON },
};

describe('a route to a port that serves HTTPS with a certificate of its own', () => {
  test('Traefik speaks HTTPS to it through a ServersTransport that skips verification, with the reason annotated', () => {
    const { objects, errors } = synth((app) => new HomelabApp(labCluster(app), 'unifi', unifi));
    expect(errors).toEqual([]);
    const route = objects.find((o) => o.kind === 'IngressRoute' && o.metadata.name === 'unifi')!;
    expect(route.spec.routes[0].services).toEqual([{ name: 'unifi', port: 8443, scheme: 'https', serversTransport: 'unifi-backend-tls' }]);
    const transport = objects.find((o) => o.kind === 'ServersTransport')!;
    expect(transport.metadata).toMatchObject({ name: 'unifi-backend-tls', namespace: 'unifi', annotations: { 'security.homelab.dev/unverified-backend-tls': REASON } });
    expect(transport.spec).toEqual({ insecureSkipVerify: true });
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.spec.template.metadata.annotations['security.homelab.dev/unverified-backend-tls']).toBe(REASON);
    expect(deployment.spec.template.spec.containers[0].readinessProbe.httpGet).toEqual({ path: '/status', port: 8443, scheme: 'HTTPS' });
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'unifi')!;
    expect(service.spec.ports.map((p: any) => p.appProtocol)).toEqual(['https', undefined]);
  });

  test('a route to the plain port of the same app stays plain HTTP, with no transport', () => {
    const { objects, errors } = synth((app) => new HomelabApp(labCluster(app), 'unifi', { ...unifi, route: { host: 'unifi', port: 8080 } }));
    expect(errors).toEqual([]);
    expect(objects.find((o) => o.kind === 'IngressRoute')!.spec.routes[0].services).toEqual([{ name: 'unifi', port: 8080 }]);
    expect(objects.some((o) => o.kind === 'ServersTransport')).toBe(false);
  });

  test('ingress-nginx speaks HTTPS to it through the backend-protocol annotation, which does not verify', () => {
    const node = host('n1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.11' });
    const nginxLab = site('nginx-lab', {
      domain: 'nginx.test', hosts: [node], pools: { lb: { first: '10.2.0.200', last: '10.2.0.210' } }, git: { url: 'ssh://git@git.nginx.test/lab.git' },
    });
    const { objects, errors } = synth((app) => {
      const cluster = new ClusterChart(app, 'nginx', {
        site: nginxLab, hosts: [node], routes: ingressNginx({ address: nginxLab.pools.lb.at('10.2.0.200'), tls: IngressTls.none() }),
        loadBalancer: metalLb({ pools: [nginxLab.pools.lb] }), gitops: flux(),
      });
      new HomelabApp(cluster, 'unifi', unifi);
    });
    expect(errors).toEqual([]);
    const ingress = objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS', 'security.homelab.dev/unverified-backend-tls': REASON,
    });
  });
});
