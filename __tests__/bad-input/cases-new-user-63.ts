import { ApiObject } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import { App, AppVolume, declareExternal, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user signs everyone in through one identity provider, from the README alone: Authentik (server, worker,
// PostgreSQL, Redis, forward auth through Traefik or ingress-nginx) or Keycloak (KC_HOSTNAME, proxy headers,
// HTTP behind the route, health on its management port, a realm imported from a ConfigMap). Each mistake passed
// synthesis and then left the provider stopped, never ready, or turning every visitor away.

const secret = (namespace: string, key: string) => SecretReference.external(namespace, namespace, key);
/** `env` without the variables a case takes out (given as undefined). */
const given = <T>(env: Record<string, T | undefined>) => Object.fromEntries(Object.entries(env).filter((entry): entry is [string, T] => entry[1] !== undefined));

/** Authentik's server in namespace `authentik` (Service `authentik`, port 9000, routed at `auth`), `env` added to its settings. */
const authentik = (env: Record<string, unknown> = {}, extra: Partial<AppProps> = {}) => (cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'authentik', name: 'authentik' }] });
  return new App(cluster, 'authentik', {
    namespace: 'authentik', image: 'ghcr.io/goauthentik/server:2024.10.4', args: ['server'], ports: [{ name: 'http', port: 9000 }], route: { host: 'auth' },
    env: given({
      AUTHENTIK_SECRET_KEY: secret('authentik', 'secret-key'), AUTHENTIK_POSTGRESQL__HOST: 'postgres.authentik', AUTHENTIK_POSTGRESQL__PASSWORD: secret('authentik', 'pg-password'),
      AUTHENTIK_REDIS__HOST: 'redis.authentik', ...env,
    }) as AppProps['env'],
    ...extra,
  });
};

/** Authentik and a Traefik forward-auth Middleware of namespace `whoami` asking `address`. */
const forwardAuth = (address: string) => guarded((cluster: ClusterChart) => {
  authentik()(cluster);
  cluster.namespaces.ensure('whoami');
  new ApiObject(cluster, 'authentik-auth', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'authentik', namespace: 'whoami' },
    spec: { forwardAuth: { address, trustForwardHeader: true, authResponseHeaders: ['X-authentik-username', 'X-authentik-groups'] } },
  });
});

/** Keycloak 26 in namespace `keycloak`, routed at `sso`, its realm imported from ConfigMap `realm`; `env`, `probes` and `extra` change it. */
const keycloak = (change: { env?: Record<string, string | undefined>; args?: string[]; probes?: AppProps['probes']; extra?: Partial<AppProps> } = {}) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'keycloak', name: 'keycloak' }], configMaps: [{ namespace: 'keycloak', name: 'realm' }] });
  const env = given({ KC_HOSTNAME: 'https://sso.lab.test', KC_PROXY_HEADERS: 'xforwarded', KC_HTTP_ENABLED: 'true', KC_HEALTH_ENABLED: 'true', ...change.env });
  new App(cluster, 'keycloak', {
    namespace: 'keycloak', image: 'quay.io/keycloak/keycloak:26.0.5', args: change.args ?? ['start', '--import-realm'],
    ports: [{ name: 'http', port: 8080 }, { name: 'management', port: 9000 }], route: { host: 'sso' },
    env: { ...env, KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: secret('keycloak', 'admin-password') },
    probes: change.probes ?? { readiness: { httpPath: '/health/ready', port: 9000 } },
    persistence: { realm: { volume: AppVolume.configMap('realm'), mountPath: '/opt/keycloak/data/import' } },
    ...change.extra,
  });
});

