import { ApiObject, App as CdkApp } from 'cdk8s';
import {
  App, AppController, AppVolume, ClusterChart, declareExternal, flux, host, hostPlacement, localPathStorage, loki, metalLb, rootInitExemption, SecretReference, site, traefik,
} from '../constructs';
import type { Construct } from 'constructs';
import type { AppProps, Finding } from '../constructs';
import { smokepingIcmpProblems } from '../constructs/app/smokeping-icmp';
import { refusedRetention } from '../constructs/app/victoria-metrics-flags';
import { kubernetesDiscovery } from '../constructs/validation/scrape-discovery-accounts';
import { guarded } from './bad-input/lab';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// A new user's second observability stack, from the README alone: VictoriaMetrics on a claim with vmagent scraping the
// cluster through the Kubernetes API, Grafana Alloy as a DaemonSet shipping the pod logs to Loki, node-exporter on the
// hosts' namespaces, Speedtest Tracker and Smokeping from linuxserver.io, and Grafana reading them.

/** Two mini PCs: the first also runs the control plane. */
const [n1, n2] = [{ memoryGigabytes: 32, cores: 8 }, { memoryGigabytes: 16, cores: 4 }].map((size, i) => host(`obs-${i + 1}`, {
  arch: 'amd64', roles: i === 0 ? ['control-plane', 'worker'] : ['worker'], address: `192.168.87.${11 + i}`, ...size,
}));
const lab = site('observed', {
  domain: 'observed.example', hosts: [n1, n2], git: { url: 'https://github.com/jdoe/home-ops.git' },
  pools: { lb: { first: '192.168.87.200', last: '192.168.87.210' } },
});

const SCRAPE = `global:
  scrape_interval: 30s
scrape_configs:
  - job_name: node-exporter
    kubernetes_sd_configs:
      - role: endpoints
    relabel_configs:
      - source_labels: [__meta_kubernetes_service_name]
        regex: node-exporter
        action: keep
  - job_name: kubelet
    scheme: https
    kubernetes_sd_configs:
      - role: node
`;
const ALLOY = `discovery.kubernetes "pods" {
  role = "pod"
}
local.file_match "pods" {
  path_targets = [{"__path__" = "/var/log/pods/*/*/*.log"}]
}
loki.source.file "pods" {
  targets    = local.file_match.pods.targets
  forward_to = [loki.write.default.receiver]
}
loki.write "default" {
  endpoint {
    url = "http://loki-gateway.monitoring.svc/loki/api/v1/push"
  }
}
`;

/** Props of some apps of the lab, changed, by app. */
type Changed = Record<string, Partial<AppProps>>;

