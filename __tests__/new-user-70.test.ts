import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppVolume, ChartRelease, ClusterChart, declareExternal, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, servesPorts, site, traefik,
} from '../constructs';
import { aboutTheLab, synthInMemory } from './support/synth';

// A home lab hardened after a scare, written the obvious way from the README: CrowdSec with its bouncer as a Traefik
// plugin, Falco, Kyverno's own cluster-wide policy beside the library's defaults, Authelia's access rules, and
// Infisical's and Bitwarden's operators syncing the Secrets apps read. Each part was refused, left a step by hand it did
// not need, or is new to the checks; written right, it synthesizes with no finding and no such step.

const node = host('nu70-mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.70.10', cores: 8, memoryGigabytes: 32 });
const lab = site('nu70', {
  domain: 'home.nu70.example.net', hosts: [node], pools: { vips: { first: '192.168.70.240', last: '192.168.70.250' } },
  git: { url: 'https://github.com/nu70/lab.git' },
});

/** Authelia's configuration, its rules naming groups and its portal under the cookie's domain. */
const AUTHELIA_CONFIGURATION = [
  'server:', '  address: tcp://0.0.0.0:9091',
  'session:', '  cookies:', '    - domain: home.nu70.example.net', '      authelia_url: https://auth.home.nu70.example.net',
  'access_control:', '  default_policy: deny', '  rules:',
  "    - domain: 'status.home.nu70.example.net'", '      policy: bypass',
  "    - domain: '*.home.nu70.example.net'", '      policy: two_factor', "      subject: ['group:admins', 'user:jdoe']", '',
].join('\n');

/** The CrowdSec bouncer's Traefik plugin, as its README declares it. */
const BOUNCER_MODULE = 'github.com/maxlerebourg/crowdsec-bouncer-traefik-plugin';

/** The lab; `extra` adds to its cluster, and the bouncer's plugin is declared to Traefik unless `declarePlugin` is false. */
const defineLab = (extra: (cluster: ClusterChart) => void = () => undefined, declarePlugin = true) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: lab.pools.vips.at('192.168.70.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  cluster.namespaces.ensure('crowdsec', { podSecurity: 'privileged', reason: "crowdsec: its agent reads the node's container logs" });
  new ChartRelease(cluster, 'crowdsec', {
    namespace: 'crowdsec', chart: { repository: 'https://crowdsecurity.github.io/helm-charts', chart: 'crowdsec', version: '0.19.4' },
    network: servesPorts({ port: 8080, purpose: 'the LAPI, which the bouncer asks' }, { port: 6060, purpose: 'metrics' }),
    values: {
      container_runtime: 'containerd',
      agent: { acquisition: [{ namespace: 'traefik', podName: 'traefik-*', program: 'traefik' }], env: [{ name: 'COLLECTIONS', value: 'crowdsecurity/traefik' }] },
    },
  });
  cluster.platform.get('traefik')?.addValues({ logs: { access: { enabled: true } } });
  if (declarePlugin) {
    cluster.platform.get('traefik')?.addValues({ experimental: { plugins: { bouncer: { moduleName: BOUNCER_MODULE, version: 'v1.5.0' } } } });
  }
  declareExternal(cluster, { secrets: [{ namespace: 'traefik', name: 'crowdsec-bouncer' }] });
  new ApiObject(cluster, 'bouncer', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'crowdsec-bouncer', namespace: 'traefik' },
    spec: { plugin: { bouncer: { enabled: true, crowdsecMode: 'stream', crowdsecLapiHost: 'crowdsec-service.crowdsec.svc.cluster.local:8080', crowdsecLapiKey: 'urn:k8s:secret:crowdsec-bouncer:api-key' } } },
  });
  cluster.namespaces.ensure('falco', { podSecurity: 'privileged', reason: "falco: reads the node's system calls" });
  new ChartRelease(cluster, 'falco', {
    namespace: 'falco', chart: { repository: 'https://falcosecurity.github.io/charts', chart: 'falco', version: '4.20.0' },
    network: servesPorts({ port: 8765, purpose: 'health' }), values: { driver: { kind: 'modern_ebpf' }, tty: true },
  });
  new ChartRelease(cluster, 'kyverno', {
    namespace: 'kyverno', chart: { repository: 'https://kyverno.github.io/kyverno/', chart: 'kyverno', version: '3.3.4' },
    network: servesPorts({ port: 9443, purpose: 'admission webhook' }), crds: [{ group: 'kyverno.io', kinds: ['ClusterPolicy', 'Policy'] }],
  });
  new ApiObject(cluster, 'disallow-latest', {
    apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'disallow-latest-tag' },
    spec: {
      validationFailureAction: 'Enforce', background: true,
      rules: [{ name: 'require-tag', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { message: 'pin every image', pattern: { spec: { containers: [{ image: '!*:latest' }] } } } }],
    },
  });
  cluster.namespaces.ensure('auth');
  new ApiObject(cluster, 'authelia-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'authelia-config', namespace: 'auth' }, data: { 'configuration.yml': AUTHELIA_CONFIGURATION } });
  new HomelabApp(cluster, 'authelia', {
    namespace: 'auth', image: 'ghcr.io/authelia/authelia:4.38.17', ports: [{ name: 'http', port: 9091 }], route: { host: 'auth' },
    persistence: { config: { volume: AppVolume.configMap('authelia-config'), mountPath: '/config' } },
  });
  new ChartRelease(cluster, 'infisical-operator', {
    namespace: 'infisical', chart: { repository: 'https://dl.cloudsmith.io/public/infisical/helm-charts/helm/charts/', chart: 'secrets-operator', version: '0.9.1' },
    network: servesPorts(), crds: [{ group: 'secrets.infisical.com', kinds: ['InfisicalSecret'] }],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'infisical', name: 'universal-auth-credentials' }] });
  cluster.namespaces.ensure('paperless');
  new ApiObject(cluster, 'paperless-secrets', {
    apiVersion: 'secrets.infisical.com/v1alpha1', kind: 'InfisicalSecret', metadata: { name: 'paperless', namespace: 'paperless' },
    spec: {
      hostAPI: 'https://app.infisical.com/api', resyncInterval: 60,
      authentication: { universalAuth: { credentialsRef: { secretName: 'universal-auth-credentials', secretNamespace: 'infisical' }, secretsScope: { projectSlug: 'homelab', envSlug: 'prod', secretsPath: '/' } } },
      managedSecretReference: { secretName: 'paperless-env', secretNamespace: 'paperless', creationPolicy: 'Owner' },
    },
  });
  new HomelabApp(cluster, 'paperless', {
    namespace: 'paperless', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
    env: { PAPERLESS_SECRET_KEY: SecretReference.external('paperless', 'paperless-env', 'PAPERLESS_SECRET_KEY') },
  });
  new ChartRelease(cluster, 'sm-operator', {
    namespace: 'sm-operator-system', chart: { repository: 'https://charts.bitwarden.com/', chart: 'sm-operator', version: '0.1.0' },
    network: servesPorts(), crds: [{ group: 'k8s.bitwarden.com', kinds: ['BitwardenSecret'] }],
  });
  cluster.namespaces.ensure('notes');
  declareExternal(cluster, { secrets: [{ namespace: 'notes', name: 'bw-auth-token' }] });
  new ApiObject(cluster, 'notes-secrets', {
    apiVersion: 'k8s.bitwarden.com/v1', kind: 'BitwardenSecret', metadata: { name: 'notes', namespace: 'notes' },
    spec: {
      organizationId: '4a014e57-f197-4852-9831-b287013e47b6', secretName: 'notes-env', onlyMappedSecrets: true,
      map: [{ bwSecretId: 'fef63739-a5f3-42ca-b78e-b2890117d4fe', secretKeyName: 'NOTES_TOKEN' }], authToken: { secretName: 'bw-auth-token', secretKey: 'token' },
    },
  });
  new HomelabApp(cluster, 'notes', {
    namespace: 'notes', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
    env: { NOTES_TOKEN: SecretReference.external('notes', 'notes-env', 'NOTES_TOKEN') },
  });
  extra(cluster);
};

