import { App, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// Game servers for friends, from the README alone: a Paper server behind Velocity whose world itzg/mc-backup copies
// nightly (pausing saves over RCON), Satisfactory, Palworld with its admin password and REST API, Valheim and
// Factorio, each reached through MetalLB, and Pterodactyl's Wings for the rest. Earlier rounds refused most port, EULA, heap and world mistakes; these
// were taken: a backup sidecar that could never pause saving, a Satisfactory server no client could claim, Palworld's
// game port left at TCP and its admin API handed to the internet, Wings whose game servers started on empty folders,
// and Factorio, whose entrypoint cannot rewrite its config.ini on the read-only root every App gets.

/** An app `id` of the friends' games in namespace `games`, `props` its own. */
const game = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  namespace: 'games', resources: { memoryLimit: '2Gi' }, ...props,
} as AppProps));

const RCON_PASSWORD = SecretReference.external('games', 'minecraft', 'rcon-password');

/** itzg/mc-backup as a sidecar of the server, copying its world with restic; `env` adds to its own. */
const backupSidecar = (env: Record<string, unknown> = {}) => ({
  name: 'backup', image: 'itzg/mc-backup:2024.12.0',
  env: { BACKUP_METHOD: 'restic', RESTIC_REPOSITORY: '/backups', RESTIC_PASSWORD: SecretReference.external('games', 'minecraft', 'restic-password'), ...env },
});

/** The Paper server behind the proxy, its world on a claim that mc-backup reads too; `env` adds to the server's. */
const paper = (env: Record<string, unknown>, backup: Record<string, unknown>) => game('paper', {
  image: 'itzg/minecraft-server:2024.12.1', ports: [{ name: 'minecraft', port: 25565 }],
  env: { EULA: 'TRUE', TYPE: 'PAPER', MEMORY: '4G', ...env }, resources: { memoryLimit: '6Gi' },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/data', containers: ['paper', 'backup'] },
    backups: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/backups', containers: ['backup'] },
  },
  sidecars: [backupSidecar(backup)],
} as Partial<AppProps>);

/** Satisfactory with `ports`, behind its own load balancer. */
const satisfactory = (ports: AppProps['ports']) => game('satisfactory', {
  image: 'wolveix/satisfactory-server:v1.9.4', ports, resources: { memoryLimit: '12Gi' },
  persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/config' } },
  loadBalancer: { address: lab.pools.vips.at('10.0.8.13') },
});

/** Palworld with `ports` and its admin password, behind a load balancer of `exposed` (every port unless given). */
const palworld = (ports: AppProps['ports'], exposed?: string[], env: Record<string, unknown> = {}) => game('palworld', {
  image: 'thijsvanloef/palworld-server-docker:v1.4.3', ports, resources: { memoryLimit: '16Gi' },
  env: { PLAYERS: '8', ADMIN_PASSWORD: SecretReference.external('games', 'palworld', 'admin-password'), ...env },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/palworld' } },
  probes: { readiness: { tcp: true, port: 8212 } },
  loadBalancer: { address: lab.pools.vips.at('10.0.8.14'), ports: exposed },
});

/** Pterodactyl's Wings with its data folder and its install folder on `data` and `install`. */
const wings = (data: ReturnType<typeof AppVolume.claim>, install: ReturnType<typeof AppVolume.claim>) => game('wings', {
  image: 'ghcr.io/pterodactyl/wings:v1.11.13', ports: [{ name: 'api', port: 8080 }, { name: 'sftp', port: 2022 }],
  exemptions: { runAsRoot: 'Wings manages the game servers through Docker', hostPath: "the game servers' folders are the node's" },
  persistence: {
    config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/pterodactyl' },
    data: { volume: data, mountPath: '/var/lib/pterodactyl' },
    tmp: { volume: install, mountPath: '/tmp/pterodactyl' },
  },
});

const PALWORLD_PORTS: AppProps['ports'] = [{ name: 'game', port: 8211, protocol: 'UDP' }, { name: 'query', port: 27015, protocol: 'UDP' }, { name: 'api', port: 8212 }];

export const CASES: BadInput[] = [
  // The nightly backup pauses saving over RCON.
  {
    name: "the Minecraft server's RCON turned off for safety beside the mc-backup sidecar",
    build: paper({ ENABLE_RCON: 'false' }, {}),
    layer: 'props', path: 'paper', field: 'env.ENABLE_RCON', message: /Unable to turn saving off/, hint: /drop ENABLE_RCON/,
  },
  {
    name: "mc-backup reading its RCON password from another key than the server's",
    build: paper({ RCON_PASSWORD }, { RCON_PASSWORD: SecretReference.external('games', 'minecraft', 'password') }),
    layer: 'props', path: 'paper', field: 'sidecars[0].env.RCON_PASSWORD', message: /two keys hold two passwords/, hint: /Secret minecraft key rcon-password/,
  },
  {
    name: 'mc-backup given an RCON password the server never set',
    build: paper({}, { RCON_PASSWORD }),
    layer: 'props', path: 'paper', field: 'sidecars[0].env.RCON_PASSWORD', message: /random RCON password at each start/,
  },
  // Satisfactory's 7777 carries the game over UDP and its HTTPS API over TCP.
  {
    name: "Satisfactory's port 7777 declared for UDP alone, as guides before 1.0 wrote it",
    build: satisfactory([{ name: 'game', port: 7777, protocol: 'UDP' }, { name: 'beacon', port: 15000, protocol: 'UDP' }, { name: 'query', port: 15777, protocol: 'UDP' }]),
    layer: 'props', path: 'satisfactory', field: 'ports[0].protocol', message: /claimed nor joined/, hint: /\{ name: 'api', port: 7777 \}/,
  },
  // Pterodactyl's Wings hands the game servers' folders to the node's Docker by their path.
  {
    name: "Wings' data folder on a claim, as for any other app",
    build: wings(AppVolume.claim({ tier: 'fast', size: '100Gi' }), AppVolume.hostPath('/tmp/pterodactyl', 'DirectoryOrCreate')),
    layer: 'props', path: 'wings', field: 'persistence.data.volume', message: /binds the node's own \/var\/lib\/pterodactyl\/volumes/, hint: /AppVolume\.hostPath\('\/var\/lib\/pterodactyl'/,
  },
  // Factorio as the README's secure defaults run it.
  {
    name: 'Factorio with nothing but its ports, world and memory limit',
    build: game('factorio', {
      image: 'factoriotools/factorio:2.0.23', ports: [{ name: 'game', port: 34197, protocol: 'UDP' }, { name: 'rcon', port: 27015 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/factorio' } },
      loadBalancer: { address: lab.pools.vips.at('10.0.8.15'), ports: ['game'] },
    }),
    layer: 'props', path: 'factorio', field: 'image', message: /read-only/, hint: /runAsUser: 845, runAsGroup: 845, exemptions: \{ writableRootFilesystem/,
  },
  // Palworld.
  {
    name: "Palworld's game port 8211 left at TCP",
    build: palworld([{ name: 'game', port: 8211 }, { name: 'query', port: 27015, protocol: 'UDP' }], ['game', 'query']),
    layer: 'props', path: 'palworld', field: 'ports[0].protocol', message: /Palworld speaks UDP/,
  },
  {
    name: "Palworld's REST API exposed on the load balancer with every other port",
    build: palworld(PALWORLD_PORTS),
    layer: 'props', path: 'palworld', field: 'loadBalancer', message: /REST API/, hint: /ports: \['game', 'query'\]/,
  },
];
