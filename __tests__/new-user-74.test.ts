import type { Construct } from 'constructs';
import { App, AppVolume, ClusterChart, flux, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// Game servers for friends as a newcomer writes them from the README: one K3s box that also runs Docker for
// Pterodactyl's Wings; a Paper server behind Velocity whose world itzg/mc-backup copies nightly, Satisfactory,
// Palworld with its REST API kept inside, Valheim and Factorio, each on an address of MetalLB's pool.

const box = host('nu74-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.74.20', memoryGigabytes: 64, services: ['docker'] });
const lab = site('nu74', {
  domain: 'games.nu74.example.net', hosts: [box], git: { url: 'https://github.com/nu74/games.git' },
  pools: { games: { first: '192.168.74.200', last: '192.168.74.220' } },
});
const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const RCON_PASSWORD = SecretReference.external('minecraft', 'paper', 'rcon-password');

/** The lab; `paper` adds to the Paper server's props. */
const defineLab = (paper: Partial<AppProps> = {}) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [box], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: lab.pools.games.at('192.168.74.200') }),
    loadBalancer: metalLb({ pools: [lab.pools.games] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  const velocity = new App(cluster, 'velocity', {
    namespace: 'minecraft', image: 'itzg/mc-proxy:2024.12.0', ports: [{ name: 'minecraft', port: 25577 }],
    env: { TYPE: 'VELOCITY', MEMORY: '512m' }, resources: { memoryLimit: '1Gi' },
    persistence: { server: { volume: claim('1Gi'), mountPath: '/server' } },
    loadBalancer: { address: lab.pools.games.at('192.168.74.201'), externalTrafficPolicy: 'Local' },
  });
  new App(cluster, 'paper', {
    namespace: 'minecraft', image: 'itzg/minecraft-server:2024.12.1', ports: [{ name: 'minecraft', port: 25565 }, { name: 'rcon', port: 25575 }],
    env: { EULA: 'TRUE', TYPE: 'PAPER', MEMORY: '4G', ONLINE_MODE: 'FALSE', RCON_PASSWORD },
    resources: { memoryLimit: '6Gi' },
    persistence: {
      data: { volume: claim('20Gi'), mountPath: '/data', containers: ['paper', 'backup'] },
      backups: { volume: claim('50Gi'), mountPath: '/backups', containers: ['backup'] },
    },
    sidecars: [{
      name: 'backup', image: 'itzg/mc-backup:2024.12.0',
      env: { BACKUP_INTERVAL: '24h', RCON_PASSWORD, BACKUP_METHOD: 'restic', RESTIC_REPOSITORY: '/backups', RESTIC_PASSWORD: SecretReference.external('minecraft', 'paper', 'restic-password') },
    }],
    allowFrom: [velocity],
    ...paper,
  });
  new App(cluster, 'satisfactory', {
    namespace: 'satisfactory', image: 'wolveix/satisfactory-server:v1.9.4',
    ports: [{ name: 'game', port: 7777, protocol: 'UDP' }, { name: 'api', port: 7777 }, { name: 'messaging', port: 8888 }],
    resources: { memoryLimit: '12Gi' }, persistence: { config: { volume: claim('20Gi'), mountPath: '/config' } },
    loadBalancer: { address: lab.pools.games.at('192.168.74.203') },
  });
  new App(cluster, 'palworld', {
    namespace: 'palworld', image: 'thijsvanloef/palworld-server-docker:v1.4.3',
    ports: [{ name: 'game', port: 8211, protocol: 'UDP' }, { name: 'query', port: 27015, protocol: 'UDP' }, { name: 'api', port: 8212 }],
    env: { PLAYERS: '8', ADMIN_PASSWORD: SecretReference.external('palworld', 'palworld', 'admin-password') },
    resources: { memoryLimit: '16Gi' }, persistence: { data: { volume: claim('20Gi'), mountPath: '/palworld' } },
    loadBalancer: { address: lab.pools.games.at('192.168.74.204'), ports: ['game', 'query'] },
  });
  new App(cluster, 'valheim', {
    namespace: 'valheim', image: 'lloesche/valheim-server:v0.7.1',
    ports: [{ name: 'game', port: 2456, protocol: 'UDP' }, { name: 'query', port: 2457, protocol: 'UDP' }],
    env: { SERVER_NAME: 'Friends', WORLD_NAME: 'Dedicated', SERVER_PASS: SecretReference.external('valheim', 'valheim', 'password') },
    resources: { memoryLimit: '8Gi' }, probes: { readiness: { command: ['pgrep', '-f', 'valheim_server'] } },
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config' } },
    loadBalancer: { address: lab.pools.games.at('192.168.74.202') },
  });
  new App(cluster, 'factorio', {
    namespace: 'factorio', image: 'factoriotools/factorio:2.0.23',
    ports: [{ name: 'game', port: 34197, protocol: 'UDP' }, { name: 'rcon', port: 27015 }], resources: { memoryLimit: '4Gi' },
    runAsUser: 845, runAsGroup: 845, exemptions: { writableRootFilesystem: 'the entrypoint rewrites /opt/factorio/config/config.ini' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/factorio' } },
    loadBalancer: { address: lab.pools.games.at('192.168.74.205'), ports: ['game'] },
  });
  // Wings' compose file mounts the node's folders at their own paths; `tmp` is the natural name of /tmp/pterodactyl.
  new App(cluster, 'wings', {
    namespace: 'pterodactyl', image: 'ghcr.io/pterodactyl/wings:v1.11.13', ports: [{ name: 'api', port: 8080 }, { name: 'sftp', port: 2022 }],
    resources: { memoryLimit: '512Mi' },
    exemptions: { runAsRoot: 'Wings manages the game servers through Docker', hostPath: "Docker's socket and the game servers' folders are the node's" },
    persistence: {
      docker: { volume: AppVolume.hostPath('/var/run/docker.sock', 'Socket'), mountPath: '/var/run/docker.sock' },
      config: { volume: claim('1Gi'), mountPath: '/etc/pterodactyl' },
      data: { volume: AppVolume.hostPath('/var/lib/pterodactyl', 'DirectoryOrCreate'), mountPath: '/var/lib/pterodactyl' },
      tmp: { volume: AppVolume.hostPath('/tmp/pterodactyl', 'DirectoryOrCreate'), mountPath: '/tmp/pterodactyl' },
    },
    loadBalancer: { address: lab.pools.games.at('192.168.74.206') },
  });
};

describe("a newcomer's game servers with a proxy, backups and Wings", () => {
  const result = synthInMemory(defineLab());
  const objects = manifestsOf(result, 'nu74/main');
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("Wings' own volume named tmp keeps its name, and the scratch space of its read-only root takes another", () => {
    const pod = find('Deployment', 'wings').spec.template.spec;
    expect(pod.volumes.filter((v: any) => v.name.startsWith('tmp'))).toEqual([
      { name: 'tmp-scratch', emptyDir: {} },
      { name: 'tmp', hostPath: { path: '/tmp/pterodactyl', type: 'DirectoryOrCreate' } },
    ]);
    expect(pod.containers[0].volumeMounts.filter((m: any) => m.name.startsWith('tmp'))).toEqual([
      { mountPath: '/tmp', name: 'tmp-scratch' },
      { mountPath: '/tmp/pterodactyl', name: 'tmp' },
    ]);
  });

  test("Satisfactory's 7777 is served over both protocols, and Palworld's admin API stays off its load balancer", () => {
    const ports = (name: string) => find('Service', `${name}-lb`).spec.ports.map((p: any) => `${p.protocol ?? 'TCP'}/${p.port}`);
    expect(ports('satisfactory')).toEqual(['UDP/7777', 'TCP/7777', 'TCP/8888']);
    expect(ports('palworld')).toEqual(['UDP/8211', 'UDP/27015']);
  });

  test('the offline-mode server behind the proxy, also put on a load balancer of its own, draws one warning there', () => {
    const exposed = synthInMemory(defineLab({ loadBalancer: { address: lab.pools.games.at('192.168.74.207'), ports: ['minecraft'], externalTrafficPolicy: 'Local' } }));
    expect(aboutTheLab(exposed.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}`)).toEqual(['warning main/paper loadBalancer.ports']);
  });
});
