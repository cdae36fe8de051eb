import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, SecretReference, site, traefik } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// A newcomer's single sign-on, written the way Authentik's and Keycloak's guides write it: Authentik's server and
// worker with PostgreSQL and Redis, forward auth through Traefik at the embedded outpost's endpoint, and Keycloak
// 26 behind the route with its realm imported from a ConfigMap, then Grafana signing in through it.

const node = host('sso-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.63.10' });
const lab = site('nu63', { domain: 'nu63.example', hosts: [node], git: { url: 'https://git.nu63.example/lab.git' } });

/** The lab; `keycloakEnv` replaces Keycloak's settings (an empty value takes one out). */
function defineLab(keycloakEnv: Record<string, string> = {}): (scope: Construct) => void {
  return (scope) => {
    const cluster = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(),
      storage: { fast: localPathStorage() }, gitops: flux(),
    });
    declareExternal(cluster, {
      secrets: [{ namespace: 'authentik', name: 'authentik' }, { namespace: 'keycloak', name: 'keycloak' }, { namespace: 'grafana', name: 'grafana-oidc' }],
    });
    // The realm's clients get their secrets from Keycloak once imported; its settings about passwords are no secrets.
    new ApiObject(cluster, 'realm', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'realm', namespace: 'keycloak' },
      data: {
        'home.json': JSON.stringify({
          realm: 'home', enabled: true, passwordPolicy: 'length(12) and notUsername', resetPasswordAllowed: true, bruteForceProtected: true,
          clients: [{ clientId: 'grafana', protocol: 'openid-connect', publicClient: false, clientAuthenticatorType: 'client-secret', redirectUris: ['https://grafana.nu63.example/login/generic_oauth'] }],
          requiredCredentials: ['password'], users: [{ username: 'alice', enabled: true, requiredActions: ['UPDATE_PASSWORD'] }],
        }),
      },
    });
    const ak = (key: string) => SecretReference.external('authentik', 'authentik', key);
    const postgres = new App(cluster, 'postgres', {
      namespace: 'authentik', image: 'postgres:16.4', ports: [{ name: 'postgres', port: 5432 }],
      env: { POSTGRES_USER: 'authentik', POSTGRES_DB: 'authentik', POSTGRES_PASSWORD: ak('pg-password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
    });
    const redis = new App(cluster, 'redis', { namespace: 'authentik', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }] });
    const settings = {
      AUTHENTIK_SECRET_KEY: ak('secret-key'), AUTHENTIK_POSTGRESQL__HOST: 'postgres', AUTHENTIK_POSTGRESQL__USER: 'authentik', AUTHENTIK_POSTGRESQL__NAME: 'authentik',
      AUTHENTIK_POSTGRESQL__PASSWORD: ak('pg-password'), AUTHENTIK_REDIS__HOST: 'redis', AUTHENTIK_ERROR_REPORTING__ENABLED: 'false', AUTHENTIK_LOG_LEVEL: 'info',
    };
    const image = 'ghcr.io/goauthentik/server:2024.10.4';
    new App(cluster, 'authentik', {
      namespace: 'authentik', image, args: ['server'], ports: [{ name: 'http', port: 9000 }], env: settings, route: { host: 'auth' },
      probes: { readiness: { httpPath: '/-/health/ready/' } }, egress: [postgres, redis, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    });
    new App(cluster, 'authentik-worker', { namespace: 'authentik', image, args: ['worker'], env: settings, probes: { readiness: { command: ['ak', 'healthcheck'] } }, egress: [postgres, redis] });
    new App(cluster, 'whoami', { namespace: 'whoami', image: 'traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', port: 8080 }] });
    new ApiObject(cluster, 'authentik-auth', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'authentik', namespace: 'whoami' },
      spec: { forwardAuth: { address: 'http://authentik.authentik:9000/outpost.goauthentik.io/auth/traefik', trustForwardHeader: true, authResponseHeaders: ['X-authentik-username', 'X-authentik-groups'] } },
    });
    new App(cluster, 'keycloak', {
      namespace: 'keycloak', image: 'quay.io/keycloak/keycloak:26.0.5', args: ['start', '--import-realm'],
      ports: [{ name: 'http', port: 8080 }, { name: 'management', port: 9000 }], route: { host: 'sso' },
      env: {
        ...Object.fromEntries(Object.entries({ KC_HOSTNAME: 'https://sso.nu63.example', KC_PROXY_HEADERS: 'xforwarded', KC_HTTP_ENABLED: 'true', KC_HEALTH_ENABLED: 'true', ...keycloakEnv }).filter(([, v]) => v !== '')),
        KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: SecretReference.external('keycloak', 'keycloak', 'admin-password'),
      },
      probes: { readiness: { httpPath: '/health/ready', port: 9000 }, startup: { httpPath: '/health/started', port: 9000, failureThreshold: 30 } },
      persistence: { realm: { volume: AppVolume.configMap('realm'), mountPath: '/opt/keycloak/data/import' } },
    });
    new App(cluster, 'grafana', {
      namespace: 'grafana', image: 'grafana/grafana:11.3.0', ports: [{ name: 'http', port: 3000 }], route: { host: 'grafana' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/grafana' } },
      env: {
        GF_SERVER_ROOT_URL: 'https://grafana.nu63.example', GF_AUTH_GENERIC_OAUTH_ENABLED: 'true', GF_AUTH_GENERIC_OAUTH_CLIENT_ID: 'grafana',
        GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: SecretReference.external('grafana', 'grafana-oidc', 'client-secret'),
        GF_AUTH_GENERIC_OAUTH_AUTH_URL: 'https://sso.nu63.example/realms/home/protocol/openid-connect/auth',
        GF_AUTH_GENERIC_OAUTH_TOKEN_URL: 'https://sso.nu63.example/realms/home/protocol/openid-connect/token',
        GF_AUTH_GENERIC_OAUTH_API_URL: 'https://sso.nu63.example/realms/home/protocol/openid-connect/userinfo',
      },
    });
  };
}

describe("a newcomer's single sign-on through Authentik and Keycloak", () => {
  const result = synthInMemory(defineLab());

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("Keycloak's probes ask its management port", () => {
    const deployment = manifestsOf(result, 'nu63/main').find((o) => o.kind === 'Deployment' && o.metadata.name === 'keycloak');
    const container = deployment.spec.template.spec.containers[0];
    expect([container.readinessProbe.httpGet.port, container.startupProbe.httpGet.port]).toEqual([9000, 9000]);
  });

  test("Keycloak given the deprecated KC_PROXY: 'edge' in place of KC_PROXY_HEADERS and KC_HTTP_ENABLED is left alone: it still reads the proxy's headers and turns HTTP on", () => {
    const findings = aboutTheLab(synthInMemory(defineLab({ KC_PROXY_HEADERS: '', KC_HTTP_ENABLED: '', KC_PROXY: 'edge' })).findings);
    expect(findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}`)).toEqual([]);
  });
});
