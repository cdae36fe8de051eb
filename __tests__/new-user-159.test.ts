// A new user's logs-and-alerts lab on Raspberry Pis, from the README alone: three Raspberry Pi 5 boards (arm64, 8 GB,
// NVMe HATs) running K3s; Loki as one binary on the first Pi's NVMe (local-path), keeping 14 days of logs, its ruler
// sending alerts to an Alertmanager that forwards them to a self-hosted ntfy; Grafana Alloy shipping every node's pod
// logs as a DaemonSet; Grafana with its data sources, dashboards and contact points (ntfy and Gotify) provisioned from
// ConfigMaps; Gatus checking the lab's URLs; node-exporter on every node, scraped by Alloy. Written the obvious way it
// synthesizes with no finding; the mistakes of someone new to this are each one finding on the field that holds them.
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppController, AppVolume, ClusterChart, flux, HomelabApp, host, hostPlacement, k3s, localPathStorage, loki, metalLb, SecretReference, site, traefik, acmeHttp01 } from '../constructs';
import type { AppProps, HostProps, LokiOptions } from '../constructs';
import { guarded } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';

interface Changes {
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly pi1?: Record<string, unknown>;
  readonly loki?: Partial<LokiOptions>;
  readonly lokiValues?: Record<string, unknown>;
  /** ConfigMap data by ConfigMap name, merged over the lab's. */
  readonly configs?: Record<string, Record<string, string>>;
}

const PI: Partial<HostProps> = { arch: 'arm64', roles: ['control-plane', 'worker'], cores: 4, memoryGigabytes: 8, model: 'Raspberry Pi 5', disks: [{ media: 'nvme', sizeGigabytes: 512 }] };

function inventory(changes: Changes) {
  const pi1 = host('pi1', { ...PI, address: '192.168.1.21', ...changes.pi1 } as HostProps);
  const pi2 = host('pi2', { ...PI, roles: ['worker'], address: '192.168.1.22' } as HostProps);
  const pi3 = host('pi3', { ...PI, roles: ['worker'], address: '192.168.1.23' } as HostProps);
  const hosts = [pi1, pi2, pi3];
  const home = site('home', {
    domain: 'pis.example.net', hosts, git: { url: 'https://github.com/jdoe/pi-lab.git' },
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
  });
  return { pi1, hosts, home };
}

const DATASOURCES = `apiVersion: 1
datasources:
  - name: Loki
    type: loki
    access: proxy
    url: http://loki-gateway.monitoring
    isDefault: true
`;

const DASHBOARD_PROVIDERS = `apiVersion: 1
providers:
  - name: lab
    type: file
    options:
      path: /var/lib/grafana/dashboards
`;

const CONTACT_POINTS = `apiVersion: 1
contactPoints:
  - orgId: 1
    name: phones
    receivers:
      - uid: ntfy
        type: webhook
        settings:
          url: http://ntfy.ntfy:8080/grafana
      - uid: gotify
        type: webhook
        settings:
          url: http://gotify.gotify:8080/message?token=$__env{GOTIFY_TOKEN}
`;

const ALERTMANAGER = `route:
  receiver: ntfy
receivers:
  - name: ntfy
    webhook_configs:
      - url: http://ntfy.ntfy:8080/alerts
`;

const ALLOY = `discovery.kubernetes "pods" {
  role = "pod"
  selectors {
    role  = "pod"
    field = "spec.nodeName=" + coalesce(sys.env("HOSTNAME"), constants.hostname)
  }
}

loki.source.kubernetes "pods" {
  targets    = discovery.kubernetes.pods.targets
  forward_to = [loki.write.lab.receiver]
}

loki.write "lab" {
  endpoint {
    url = "http://loki-gateway.monitoring/loki/api/v1/push"
  }
}
`;

const GATUS = `endpoints:
  - name: grafana
    url: https://grafana.pis.example.net/api/health
    interval: 1m
    conditions:
      - "[STATUS] == 200"
  - name: ntfy
    url: https://ntfy.pis.example.net/v1/health
    interval: 1m
    conditions:
      - "[STATUS] == 200"
`;

