import { App } from 'cdk8s';
import { acmeIssuer, App as HomelabApp, cilium, ClusterIssuer, gatewayApi, http01Ingress, LETSENCRYPT_STAGING, SecretReference, ServiceRoute, WildcardCertificate } from '../constructs';
import { declareExternal } from '../constructs/validation/external';
import { lab, labCluster, raw } from './bad-input/lab';
import { synthInMemory } from './support/synth';

type Manifest = { kind: string; metadata: { name: string; namespace?: string }; spec?: any };

/** Synthesizes a lab cluster built by `build`: its objects and its errors. */
function synth(build: (cluster: ReturnType<typeof labCluster>) => void): { objects: Manifest[]; errors: string[] } {
  const result = synthInMemory((app) => build(labCluster(app as App)));
  return {
    objects: result.clusters[0].objects.map((o) => o.manifest as unknown as Manifest),
    errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`),
  };
}

const issuer = (cluster: ReturnType<typeof labCluster>) => new ClusterIssuer(cluster, 'issuer', {
  name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [http01Ingress('traefik')] }),
});

describe('a wildcard certificate under Traefik', () => {
  test('the routes of its domain serve its Secret, copied into their namespaces, whichever is made first', () => {
    const { objects, errors } = synth((cluster) => {
      issuer(cluster);
      cluster.namespaces.ensure('tools');
      new ServiceRoute(cluster, 'early', { host: 'early', namespace: 'tools', serviceName: 'tool', port: 80 });
      new WildcardCertificate(cluster, 'wildcard', { issuer: 'letsencrypt', namespace: 'web', secretName: 'wild-tls', perHostNames: true });
      new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], route: { host: 'web' } });
    });
    expect(errors).toEqual([]);
    const routes = objects.filter((o) => o.kind === 'IngressRoute');
    expect(routes.map((r) => [r.metadata.namespace, r.spec.tls])).toEqual([
      ['tools', { secretName: 'wild-tls' }],
      ['web', { secretName: 'wild-tls' }],
    ]);
    const certificate = objects.find((o) => o.kind === 'Certificate')!;
    expect(certificate.spec.dnsNames).toEqual(['early.lab.test', 'web.lab.test']);
    expect(certificate.spec.secretTemplate).toEqual({ annotations: { 'replicator.v1.mittwald.de/replicate-to': 'tools' } });
  });

  test('a route outside its domain keeps Traefik\'s own certificate', () => {
    const { objects, errors } = synth((cluster) => {
      issuer(cluster);
      new WildcardCertificate(cluster, 'wildcard', { issuer: 'letsencrypt', domain: 'other.test', perHostNames: true });
      new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], route: { host: 'web' } });
      new HomelabApp(cluster, 'other', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], route: { host: 'other.other.test' } });
    });
    expect(errors).toEqual([]);
    expect(objects.filter((o) => o.kind === 'IngressRoute').map((r) => [r.metadata.name, r.spec.tls])).toEqual([
      ['web', {}],
      ['other', { secretName: 'wildcard-other-test-tls' }],
    ]);
  });
});

describe('Gateway API fields and the CRDs the cluster installs', () => {
  const route = (rule: Record<string, unknown>, crdsVersion?: string) => synthInMemory((app) => {
    const cluster = labCluster(app as App, 'gw', {
      cni: cilium({ kubeProxyReplacement: false, gatewayApi: { crdsVersion } }),
      routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }),
    });
    declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
    new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] });
    raw(cluster, 'r', {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'web' },
      spec: { parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], hostnames: ['r.lab.test'], rules: [{ backendRefs: [{ name: 'web', port: 8080 }], ...rule }] },
    });
  }).findings.filter((f) => f.severity === 'error').map((f) => `${f.layer} ${f.constructPath} ${f.field}`);

  test('a field of the experimental channel is one error on the field', () => {
    expect(route({ sessionPersistence: { sessionName: 'a', type: 'Cookie' } })).toEqual(['schema gw/r spec.rules[0].sessionPersistence']);
  });

  test('a field the standard channel gained later passes once the CRDs are of that release', () => {
    expect(route({ name: 'api' })).toEqual(['schema gw/r spec.rules[0].name']);
    expect(route({ name: 'api' }, 'v1.4.0')).toEqual([]);
  });
});

describe('an app\'s LoadBalancer Service', () => {
  test('keeps the client\'s address with externalTrafficPolicy Local', () => {
    const { objects, errors } = synth((cluster) => {
      new HomelabApp(cluster, 'dns', {
        image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'dns', ports: [{ name: 'dns', port: 5353, protocol: 'UDP' }, { name: 'http', port: 8080 }],
        loadBalancer: { address: lab.pools.dns.at('10.0.4.53'), ports: ['dns'], externalTrafficPolicy: 'Local' },
      });
    });
    expect(errors).toEqual([]);
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'dns-lb')!;
    expect(service.spec.externalTrafficPolicy).toBe('Local');
  });
});

describe("a route's basic auth under a name of its own", () => {
  const users = () => SecretReference.external('web', 'web-users', 'users');
  const app = (cluster: ReturnType<typeof labCluster>, route: Record<string, unknown>) => new HomelabApp(cluster, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], route: { host: 'web', ...route } as never,
  });

  test('Traefik names the Middleware basicAuthName, and the route uses it', () => {
    const { objects, errors } = synth((cluster) => app(cluster, { name: 'web-ingress', basicAuth: users(), basicAuthName: 'web-auth' }));
    expect(errors).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Middleware').map((o) => o.metadata.name)).toEqual(['web-auth']);
    expect(objects.find((o) => o.kind === 'IngressRoute' && o.metadata.name === 'web-ingress')!.spec.routes[0].middlewares).toEqual([{ name: 'web-auth' }]);
  });

  test('without basicAuth, basicAuthName is one error naming the field', () => {
    const { errors } = synth((cluster) => app(cluster, { basicAuthName: 'web-auth' }));
    expect(errors).toEqual([expect.stringMatching(/route\.basicAuthName: the route names a basic-auth object but has no basicAuth$/)]);
  });
});
