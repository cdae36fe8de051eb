import type { Construct } from 'constructs';
import {
  AppVolume, cilium, ciliumOnTalos, ClusterChart, declareExternal, flux, host, HomelabApp, localPathStorage, metalLb, SecretReference, site, talos, Tenant, traefik,
} from '../constructs';
import { redirectUrlProblems } from '../constructs/app/redirect-urls';
import { talosOidcProblems } from '../constructs/platform/talos-oidc';
import { aboutTheLab, synthInMemory } from './support/synth';

// A new user's identity lab from the README alone: two amd64 machines and a Raspberry Pi 5 on Talos with Cilium,
// LLDAP as the directory, Authelia as the OpenID Connect provider, Grafana signing in through it, a tenant namespace
// for the family whose group the API server's OIDC settings send. Grafana calls the provider at its public host,
// through Traefik, so its egress lists Traefik's pods beside the internet on 443.

const mini = host('nu50-mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.50.0.11', memoryGigabytes: 32 });
const ws = host('nu50-ws', { arch: 'amd64', roles: ['worker'], address: '10.50.0.12', memoryGigabytes: 64 });
const pi5 = host('nu50-pi5', { arch: 'arm64', roles: ['worker'], address: '10.50.0.13', memoryGigabytes: 8 });
const home = site('nu50-home', {
  domain: 'home.test', hosts: [mini, ws, pi5], pools: { vips: { first: '10.50.8.10', last: '10.50.8.20' } }, git: { url: 'https://git.home.test/lab.git' },
});
const TRAEFIK_PODS = { namespace: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } };
const ISSUER = 'https://auth.home.test';

/** The lab; `grafanaEgress` replaces Grafana's egress list. */
function identityLab(grafanaEgress?: (authelia: HomelabApp) => unknown[]): (scope: Construct) => void {
  return (scope) => {
    const cluster = new ClusterChart(scope, 'main', {
      site: home, hosts: [mini, ws, pi5], routes: traefik({ address: home.pools.vips.at('10.50.8.10') }),
      loadBalancer: metalLb({ pools: [home.pools.vips] }), cni: cilium({ ...ciliumOnTalos() }), storage: { local: localPathStorage() }, gitops: flux(),
      preinstalled: [talos({ allowSchedulingOnControlPlanes: true, apiServerOidc: { issuerUrl: ISSUER, clientId: 'kubernetes', groupsClaim: 'groups' } })],
    });
    declareExternal(cluster, { secrets: [{ namespace: 'ldap', name: 'lldap' }, { namespace: 'grafana', name: 'grafana-oidc' }] });
    const lldap = new HomelabApp(cluster, 'lldap', {
      namespace: 'ldap', image: 'lldap/lldap:v0.6.1', placement: { hosts: [pi5] },
      ports: [{ name: 'ldap', port: 3890 }, { name: 'http', port: 17170 }],
      env: { LLDAP_LDAP_BASE_DN: 'dc=home,dc=test', LLDAP_JWT_SECRET: SecretReference.external('ldap', 'lldap', 'jwt-secret') },
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } },
    } as never);
    const authelia = new HomelabApp(cluster, 'authelia', {
      namespace: 'auth', image: 'ghcr.io/authelia/authelia:4.38.17', ports: [{ name: 'http', port: 9091 }], route: { host: 'auth' },
      env: {
        AUTHELIA_AUTHENTICATION_BACKEND_LDAP_ADDRESS: 'ldap://lldap.ldap:3890', AUTHELIA_AUTHENTICATION_BACKEND_LDAP_BASE_DN: 'dc=home,dc=test',
        AUTHELIA_AUTHENTICATION_BACKEND_LDAP_USER: 'uid=authelia,ou=people,dc=home,dc=test',
      },
      egress: [lldap],
    });
    new HomelabApp(cluster, 'grafana', {
      namespace: 'grafana', image: 'grafana/grafana:11.3.0', ports: [{ name: 'http', port: 3000 }], route: { host: 'grafana' },
      persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/grafana' } },
      env: {
        GF_SERVER_ROOT_URL: 'https://grafana.home.test',
        GF_AUTH_GENERIC_OAUTH_ENABLED: 'true', GF_AUTH_GENERIC_OAUTH_CLIENT_ID: 'grafana',
        GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: SecretReference.external('grafana', 'grafana-oidc', 'client-secret'),
        GF_AUTH_GENERIC_OAUTH_AUTH_URL: `${ISSUER}/api/oidc/authorization`,
        GF_AUTH_GENERIC_OAUTH_TOKEN_URL: `${ISSUER}/api/oidc/token`,
        GF_AUTH_GENERIC_OAUTH_API_URL: `${ISSUER}/api/oidc/userinfo`,
      },
      egress: (grafanaEgress ?? (() => [TRAEFIK_PODS, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }]))(authelia) as never,
    });
    new Tenant(cluster, 'kids', { namespace: 'kids', owner: 'kids', oidcGroups: ['family'] });
  };
}

