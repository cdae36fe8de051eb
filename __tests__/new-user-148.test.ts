// A new user's remote access and single sign-on from the README alone: K3s on two mini PCs; Immich and Home
// Assistant reached from outside through a Cloudflare Tunnel, Grafana, Paperless-ngx and a static wiki on the LAN
// and over WireGuard (wg-easy) for the family's phones; Authelia as the identity provider, with forward-auth in front
// of the wiki (which has no login) and OpenID Connect for Grafana; CrowdSec's bouncer and an allow-list in front of
// Traefik's routes, certificates from Let's Encrypt by Cloudflare DNS-01. Written the obvious way it synthesizes with
// no finding; the mistakes of a first such lab are each one finding on the field that holds them.
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  acmeCloudflareDns01, AppVolume, ChartRelease, ClusterChart, declareExternal, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, servesPorts, site, traefik,
} from '../constructs';
import type { AppProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';

const DOMAIN = 'home.nu148.example';
const mini1 = host('mini1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.48.11', cores: 6, memoryGigabytes: 32 });
const mini2 = host('mini2', { arch: 'amd64', roles: ['worker'], address: '192.168.48.12', cores: 6, memoryGigabytes: 32 });
const home = site('home', {
  domain: DOMAIN, hosts: [mini1, mini2], git: { url: 'https://github.com/nu148/home.git' },
  pools: { vips: { first: '192.168.48.240', last: '192.168.48.250' } },
});

/** Authelia's configuration: one cookie for the domain, the wiki behind two factors, Grafana as an OpenID Connect client. */
const autheliaConfig = (over: { cookie?: string; portal?: string; redirect?: string; clientSecret?: string; rules?: string[] } = {}) => [
  'server:', '  address: tcp://0.0.0.0:9091',
  'authentication_backend:', '  file:', '    path: /data/users.yml',
  'storage:', '  local:', '    path: /data/db.sqlite3',
  'notifier:', '  filesystem:', '    filename: /data/notification.txt',
  'session:', '  cookies:', `    - domain: ${over.cookie ?? DOMAIN}`, `      authelia_url: ${over.portal ?? `https://auth.${DOMAIN}`}`,
  'access_control:', '  default_policy: deny', '  rules:',
  ...(over.rules ?? [`    - domain: 'wiki.${DOMAIN}'`, '      policy: two_factor', "      subject: ['group:family']"]),
  'identity_providers:', '  oidc:', '    clients:',
  '      - client_id: grafana', '        client_name: Grafana',
  `        client_secret: '${over.clientSecret ?? '$pbkdf2-sha512$310000$c8p78n7pUMln0jzvd4aK4Q$JNRBzwAo0ek5qKn50cFzzvE9RXV88h1wJn5KGiHrD0YKtZaR/nCb2CJPOsKaPK0hjf.9yHxzQGZziziccp6Yng'}'`,
  `        redirect_uris: ['${over.redirect ?? `https://grafana.${DOMAIN}/login/generic_oauth`}']`,
  "        scopes: ['openid', 'profile', 'email', 'groups']", '',
].join('\n');

/** cloudflared's ingress rules: Immich and Home Assistant by their Services, everything else 404. */
const tunnelConfig = (rules: string[] = [
  `  - hostname: photos.${DOMAIN}`, '    service: http://immich-server.immich.svc.cluster.local:2283',
  `  - hostname: ha.${DOMAIN}`, '    service: http://home-assistant.home-assistant.svc.cluster.local:8123',
]) => ['tunnel: home', 'ingress:', ...rules, '  - service: http_status:404', ''].join('\n');

interface Changes {
  /** The stacks to synthesize. @default - every one */
  readonly stacks?: readonly string[];
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly authelia?: string;
  readonly tunnel?: string;
  /** The forward-auth Middleware's spec. */
  readonly forwardAuth?: Record<string, unknown>;
  /** The Middlewares the wiki's IngressRoute names. */
  readonly wikiMiddlewares?: Array<Record<string, unknown>>;
  /** The Middlewares the portal's own IngressRoute, when written by hand, names. */
  readonly portalMiddlewares?: Array<Record<string, unknown>>;
  readonly allowList?: string[];
}

