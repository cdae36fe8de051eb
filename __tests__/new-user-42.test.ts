import { App as CdkApp } from 'cdk8s';
import * as yaml from 'js-yaml';
import {
  App, AppController, AppDevice, AppVolume, argoCd, ClusterChart, declareExternal, Forgejo, ForgejoDatabase, hostPlacement, kubePrometheusStack, localPathStorage, metalLb, nfsStorage,
  rootInitExemption, ROOT_INIT_CAPABILITIES, SecretReference, site, synthesize, traefik,
} from '../constructs';
import { namedArch } from '../constructs/app/image-platforms';
import { unbracketedIpv6Url } from '../constructs/inventory/ip-address';
import { home, mini, pis } from './bad-input/cases-new-user-42';
import { guarded } from './bad-input/lab';
import { aboutTheLab } from './support/synth';
import { mosquittoBroker } from './support/home-apps';

// A new user's month with the library, from the README alone: four Raspberry Pi 4 (arm64) and an x86 mini PC
// with an NVIDIA card and a Coral USB accelerator, a NAS exporting NFS, Argo CD, dual-stack addresses.

/** The lab as its owner writes it after the month, every mistake mended; `extra` adds to its cluster. */
function theLab(extra: (cluster: ClusterChart) => void = () => undefined): CdkApp {
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', {
    site: home, hosts: [...pis, mini], routes: traefik({ address: home.pools.vips.at('192.168.42.200') }),
    loadBalancer: metalLb({ pools: [home.pools.vips, home.pools.vips6] }),
    storage: { nas: nfsStorage(home.nfs.nas), local: localPathStorage() }, gitops: argoCd(),
  });
  cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(mini), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  new App(cluster, 'adguard', {
    image: 'adguard/adguardhome:v0.107.57',
    ports: [{ name: 'http', port: 3000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    persistence: {
      conf: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/opt/adguardhome/conf' },
      work: { volume: AppVolume.claim({ tier: 'local', size: '5Gi' }), mountPath: '/opt/adguardhome/work' },
    },
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
    route: { host: 'adguard' },
    loadBalancer: { address: home.pools.vips.at('192.168.42.201'), ipv6Address: home.pools.vips6.at('fd42::201'), ports: ['dns-tcp', 'dns-udp'] },
  });
  const postgres = new App(cluster, 'postgres', {
    namespace: 'db', image: 'postgres:16.4', ports: [{ name: 'pg', port: 5432 }], controller: AppController.statefulSet(),
    env: { POSTGRES_PASSWORD: SecretReference.external('db', 'postgres-admin', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'local', size: '20Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    exemptions: { runAsRoot: 'the entrypoint prepares the data folder as root', addCapabilities: rootInitExemption('exec', 'gosu switches to postgres') },
    placement: { host: mini },
  });
  new App(cluster, 'gitea', {
    image: 'gitea/gitea:1.22.3-rootless', ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222 }],
    env: { GITEA__database__DB_TYPE: 'postgres', GITEA__database__HOST: 'postgres.db:5432', GITEA__database__PASSWD: SecretReference.external('gitea', 'gitea-db', 'password') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.emptyDir(), mountPath: '/etc/gitea' } },
    route: { host: 'git' }, loadBalancer: { address: home.pools.vips.at('192.168.42.202'), ports: ['ssh'] }, egress: [postgres],
  });
  new App(cluster, 'frigate', {
    image: 'ghcr.io/blakeblackshear/frigate:0.14.1', ports: [{ name: 'http', port: 5000 }], devices: [AppDevice.hostDevice('/dev/bus/usb')],
    exemptions: {
      privileged: 'the Coral USB accelerator takes a new device node when it loads its firmware', runAsRoot: 'its init (s6-overlay) starts as root',
      writableRootFilesystem: 's6-overlay writes /run', hostPath: 'the USB buses, where the Coral is',
    },
    persistence: {
      config: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/config' },
      media: { volume: AppVolume.claim({ tier: 'nas', size: '200Gi' }), mountPath: '/media/frigate' },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '512Mi' }), mountPath: '/dev/shm' },
    },
    placement: { host: mini }, route: { host: 'frigate', basicAuth: SecretReference.external('frigate', 'frigate-auth', 'users') },
  });
  const mosquitto = mosquittoBroker(cluster, home.pools.vips.at('192.168.42.204'), 'local');
  new App(cluster, 'node-red', {
    image: 'nodered/node-red:4.0.5', ports: [{ name: 'http', port: 1880 }], env: { MQTT_URL: 'mqtt://mosquitto.mosquitto:1883' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } }, route: { host: 'nodered' }, egress: [mosquitto],
  });
  new App(cluster, 'nightly', {
    namespace: 'db', image: 'postgres:16.4', command: ['sh', '-c', 'pg_dumpall -h postgres -U postgres > /backup/all.sql'],
    env: { PGPASSWORD: SecretReference.external('db', 'postgres-admin', 'password') },
    controller: AppController.cronJob({ schedule: '30 2 * * *', timeZone: 'Europe/Berlin' }),
    persistence: { backup: { volume: AppVolume.nfs(home.nfs.nas, 'backups'), mountPath: '/backup' } }, egress: [postgres],
  });
  extra(cluster);
  return app;
}