describe("a new user's identity lab", () => {
  test('synthesizes without an error or a warning', () => {
    const findings = aboutTheLab(synthInMemory(identityLab()).findings);
    expect(findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("Grafana's egress reaches Traefik's pods, where its calls of the provider's public host go", () => {
    const result = synthInMemory(identityLab());
    const manifests: any[] = result.clusters[0].objects.map((o) => o.manifest);
    const grafana = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.namespace === 'grafana');
    expect(grafana.spec.egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } }] });
    // Traefik's namespace has no policy of its own that would turn the call away.
    expect(manifests.filter((m) => /NetworkPolicy$/.test(m.kind) && m.metadata.namespace === 'traefik')).toEqual([]);
  });

  test('the routes reach ports their Services serve, and the apps layer that holds them waits on the CRDs the platform layer installs', () => {
    const result = synthInMemory(identityLab());
    const manifests: any[] = result.clusters[0].objects.map((o) => o.manifest);
    for (const name of ['authelia', 'grafana']) {
      const route = manifests.find((m) => m.kind === 'IngressRoute' && m.metadata.name === name);
      const service = manifests.find((m) => m.kind === 'Service' && m.metadata.name === name);
      expect(service.spec.ports.map((p: { port: number }) => p.port)).toContain(route.spec.routes[0].services[0].port);
    }
    const fileOf = (kind: string, name: string) => [...result.files.entries()].find(([, text]) => text.includes(`kind: ${kind}`) && text.includes(`name: ${name}`))?.[0];
    expect(fileOf('HelmRelease', 'traefik')).toMatch(/^nu50-home\/main\/platform\//);
    expect(fileOf('IngressRoute', 'grafana')).toMatch(/^nu50-home\/main\/apps\//);
  });

  test('egress to the provider\'s app alone, while Grafana calls its public host, is an error on the variable the server calls', () => {
    const findings = aboutTheLab(synthInMemory(identityLab((authelia) => [authelia, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }])).findings);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.constructPath} ${f.field}`).sort()).toEqual(['main/grafana env.GF_AUTH_GENERIC_OAUTH_API_URL', 'main/grafana env.GF_AUTH_GENERIC_OAUTH_TOKEN_URL']);
    expect(errors[0].hint).toContain("{ namespace: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } }");
    // The browser, not the server, follows the authorization URL: the pod's egress is not its way there.
    expect(findings.filter((f) => f.severity === 'warning').map((f) => f.field)).toEqual([]);
  });

  test('a redirect URL on http is an error only where the routes serve https', () => {
    const env = { OAUTH2_PROXY_REDIRECT_URL: 'http://web.home.test/oauth2/callback' };
    expect(redirectUrlProblems(env, [], ['web.home.test'], undefined, true)).toEqual([expect.objectContaining({
      field: 'env.OAUTH2_PROXY_REDIRECT_URL', hint: expect.stringContaining("OAUTH2_PROXY_REDIRECT_URL: 'https://web.home.test/oauth2/callback'"),
    })]);
    expect(redirectUrlProblems(env, [], ['web.home.test'], undefined, false)).toEqual([]);
  });

  test("an issuer under another key is the shape's one error, not also a missing issuerUrl", () => {
    expect(talosOidcProblems({ apiServerOidc: { issuer: ISSUER, clientId: 'kubernetes' } as never })).toEqual([]);
    expect(talosOidcProblems({ apiServerOidc: { clientId: 'kubernetes' } as never })).toEqual([expect.objectContaining({ field: 'apiServerOidc.issuerUrl' })]);
  });
});