const findingLines = (define: (scope: Construct) => void) => aboutTheLab(synthInMemory(define).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`);

describe('a lab hardened with CrowdSec, Falco, Kyverno, Authelia and secrets operators', () => {
  const result = synthInMemory(defineLab());

  test('synthesizes with no finding', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("leaves no step to make the Secrets Infisical's and Bitwarden's operators make", () => {
    const readme = result.files.get('nu70/main/README.md') ?? '';
    expect(readme).toContain('create Secret infisical/universal-auth-credentials');
    expect(readme).not.toContain('paperless-env');
    expect(readme).not.toContain('notes-env');
  });

  test("refuses the bouncer's Middleware when Traefik does not declare its plugin", () => {
    const lines = findingLines(defineLab(undefined, false));
    expect(lines.filter((line) => line.startsWith('error'))).toEqual([expect.stringMatching(/^error main\/bouncer spec\.plugin\.bouncer: runs plugin "bouncer"/)]);
  });

  test("writes Kyverno's ClusterPolicy without a namespace", () => {
    const policy = [...result.files.values()].find((file) => file.includes('kind: ClusterPolicy'));
    expect(policy).toBeDefined();
    expect(policy).not.toMatch(/kind: ClusterPolicy\nmetadata:\n(?: {2}.*\n)*? {2}namespace:/);
  });

  test('reads a key the Bitwarden map does not make as missing', () => {
    const lines = findingLines(defineLab((cluster) => new HomelabApp(cluster, 'notes-sync', {
      namespace: 'notes', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      env: { SYNC_TOKEN: SecretReference.external('notes', 'notes-env', 'SYNC_TOKEN') },
    })));
    expect(lines.some((line) => line.startsWith('error main/notes-sync') && line.includes('SYNC_TOKEN'))).toBe(true);
  });

  test("answers a kind a release lists without a scope, written without a namespace, with the CRD's scope", () => {
    const findings = aboutTheLab(synthInMemory(defineLab((cluster) => {
      new ChartRelease(cluster, 'policy-reporter', {
        namespace: 'policy-reporter', chart: { repository: 'https://kyverno.github.io/policy-reporter', chart: 'policy-reporter', version: '3.1.0' },
        network: servesPorts({ port: 8080, purpose: 'its API' }), crds: [{ group: 'policies.kyverno.io', kinds: ['ValidatingPolicy'] }],
      });
      new ApiObject(cluster, 'vpol', { apiVersion: 'policies.kyverno.io/v1alpha1', kind: 'ValidatingPolicy', metadata: { name: 'check-labels' }, spec: {} });
    })).findings);
    const missing = findings.find((f) => f.constructPath === 'main/vpol' && f.field === 'metadata.namespace');
    expect(missing?.hint).toContain("crds: [{ group: 'policies.kyverno.io', kinds: ['ValidatingPolicy'], scope: 'Cluster' }]");
  });
});