/** Grafana's env in the lab: its public URL, and its admin password and Gotify's app token from a Secret made by hand. */
const GRAFANA_ENV = {
  GF_SERVER_ROOT_URL: 'https://grafana.pis.example.net',
  GF_SECURITY_ADMIN_PASSWORD: SecretReference.external('grafana', 'grafana', 'GF_SECURITY_ADMIN_PASSWORD'),
  GOTIFY_TOKEN: SecretReference.external('grafana', 'grafana', 'GOTIFY_TOKEN'),
};

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const { pi1, hosts, home } = inventory(changes);
  const app = (c: ClusterChart, id: string, props: AppProps) => new HomelabApp(c, id, { ...props, ...changes.apps?.[id] });
  const configMap = (c: ClusterChart, namespace: string, name: string, data: Record<string, string>) =>
    new ApiObject(c, `${namespace}-${name}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { ...data, ...changes.configs?.[name] } });
  const c = new ClusterChart(scope, 'main', {
    site: home, hosts, storage: { nvme: localPathStorage() }, gitops: flux(),
    routes: traefik({ address: home.pools.vips.at('192.168.1.240'), certResolver: 'letsencrypt', acme: { letsencrypt: acmeHttp01({ email: 'jdoe@gmail.com' }) } }),
    loadBalancer: metalLb({ pools: [home.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });

  const logs = c.platform.require(loki({ placement: hostPlacement(pi1), storageClass: 'local-path', storageSize: '50Gi', retention: '14d', ...changes.loki }));
  logs.addValues({ loki: { rulerConfig: { alertmanager_url: 'http://alertmanager.alertmanager:9093' } }, ...changes.lokiValues });

  configMap(c, 'alertmanager', 'alertmanager-config', { 'alertmanager.yml': ALERTMANAGER });
  const alertmanager = app(c, 'alertmanager', {
    image: 'prom/alertmanager:v0.27.0', ports: [{ name: 'http', port: 9093 }],
    args: ['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager'],
    persistence: {
      config: { volume: AppVolume.configMap('alertmanager-config'), mountPath: '/etc/alertmanager', readOnly: true },
      data: { volume: AppVolume.claim({ tier: 'nvme', size: '1Gi' }), mountPath: '/alertmanager' },
    },
    allowFrom: [{ namespace: 'monitoring' }],
    resources: { memoryRequest: '32Mi', memoryLimit: '128Mi' },
  });

  const ntfy = app(c, 'ntfy', {
    image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], ports: [{ name: 'http', port: 8080 }],
    env: { NTFY_BASE_URL: 'https://ntfy.pis.example.net', NTFY_LISTEN_HTTP: ':8080', NTFY_CACHE_FILE: '/var/cache/ntfy/cache.db', NTFY_BEHIND_PROXY: 'true' },
    persistence: { cache: { volume: AppVolume.claim({ tier: 'nvme', size: '1Gi' }), mountPath: '/var/cache/ntfy' } },
    route: { host: 'ntfy' },
    resources: { memoryRequest: '32Mi', memoryLimit: '128Mi' },
  });

  const gotify = app(c, 'gotify', {
    image: 'gotify/server:2.6.1', ports: [{ name: 'http', port: 8080 }],
    env: { GOTIFY_SERVER_PORT: '8080', GOTIFY_DEFAULTUSER_PASS: SecretReference.external('gotify', 'gotify', 'GOTIFY_DEFAULTUSER_PASS') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'nvme', size: '1Gi' }), mountPath: '/app/data' } },
    route: { host: 'gotify' },
    resources: { memoryRequest: '32Mi', memoryLimit: '128Mi' },
  });

  configMap(c, 'grafana', 'grafana-datasources', { 'datasources.yaml': DATASOURCES });
  configMap(c, 'grafana', 'grafana-dashboard-providers', { 'dashboards.yaml': DASHBOARD_PROVIDERS });
  configMap(c, 'grafana', 'grafana-alerting', { 'contact-points.yaml': CONTACT_POINTS });
  configMap(c, 'grafana', 'grafana-dashboards', { 'logs.json': '{"title":"Logs","panels":[]}' });
  const grafana = app(c, 'grafana', {
    image: 'grafana/grafana:11.4.0', ports: [{ name: 'http', port: 3000 }],
    env: GRAFANA_ENV,
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'nvme', size: '2Gi' }), mountPath: '/var/lib/grafana' },
      datasources: { volume: AppVolume.configMap('grafana-datasources'), mountPath: '/etc/grafana/provisioning/datasources', readOnly: true },
      providers: { volume: AppVolume.configMap('grafana-dashboard-providers'), mountPath: '/etc/grafana/provisioning/dashboards', readOnly: true },
      alerting: { volume: AppVolume.configMap('grafana-alerting'), mountPath: '/etc/grafana/provisioning/alerting', readOnly: true },
      dashboards: { volume: AppVolume.configMap('grafana-dashboards'), mountPath: '/var/lib/grafana/dashboards', readOnly: true },
    },
    probes: { readiness: { httpPath: '/api/health' } },
    route: { host: 'grafana' },
    resources: { memoryRequest: '128Mi', memoryLimit: '512Mi' },
  });
  ntfy.addAllowFrom(alertmanager);
  ntfy.addAllowFrom(grafana);
  gotify.addAllowFrom(grafana);

  configMap(c, 'alloy', 'alloy-config', { 'config.alloy': ALLOY });
  app(c, 'alloy', {
    image: 'grafana/alloy:v1.5.1', controller: AppController.daemonSet(),
    args: ['run', '/etc/alloy/config.alloy', '--server.http.listen-addr=0.0.0.0:12345', '--storage.path=/var/lib/alloy/data'],
    ports: [{ name: 'http', port: 12345 }],
    // The configuration keeps to the pods of its own node by HOSTNAME, which Alloy's own chart sets to the node's name.
    env: { HOSTNAME: { fieldPath: 'spec.nodeName' } },
    persistence: {
      config: { volume: AppVolume.configMap('alloy-config'), mountPath: '/etc/alloy', readOnly: true },
      data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/alloy/data' },
    },
    serviceAccount: { reason: 'discovers the pods of its node and reads their logs through the API', clusterRules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'namespaces'], verbs: ['get', 'list', 'watch'] }] },
    resources: { memoryRequest: '64Mi', memoryLimit: '256Mi' },
  });

  app(c, 'node-exporter', {
    image: 'prom/node-exporter:v1.8.2', controller: AppController.daemonSet(),
    args: ['--path.rootfs=/host'], ports: [{ name: 'metrics', port: 9100 }],
    persistence: { root: { volume: AppVolume.hostPath('/'), mountPath: '/host', readOnly: true } },
    exemptions: { hostNetwork: 'reports the node\'s own network interfaces', hostPid: 'reports the node\'s processes', hostPath: 'reads the node\'s filesystems under /host' },
    resources: { memoryRequest: '32Mi', memoryLimit: '64Mi' },
  });

  configMap(c, 'gatus', 'gatus-config', { 'config.yaml': GATUS });
  app(c, 'gatus', {
    image: 'twinproduction/gatus:v5.13.1', ports: [{ name: 'http', port: 8080 }],
    persistence: { config: { volume: AppVolume.configMap('gatus-config'), mountPath: '/config', readOnly: true } },
    route: { host: 'status' },
    resources: { memoryRequest: '32Mi', memoryLimit: '128Mi' },
  });
});

const lab = (changes: Changes = {}) => synthInMemory(defineLab(changes));

describe('new user: logs and alerts on Raspberry Pis', () => {
  const obvious = lab();
  expectObviousLabClean(() => obvious);
});

const MISTAKES: Array<[string, Changes, string[]]> = [
  ['Loki\'s retention as a bare number of days', { loki: { retention: '14' } }, [
    'error main/platform components.loki.retention: retention "14" is no Prometheus duration, which Loki refuses | a bare number has no unit: for 14 days write retention: \'14d\' (a Prometheus duration of a day or more, largest unit first: \'7d\', \'2w\', \'720h\'; \'0\' keeps every log)',
  ]],
  ['Loki\'s retention in words', { loki: { retention: '14 days' } }, [
    'error main/platform components.loki.retention: retention "14 days" is no Prometheus duration, which Loki refuses | write retention: \'14d\'',
  ]],
  ['Alertmanager\'s data retention in days, as Prometheus\' is written', { apps: { alertmanager: { args: ['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager', '--data.retention=14d'] } } }, [
    'error main/alertmanager args[2]: --data.retention "14d" is no Go duration, which prom/alertmanager:v0.27.0 refuses as it reads its flags (Go\'s time.ParseDuration takes h, m, s and smaller units, no days or weeks): Alertmanager would exit at once and the pod restart into CrashLoopBackOff | write it in hours: --data.retention=336h',
  ]],
  ['node-exporter\'s per-architecture image for amd64', { apps: { 'node-exporter': { image: 'prom/node-exporter-linux-amd64:v1.8.2' } } }, [
    'error main/node-exporter image: image prom/node-exporter-linux-amd64:v1.8.2 is built for amd64 (its repository says amd64), but may run on pi1 (arm64), pi2 (arm64), pi3 (arm64), where it would stop with "exec format error" | place it on hosts of arch amd64 (placement: { arch: \'amd64\' }), or take the image\'s multi-arch tag, which runs on every arch it is published for',
  ]],
  ['Grafana\'s memory limit in docker\'s units', { apps: { grafana: { resources: { memoryRequest: '128Mi', memoryLimit: '512MB' } } } }, [
    'error main/grafana resources.memoryLimit: "512MB" is not a size | write \'512Mi\': docker\'s 512MB is 512Mi here (Kubernetes\' units are Ki, Mi, Gi, Ti, or k, M, G, T)',
  ]],
  ['Grafana\'s memory limit as compose\'s mem_limit: 512m', { apps: { grafana: { resources: { memoryRequest: '128Mi', memoryLimit: '512m' } } } }, [
    'error main/grafana resources.memoryLimit: "512m" is not a size | write \'512Mi\': docker\'s 512m is 512Mi here (in Kubernetes m means thousandths)',
  ]],
  ['Loki given more memory than the board has', { loki: { resources: { loki: { memoryLimit: '12Gi' } } } }, [
    'warning main/platform components.loki.resources: values.singleBinary.resources: limits memory to 12Gi, above the 8 GB of pi1, the largest host it may run on: the limit never binds, so it limits nothing | give a limit within 8 GiB, or leave the memory limit out',
  ]],
  ['Grafana\'s port from compose\'s 80:3000', { apps: { grafana: { ports: [{ name: 'http', port: 80 }] } } }, [
    'error main/grafana ports[0].port: image "grafana/grafana:11.4.0" runs Grafana, which listens on port 3000 unless env.GF_SERVER_HTTP_PORT moves it; the container declares 80, where nothing listens: its Service and probes would reach nothing and the pod would never become ready | declare the port it listens on: { name: \'http\', port: 3000, servicePort: 80 }; or listen on 8080: env.GF_SERVER_HTTP_PORT: \'8080\' with { name: \'http\', port: 8080, servicePort: 80 }',
  ]],
  ['Gotify\'s port variable misspelt', { apps: { gotify: { env: { GOTIFY_PORT: '8080', GOTIFY_DEFAULTUSER_PASS: SecretReference.external('gotify', 'gotify', 'GOTIFY_DEFAULTUSER_PASS') } } } }, [
    'error main/gotify ports[0].port: image "gotify/server:2.6.1" runs Gotify, which listens on port 80 unless env.GOTIFY_SERVER_PORT moves it; the container declares 8080, where nothing listens: its Service and probes would reach nothing and the pod would never become ready | listen on 8080: env.GOTIFY_SERVER_PORT: \'8080\'',
  ]],
  ['Alloy started as its docs\' docker run starts it', { apps: { alloy: { args: ['run', '/etc/alloy/config.alloy', '--storage.path=/var/lib/alloy/data'] } } }, [
    'error main/alloy args: grafana/alloy:v1.5.1 serves its HTTP server (UI, /metrics, /-/ready) on 127.0.0.1:12345, the default of --server.http.listen-addr, the pod\'s loopback alone: the port the container declares is reached by no probe, Service or other pod, so the pod never gets ready | listen on every address of the pod: args: [\'run\', \'--server.http.listen-addr=0.0.0.0:12345\', \'/etc/alloy/config.alloy\', \'--storage.path=/var/lib/alloy/data\']',
  ]],
  ['Alloy tailing /var/log as its own user', { apps: { alloy: { persistence: {
    config: { volume: AppVolume.configMap('alloy-config'), mountPath: '/etc/alloy', readOnly: true },
    data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/alloy/data' },
    logs: { volume: AppVolume.hostPath('/var/log'), mountPath: '/var/log', readOnly: true },
  }, exemptions: { hostPath: 'reads the node\'s pod logs' } } } }, [
    'error main/alloy persistence.logs.volume: the app mounts the node\'s logs but runs as a user other than root: the container runtime leaves each container\'s log readable by root alone (mode 0640), so a log shipper reads none of them and sends nothing | run it as root, which reads them with every capability dropped: exemptions: { runAsRoot: \'reads the container logs of the node, which only root may read\' } beside its hostPath exemption',
  ]],
  ['node-exporter as a Deployment', { apps: { 'node-exporter': { controller: AppController.deployment() } } }, [
    'warning main/node-exporter controller: node_exporter reads its node\'s kernel counters, and as a Deployment of one pod it runs on one of the cluster\'s 3 nodes, whichever the scheduler picks: the others are never read | run it on every node: controller: AppController.daemonSet(); or, for one node, place it there: placement: { host: <host> }',
  ]],
  ['ntfy\'s base URL with a trailing slash', { apps: { ntfy: { env: { NTFY_BASE_URL: 'https://ntfy.pis.example.net/', NTFY_LISTEN_HTTP: ':8080', NTFY_CACHE_FILE: '/var/cache/ntfy/cache.db', NTFY_BEHIND_PROXY: 'true' } } } }, [
    'error main/ntfy env.NTFY_BASE_URL: base-url "https://ntfy.pis.example.net/" ends with a slash, which ntfy refuses as it starts ("must not end with a slash"): the pod restarts forever | write the URL without the slash: \'https://ntfy.pis.example.net\'',
  ]],
  ['Gatus\' configuration mounted where another guide puts it', { apps: { gatus: { persistence: { config: { volume: AppVolume.configMap('gatus-config'), mountPath: '/app/config', readOnly: true } } } } }, [
    'error main/gatus persistence.config.volume: Gatus reads /config/config.yaml or /config/config.yml unless GATUS_CONFIG_PATH says otherwise, but its configuration is mounted at /app/config: it falls back to the example configuration of its image, and the lab\'s endpoints are never checked (at spec.template.spec.volumes[1] of Deployment gatus/gatus) | mount the configuration at /config, or tell Gatus where it is: env: { GATUS_CONFIG_PATH: \'/app/config/config.yaml\' }',
  ]],
  ['Gotify\'s app token written into the contact point', { configs: { 'grafana-alerting': { 'contact-points.yaml': CONTACT_POINTS.replace('$__env{GOTIFY_TOKEN}', 'AkV3xL9qPz2mT0c') } } }, [
    'error main/grafana-grafana-alerting data.contact-points.yaml: ConfigMap key "contact-points.yaml" holds a URL with a credential in its query (token=, auth=, key=), and a ConfigMap is committed in the clear | keep the URL or its password in a SealedSecret, a SopsSecret or an ExternalSecret',
  ]],
  ['Grafana\'s admin password written inline', { apps: { grafana: { env: { ...GRAFANA_ENV, GF_SECURITY_ADMIN_PASSWORD: 'Raspberry-Pi-5!' } } } }, [
    'error main/grafana env.GF_SECURITY_ADMIN_PASSWORD: GF_SECURITY_ADMIN_PASSWORD is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { GF_SECURITY_ADMIN_PASSWORD: SecretReference.external(\'grafana\', \'grafana\', \'gf-security-admin-password\') }',
  ]],
  ['Loki named in the data source as in the same namespace', { configs: { 'grafana-datasources': { 'datasources.yaml': DATASOURCES.replace('http://loki-gateway.monitoring', 'http://loki:3100') } } }, [
    'warning main/grafana-grafana-datasources data.datasources.yaml: data.datasources.yaml, a file the pods mount, names "loki", which runs in namespace "monitoring", by its short name, which resolves only in namespace "monitoring", not in this app\'s "grafana" | write the URL as \'http://loki.monitoring:3100\' (or loki.monitoring.svc.cluster.local), or put the two apps in one namespace',
  ]],
  ['Alloy pushing to localhost, as on one Docker host', { configs: { 'alloy-config': { 'config.alloy': ALLOY.replace('http://loki-gateway.monitoring/', 'http://localhost:3100/') } } }, [
    'error main/alloy-alloy-config data.config.alloy: ConfigMap alloy-config\'s config.alloy calls localhost:3100, the pod\'s own loopback, where none of its containers listens (they declare 12345): under compose, on the host\'s network or through a published port, localhost was the machine; in a pod it is the pod itself | call the app that serves it by its Service, \'<app>.<namespace>\', or a machine of the lab by its address',
  ]],
  ['Loki\'s StorageClass written as the tier\'s name', { loki: { storageClass: 'nvme' } }, [
    'error main/platform components.loki.storageClass: StorageClass "nvme" is provided by nothing in cluster "main" (it has: local-path) | "nvme" is a storage tier of the cluster, whose StorageClass is "local-path": name that (storageClassNameOf(cluster.tier(\'nvme\')!) gives it)',
  ]],
  ['one Loki per Pi', { lokiValues: { singleBinary: { replicas: 3 } } }, [
    'error main/platform/installs/loki addValues.singleBinary.replicas: singleBinary.replicas 3 on the filesystem store: the Loki chart refuses to render ("Cannot run more than 1 Single Binary replica without an object storage backend"), so the release never installs | keep one replica: loki() runs one binary on one claim; several replicas need an object store (S3, MinIO) in loki.storage and the chart\'s scalable mode',
  ]],
];

describe('new user: logs and alerts on Raspberry Pis, the mistakes of a newcomer', () => {
  test.each(MISTAKES)('%s gives its finding', (_, changes, expected) => {
    expect(shownFindings(lab(changes).findings)).toEqual(expected);
  });
});