/** The lab, with `extra` added to its cluster and the props of `changed` replacing those the lab gives. */
function observedLab(scope: CdkApp, extra: (cluster: ClusterChart) => void = () => undefined, changed: Changed = {}): void {
  const props = (id: string, given: AppProps): AppProps => ({ ...given, ...changed[id] });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [n1, n2], routes: traefik({ address: lab.pools.lb.at('192.168.87.200') }), loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'speedtest', name: 'speedtest-app-key' }] });
  cluster.platform.require(loki({ placement: hostPlacement(n1), storageClass: 'local-path', retention: '14d' }));
  const victoriaMetrics = new App(cluster, 'victoria-metrics', props('victoria-metrics', {
    namespace: 'metrics', image: 'victoriametrics/victoria-metrics:v1.106.1', controller: AppController.statefulSet(),
    args: ['-retentionPeriod=90d', '-storageDataPath=/storage'], ports: [{ name: 'http', port: 8428 }],
    persistence: { storage: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/storage' } },
  }));
  new ApiObject(cluster, 'vmagent-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vmagent', namespace: 'metrics' }, data: { 'scrape.yml': SCRAPE },
  });
  const vmagent = new App(cluster, 'vmagent', props('vmagent', {
    namespace: 'metrics', image: 'victoriametrics/vmagent:v1.106.1',
    args: ['-promscrape.config=/etc/vmagent/scrape.yml', '-remoteWrite.url=http://victoria-metrics:8428/api/v1/write', '-remoteWrite.tmpDataPath=/queue'],
    ports: [{ name: 'http', port: 8429 }],
    persistence: {
      config: { volume: AppVolume.configMap('vmagent'), mountPath: '/etc/vmagent' },
      queue: { volume: AppVolume.emptyDir({ sizeLimit: '1Gi' }), mountPath: '/queue' },
    },
    serviceAccount: { reason: 'discovers the scrape targets', clusterRules: [{ apiGroups: [''], resources: ['nodes', 'nodes/metrics', 'services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] }] },
  }));
  new ApiObject(cluster, 'alloy-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'alloy', namespace: 'logs' }, data: { 'config.alloy': ALLOY },
  });
  new App(cluster, 'alloy', props('alloy', {
    namespace: 'logs', image: 'grafana/alloy:v1.5.1', args: ['run', '--server.http.listen-addr=0.0.0.0:12345', '/etc/alloy/config.alloy'],
    controller: AppController.daemonSet(), ports: [{ name: 'http', port: 12345 }], egress: [{ namespace: 'monitoring' }],
    persistence: {
      config: { volume: AppVolume.configMap('alloy'), mountPath: '/etc/alloy' },
      pods: { volume: AppVolume.hostPath('/var/log/pods'), mountPath: '/var/log/pods', readOnly: true },
    },
    serviceAccount: { reason: 'discovers the pods of its node', clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] },
    exemptions: { hostPath: 'reads the pod logs of the node', runAsRoot: 'the pod logs are readable by root alone' },
  }));
  new App(cluster, 'node-exporter', props('node-exporter', {
    namespace: 'metrics', image: 'quay.io/prometheus/node-exporter:v1.8.2', controller: AppController.daemonSet({ everyNode: true }),
    args: ['--path.rootfs=/host'], ports: [{ name: 'metrics', port: 9100 }],
    persistence: { root: { volume: AppVolume.hostPath('/'), mountPath: '/host', readOnly: true } },
    exemptions: { hostNetwork: 'reports the node network interfaces', hostPid: 'reports the node processes', hostPath: 'reads the node file systems' },
  }));
  new App(cluster, 'speedtest-tracker', props('speedtest-tracker', {
    namespace: 'speedtest', image: 'lscr.io/linuxserver/speedtest-tracker:1.0.2', controller: AppController.statefulSet(),
    ports: [{ name: 'http', port: 80 }],
    env: { PUID: '1000', PGID: '1000', DB_CONNECTION: 'sqlite', APP_KEY: SecretReference.external('speedtest', 'speedtest-app-key', 'APP_KEY'), SPEEDTEST_SCHEDULE: '0 */6 * * *', APP_URL: 'https://speedtest.observed.example' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
    route: { host: 'speedtest' },
    exemptions: { runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'), writableRootFilesystem: 's6-overlay writes its service tree under /run' },
  }));
  new App(cluster, 'smokeping', props('smokeping', {
    namespace: 'smokeping', image: 'lscr.io/linuxserver/smokeping:2.8.2', controller: AppController.statefulSet(),
    ports: [{ name: 'http', port: 80 }], env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin' },
    sysctls: { 'net.ipv4.ping_group_range': '0 2147483647' },
    persistence: {
      config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' },
    },
    route: { host: 'smokeping' },
    exemptions: { runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'), writableRootFilesystem: 's6-overlay writes its service tree under /run' },
  }));
  const grafana = new App(cluster, 'grafana', props('grafana', {
    namespace: 'grafana', image: 'grafana/grafana:11.3.0', controller: AppController.statefulSet(), runAsUser: 472,
    ports: [{ name: 'http', port: 3000 }], env: { GF_SERVER_ROOT_URL: 'https://grafana.observed.example' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/var/lib/grafana' } },
    egress: [{ namespace: 'metrics' }, { namespace: 'monitoring' }],
    route: { host: 'grafana' },
  }));
  victoriaMetrics.addAllowFrom(vmagent);
  victoriaMetrics.addAllowFrom(grafana);
  extra(cluster);
}

const findingsOf = (extra?: (cluster: ClusterChart) => void, changed: Changed = {}): Finding[] =>
  aboutTheLab(synthInMemory(guarded((scope: Construct) => observedLab(scope as CdkApp, extra, changed))).findings);
const shown = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.layer} ${f.constructPath} ${f.field}: ${f.message}`);

test('the observed lab synthesizes with no finding', () => {
  expect(shown(findingsOf())).toEqual([]);
});

test('what it writes runs: vmagent reads the API with its token and reaches VictoriaMetrics, Alloy listens beyond its loopback', () => {
  const objects = manifestsOf(synthInMemory(guarded((scope: Construct) => observedLab(scope as CdkApp))), 'observed/main');
  const agent = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'vmagent').spec.template.spec;
  expect(agent.serviceAccountName).toBe('vmagent');
  expect(agent.automountServiceAccountToken).not.toBe(false);
  const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'metrics' && o.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'victoria-metrics');
  expect(JSON.stringify(policy.spec.ingress)).toContain('"app.kubernetes.io/name":"vmagent"');
  const alloy = objects.find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'alloy').spec.template.spec.containers[0];
  expect(alloy.args).toContain('--server.http.listen-addr=0.0.0.0:12345');
  const smokeping = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'smokeping').spec.template.spec;
  expect(smokeping.securityContext.sysctls).toEqual([{ name: 'net.ipv4.ping_group_range', value: '0 2147483647' }]);
});

describe('settings VictoriaMetrics, vmagent and Alloy take are left alone', () => {
  test.each(['1y', '12', '2w', '1d', '100y', '1.5', '36h'])('-retentionPeriod=%s', (retention) => {
    expect(refusedRetention(retention)).toBeUndefined();
    expect(shown(findingsOf(undefined, { 'victoria-metrics': { args: [`-retentionPeriod=${retention}`, '-storageDataPath=/storage'] } }))).toEqual([]);
  });

  test('Alloy listening on :12345, the address given as the next word', () => {
    expect(shown(findingsOf(undefined, { alloy: { args: ['run', '--server.http.listen-addr', ':12345', '/etc/alloy/config.alloy'] } }))).toEqual([]);
  });

  test('VictoriaMetrics on its claim at its default folder, on a port moved with -httpListenAddr', () => {
    expect(shown(findingsOf(undefined, { 'victoria-metrics': {
      args: ['-retentionPeriod=1y', '--httpListenAddr=:9090'], ports: [{ name: 'http', port: 9090, servicePort: 8428 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/victoria-metrics-data' } },
    } }))).toEqual([]);
  });

  test('a discovery that names its API server and a kubeconfig brings credentials of its own', () => {
    const file = 'scrape_configs:\n  - job_name: remote\n    kubernetes_sd_configs:\n      - role: pod\n        api_server: https://k3s.lan:6443\n        kubeconfig_file: /etc/vmagent/kubeconfig\n';
    expect(kubernetesDiscovery(file)).toBeUndefined();
    expect(shown(findingsOf((cluster) => new ApiObject(cluster, 'remote-scrape', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vmagent-remote', namespace: 'metrics' }, data: { 'scrape.yml': file },
    }), { vmagent: {
      serviceAccount: undefined,
      persistence: {
        config: { volume: AppVolume.configMap('vmagent-remote'), mountPath: '/etc/vmagent' },
        queue: { volume: AppVolume.emptyDir({ sizeLimit: '1Gi' }), mountPath: '/queue' },
      },
    } }))).toEqual([]);
  });
});

describe('what the new checks read', () => {
  test.each([['90days', /a bare number of months or a duration/], ['3m', /m would be minutes/], ['0', /a day at least/], ['12h', /a day at least/], ['1201', /at most 1200/]])(
    '-retentionPeriod=%s is refused', (retention, why) => {
      expect(refusedRetention(retention)).toMatch(why);
    });

  test("an Alloy configuration's discovery roles give the rules of its hint", () => {
    expect(kubernetesDiscovery('discovery.kubernetes "nodes" {\n  role = "node"\n}\n')).toEqual({ setting: 'discovery.kubernetes', roles: ['node'] });
    expect(kubernetesDiscovery('local.file_match "pods" {\n  path_targets = [{"__path__" = "/var/log/pods/*/*/*.log"}]\n}\n')).toBeUndefined();
  });

  test("Smokeping whose pod opens no ICMP socket to fping is warned, one given NET_RAW is not", () => {
    expect(shown(findingsOf(undefined, { smokeping: { sysctls: undefined } }))).toEqual([
      expect.stringMatching(/^warning props main\/smokeping image: .*net\.ipv4\.ping_group_range/),
    ]);
    expect(smokepingIcmpProblems({
      image: 'lscr.io/linuxserver/smokeping:2.8.2', exemptions: { addCapabilities: { capabilities: ['NET_RAW'], reason: 'fping sends echo requests on a raw socket' } },
    })).toEqual([]);
  });

  test("vmagent told to read prometheus.yml where its ConfigMap's key is scrape.yml is an error on that argument; Alloy given its folder is not", () => {
    const args = ['-promscrape.config=/etc/vmagent/prometheus.yml', '-remoteWrite.url=http://victoria-metrics:8428/api/v1/write', '-remoteWrite.tmpDataPath=/queue'];
    expect(shown(findingsOf(undefined, { vmagent: { args } }))).toEqual([
      expect.stringMatching(/^error references main\/vmagent args\[0\]: .*has no key prometheus\.yml \(it holds scrape\.yml\)/),
    ]);
    expect(shown(findingsOf(undefined, { alloy: { args: ['run', '--server.http.listen-addr', '0.0.0.0:12345', '--storage.path=/tmp/alloy', '/etc/alloy'] } }))).toEqual([]);
  });

  test("VictoriaMetrics declared on Prometheus' port 9090 is an error on that port", () => {
    expect(shown(findingsOf(undefined, { 'victoria-metrics': { ports: [{ name: 'http', port: 9090 }] } }))).toEqual([
      expect.stringMatching(/^error props main\/victoria-metrics ports\[0\]\.port: .*listens on port 8428/),
    ]);
  });
});