/** The objects of kind `kind` the lab writes, from the YAML files of its output. */
function objectsOf(files: Map<string, string>, kind: string): Array<Record<string, any>> {
  return [...files].filter(([file]) => file.endsWith('.yaml')).flatMap(([, text]) => yaml.loadAll(text) as Array<Record<string, any>>).filter((o) => o?.kind === kind);
}

describe('the lab of four Pis and a mini PC', () => {
  const result = synthesize(theLab(), { outdir: 'unused', write: false });

  test('synthesizes without an error or a warning it does not deserve', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("AdGuard Home's DNS is one dual-stack load balancer on TCP and UDP 53, which its policy admits from anywhere", () => {
    const services = objectsOf(result.files, 'Service').filter((s) => s.metadata.name === 'adguard-lb');
    expect(services.map((s) => [s.spec.ipFamilyPolicy, s.spec.ipFamilies, s.spec.ports.map((p: any) => `${p.protocol}/${p.port}`)]))
      .toEqual([['RequireDualStack', ['IPv4', 'IPv6'], ['TCP/53', 'UDP/53']]]);
    const policy = objectsOf(result.files, 'NetworkPolicy').find((p) => p.metadata.namespace === 'adguard')!;
    expect(policy.spec.ingress).toContainEqual({ ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] });
  });

  test('the shared PostgreSQL admits Gitea and the nightly dump on its port, and runs on the mini PC whose disk keeps its data', () => {
    const policy = objectsOf(result.files, 'NetworkPolicy').find((p) => p.metadata.namespace === 'db' && p.metadata.name === 'postgres')!;
    expect(policy.spec.ingress.flatMap((rule: any) => rule.from.map((peer: any) => peer.podSelector.matchLabels['app.kubernetes.io/name']))).toEqual(['gitea', 'nightly']);
    const set = objectsOf(result.files, 'StatefulSet').find((s) => s.metadata.name === 'postgres')!;
    expect(set.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'mini' });
  });
});

