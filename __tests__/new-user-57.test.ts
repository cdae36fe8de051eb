import type { Construct } from 'constructs';
import {
  App, AppDevice, AppVolume, ClusterChart, flux, host, hostPlacement, k3s, kubePrometheusStack, localPathStorage, metalLb, SealedSecret, site, traefik,
} from '../constructs';
import type { AppProps, Finding, HostProps, KubePrometheusStackOptions } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';
import { mosquittoBroker, piholeApp, uptimeKumaApp } from './support/home-apps';

// A cluster of Raspberry Pis as a newcomer writes it from the README: three Pi 4 boards of 4 GB on K3s with its
// embedded etcd, each booted from a USB SSD (an SD card under etcd is a warning; pi1's SSD also holds Gitea's
// repositories), an x86 mini PC added later, MetalLB, Traefik, local-path, Flux; Home Assistant,
// Pi-hole, Uptime Kuma, Gitea on the SSD, Mosquitto, a relay board on pi2's GPIO pins, and kube-prometheus-stack on
// pi1. Its correct form meets no finding it does not deserve, and what it writes would run.

const pi = (name: string, address: string, facts: Partial<HostProps> = {}) => host(name, {
  arch: 'arm64', roles: ['control-plane', 'worker'], address, cores: 4, memoryGigabytes: 4, model: 'Raspberry Pi 4 Model B', ...facts,
});

const sealed = (c: string) => `AgB${c.repeat(719)}==`;

/** The lab's hosts, made anew for each synth: a variant may change the old Pi 3's roles. */
function labHosts(pi0: Partial<HostProps> = {}) {
  return {
    // The old Pi 3 with a 64-bit system (the inventory has no 32-bit node) and 1 GB of memory.
    pi0: pi('pi0', '192.168.57.10', { roles: ['worker'], memoryGigabytes: 1, model: 'Raspberry Pi 3 Model B', ...pi0 }),
    pi1: pi('pi1', '192.168.57.11', { disks: [{ media: 'ssd', sizeGigabytes: 500 }] }),
    pi2: pi('pi2', '192.168.57.12', { disks: [{ media: 'ssd', sizeGigabytes: 250 }] }),
    pi3: pi('pi3', '192.168.57.13', { disks: [{ media: 'ssd', sizeGigabytes: 250 }] }),
    mini: host('mini', { arch: 'amd64', roles: ['worker'], address: '192.168.57.20', cores: 4, memoryGigabytes: 16 }),
  };
}
type LabHosts = ReturnType<typeof labHosts>;

/** What a variant of the lab changes: the old Pi's facts, the stack's options, more apps. */
interface Variant {
  readonly pi0?: Partial<HostProps>;
  readonly stack?: Partial<KubePrometheusStackOptions>;
  readonly more?: (cluster: ClusterChart, hosts: LabHosts) => void;
}

