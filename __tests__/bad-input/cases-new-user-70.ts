import { ApiObject } from 'cdk8s';
import { AppVolume, ChartRelease, ClusterChart, HomelabApp, servesPorts } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A home lab hardened after a scare, from the README alone: CrowdSec reading the containers' logs with its bouncer as a
// Traefik plugin, Falco as a DaemonSet, and Authelia in front of the apps. Each mistake synthesized, and then left
// pods refused by admission, an agent that parsed no log line, a key in Git, or an Authelia that never started.

/** A release of `chart` of `repository` named `id` in namespace `id`, opened on `ports`, with `values`. */
const release = (id: string, repository: string, chart: string, version: string, values: Record<string, unknown>, widen = true) => guarded((cluster: ClusterChart) => {
  if (widen) {
    cluster.namespaces.ensure(id, { podSecurity: 'privileged', reason: `${id}: its agent reads the node's files` });
  }
  new ChartRelease(cluster, id, { namespace: id, chart: { repository, chart, version }, network: servesPorts({ port: 8080, purpose: 'its API' }), values });
});

/** CrowdSec's chart reading Traefik's logs; `values` add to it. */
const crowdSec = (values: Record<string, unknown>, widen = true) => release('crowdsec', 'https://crowdsecurity.github.io/helm-charts', 'crowdsec', '0.19.4', {
  agent: { acquisition: [{ namespace: 'traefik', podName: 'traefik-*', program: 'traefik' }], env: [{ name: 'COLLECTIONS', value: 'crowdsecurity/traefik' }] },
  ...values,
}, widen);

/** The CrowdSec bouncer's Middleware in Traefik's namespace with `settings`, its plugin declared to Traefik unless `declared` is false. */
const bouncer = (settings: Record<string, unknown>, declared = true) => guarded((cluster: ClusterChart) => {
  if (declared) {
    cluster.platform.get('traefik')?.addValues({ experimental: { plugins: { bouncer: { moduleName: 'github.com/maxlerebourg/crowdsec-bouncer-traefik-plugin', version: 'v1.5.0' } } }, logs: { access: { enabled: true } } });
  }
  new ApiObject(cluster, 'bouncer', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'crowdsec-bouncer', namespace: 'traefik' },
    spec: { plugin: { bouncer: { enabled: true, crowdsecMode: 'stream', crowdsecLapiHost: 'crowdsec-service.crowdsec.svc.cluster.local:8080', ...settings } } },
  });
});

/** Authelia with its configuration.yml from a ConfigMap at /config. */
const authelia = (configuration: string) => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('auth');
  new ApiObject(cluster, 'authelia-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'authelia-config', namespace: 'auth' }, data: { 'configuration.yml': configuration } });
  new HomelabApp(cluster, 'authelia', {
    namespace: 'auth', image: 'ghcr.io/authelia/authelia:4.38.17', ports: [{ name: 'http', port: 9091 }], route: { host: 'auth' },
    persistence: { config: { volume: AppVolume.configMap('authelia-config'), mountPath: '/config' } },
  });
});

/** A configuration whose cookie and one rule are `cookie` and `rule`. */
const autheliaYaml = (rule: string, cookie = '    - domain: lab.test\n      authelia_url: https://auth.lab.test\n') =>
  `server:\n  address: tcp://0.0.0.0:9091\nsession:\n  cookies:\n${cookie}access_control:\n  default_policy: deny\n  rules:\n${rule}`;
const ADMINS_RULE = "    - domain: '*.lab.test'\n      policy: two_factor\n      subject: 'group:admins'\n";

export const CASES: BadInput[] = [
  {
    name: "Falco's chart in a namespace left restricted",
    build: release('falco', 'https://falcosecurity.github.io/charts', 'falco', '4.20.0', { driver: { kind: 'modern_ebpf' } }, false),
    layer: 'policy', path: 'falco', field: 'namespace', hint: /ensure\('falco', \{ podSecurity: 'privileged'/,
  },
  {
    name: "CrowdSec's agent DaemonSet, which mounts the node's /var/log, in a namespace left restricted",
    build: crowdSec({ container_runtime: 'containerd' }, false),
    layer: 'policy', path: 'crowdsec', field: 'namespace', message: /\/var\/log/,
  },
  {
    name: "CrowdSec's agent reading pods' logs with container_runtime left to the chart's docker",
    build: crowdSec({}),
    layer: 'props', path: 'crowdsec', field: 'values.container_runtime', hint: /container_runtime: 'containerd'/,
  },
  {
    name: "the CrowdSec bouncer plugin's LAPI key written in its Middleware",
    build: bouncer({ crowdsecLapiKey: 'Zq3xY8pLm2Nv7Rt5Kw9Bc4Hd6Jf1Gs0A' }),
    layer: 'policy', path: 'bouncer', field: 'spec.plugin.bouncer.crowdsecLapiKey', hint: /urn:k8s:secret:<secret>:<key>/,
  },
  {
    name: "the CrowdSec bouncer's Middleware with its plugin never declared to Traefik",
    build: bouncer({ crowdsecLapiKey: 'urn:k8s:secret:crowdsec-bouncer:api-key' }, false),
    layer: 'references', path: 'bouncer', field: 'spec.plugin.bouncer', hint: /experimental: \{ plugins: \{ bouncer:/,
  },
  {
    name: "an Authelia rule whose subject is a group's bare name",
    build: authelia(autheliaYaml("    - domain: '*.lab.test'\n      policy: two_factor\n      subject: admins\n")),
    layer: 'references', path: 'authelia-config', field: 'data.configuration.yml', hint: /'group:admins'/,
  },
  {
    name: "an Authelia rule whose policy is written 2fa",
    build: authelia(autheliaYaml("    - domain: '*.lab.test'\n      policy: 2fa\n")),
    layer: 'references', path: 'authelia-config', field: 'data.configuration.yml', hint: /policy: two_factor/,
  },
  {
    name: "Authelia's portal URL outside its session cookie's domain",
    build: authelia(autheliaYaml(ADMINS_RULE, '    - domain: lab.test\n      authelia_url: https://auth.example.org\n')),
    layer: 'references', path: 'authelia-config', field: 'data.configuration.yml', message: /outside the cookie's domain lab\.test/,
  },
];