describe("an accelerator's build of an image, which its name does not say is for one architecture", () => {
  test.each([
    ['ghcr.io/blakeblackshear/frigate:0.14.1-tensorrt', 'amd64'],
    ['ghcr.io/blakeblackshear/frigate:0.14.1-tensorrt-jp6', 'arm64'],
    ['ghcr.io/blakeblackshear/frigate:0.14.1-rocm', 'amd64'],
    ['ghcr.io/immich-app/immich-machine-learning:v1.119.1-cuda', 'amd64'],
    ['ghcr.io/immich-app/immich-machine-learning:v1.119.1-armnn', 'arm64'],
    ['ollama/ollama:rocm', 'amd64'],
    ['docker.io/ollama/ollama:0.3.14-rocm', 'amd64'],
  ])('%s is built for %s', (image, arch) => {
    expect(namedArch(image)?.arch).toBe(arch);
  });

  test.each([
    'ghcr.io/blakeblackshear/frigate:0.14.1', 'ghcr.io/immich-app/immich-machine-learning:v1.119.1', 'ollama/ollama:0.3.14',
    'ghcr.io/blakeblackshear/frigate@sha256:0000000000000000000000000000000000000000000000000000000000000000',
  ])('%s, the multi-arch build, names no architecture', (image) => {
    expect(namedArch(image)).toBeUndefined();
  });

  test("Frigate's TensorRT build placed on the mini PC, by its NVIDIA GPU, passes", () => {
    const app = theLab((cluster) => new App(cluster, 'frigate-gpu', {
      image: 'ghcr.io/blakeblackshear/frigate:0.14.1-tensorrt', ports: [{ name: 'http', port: 5000 }], gpu: { vendor: 'nvidia' },
      exemptions: { runAsRoot: 'its init (s6-overlay) starts as root', writableRootFilesystem: 's6-overlay writes /run' },
      persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/config' }, shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '512Mi' }), mountPath: '/dev/shm' } },
    }));
    const findings = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.constructPath === 'main/frigate-gpu');
    expect(findings.map((f) => `${f.severity} ${f.field}: ${f.message}`)).toEqual([]);
  });
});

describe('an IPv6 address as the host of a URL', () => {
  test.each([
    ['https://fd00::10/lab.git', 'fd00::10', 'https://[fd00::10]/lab.git'],
    ['mqtt://fd42::204:1883', 'fd42::204', 'mqtt://[fd42::204]:1883'],
    ['http://fd42::20:8080/api?x=1', 'fd42::20', 'http://[fd42::20]:8080/api?x=1'],
    ['postgres://gitea:pw@fd42::30:5432/gitea', 'fd42::30', 'postgres://gitea:pw@[fd42::30]:5432/gitea'],
    ['http://2001:db8:0:0:0:0:0:5', '2001:db8:0:0:0:0:0:5', 'http://[2001:db8:0:0:0:0:0:5]'],
  ])('%s names %s without brackets: %s', (url, address, fixed) => {
    expect(unbracketedIpv6Url(url)).toEqual({ address, fixed });
  });

  test.each(['http://[fd42::20]:8080/', 'http://192.168.42.20:8080/', 'mqtt://mosquitto.mosquitto:1883', 'fd42::20', 'https://fd42.example:443'])('%s is written as a URL takes it', (url) => {
    expect(unbracketedIpv6Url(url)).toBeUndefined();
  });

  test("an app's env URL written so is the one error of the lab, on the variable", () => {
    const app = theLab(guarded((cluster: ClusterChart) => new App(cluster, 'dashboard', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], env: { MQTT_SERVER: 'mqtt://fd42::204:1883' },
    })));
    const result = synthesize(app, { outdir: 'unused', write: false });
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/dashboard env.MQTT_SERVER']);
    expect(errors[0].hint).toBe("put the address in brackets: MQTT_SERVER: 'mqtt://[fd42::204]:1883'");
  });
});