const defineLab = (variant: Variant = {}) => (scope: Construct) => {
  const hosts = labHosts(variant.pi0);
  const { pi1, pi2 } = hosts;
  const home = site('pis57', {
    domain: 'pis.home57.example.net', hosts: Object.values(hosts), pools: { vips: { first: '192.168.57.240', last: '192.168.57.250' } },
    git: { url: 'https://github.com/me57/pi-lab.git' },
  });
  const cluster = new ClusterChart(scope, 'main', {
    site: home, hosts: Object.values(hosts), preinstalled: [k3s({ disable: ['traefik', 'servicelb'], serverUrl: 'https://192.168.57.11:6443', tokenFile: '/etc/rancher/k3s/token' })],
    loadBalancer: metalLb({ pools: [home.pools.vips] }), routes: traefik({ address: home.pools.vips.at('192.168.57.240') }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  new App(cluster, 'home-assistant', {
    image: 'ghcr.io/home-assistant/home-assistant:2024.12.1', ports: [{ name: 'http', port: 8123 }], resources: { memoryLimit: '1Gi' },
    exemptions: { runAsRoot: 's6-overlay runs as root', writableRootFilesystem: 's6-overlay writes /run', hostNetwork: 'discovers devices by mDNS' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } }, route: { host: 'home' },
  });
  piholeApp(cluster, home.pools.vips.at('192.168.57.241'));
  uptimeKumaApp(cluster);
  // Its repositories on the USB SSD, mounted at /mnt/ssd on pi1.
  new App(cluster, 'gitea', {
    image: 'gitea/gitea:1.22.6-rootless', ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222 }], placement: { host: pi1 },
    persistence: { data: { volume: AppVolume.hostPath('/mnt/ssd/gitea'), mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/gitea' } },
    exemptions: { hostPath: 'the repositories live on the USB SSD of pi1' }, route: { host: 'git' },
  });
  mosquittoBroker(cluster, home.pools.vips.at('192.168.57.242'), 'fast');
  new App(cluster, 'relays', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], placement: { host: pi2 },
    devices: [AppDevice.hostDevice('/dev/gpiomem')], exemptions: { hostPath: 'drives the relay board on the GPIO pins', privileged: 'opens the GPIO registers' },
  });
  new SealedSecret(cluster, 'grafana-admin', { namespace: 'monitoring', encryptedData: { 'admin-user': sealed('D'), 'admin-password': sealed('E'), 'secret-key': sealed('F') } });
  cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(pi1), grafanaAdminSecret: 'grafana-admin', ...variant.stack }));
  variant.more?.(cluster, hosts);
};

const said = (findings: readonly Finding[], severity: Finding['severity']) =>
  aboutTheLab(findings).filter((f) => f.severity === severity).map((f) => `${f.constructPath} ${f.field}: ${f.message} (${f.hint})`);

/** A web server of the lab, `props` override. */
const web = (id: string, props: (hosts: LabHosts) => Partial<AppProps>) => (cluster: ClusterChart, hosts: LabHosts) => new App(cluster, id, {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props(hosts),
});

