import type { Construct } from 'constructs';
import {
  App, AppVolume, argoCd, ClusterChart, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// Game servers for a group of friends as a newcomer writes them from the README: a Ryzen workstation and an older PC
// on K3s with Argo CD; Minecraft Java with RCON, a nightly backup to the NAS and BlueMap's web map behind a route,
// a Bedrock server, Valheim, Factorio, Mumble and a Discord bot, each game on an address of MetalLB's pool.

const ryzen = host('nu56-ryzen', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.56.10', cores: 16, memoryGigabytes: 64 });
const oldPc = host('nu56-oldpc', { arch: 'amd64', roles: ['worker'], address: '192.168.56.11', cores: 4, memoryGigabytes: 16 });
const lab = site('nu56', {
  domain: 'games.nu56.example.net', hosts: [ryzen, oldPc], git: { url: 'https://github.com/nu56/game-lab.git' },
  pools: { vips: { first: '192.168.56.240', last: '192.168.56.246' } },
  nfs: { backups: { server: '192.168.56.5', path: '/volume1/backups' } },
});

/** The Minecraft Java server with RCON, BlueMap on 8100 and itzg's backup beside it; `props` override. */
const minecraftProps = (props: Partial<AppProps> = {}): AppProps => ({
  namespace: 'minecraft', image: 'itzg/minecraft-server:2024.12.1',
  ports: [{ name: 'java', port: 25565 }, { name: 'rcon', port: 25575 }, { name: 'map', port: 8100 }],
  env: { EULA: 'TRUE', TYPE: 'PAPER', MEMORY: '6G', TZ: 'Europe/Berlin', RCON_PASSWORD: SecretReference.external('minecraft', 'minecraft-rcon', 'password') },
  resources: { cpuRequest: '2', memoryRequest: '8Gi', memoryLimit: '8Gi' },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/data' },
    backups: { volume: AppVolume.nfs(lab.nfs.backups, 'minecraft'), mountPath: '/backups', containers: ['backup'] },
  },
  sidecars: [{
    name: 'backup', image: 'itzg/mc-backup:2024.11.2',
    env: {
      BACKUP_METHOD: 'restic', RESTIC_REPOSITORY: '/backups', BACKUP_INTERVAL: '24h', RCON_HOST: 'localhost',
      RCON_PASSWORD: SecretReference.external('minecraft', 'minecraft-rcon', 'password'),
      RESTIC_PASSWORD: SecretReference.external('minecraft', 'restic', 'password'),
    },
    mounts: [{ volume: 'data', mountPath: '/data', readOnly: true }],
    resources: { memoryLimit: '512Mi' },
  }],
  probes: { readiness: { tcp: true, port: 25565 } },
  placement: { host: ryzen },
  loadBalancer: { address: lab.pools.vips.at('192.168.56.241'), ports: ['java'], externalTrafficPolicy: 'Local' },
  route: { host: 'map', port: 8100 },
  ...props,
});

/** The lab; `minecraft` overrides the Minecraft server's props. */
const defineLab = (minecraft: Partial<AppProps> = {}) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [ryzen, oldPc], storage: { fast: localPathStorage() }, gitops: argoCd(), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: lab.pools.vips.at('192.168.56.240') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }),
  });
  new App(cluster, 'minecraft', minecraftProps(minecraft));
  new App(cluster, 'bedrock', {
    namespace: 'bedrock', image: 'itzg/minecraft-bedrock-server:2024.11.0', ports: [{ name: 'game', port: 19132, protocol: 'UDP' }],
    env: { EULA: 'TRUE', SERVER_NAME: 'Friends' }, resources: { memoryLimit: '2Gi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
    probes: { readiness: { command: ['mc-monitor', 'status-bedrock', '--host', '127.0.0.1'] } },
    loadBalancer: { address: lab.pools.vips.at('192.168.56.242'), externalTrafficPolicy: 'Local' },
  });
  new App(cluster, 'valheim', {
    namespace: 'valheim', image: 'lloesche/valheim-server:v0.7.1',
    ports: [{ name: 'game', port: 2456, protocol: 'UDP' }, { name: 'query', port: 2457, protocol: 'UDP' }],
    env: { SERVER_NAME: 'Friends', WORLD_NAME: 'Midgard', SERVER_PASS: SecretReference.external('valheim', 'valheim', 'password') },
    resources: { cpuRequest: '2', memoryRequest: '4Gi', memoryLimit: '6Gi' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
    probes: { readiness: { command: ['pgrep', 'valheim_server'] } },
    loadBalancer: { address: lab.pools.vips.at('192.168.56.243'), externalTrafficPolicy: 'Local' },
  });
  new App(cluster, 'factorio', {
    namespace: 'factorio', image: 'factoriotools/factorio:2.0.23',
    ports: [{ name: 'game', port: 34197, protocol: 'UDP' }, { name: 'rcon', port: 27015 }], resources: { memoryLimit: '4Gi' },
    runAsUser: 845, runAsGroup: 845, exemptions: { writableRootFilesystem: 'the entrypoint rewrites /opt/factorio/config/config.ini' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/factorio' } },
    probes: { readiness: { tcp: true, port: 27015 } },
    loadBalancer: { address: lab.pools.vips.at('192.168.56.244'), ports: ['game'], externalTrafficPolicy: 'Local' },
  });
  new App(cluster, 'mumble', {
    namespace: 'voice', image: 'mumblevoip/mumble-server:v1.5.735',
    ports: [{ name: 'voice', port: 64738 }, { name: 'voice-udp', port: 64738, protocol: 'UDP' }],
    env: { MUMBLE_SUPERUSER_PASSWORD: SecretReference.external('voice', 'mumble', 'superuser-password') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    loadBalancer: { address: lab.pools.vips.at('192.168.56.245'), externalTrafficPolicy: 'Local' },
  });
  new App(cluster, 'discord-bot', {
    namespace: 'discord-bot', image: 'ghcr.io/nu56/mc-discord-bot:1.2.0',
    env: { DISCORD_TOKEN: SecretReference.external('discord-bot', 'discord', 'token') },
    probes: { readiness: false, liveness: false }, exemptions: { probes: 'a bot serves nothing to probe' },
  });
};

describe("a newcomer's game servers for friends", () => {
  const result = synthInMemory(defineLab());
  const objects = manifestsOf(result, 'nu56/main');
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("the Minecraft world is one server's: one replica on a ReadWriteOnce claim, recreated, with time to save the world as it stops", () => {
    const deployment = find('Deployment', 'minecraft');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(70);
    expect(find('PersistentVolumeClaim', 'minecraft-data').spec.accessModes).toEqual(['ReadWriteOnce']);
  });

  test("the grace period follows the runner's STOP_DURATION", () => {
    const longer = manifestsOf(synthInMemory(defineLab({ env: { ...minecraftProps().env, STOP_DURATION: '120' } })), 'nu56/main');
    expect(longer.find((o) => o.kind === 'Deployment' && o.metadata.name === 'minecraft').spec.template.spec.terminationGracePeriodSeconds).toBe(130);
  });

  test('the games get their UDP ports on their load balancers, each on its own address, the players\' addresses kept', () => {
    const ports = (name: string) => find('Service', `${name}-lb`).spec.ports.map((p: any) => `${p.protocol ?? 'TCP'}/${p.port}`);
    expect(ports('valheim')).toEqual(['UDP/2456', 'UDP/2457']);
    expect(ports('factorio')).toEqual(['UDP/34197']);
    expect(ports('bedrock')).toEqual(['UDP/19132']);
    expect(ports('mumble')).toEqual(['TCP/64738', 'UDP/64738']);
    expect(ports('minecraft')).toEqual(['TCP/25565']);
    const services = ['minecraft', 'bedrock', 'valheim', 'factorio', 'mumble'].map((name) => find('Service', `${name}-lb`));
    expect(services.map((s) => s.spec.externalTrafficPolicy)).toEqual(['Local', 'Local', 'Local', 'Local', 'Local']);
    expect(new Set(services.map((s) => s.metadata.annotations['metallb.io/loadBalancerIPs'])).size).toBe(5);
  });

  test("the backup reaches the NAS: itzg's backup beside the server reads the world read-only and writes its restic repository to the export", () => {
    const pod = find('Deployment', 'minecraft').spec.template.spec;
    const backup = pod.initContainers.find((c: any) => c.name === 'backup');
    expect(backup.restartPolicy).toBe('Always');
    const mounts = Object.fromEntries(backup.volumeMounts.map((m: any) => [m.mountPath, m]));
    expect(mounts['/data'].readOnly).toBe(true);
    const backups = pod.volumes.find((v: any) => v.name === mounts['/backups'].name);
    expect(backups.nfs).toEqual({ server: '192.168.56.5', path: '/volume1/backups/minecraft' });
    expect(backup.env.find((e: any) => e.name === 'RESTIC_REPOSITORY').value).toBe('/backups');
  });

  test('the web map is routed on its own port, not the game port', () => {
    const route = find('IngressRoute', 'minecraft');
    expect(route.spec.routes[0].services[0].port).toBe(8100);
  });
});