const secret = (ns: string, name: string, key: string) => SecretReference.external(ns, name, key);
const FORWARD_AUTH = { address: 'http://authelia.auth.svc.cluster.local:9091/api/authz/forward-auth', trustForwardHeader: true, authResponseHeaders: ['Remote-User', 'Remote-Groups', 'Remote-Email'] };
const LAN_AND_VPN = ['192.168.48.0/24', '10.8.0.0/24'];

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  // The wiki's forward-auth calls the portal, so the portal comes with it.
  const wants = (stack: string) => changes.stacks === undefined || changes.stacks.includes(stack) || (stack === 'auth' && changes.stacks.includes('wiki'));
  const app = (c: ClusterChart, id: string, props: AppProps) => new HomelabApp(c, id, { ...props, ...changes.apps?.[id] });
  const c = new ClusterChart(scope, 'main', {
    site: home, hosts: [mini1, mini2], storage: { fast: localPathStorage() }, gitops: flux(),
    routes: traefik({
      address: home.pools.vips.at('192.168.48.240'), certResolver: 'letsencrypt',
      acme: { letsencrypt: acmeCloudflareDns01({ apiToken: secret('traefik', 'cloudflare-api-token', 'api-token'), email: 'admin@nu148.example' }) },
    }),
    loadBalancer: metalLb({ pools: [home.pools.vips] }), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  // The allow-list sees the clients' own addresses.
  c.platform.get('traefik')?.addValues({ service: { spec: { externalTrafficPolicy: 'Local' } } });
  const data = (size: string) => AppVolume.claim({ tier: 'fast', size });

  // Authelia: the portal at auth.<domain>, its users and database on a claim.
  if (wants('auth')) {
    c.namespaces.ensure('auth');
    new ApiObject(c, 'authelia-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'authelia-config', namespace: 'auth' }, data: { 'configuration.yml': changes.authelia ?? autheliaConfig() } });
    app(c, 'authelia', {
      namespace: 'auth', image: 'ghcr.io/authelia/authelia:4.38.17', ports: [{ name: 'http', port: 9091 }], route: { host: 'auth' },
      env: {
        AUTHELIA_SESSION_SECRET: secret('auth', 'authelia', 'session-secret'), AUTHELIA_STORAGE_ENCRYPTION_KEY: secret('auth', 'authelia', 'storage-key'),
        AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET: secret('auth', 'authelia', 'jwt-secret'),
        AUTHELIA_IDENTITY_PROVIDERS_OIDC_HMAC_SECRET: secret('auth', 'authelia', 'oidc-hmac'),
      },
      persistence: { config: { volume: AppVolume.configMap('authelia-config'), mountPath: '/config' }, data: { volume: data('1Gi'), mountPath: '/data' } },
      probes: { readiness: { httpPath: '/api/health' } },
    });
    if (changes.portalMiddlewares !== undefined) {
      new ApiObject(c, 'authelia-portal-auth', { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'authelia', namespace: 'auth' }, spec: { forwardAuth: FORWARD_AUTH } });
      new ApiObject(c, 'authelia-portal-route', {
        apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'authelia-portal', namespace: 'auth' },
        spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match: `Host(\`login.${DOMAIN}\`)`, middlewares: changes.portalMiddlewares, services: [{ name: 'authelia', port: 9091 }] }], tls: { certResolver: 'letsencrypt' } },
      });
    }
  }

  // The wiki, a static site with no login of its own: forward-auth to Authelia and the LAN's allow-list in front.
  if (wants('wiki')) {
    const wiki = app(c, 'wiki', { namespace: 'wiki', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    wiki.addAllowFrom({ namespace: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } });
    new ApiObject(c, 'wiki-authelia', { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'authelia', namespace: 'wiki' }, spec: { forwardAuth: changes.forwardAuth ?? FORWARD_AUTH } });
    new ApiObject(c, 'wiki-lan-only', { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'lan-only', namespace: 'wiki' }, spec: { ipAllowList: { sourceRange: changes.allowList ?? LAN_AND_VPN } } });
    new ApiObject(c, 'wiki-route', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'wiki', namespace: 'wiki' },
      spec: {
        entryPoints: ['websecure'],
        routes: [{ kind: 'Rule', match: `Host(\`wiki.${DOMAIN}\`)`, middlewares: changes.wikiMiddlewares ?? [{ name: 'lan-only' }, { name: 'authelia' }], services: [{ name: 'wiki', port: 8080 }] }],
        tls: { certResolver: 'letsencrypt' },
      },
    });
  }

  // Grafana signs in through Authelia's OpenID Connect.
  if (wants('grafana')) {
    app(c, 'grafana', {
      namespace: 'grafana', image: 'grafana/grafana:11.4.0', ports: [{ name: 'http', port: 3000 }], route: { host: 'grafana' },
      env: {
        GF_SERVER_ROOT_URL: `https://grafana.${DOMAIN}`, GF_AUTH_GENERIC_OAUTH_ENABLED: 'true', GF_AUTH_GENERIC_OAUTH_NAME: 'Authelia',
        GF_AUTH_GENERIC_OAUTH_CLIENT_ID: 'grafana', GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: secret('grafana', 'grafana-oidc', 'client-secret'),
        GF_AUTH_GENERIC_OAUTH_SCOPES: 'openid profile email groups',
        GF_AUTH_GENERIC_OAUTH_AUTH_URL: `https://auth.${DOMAIN}/api/oidc/authorization`,
        GF_AUTH_GENERIC_OAUTH_TOKEN_URL: `https://auth.${DOMAIN}/api/oidc/token`,
        GF_AUTH_GENERIC_OAUTH_API_URL: `https://auth.${DOMAIN}/api/oidc/userinfo`,
      },
      persistence: { data: { volume: data('2Gi'), mountPath: '/var/lib/grafana' } },
      egress: [{ namespace: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } }, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    });
  }

  // Paperless-ngx on its own SQLite, on the LAN.
  if (wants('paperless')) {
    const redis = app(c, 'paperless-redis', { namespace: 'paperless', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }] });
    app(c, 'paperless', {
      namespace: 'paperless', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.14.7', ports: [{ name: 'http', port: 8000 }], runAsUser: 1000, runAsGroup: 1000,
      env: {
        PAPERLESS_SECRET_KEY: secret('paperless', 'paperless', 'secret-key'), PAPERLESS_URL: `https://docs.${DOMAIN}`, PAPERLESS_REDIS: 'redis://paperless-redis:6379',
        S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1',
      },
      persistence: { data: { volume: data('5Gi'), mountPath: '/usr/src/paperless/data' }, media: { volume: data('20Gi'), mountPath: '/usr/src/paperless/media' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run' } },
      egress: [redis], route: { host: 'docs' },
    });
  }

  // Immich and Home Assistant, reached from outside through the tunnel.
  if (wants('tunnel')) {
    const immich = app(c, 'immich-server', {
      namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.132.3', ports: [{ name: 'http', port: 2283 }],
      env: { DB_URL: secret('immich', 'immich-db', 'url') },
      persistence: { upload: { volume: data('100Gi'), mountPath: '/usr/src/app/upload' } }, route: { host: 'photos', maxBodySize: 'unlimited' },
      egress: 'any',
    });
    const assistant = app(c, 'home-assistant', {
      namespace: 'home-assistant', image: 'ghcr.io/home-assistant/home-assistant:2024.12.5', ports: [{ name: 'http', port: 8123 }], route: { host: 'ha' },
      persistence: { config: { volume: data('5Gi'), mountPath: '/config' } }, exemptions: { runAsRoot: 'the image runs its s6 supervisor as root', writableRootFilesystem: 's6-overlay writes its service tree under /run' }, egress: 'any',
    });
    c.namespaces.ensure('cloudflared');
    new ApiObject(c, 'cloudflared-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cloudflared', namespace: 'cloudflared' }, data: { 'config.yaml': changes.tunnel ?? tunnelConfig() } });
    app(c, 'cloudflared', {
      namespace: 'cloudflared', image: 'cloudflare/cloudflared:2024.12.2', args: ['tunnel', '--no-autoupdate', '--config', '/etc/cloudflared/config.yaml', 'run'],
      env: { TUNNEL_TOKEN: secret('cloudflared', 'tunnel', 'token') },
      persistence: { config: { volume: AppVolume.configMap('cloudflared'), mountPath: '/etc/cloudflared' } },
      egress: [immich, assistant, { cidr: '0.0.0.0/0', ports: [{ port: 7844 }, { port: 443 }] }],
    });
  }

  // CrowdSec's agent reads Traefik's logs; its bouncer stands in front as a Traefik plugin.
  if (wants('crowdsec')) {
    c.namespaces.ensure('crowdsec', { podSecurity: 'privileged', reason: "crowdsec: its agent reads the node's container logs" });
    new ChartRelease(c, 'crowdsec', {
      namespace: 'crowdsec', chart: { repository: 'https://crowdsecurity.github.io/helm-charts', chart: 'crowdsec', version: '0.19.4' },
      network: servesPorts({ port: 8080, purpose: 'the LAPI, which the bouncer asks' }, { port: 6060, purpose: 'metrics' }),
      values: { container_runtime: 'containerd', agent: { acquisition: [{ namespace: 'traefik', podName: 'traefik-*', program: 'traefik' }], env: [{ name: 'COLLECTIONS', value: 'crowdsecurity/traefik' }] } },
    });
    c.platform.get('traefik')?.addValues({
      experimental: { plugins: { bouncer: { moduleName: 'github.com/maxlerebourg/crowdsec-bouncer-traefik-plugin', version: 'v1.5.0' } } },
      logs: { access: { enabled: true } },
    });
    declareExternal(c, { secrets: [{ namespace: 'traefik', name: 'crowdsec-bouncer' }] });
    new ApiObject(c, 'bouncer', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'crowdsec-bouncer', namespace: 'traefik' },
      spec: { plugin: { bouncer: { enabled: true, crowdsecMode: 'stream', crowdsecLapiHost: 'crowdsec-service.crowdsec.svc.cluster.local:8080', crowdsecLapiKey: 'urn:k8s:secret:crowdsec-bouncer:api-key' } } },
    });
  }

  // wg-easy for the family's phones, on its own address.
  if (wants('wg')) {
    app(c, 'wg-easy', {
      namespace: 'wg-easy', image: 'ghcr.io/wg-easy/wg-easy:14.0.0', ports: [{ name: 'wg', port: 51820, protocol: 'UDP' }, { name: 'http', port: 51821 }],
      env: { WG_HOST: `vpn.${DOMAIN}`, PASSWORD_HASH: secret('wg-easy', 'wg-easy', 'password-hash'), WG_DEFAULT_ADDRESS: '10.8.0.x', WG_ALLOWED_IPS: '192.168.48.0/24, 10.8.0.0/24' },
      sysctls: { 'net.ipv4.ip_forward': '1' },
      exemptions: {
        privileged: 'net.ipv4.ip_forward: wg-easy routes the phones to the LAN',
        runAsRoot: 'wg-easy sets up the WireGuard interface and its iptables rules as root',
        writableRootFilesystem: 'wg-easy writes its iptables state',
        addCapabilities: { capabilities: ['NET_ADMIN', 'NET_RAW'], reason: 'WireGuard makes its interface and NAT rules' },
      },
      persistence: { config: { volume: data('1Gi'), mountPath: '/etc/wireguard' } },
      loadBalancer: { address: home.pools.vips.at('192.168.48.241'), ports: ['wg'] },
      route: { host: 'vpn' }, egress: 'any',
    });
  }
});