/** Authentik's server and its worker (same image, `worker`), the worker's AUTHENTIK_SECRET_KEY given as `workerKey`. */
const serverAndWorker = (workerKey: SecretReference | undefined) => guarded((cluster: ClusterChart) => {
  authentik()(cluster);
  new App(cluster, 'authentik-worker', {
    namespace: 'authentik', image: 'ghcr.io/goauthentik/server:2024.10.4', args: ['worker'], probes: { readiness: { command: ['ak', 'healthcheck'] } },
    env: given({ AUTHENTIK_SECRET_KEY: workerKey, AUTHENTIK_POSTGRESQL__HOST: 'postgres.authentik', AUTHENTIK_POSTGRESQL__PASSWORD: secret('authentik', 'pg-password'), AUTHENTIK_REDIS__HOST: 'redis.authentik' }),
  });
});

/** Keycloak and ConfigMap `realm` whose file `home.json` is `realm` as `JSON.stringify` writes it. */
const realmFile = (realm: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  keycloak()(cluster);
  new ApiObject(cluster, 'realm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'realm', namespace: 'keycloak' }, data: { 'home.json': JSON.stringify(realm) } });
});

export const CASES: BadInput[] = [
  {
    name: "Authentik's database host written with one underscore, as most images spell their settings",
    build: guarded(authentik({ AUTHENTIK_POSTGRESQL__HOST: undefined, AUTHENTIK_POSTGRESQL_HOST: 'postgres.authentik' })),
    layer: 'props', path: 'authentik', field: 'env.AUTHENTIK_POSTGRESQL_HOST', hint: /AUTHENTIK_POSTGRESQL__HOST/,
  },
  {
    name: "Authentik's server declared on port 80, where it does not listen",
    build: guarded(authentik({}, { ports: [{ name: 'http', port: 80 }] })),
    layer: 'props', path: 'authentik', field: 'ports[0].port', hint: /port: 9000/,
  },
  {
    name: "Traefik's forward auth asking the outpost's nginx endpoint, copied from the other guide",
    build: forwardAuth('http://authentik.authentik:9000/outpost.goauthentik.io/auth/nginx'),
    layer: 'references', path: 'authentik-auth', field: 'spec.forwardAuth.address', hint: /outpost\.goauthentik\.io\/auth\/traefik$/,
  },
  {
    name: "Traefik's forward auth asking Authentik's server with no path",
    build: forwardAuth('http://authentik.authentik:9000'),
    layer: 'references', path: 'authentik-auth', field: 'spec.forwardAuth.address', message: /with no path/, hint: /authentik\.authentik:9000\/outpost\.goauthentik\.io\/auth\/traefik/,
  },
  {
    name: "ingress-nginx's auth-url asking the outpost's Traefik endpoint",
    build: guarded((cluster: ClusterChart) => {
      authentik()(cluster);
      cluster.namespaces.ensure('web');
      new ApiObject(cluster, 'ing', {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
        metadata: { name: 'web', namespace: 'web', annotations: { 'nginx.ingress.kubernetes.io/auth-url': 'http://authentik.authentik.svc.cluster.local:9000/outpost.goauthentik.io/auth/traefik' } },
        spec: { ingressClassName: 'nginx', rules: [{ host: 'web.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
      });
    }),
    layer: 'references', path: 'ing', field: 'metadata.annotations["nginx.ingress.kubernetes.io/auth-url"]', hint: /\/outpost\.goauthentik\.io\/auth\/nginx$/,
  },
  {
    name: "Keycloak's start without a hostname",
    build: keycloak({ env: { KC_HOSTNAME: undefined } }),
    layer: 'props', path: 'keycloak', field: 'env.KC_HOSTNAME', message: /hostname is not configured/,
  },
  {
    name: 'Keycloak behind the route without HTTP turned on, and no certificate of its own',
    build: keycloak({ env: { KC_HTTP_ENABLED: undefined } }),
    layer: 'props', path: 'keycloak', field: 'env.KC_HTTP_ENABLED', hint: /KC_HTTP_ENABLED: 'true'/,
  },
  {
    name: 'Keycloak routed through the ingress without proxy headers',
    build: keycloak({ env: { KC_PROXY_HEADERS: undefined } }),
    layer: 'props', path: 'keycloak', field: 'env.KC_PROXY_HEADERS', hint: /KC_PROXY_HEADERS: 'xforwarded'/,
  },
  {
    name: "Keycloak's readiness probe on /health/ready at its HTTP port, where release 25 on no longer answers it",
    build: keycloak({ probes: { readiness: { httpPath: '/health/ready', port: 8080 } } }),
    layer: 'props', path: 'keycloak', field: 'probes.readiness.port', hint: /port: 9000/,
  },
  {
    name: "Keycloak's health endpoints probed without health turned on",
    build: keycloak({ env: { KC_HEALTH_ENABLED: undefined } }),
    layer: 'props', path: 'keycloak', field: 'probes.readiness.httpPath', hint: /KC_HEALTH_ENABLED: 'true'/,
  },
  {
    name: "Keycloak's startup probe on the first port, its management port left undeclared",
    build: keycloak({ probes: { readiness: { httpPath: '/health/ready', port: 9000 }, startup: { httpPath: '/health/started', failureThreshold: 30 } }, extra: { ports: [{ name: 'http', port: 8080 }] } }),
    layer: 'props', path: 'keycloak', field: 'probes.startup.port', hint: /name: 'management', port: 9000/,
  },
  {
    name: "Keycloak's realm ConfigMap mounted beside the folder --import-realm reads",
    build: keycloak({ extra: { persistence: { realm: { volume: AppVolume.configMap('realm'), mountPath: '/opt/keycloak/import' } } } }),
    layer: 'props', path: 'keycloak', field: 'args[1]', hint: /mountPath: '\/opt\/keycloak\/data\/import'/,
  },
  {
    name: "Keycloak's KC_HOSTNAME on another host than its route, the issuer its tokens would name",
    build: keycloak({ env: { KC_HOSTNAME: 'https://keycloak.lab.test' } }),
    layer: 'props', path: 'keycloak', field: 'env.KC_HOSTNAME', hint: /KC_HOSTNAME: 'https:\/\/sso\.lab\.test'/,
  },
  {
    name: "Keycloak's KC_HOSTNAME on plain http, while the route serves it on https",
    build: keycloak({ env: { KC_HOSTNAME: 'http://sso.lab.test' } }),
    layer: 'props', path: 'keycloak', field: 'env.KC_HOSTNAME', hint: /KC_HOSTNAME: 'https:\/\/sso\.lab\.test'/,
  },
  {
    name: "a realm file in a ConfigMap with Grafana's client secret, written by JSON.stringify on one line",
    build: realmFile({ realm: 'home', enabled: true, clients: [{ clientId: 'grafana', secret: 'bM3xQ8vLr2Tn6Wc9Zp4Yh7Kd1Fs5Gj0A', redirectUris: ['https://grafana.lab.test/login/generic_oauth'] }] }),
    layer: 'policy', path: 'realm', field: 'data.home.json', message: /clients\[0\]\.secret/, hint: /SealedSecret/,
  },
  {
    name: 'a realm file in a ConfigMap with a first user and her password',
    build: realmFile({ realm: 'home', users: [{ username: 'alice', enabled: true, credentials: [{ type: 'password', value: 'Summer2024!alice', temporary: true }] }] }),
    layer: 'policy', path: 'realm', field: 'data.home.json', message: /users\[0\]\.credentials\[0\]\.value/,
  },
  {
    name: "Authentik's worker given its secret key from another key of the Secret than the server's",
    build: serverAndWorker(secret('authentik', 'worker-secret-key')),
    layer: 'references', path: 'authentik-worker', field: 'env.AUTHENTIK_SECRET_KEY', hint: /key "secret-key" of Secret authentik/,
  },
  {
    name: "Authentik's worker written without the server's secret key",
    build: serverAndWorker(undefined),
    layer: 'references', path: 'authentik-worker', field: 'env', message: /this one from none/,
  },
];
