import { AppVolume, declareExternal, Forgejo, ForgejoDatabase, gatewayApi, SecretReference } from '../../constructs';
import { sitesInMemory } from '../support/synth';
import { envOf, lab, synthCluster } from './support';

describe('Forgejo', () => {
  test('rootless uid 1000, HTTP routed, SSH 22 through a Traefik TCP route, settings derived from both', () => {
    const { find, errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', { route: { host: 'git' } }));
    expect(errors).toEqual([]);
    const deployment = find('Deployment', 'forgejo');
    expect(deployment.spec.template.spec.containers[0].image).toMatch(/^codeberg\.org\/forgejo\/forgejo:[\d.]+-rootless$/);
    expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000 });
    expect(envOf(deployment)).toMatchObject({
      GITEA__server__ROOT_URL: 'https://git.lab.example/',
      GITEA__server__SSH_DOMAIN: 'git.lab.example',
      GITEA__server__SSH_PORT: '22',
      GITEA__server__SSH_LISTEN_PORT: '2222',
      GITEA__database__DB_TYPE: 'sqlite3',
    });
    expect(find('Service', 'forgejo').spec.ports).toContainEqual({ name: 'ssh', port: 22, targetPort: 2222, protocol: 'TCP' });
    expect(find('IngressRouteTCP').spec).toMatchObject({ entryPoints: ['ssh'], routes: [{ services: [{ name: 'forgejo', port: 22 }] }] });
  });

  test('Gateway API: a TCPRoute and a TCP listener on port 22 of the shared Gateway', () => {
    const { find, errors } = synthCluster((chart) => {
      // The Gateway's certificate is issued outside this test.
      declareExternal(chart, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
      new Forgejo(chart, 'forgejo', { route: { host: 'git' } });
    }, {
      // Envoy Gateway routes TCPRoutes (Cilium's Gateway API does not); it, the CRDs and the class are installed outside this test.
      routes: gatewayApi({ gatewayClassName: 'eg' }),
      preinstalled: [{
        source: 'Envoy Gateway',
        crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute', 'TCPRoute'] }],
        provides: { gatewayClasses: ['eg'] },
      }],
    });
    expect(errors).toEqual([]);
    expect(find('Gateway').spec.listeners).toContainEqual({ name: 'ssh', protocol: 'TCP', port: 22, allowedRoutes: { namespaces: { from: 'All' } } });
    expect(find('TCPRoute', 'forgejo-ssh').spec).toEqual({
      parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'ssh' }],
      rules: [{ backendRefs: [{ name: 'forgejo', port: 22 }] }],
    });
  });

  test('a LoadBalancer with an inventory address instead', () => {
    const { find, errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', {
      route: { host: 'git' }, ssh: { loadBalancer: { address: lab.pools.vips.at('10.0.8.12') } },
    }));
    expect(errors).toEqual([]);
    const lb = find('Service', 'forgejo-lb');
    expect(lb.spec).toMatchObject({ type: 'LoadBalancer', ports: [{ name: 'ssh', port: 22, targetPort: 2222 }] });
    expect(lb.metadata.annotations['metallb.io/loadBalancerIPs']).toBe('10.0.8.12');
    expect(find('IngressRouteTCP')).toBeUndefined();
  });

  test('PostgreSQL password from a Secret reference, never a literal; a foreign namespace is refused', () => {
    const password = SecretReference.external('forgejo', 'forgejo-db', 'password');
    const { find, errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', {
      database: ForgejoDatabase.postgres({ host: 'pg.databases.svc.cluster.local', password }),
    }));
    expect(errors).toEqual([]);
    const env = envOf(find('Deployment', 'forgejo'));
    expect(env.GITEA__database__PASSWD).toEqual({ secretKeyRef: { name: 'forgejo-db', key: 'password' } });
    expect(env).toMatchObject({ GITEA__database__DB_TYPE: 'postgres', GITEA__database__HOST: 'pg.databases.svc.cluster.local:5432' });
    const foreign = synthCluster((chart) => new Forgejo(chart, 'forgejo', {
      database: ForgejoDatabase.postgres({ host: 'pg', password: SecretReference.external('databases', 'pg', 'password') }),
    }));
    expect(foreign.errors.map((e) => e.field)).toContain('database.password');
  });

  test('snapshot through the grey-area chart', () => {
    expect(sitesInMemory().files.get('grey-area/main/apps/forgejo.yaml')).toMatchSnapshot();
  });

  test('on grey-area, basic auth from the forgejo-credentials Secret sits in front of the web UI', () => {
    const result = sitesInMemory();
    const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
    const middleware = manifests.find((m) => m.kind === 'Middleware' && m.metadata.name === 'forgejo-auth');
    // Forgejo never sees the gate's credentials: it would take them for its own on its API, raw files and attachments.
    expect(middleware.spec).toEqual({ basicAuth: { secret: 'forgejo-credentials', removeHeader: true } });
    const route = manifests.find((m) => m.kind === 'IngressRoute' && m.metadata.name === 'forgejo-ingress');
    expect(route.spec.routes[0].middlewares).toEqual([{ name: 'forgejo-auth' }]);
    expect(result.findings.filter((f) => /forgejo-credentials/.test(f.message))).toEqual([]);
  });

  test('pass-through env, volumes and exemptions, and settings that follow a route added later', () => {
    const { find, errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', {
      ssh: false,
      env: { GITEA__log__LEVEL: 'Warn' },
      persistence: { custom: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/gitea/custom' } },
      exemptions: { writableRootFilesystem: 'a test' },
    }).addEnv('EXTRA', 'yes'));
    expect(errors).toEqual([]);
    const pod = find('Deployment', 'forgejo').spec.template.spec;
    expect(envOf(find('Deployment', 'forgejo'))).toMatchObject({ GITEA__log__LEVEL: 'Warn', EXTRA: 'yes' });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'custom', mountPath: '/var/lib/gitea/custom' });
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
  });
});