const synthOf = (changes?: Changes) => synthInMemory(defineLab(changes));
const shown = (changes?: Changes) => shownFindings(synthOf(changes).findings);

describe('the lab written the obvious way', () => {
  expectObviousLabClean(() => synthOf());
});

const portalRules = (domain: string) => [`    - domain: '${domain}'`, '      policy: two_factor', "      subject: ['group:family']"];

describe('a first remote-access and single sign-on lab', () => {
  test.each<[string, Changes, string[]]>([
    ['a redirect URI on http', { stacks: ['auth'], authelia: autheliaConfig({ redirect: `http://grafana.${DOMAIN}/login/generic_oauth` }) }, [
      "error main/authelia-config data.configuration.yml: identity_providers.oidc.clients[0].redirect_uris[0]: redirect URI http://grafana.home.nu148.example/login/generic_oauth is on http, and the app behind the route sends its https URL: Authelia compares them character by character and refuses every sign-in (\"invalid_request\") | write https://grafana.home.nu148.example/login/generic_oauth",
    ]],
    ['a redirect URI with the app\'s host misspelt', { stacks: ['auth', 'grafana'], authelia: autheliaConfig({ redirect: `https://grafna.${DOMAIN}/login/generic_oauth` }) }, [
      'error main/authelia-config data.configuration.yml: identity_providers.oidc.clients[0].redirect_uris[0]: redirect URI https://grafna.home.nu148.example/login/generic_oauth is at grafna.home.nu148.example, '
        + 'which no route of the cluster serves, while grafana.home.nu148.example is routed: the app sends its own URL, which no client lists, and Authelia refuses every sign-in ("invalid_request")'
        + " | write the host the app's route serves: https://grafana.home.nu148.example/login/generic_oauth",
    ]],
    ['a client secret in plain text', { stacks: ['auth'], authelia: autheliaConfig({ clientSecret: 'grafana-secret-123' }) }, [
      "error main/authelia-config data.configuration.yml: the file \"configuration.yml\" sets client_secret on line 27, and a ConfigMap is committed in the clear | leave the value out of the file: most programs read it from an environment variable or a file of its own (a Secret's key, mounted), or fill it in from one at start-up",
    ]],
    ['the portal on http', { stacks: ['auth'], authelia: autheliaConfig({ portal: `http://auth.${DOMAIN}` }) }, [
      "error main/authelia-config data.configuration.yml: session.cookies[0].authelia_url: authelia_url http://auth.home.nu148.example is not https: Authelia exits at its start (\"does not have a secure scheme\"), as its session cookie is sent over TLS alone | write https://auth.home.nu148.example, as the route serves it",
    ]],
    ['a cookie domain too narrow', { stacks: ['auth'], authelia: autheliaConfig({ cookie: `auth.${DOMAIN}` }) }, [
      "error main/authelia-config data.configuration.yml: access_control.rules[0].domain: wiki.home.nu148.example lies outside the session cookies' domain (auth.home.nu148.example): the portal's cookie never reaches it, so each request there is sent back to sign in | write the rule for a host under auth.home.nu148.example, or give the cookie a domain both the portal and this host lie under",
    ]],
    ['a cookie domain too wide', { stacks: ['auth'], authelia: autheliaConfig({ cookie: 'example', portal: 'https://auth.example' }) }, [
      "error main/authelia-config data.configuration.yml: session.cookies[0].domain: cookie domain \"example\" is a single label: browsers store no cookie for it, and Authelia exits at its start (\"must have at least a single period\") | give the domain the apps share, the site's domain (e.g. home.example.com), not its top-level label",
    ]],
    ['a cookie domain not the site', { stacks: ['auth'], authelia: autheliaConfig({ cookie: 'nu148.example.org', portal: 'https://auth.nu148.example.org' }) }, [
      "error main/authelia-config data.configuration.yml: access_control.rules[0].domain: wiki.home.nu148.example lies outside the session cookies' domain (nu148.example.org): the portal's cookie never reaches it, so each request there is sent back to sign in | write the rule for a host under nu148.example.org, or give the cookie a domain both the portal and this host lie under",
    ]],
    ['a rule for a domain not the sites', { stacks: ['auth'], authelia: autheliaConfig({ rules: portalRules('wiki.home.nu184.example') }) }, [
      "error main/authelia-config data.configuration.yml: access_control.rules[0].domain: wiki.home.nu184.example lies outside the session cookies' domain (home.nu148.example): the portal's cookie never reaches it, so each request there is sent back to sign in | write the rule for a host under home.nu148.example, or give the cookie a domain both the portal and this host lie under",
    ]],
    ['a subject without group:', { stacks: ['auth'], authelia: autheliaConfig({ rules: [`    - domain: 'wiki.${DOMAIN}'`, '      policy: two_factor', "      subject: ['family']"] }) }, [
      "error main/authelia-config data.configuration.yml: access_control.rules[0].subject: subject \"family\" names neither a user nor a group: Authelia exits at its start with \"must start with 'user:' or 'group:'\" | write the kind before the name: subject: 'group:family' for a group of its users (or 'user:family' for one user)",
    ]],
    ['a middleware name typo', { stacks: ['wiki'], wikiMiddlewares: [{ name: 'lan-only' }, { name: 'authelai' }] }, [
      "error main/wiki-route spec.routes[0].middlewares[1].name: Middleware \"authelai\" does not exist in namespace \"wiki\": Traefik drops the route, which answers 404 | did you mean \"authelia\", the Middleware of namespace \"wiki\"?",
    ]],
    ['a forward-auth at the container port copied from the portal\'s docs, which its Service does not serve', { stacks: ['auth', 'wiki'], forwardAuth: { ...FORWARD_AUTH, address: 'http://authelia.auth.svc.cluster.local:9092/api/authz/forward-auth' } }, [
      'error main/wiki-authelia spec.forwardAuth.address: Traefik calls the forward-auth address on port 9092, which Service authelia.auth does not serve: every request through the Middleware fails'
        + ' | Service authelia.auth serves 9091 (http): write one of these after the host, e.g. http://authelia.auth.svc.cluster.local:9091/api/authz/forward-auth',
    ]],
    ['a forward-auth on https with no port, whose 443 the portal\'s Service does not serve', { stacks: ['auth', 'wiki'], forwardAuth: { ...FORWARD_AUTH, address: 'https://authelia.auth.svc.cluster.local/api/authz/forward-auth' } }, [
      "error main/wiki-authelia spec.forwardAuth.address: Traefik calls the forward-auth address on port 443, the port of its scheme (the address names none), which Service authelia.auth does not serve: every request through the Middleware fails"
        + ' | Service authelia.auth serves 9091 (http): write one of these after the host, e.g. http://authelia.auth.svc.cluster.local:9091/api/authz/forward-auth',
    ]],
    ['a forward-auth at the short name', { stacks: ['auth', 'wiki'], forwardAuth: { ...FORWARD_AUTH, address: 'http://authelia:9091/api/authz/forward-auth' } }, [
      "error main/wiki-authelia spec.forwardAuth.address: Traefik calls the forward-auth address from its own pods, in namespace \"traefik\", where the short name \"authelia\" names no Service: every request through the Middleware fails | name the Service with its namespace: http://authelia.auth.svc.cluster.local:9091/api/authz/forward-auth",
    ]],
    ['the portal behind its own forward-auth', { stacks: ['auth'], portalMiddlewares: [{ name: 'authelia' }] }, [
      "error main/authelia-portal-route spec.routes[0].middlewares[0].name: Middleware auth/authelia sends every request of this route to forward-auth at Service authelia.auth, which is the route's own backend: the sign-in portal itself then asks for a sign-in, and the browser is sent round to it again and again | drop the Middleware from the provider's own route (its portal and its endpoints have a login of their own); keep it on the routes of the apps it guards",
    ]],
    ['an allow-list CIDR without its prefix', { stacks: ['wiki'], allowList: ['192.168.48.0', '10.8.0.0/24'] }, [
    ]],
    ['an allow-list CIDR with host bits', { stacks: ['wiki'], allowList: ['192.168.48.1/24'] }, [
    ]],
    ['a tunnel to the wrong port', { stacks: ['tunnel'], tunnel: tunnelConfig([`  - hostname: photos.${DOMAIN}`, '    service: http://immich-server.immich.svc.cluster.local:3001']) }, [
      "error main/cloudflared-config data.config.yaml: cloudflared's ingress[0].service (ConfigMap cloudflared, key config.yaml) calls Service immich-server.immich on port 3001, which the Service does not serve: every connection would be refused | Service immich-server.immich serves 2283 (http): call one of these (the Service's port, not the container port it forwards to)",
    ]],
    ['a tunnel to localhost', { stacks: ['tunnel'], tunnel: tunnelConfig([`  - hostname: photos.${DOMAIN}`, '    service: http://localhost:2283']) }, [
      "error main/cloudflared-config data.config.yaml: cloudflared's ingress[0].service (ConfigMap cloudflared, key config.yaml) calls localhost:2283, the pod's own loopback, where none of its containers listens (they declare no port): under compose, on the host's network or through a published port, localhost was the machine; in a pod it is the pod itself | call the app's Service: http://immich-server.immich:2283",
    ]],
    ['a tunnel to a short name of another namespace', { stacks: ['tunnel'], tunnel: tunnelConfig([`  - hostname: photos.${DOMAIN}`, '    service: http://immich-server:2283']) }, [
      "warning main/cloudflared-config data.config.yaml: data.config.yaml, a file the pods mount, names \"immich-server\", which runs in namespace \"immich\", by its short name, which resolves only in namespace \"immich\", not in this app's \"cloudflared\" | write the URL as 'http://immich-server.immich:2283' (or immich-server.immich.svc.cluster.local), or put the two apps in one namespace",
      "error main/cloudflared-config data.config.yaml: cloudflared's ingress[0].service (ConfigMap cloudflared, key config.yaml) calls Service immich-server.cloudflared, which nothing in namespace \"cloudflared\" makes: the app's connections would find no such host | Service immich-server is in namespace \"immich\": call immich-server.immich",
    ]],
    ['WireGuard on TCP', { stacks: ['wg'], apps: { 'wg-easy': { ports: [{ name: 'wg', port: 51820 }, { name: 'http', port: 51821 }] } } }, [
      "error main/wg-easy ports[0].protocol: port wg (51820) is declared for TCP (the protocol a port takes when none is given), and WireGuard speaks UDP there: the app's Service and load balancer forward no UDP, so none of its packets would reach the app | declare it for UDP: { name: 'wg', port: 51820, protocol: 'UDP' }",
    ]],
    ['wg-easy without NET_ADMIN', { stacks: ['wg'], apps: { 'wg-easy': { exemptions: { runAsRoot: 'root', writableRootFilesystem: 'iptables' } } } }, [
      "error main/wg-easy exemptions.addCapabilities: ghcr.io/wg-easy/wg-easy:14.0.0 is wg-easy, which makes its WireGuard interface and iptables rules as it starts: that takes NET_ADMIN, which the container's dropped capabilities take away, so it stops (\"RTNETLINK answers: Operation not permitted\")"
        + " | add it: exemptions: { addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'makes the WireGuard interface and its iptables rules' } }",
    ]],
    ['wg-easy without its sysctls', { stacks: ['wg'], apps: { 'wg-easy': { sysctls: undefined } } }, [
      "error main/wg-easy sysctls: the main container (wg-easy) routes its WireGuard peers into the network, but the pod does not turn on net.ipv4.ip_forward: its network namespace forwards nothing the sysctls leave off (IPv6 forwarding starts off in every new namespace), so the clients behind it reach nothing | set sysctls: { 'net.ipv4.ip_forward': '1' } with exemptions.privileged (the kubelet's --allowed-unsafe-sysctls must list them)",
    ]],
    ['wg-easy sysctls as an exemption', { stacks: ['wg'], apps: { 'wg-easy': { sysctls: undefined, exemptions: { runAsRoot: 'root', writableRootFilesystem: 'x', addCapabilities: { capabilities: ['NET_ADMIN', 'SYS_MODULE'], reason: 'sysctls' } } } } }, [
      "error main/wg-easy sysctls: the main container (wg-easy) routes its WireGuard peers into the network, but the pod does not turn on net.ipv4.ip_forward: its network namespace forwards nothing the sysctls leave off (IPv6 forwarding starts off in every new namespace), so the clients behind it reach nothing | set sysctls: { 'net.ipv4.ip_forward': '1' } with exemptions.privileged (the kubelet's --allowed-unsafe-sysctls must list them)",
    ]],
    ['WG_HOST written as the URL of the VPN', { stacks: ['wg'], apps: { 'wg-easy': { env: { WG_HOST: `https://vpn.${DOMAIN}:51820`, PASSWORD_HASH: secret('wg-easy', 'wg-easy', 'password-hash'), WG_DEFAULT_ADDRESS: '10.8.0.x', WG_ALLOWED_IPS: '192.168.48.0/24, 10.8.0.0/24' } } } }, [
      `error main/wg-easy env.WG_HOST: WG_HOST is "https://vpn.${DOMAIN}:51820", written with a scheme: wg-easy writes it into every client's configuration as the host of Endpoint = <host>:<port>, where it is no host, and no client connects`
        + ` | write the public name or address alone: WG_HOST: 'vpn.${DOMAIN}' (the port is WG_PORT, 51820 unless set)`,
    ]],
    ['the password in plain text', { stacks: ['wg'], apps: { 'wg-easy': { env: { WG_HOST: `vpn.${DOMAIN}`, PASSWORD: 'hunter2hunter2' } } } }, [
      "error main/wg-easy env.PASSWORD: PASSWORD is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { PASSWORD: SecretReference.external('wg-easy', 'wg-easy', 'password') }",
    ]],
    ['grafana client secret in plain text', { stacks: ['grafana'], apps: { grafana: { env: { GF_SERVER_ROOT_URL: `https://grafana.${DOMAIN}`, GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: 'grafana-secret-123' } } } }, [
      "error main/grafana env.GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: SecretReference.external('grafana', 'grafana', 'gf-auth-generic-oauth-client-secret') }",
    ]],
    ['grafana root url with trailing slash mismatch', { stacks: ['grafana'], apps: { grafana: { env: { GF_SERVER_ROOT_URL: `http://grafana.${DOMAIN}/` } } } }, [
      "error main/grafana env.GF_SERVER_ROOT_URL: Grafana is told it is reached at http://grafana.home.nu148.example/, on plain http, but the route serves grafana.home.nu148.example on https alone (plain HTTP is only redirected there): it sends the browser there after a login, and gives that host in the redirect URI of its OAuth sign-in, which the issuer then refuses, and the browser's origin is https | write the https URL the route serves: GF_SERVER_ROOT_URL: 'https://grafana.home.nu148.example/'",
    ]],
  ])('%s', (_name, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});

test("Grafana's OAuth authorization URL, which it sends the browser to, is no call of its pod: an egress without the ingress is judged on the token and user-info URLs alone", () => {
  const findings = shown({ stacks: ['grafana', 'auth'], apps: { grafana: { egress: [{ cidr: '192.168.48.0/24', ports: [{ port: 443 }] }] } } });
  expect(findings.filter((f) => f.includes('GF_AUTH_GENERIC_OAUTH_AUTH_URL'))).toEqual([]);
  expect(findings.filter((f) => f.includes('GF_AUTH_GENERIC_OAUTH_TOKEN_URL')).length).toBe(1);
});