describe('a cluster of Raspberry Pis with an x86 node, in its correct form', () => {
  const result = synthInMemory(defineLab());
  const objects = manifestsOf(result, 'pis57/main');
  const pods = objects.filter((o) => o.spec?.template?.spec !== undefined);

  test('synthesizes without errors or warnings', () => {
    expect([...said(result.findings, 'error'), ...said(result.findings, 'warning')]).toEqual([]);
  });

  test('the GPIO app runs on the Pi its relay board is wired to, and Gitea on the Pi that has the SSD', () => {
    const selector = (name: string) => pods.find((o) => o.metadata.name === name)!.spec.template.spec.nodeSelector;
    expect(selector('relays')).toEqual({ 'kubernetes.io/hostname': 'pi2' });
    expect(selector('gitea')).toEqual({ 'kubernetes.io/hostname': 'pi1' });
  });

  test("the monitoring stack on pi1 and the apps pinned there fit in pi1's 4 GB", () => {
    const release = objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'kube-prometheus-stack');
    const mebibytes = (quantity: string) => Number(quantity.replace(/Mi$/, '')) * (quantity.endsWith('Gi') ? 1024 : 1);
    const values = JSON.stringify(release.spec.values);
    const stack = [...values.matchAll(/"requests":\{"cpu":"[^"]+","memory":"(\d+Mi)"\}/g)].reduce((sum, m) => sum + mebibytes(m[1]), 0);
    const pinned = pods.filter((o) => o.spec.template.spec.nodeSelector?.['kubernetes.io/hostname'] === 'pi1')
      .flatMap((o) => o.spec.template.spec.containers).reduce((sum: number, c: any) => sum + mebibytes(c.resources.requests.memory), 0);
    expect(stack).toBeGreaterThan(0);
    expect(stack + pinned).toBeLessThan(4 * 1024);
  });
});

describe('what the Pis cannot hold', () => {
  test("the 1 GB Pi 3 as a K3s server is a warning on the cluster's hosts whose hint keeps it an agent", () => {
    const warnings = said(synthInMemory(defineLab({ pi0: { roles: ['control-plane', 'worker'], disks: [{ media: 'ssd', sizeGigabytes: 120 }] } })).findings, 'warning');
    expect(warnings).toEqual([expect.stringMatching(/^main hosts: host pi0 .*1 GB of memory: K3s measured its server .*roles: \['worker'\]/)]);
  });

  test("a control-plane Pi whose memory is written as 0 is the host's one finding, without the K3s warning", () => {
    const findings = aboutTheLab(synthInMemory(defineLab({ pi0: { roles: ['control-plane', 'worker'], memoryGigabytes: 0, disks: [{ media: 'ssd', sizeGigabytes: 120 }] } })).findings);
    expect(findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}`)).toEqual(['error inventory/host/pi0 memoryGigabytes']);
  });

  test('Prometheus given 4Gi on the 4 GB Pi it is pinned to is a warning on the stack; given 3Gi, the app pinned beside it is one on its request', () => {
    const alone = said(synthInMemory(defineLab({ stack: { resources: { prometheus: { memoryRequest: '4Gi' } } } })).findings, 'warning');
    expect(alone).toEqual([expect.stringMatching(/^main\/platform components\.kube-prometheus-stack\.resources: the parts of kube-prometheus-stack, which its placement puts on host pi1, request 4\.\d+ GiB of memory together; pi1 has 4 GB/)]);
    const beside = said(synthInMemory(defineLab({
      stack: { resources: { prometheus: { memoryRequest: '3Gi' } } },
      more: web('dashboard', ({ pi1 }) => ({ placement: { host: pi1 }, resources: { memoryRequest: '1Gi', memoryLimit: '1Gi' } })),
    })).findings, 'warning');
    expect(beside).toEqual([expect.stringMatching(/^main\/dashboard resources\.memoryRequest: the workloads that may run only on host pi1 request .* \(kube-prometheus-stack 3\.\d+ GiB, Deployment gitea\/gitea .*, Deployment dashboard\/dashboard 1 GiB\)/)]);
  });

  test('a CPU limit of 6000m on boards of four cores is a warning whose hint writes one within them; 2000m is none', () => {
    const over = said(synthInMemory(defineLab({ more: web('transcoder', () => ({ placement: { arch: 'arm64' }, resources: { cpuLimit: '6000m' } })) })).findings, 'warning');
    expect(over).toEqual([expect.stringMatching(/^main\/transcoder resources\.cpuLimit: limits cpu to 6000m, above the 4 cores of pi\d.*never binds.*\(give a limit within 4 cores \(4000m/)]);
    expect(said(synthInMemory(defineLab({ more: web('transcoder', () => ({ placement: { arch: 'arm64' }, resources: { cpuLimit: '2000m' } })) })).findings, 'warning')).toEqual([]);
  });

  test("Prometheus limited to 8 cores on the Pi it is pinned to is a warning on the stack's resources naming the part's values key", () => {
    const warnings = said(synthInMemory(defineLab({ stack: { resources: { prometheus: { cpuLimit: '8' } } } })).findings, 'warning');
    expect(warnings).toEqual([expect.stringMatching(/^main\/platform components\.kube-prometheus-stack\.resources: values\.prometheus\.prometheusSpec\.resources: limits cpu to 8, above the 4 cores of pi1/)]);
  });

  test("the K3s server role written as text, as K3s' docs name it, is the one error", () => {
    const errors = said(synthInMemory(defineLab({ pi0: { roles: 'server' as unknown as ['worker'] } })).findings, 'error');
    expect(errors).toEqual([expect.stringMatching(/^inventory\/host\/pi0 roles: roles "server" is not a list \(write roles: \['control-plane', 'worker'\]\)/)]);
  });

  test('the GPIO app left free to run anywhere is an error on its device naming the x86 node', () => {
    const errors = said(synthInMemory(defineLab({
      more: web('buttons', () => ({ devices: [AppDevice.hostDevice('/dev/gpiomem')], exemptions: { hostPath: 'reads the buttons', privileged: 'opens the GPIO registers' } })),
    })).findings, 'error');
    expect(errors).toEqual([expect.stringMatching(/^main\/buttons devices\[0\]: \/dev\/gpiomem is a device of a Raspberry Pi's own chips, and the pods may run on mini \(amd64\)/)]);
  });
});
