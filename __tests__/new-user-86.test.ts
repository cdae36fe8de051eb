import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  App, AppController, AppVolume, caIssuer, ClusterChart, ClusterIssuer, flux, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

const nuc = host('nu86-nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.86.10', cores: 8, memoryGigabytes: 32 });
const lab = site('nu86', {
  domain: 'home.nu86.example.net', hosts: [nuc],
  pools: { vips: { first: '192.168.86.240', last: '192.168.86.250' } },
  git: { url: 'https://github.com/nu86/lab.git' },
});

/** A key of a Secret made by hand. */
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/**
 * The lab: Kanidm with its certificate from the lab CA (LDAPS on a load balancer), Zitadel on PostgreSQL, Pocket ID,
 * and Grafana, Outline and Mealie signing in through them; `change` replaces an identity provider's props or adds apps.
 */
const defineLab = (change: { kanidm?: Partial<AppProps>; zitadel?: Partial<AppProps>; pocket?: Partial<AppProps>; extra?: (c: ClusterChart) => void } = {}) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nuc], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: lab.pools.vips.at('192.168.86.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  // Kanidm's own certificate, from a lab CA.
  new ClusterIssuer(cluster, 'lab-ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
  cluster.namespaces.ensure('kanidm');
  new ApiObject(cluster, 'kanidm-cert', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'kanidm-tls', namespace: 'kanidm' },
    spec: { secretName: 'kanidm-tls', dnsNames: ['idm.home.nu86.example.net', 'kanidm.kanidm.svc'], issuerRef: { kind: 'ClusterIssuer', name: 'lab-ca' } },
  });
  new App(cluster, 'kanidm', {
    image: 'kanidm/server:1.5.0',
    ports: [{ name: 'https', port: 8443, appProtocol: 'https' }, { name: 'ldaps', port: 3636 }],
    env: {
      KANIDM_DOMAIN: 'idm.home.nu86.example.net', KANIDM_ORIGIN: 'https://idm.home.nu86.example.net',
      KANIDM_TLS_CHAIN: '/certs/tls.crt', KANIDM_TLS_KEY: '/certs/tls.key', KANIDM_DB_PATH: '/data/kanidm.db',
      KANIDM_BINDADDRESS: '[::]:8443', KANIDM_LDAPBINDADDRESS: '[::]:3636', KANIDM_TRUST_X_FORWARD_FOR: 'true',
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' },
      certs: { volume: AppVolume.secret('kanidm-tls'), mountPath: '/certs', readOnly: true },
    },
    exemptions: { unverifiedBackendTls: 'Kanidm serves HTTPS alone, with a certificate of the lab CA' },
    route: { host: 'idm', port: 8443 },
    loadBalancer: { address: lab.pools.vips.at('192.168.86.241'), ports: ['ldaps'] },
    ...change.kanidm,
  });
  // Zitadel with its PostgreSQL.
  const postgres = new App(cluster, 'postgres', {
    namespace: 'zitadel', image: 'postgres:17.2', controller: AppController.statefulSet(), runAsUser: 999, fsGroup: 999,
    ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_PASSWORD: secret('zitadel', 'postgres', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  const zitadel = new App(cluster, 'zitadel', {
    image: 'ghcr.io/zitadel/zitadel:v2.71.6', args: ['start-from-init', '--masterkeyFromEnv', '--tlsMode', 'external'],
    ports: [{ name: 'http', port: 8080 }],
    env: {
      ZITADEL_MASTERKEY: secret('zitadel', 'zitadel', 'masterkey'),
      ZITADEL_EXTERNALDOMAIN: 'auth.home.nu86.example.net', ZITADEL_EXTERNALSECURE: 'true', ZITADEL_EXTERNALPORT: '443', ZITADEL_TLS_ENABLED: 'false',
      ZITADEL_DATABASE_POSTGRES_HOST: 'postgres', ZITADEL_DATABASE_POSTGRES_PORT: '5432', ZITADEL_DATABASE_POSTGRES_DATABASE: 'zitadel',
      ZITADEL_DATABASE_POSTGRES_USER_USERNAME: 'zitadel', ZITADEL_DATABASE_POSTGRES_USER_PASSWORD: secret('zitadel', 'zitadel', 'db-password'),
      ZITADEL_DATABASE_POSTGRES_USER_SSL_MODE: 'disable',
      ZITADEL_DATABASE_POSTGRES_ADMIN_USERNAME: 'postgres', ZITADEL_DATABASE_POSTGRES_ADMIN_PASSWORD: secret('zitadel', 'postgres', 'password'),
      ZITADEL_DATABASE_POSTGRES_ADMIN_SSL_MODE: 'disable',
    },
    probes: { readiness: { httpPath: '/debug/ready' }, liveness: { httpPath: '/debug/healthz' } },
    route: { host: 'auth' },
    ...change.zitadel,
  });
  postgres.addAllowFrom(zitadel);
  // Pocket ID.
  new App(cluster, 'pocket-id', {
    image: 'ghcr.io/pocket-id/pocket-id:v1.6.2', ports: [{ name: 'http', port: 1411 }],
    env: { APP_URL: 'https://id.home.nu86.example.net', TRUST_PROXY: 'true', PUID: '1000', PGID: '1000' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
    route: { host: 'id' },
    ...change.pocket,
  });
  // Apps that log in through them.
  new App(cluster, 'grafana', {
    image: 'grafana/grafana:11.4.0', ports: [{ name: 'http', port: 3000 }],
    env: {
      GF_SERVER_ROOT_URL: 'https://grafana.home.nu86.example.net', GF_AUTH_GENERIC_OAUTH_ENABLED: 'true', GF_AUTH_GENERIC_OAUTH_NAME: 'Kanidm',
      GF_AUTH_GENERIC_OAUTH_CLIENT_ID: 'grafana', GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: secret('grafana', 'grafana-oidc', 'client-secret'),
      GF_AUTH_GENERIC_OAUTH_SCOPES: 'openid profile email groups', GF_AUTH_GENERIC_OAUTH_USE_PKCE: 'true',
      GF_AUTH_GENERIC_OAUTH_AUTH_URL: 'https://idm.home.nu86.example.net/ui/oauth2',
      GF_AUTH_GENERIC_OAUTH_TOKEN_URL: 'https://idm.home.nu86.example.net/oauth2/token',
      GF_AUTH_GENERIC_OAUTH_API_URL: 'https://idm.home.nu86.example.net/oauth2/openid/grafana/userinfo',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/grafana' } },
    // Grafana calls Kanidm's token and user-info URLs at its public host, which the ingress serves.
    egress: [{ namespace: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } }],
    route: { host: 'grafana' },
  });
  const outline = new App(cluster, 'outline', {
    image: 'outlinewiki/outline:0.82.0', ports: [{ name: 'http', port: 3000 }],
    env: {
      URL: 'https://wiki.home.nu86.example.net', SECRET_KEY: secret('outline', 'outline', 'secret-key'), UTILS_SECRET: secret('outline', 'outline', 'utils-secret'),
      DATABASE_URL: secret('outline', 'outline', 'database-url'), REDIS_URL: 'redis://redis.outline:6379', FILE_STORAGE: 'local', PGSSLMODE: 'disable',
      OIDC_CLIENT_ID: 'outline', OIDC_CLIENT_SECRET: secret('outline', 'outline-oidc', 'client-secret'),
      OIDC_AUTH_URI: 'https://auth.home.nu86.example.net/oauth/v2/authorize', OIDC_TOKEN_URI: 'https://auth.home.nu86.example.net/oauth/v2/token',
      OIDC_USERINFO_URI: 'https://auth.home.nu86.example.net/oidc/v1/userinfo', OIDC_DISPLAY_NAME: 'Zitadel',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/outline/data' } },
    route: { host: 'wiki' },
  });
  new App(cluster, 'redis', { namespace: 'outline', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }] }).addAllowFrom(outline);
  new App(cluster, 'mealie', {
    image: 'ghcr.io/mealie-recipes/mealie:v2.5.0', ports: [{ name: 'http', port: 9000 }],
    env: {
      BASE_URL: 'https://recipes.home.nu86.example.net', OIDC_AUTH_ENABLED: 'true', OIDC_PROVIDER_NAME: 'Pocket ID',
      OIDC_CONFIGURATION_URL: 'https://id.home.nu86.example.net/.well-known/openid-configuration',
      OIDC_CLIENT_ID: 'mealie', OIDC_CLIENT_SECRET: secret('mealie', 'mealie-oidc', 'client-secret'), OIDC_SIGNUP_ENABLED: 'true',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/app/data' } },
    route: { host: 'recipes' },
  });
  change.extra?.(cluster);
};

/** The findings of a lab, one line each. */
const shown = (define: (scope: Construct) => void) => aboutTheLab(synthInMemory(define).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`);

/** Zitadel's settings of the lab, `env` added. */
const zitadelEnv = (env: Record<string, unknown>): AppProps['env'] => ({
  ZITADEL_MASTERKEY: secret('zitadel', 'zitadel', 'masterkey'), ZITADEL_TLS_ENABLED: 'false',
  ZITADEL_DATABASE_POSTGRES_HOST: 'postgres', ZITADEL_DATABASE_POSTGRES_USER_USERNAME: 'zitadel', ZITADEL_DATABASE_POSTGRES_USER_PASSWORD: secret('zitadel', 'zitadel', 'db-password'),
  ZITADEL_DATABASE_POSTGRES_ADMIN_USERNAME: 'postgres', ZITADEL_DATABASE_POSTGRES_ADMIN_PASSWORD: secret('zitadel', 'postgres', 'password'), ...env,
} as AppProps['env']);

describe("a newcomer's sign-in on Kanidm, Zitadel and Pocket ID", () => {
  const result = synthInMemory(defineLab());
  const objects = manifestsOf(result, 'nu86/main');

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("Kanidm's route connects to its HTTPS port with TLS, and its LDAPS port is on its load balancer", () => {
    const route = objects.find((o) => o.kind === 'IngressRoute' && o.metadata.namespace === 'kanidm');
    expect(route.spec.routes[0].services[0]).toEqual(expect.objectContaining({ port: 8443, scheme: 'https' }));
    const lb = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'kanidm-lb');
    expect(lb.spec.ports.map((p: any) => p.port)).toEqual([3636]);
  });

  test("the masterkey, client secrets and database passwords reach the pods from Secrets, never as text", () => {
    const env = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet').flatMap((o) => o.spec.template.spec.containers.flatMap((c: any) => c.env ?? []));
    const secrets = env.filter((e: any) => /MASTERKEY|SECRET|PASSWORD/.test(e.name));
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    expect(secrets.every((e: any) => e.value === undefined && e.valueFrom?.secretKeyRef !== undefined)).toBe(true);
  });

  test('Zitadel told its settings by a configuration file it is given is left alone', () => {
    expect(shown(defineLab({
      zitadel: {
        args: ['start-from-init', '--masterkeyFromEnv', '--config', '/config/zitadel.yaml'], env: zitadelEnv({}),
        persistence: { config: { volume: AppVolume.configMap('zitadel-config'), mountPath: '/config' } },
      },
      extra: (cluster) => new ApiObject(cluster, 'zitadel-config', {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'zitadel-config', namespace: 'zitadel' },
        data: { 'zitadel.yaml': 'ExternalDomain: auth.home.nu86.example.net\nExternalPort: 443\nExternalSecure: true\n' },
      }),
    }))).toEqual([]);
  });

  test('a Kanidm bound to another port, routed there with TLS, and an origin written with https\'s own port 443 pass', () => {
    expect(shown(defineLab({
      kanidm: {
        ports: [{ name: 'https', port: 9443, appProtocol: 'https' }],
        env: {
          KANIDM_DOMAIN: 'idm.home.nu86.example.net', KANIDM_ORIGIN: 'https://idm.home.nu86.example.net:443', KANIDM_BINDADDRESS: '[::]:9443',
          KANIDM_TLS_CHAIN: '/certs/tls.crt', KANIDM_TLS_KEY: '/certs/tls.key', KANIDM_DB_PATH: '/data/kanidm.db',
        },
        loadBalancer: undefined,
        route: { host: 'idm', port: 9443 },
      },
    }))).toEqual([]);
  });

  test("Pocket ID before 1.0 (stonith404/pocket-id) is told its URL by PUBLIC_APP_URL, which is read as APP_URL is", () => {
    const old = (url: string) => defineLab({
      pocket: {
        image: 'stonith404/pocket-id:v0.45.0', ports: [{ name: 'http', port: 80 }], env: { PUBLIC_APP_URL: url, TRUST_PROXY: 'true' },
        exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'its Caddy listens on port 80' } },
      },
    });
    expect(shown(old('https://id.home.nu86.example.net'))).toEqual([]);
    expect(shown(old('https://pocket-id.home.nu86.example.net'))).toEqual([expect.stringMatching(/^error main\/pocket-id env\.PUBLIC_APP_URL: Pocket ID is told it is reached at https:\/\/pocket-id\./)]);
  });

  test("Zitadel's external domain written as a URL, and its external scheme turned off behind https, are errors on each", () => {
    expect(shown(defineLab({ zitadel: { env: zitadelEnv({ ZITADEL_EXTERNALDOMAIN: 'https://auth.home.nu86.example.net', ZITADEL_EXTERNALPORT: '443', ZITADEL_EXTERNALSECURE: 'false' }) } })))
      .toEqual([
        expect.stringMatching(/^error main\/zitadel env\.ZITADEL_EXTERNALDOMAIN: ZITADEL_EXTERNALDOMAIN is a host name alone/),
        expect.stringMatching(/^error main\/zitadel env\.ZITADEL_EXTERNALSECURE: Zitadel is told it is reached over plain http/),
      ]);
  });
});