describe("Forgejo's PostgreSQL at an IPv6 address", () => {
  /** The env Forgejo's container gets, with its database on PostgreSQL at `host`, and the lab's errors. */
  const forgejoWith = (host: string) => {
    const app = theLab(guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', {
      route: { host: 'forge' }, storage: AppVolume.claim({ tier: 'local', size: '10Gi' }), ssh: { domain: 'fd42::202' },
      database: ForgejoDatabase.postgres({ host, password: SecretReference.external('forgejo', 'forgejo-db', 'password') }),
    })));
    const result = synthesize(app, { outdir: 'unused', write: false });
    const deployment = objectsOf(result.files, 'Deployment').find((d) => d.metadata.name === 'forgejo');
    const env = Object.fromEntries((deployment?.spec.template.spec.containers[0].env ?? []).map((e: any) => [e.name, e.value]));
    return { env, errors: result.findings.filter((f) => f.severity === 'error') };
  };

  test('written bare, it is taken, and HOST puts it in brackets before the port, where Forgejo splits host and port', () => {
    const { env, errors } = forgejoWith('fd42::30');
    expect(errors.map((f) => `${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
    expect([env.GITEA__database__HOST, env.GITEA__server__SSH_DOMAIN]).toEqual(['[fd42::30]:5432', 'fd42::202']);
  });

  test('written in brackets with its port, the hint gives the address and the port apart', () => {
    const { errors } = forgejoWith('[fd42::30]:5433');
    expect(errors.map((f) => `${f.constructPath} ${f.field}: ${f.hint}`))
      .toEqual(["main/forgejo database.postgres.host: write the server's host name alone: host: 'fd42::30', and port: 5433"]);
  });
});

describe('the NAS exporting NFS at its IPv6 address', () => {
  test("a pod's NFS volume names the server in brackets, as mount.nfs reads an IPv6 server; csi-driver-nfs' StorageClass takes it bare", () => {
    const nas6 = site('nu42v6', {
      domain: 'v6.nu42.test', hosts: [mini], git: { url: 'https://github.com/nu42/lab.git' }, nfs: { nas: { server: 'fd42::5', path: '/volume1/k8s' } },
    });
    const app = new CdkApp();
    const cluster = new ClusterChart(app, 'v6', {
      site: nas6, hosts: [mini], routes: traefik({ nodePorts: true }), storage: { nas: nfsStorage(nas6.nfs.nas) }, gitops: argoCd(),
    });
    new App(cluster, 'nightly', {
      image: 'postgres:16.4', command: ['sh', '-c', 'pg_dumpall -h postgres.db -U postgres > /backup/all.sql'], ports: [],
      controller: AppController.cronJob({ schedule: '30 2 * * *' }),
      persistence: { backup: { volume: AppVolume.nfs(nas6.nfs.nas, 'backups'), mountPath: '/backup' } },
    });
    const result = synthesize(app, { outdir: 'unused', write: false });
    const cron = objectsOf(result.files, 'CronJob')[0];
    const volume = cron.spec.jobTemplate.spec.template.spec.volumes.find((v: any) => v.name === 'backup');
    expect(volume.nfs).toEqual({ server: '[fd42::5]', path: '/volume1/k8s/backups' });
    expect(cron.metadata.annotations['security.homelab.dev/nfs-volume']).toBe('mounts NFS export [fd42::5]:/volume1/k8s/backups');
    expect(objectsOf(result.files, 'StorageClass').find((c) => c.metadata.name === 'nfs-csi')!.parameters.server).toBe('fd42::5');
  });
});

describe('a volume given as the persistence entry itself', () => {
  test('is one error on the entry, not one on its type as an app-template item and one more on its claim', () => {
    const app = theLab(guarded((cluster: ClusterChart) => new App(cluster, 'dashboard', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      persistence: { data: AppVolume.emptyDir({ sizeLimit: '1Gi' }) as never },
    })));
    const errors = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/dashboard persistence.data']);
  });
});

describe('a route to an app whose first port is UDP', () => {
  test("the ingress controller is admitted on the TCP port the route sends to, not on the VPN's UDP port listed first", () => {
    const app = theLab((cluster) => new App(cluster, 'wireguard', {
      image: 'ghcr.io/nu42/wireguard-panel:1.0.0', ports: [{ name: 'wg', port: 51820, protocol: 'UDP' }, { name: 'http', port: 51821 }],
      route: { host: 'vpn' }, loadBalancer: { address: home.pools.vips.at('192.168.42.211'), ports: ['wg'] },
    }));
    const result = synthesize(app, { outdir: 'unused', write: false });
    const route = objectsOf(result.files, 'IngressRoute').find((r) => r.metadata.name === 'wireguard')!;
    expect(route.spec.routes[0].services).toEqual([{ name: 'wireguard', port: 51821 }]);
    const policy = objectsOf(result.files, 'NetworkPolicy').find((p) => p.metadata.namespace === 'wireguard')!;
    const fromTraefik = policy.spec.ingress.find((rule: any) => rule.from?.[0]?.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === 'traefik');
    expect(fromTraefik.ports).toEqual([{ port: 51821, protocol: 'TCP' }]);
  });
});

describe("a Service's namespace written one letter off", () => {
  test("Node-RED's MQTT URL to mosquitto.mosquito is a warning naming the namespace the Service is in", () => {
    const app = theLab((cluster) => new App(cluster, 'homebridge', {
      image: 'ghcr.io/nu42/homebridge:1.0.0', ports: [{ name: 'http', port: 8581 }], env: { MQTT_URL: 'mqtt://mosquitto.mosquito:1883' },
    }));
    const found = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.field === 'env.MQTT_URL');
    expect(found.map((f) => `${f.severity} ${f.constructPath}: ${f.hint}`)).toEqual(['warning main/homebridge: call mosquitto.mosquitto']);
  });

  test('a machine of the network under a name no namespace is near, nas.lan, is left alone', () => {
    const app = theLab((cluster) => new App(cluster, 'homebridge', {
      image: 'ghcr.io/nu42/homebridge:1.0.0', ports: [{ name: 'http', port: 8581 }], env: { NAS_URL: 'http://nas.lan:5000' },
    }));
    expect(synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.field === 'env.NAS_URL')).toEqual([]);
  });
});

describe('Pi-hole behind a load balancer', () => {
  /** The lab with Pi-hole of `image` in place of AdGuard Home's DNS, with `env` and `extra` props; its findings on env. */
  const piholeFindings = (image: string, env: Record<string, string> = {}, extra: Record<string, unknown> = {}) => {
    const app = theLab((cluster) => new App(cluster, 'pihole', {
      image, ports: [{ name: 'http', port: 80 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
      env: { TZ: 'Europe/Berlin', ...env },
      exemptions: {
        runAsRoot: 'its start script sets up pihole-FTL as root', writableRootFilesystem: 'its start script writes its crontab',
        addCapabilities: { capabilities: [...ROOT_INIT_CAPABILITIES, 'NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP', 'KILL'], reason: 'pihole-FTL serves DNS on 53' },
      },
      persistence: { etc: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/etc/pihole' } },
      loadBalancer: { address: home.pools.vips.at('192.168.42.207'), ports: ['dns-tcp', 'dns-udp'] }, ...extra,
    }));
    return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.constructPath === 'main/pihole').map((f) => `${f.severity} ${f.field}: ${f.hint}`);
  };

  test.each([
    ['pihole/pihole:2025.03.0', 'FTLCONF_dns_listeningMode'],
    ['pihole/pihole:2024.07.0', 'DNSMASQ_LISTENING'],
  ])("%s left at its listening mode, which refuses the LAN's queries, is a warning on %s", (image, variable) => {
    expect(piholeFindings(image)).toEqual([
      `warning env.${variable}: let it answer every origin, as Pi-hole's Docker documentation does for a bridge network: env: { ${variable}: 'all' }`,
    ]);
  });

  test('answering every origin, or on the host network, it passes', () => {
    expect(piholeFindings('pihole/pihole:2025.03.0', { FTLCONF_dns_listeningMode: 'all' })).toEqual([]);
    expect(piholeFindings('pihole/pihole:2025.03.0', {}, { loadBalancer: undefined, exemptions: {
      runAsRoot: 'its start script sets up pihole-FTL as root', writableRootFilesystem: 'its start script writes its crontab', hostNetwork: 'answers the LAN on its node',
      addCapabilities: { capabilities: [...ROOT_INIT_CAPABILITIES, 'NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP', 'KILL'], reason: 'pihole-FTL serves DNS on 53' },
    } }).filter((f) => f.includes('env.'))).toEqual([]);
  });
});
