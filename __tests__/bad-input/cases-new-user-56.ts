import { JsonPatch } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, raw } from './lab';

// Game servers for a group of friends, from the README alone: a Minecraft Java server with RCON and a web map
// (BlueMap), a Bedrock server, Valheim, Factorio, a Mumble or TeamSpeak server, a Discord bot and a nightly
// backup of the world to the NAS. Earlier rounds refused Bedrock's and Valheim's UDP ports left at TCP, a port
// range written as one port, MEMORY or -Xmx at or above the memory limit, replicas and RollingUpdate on a
// ReadWriteOnce claim, an inline RCON password or Discord token, docker's units and "2 cores"; these were taken.

/** An app `id` of the friends' games in namespace `games`, `props` its own. */
const game = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  namespace: 'games', resources: { memoryLimit: '2Gi' }, ...props,
} as AppProps));

/** The Minecraft Java server with its RCON and BlueMap's web map, its world on a claim; `props` override. */
const minecraft = (props: Partial<AppProps> = {}) => game('minecraft', {
  image: 'itzg/minecraft-server:2024.12.1',
  ports: [{ name: 'java', port: 25565 }, { name: 'rcon', port: 25575 }, { name: 'map', port: 8100 }],
  env: { EULA: 'TRUE', TYPE: 'PAPER', MEMORY: '6G' }, resources: { memoryLimit: '8Gi' },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/data' } },
  loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['java'], externalTrafficPolicy: 'Local' },
  ...props,
});

/** The Minecraft server beside a backup app `id` of `props` that reads its world. */
const besideMinecraft = (id: string, props: Partial<AppProps>) => (cluster: ClusterChart) => {
  minecraft()(cluster);
  game(id, props)(cluster);
};

/** How Factorio's image starts: as its own user, on a writable root its entrypoint rewrites a file of. */
const FACTORIO_USER = { runAsUser: 845, runAsGroup: 845, exemptions: { writableRootFilesystem: 'the entrypoint rewrites /opt/factorio/config/config.ini' } };

/** A Service `games/<name>` of `ports`, selecting the pods of app `name`. */
const gameService = (name: string, ports: Array<Record<string, unknown>>) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'games' },
  spec: { selector: { 'app.kubernetes.io/name': name }, ports },
});

export const CASES: BadInput[] = [
  // Ports: the games' UDP.
  {
    name: "Factorio's game port 34197 left at TCP",
    build: game('factorio', {
      image: 'factoriotools/factorio:2.0.23', ports: [{ name: 'game', port: 34197 }, { name: 'rcon', port: 27015 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/factorio' } },
      ...FACTORIO_USER,
    }),
    layer: 'props', path: 'factorio', field: 'ports[0].protocol', message: /Factorio speaks UDP/, hint: /protocol: 'UDP'/,
  },
  {
    name: "TeamSpeak's voice port 9987 left at TCP beside its ServerQuery and file transfer",
    build: game('teamspeak', {
      image: 'teamspeak:3.13.7', env: { TS3SERVER_LICENSE: 'accept' },
      ports: [{ name: 'voice', port: 9987 }, { name: 'query', port: 10011 }, { name: 'files', port: 30033 }],
    }),
    layer: 'props', path: 'teamspeak', field: 'ports[0].protocol', message: /TeamSpeak 3's voice speaks UDP/,
  },
  // Routes: the web map's route on a port that speaks no HTTP.
  {
    name: "the web map's route sent to Minecraft's game port",
    build: minecraft({ route: { host: 'map', port: 25565 } }),
    layer: 'references', path: 'minecraft', field: 'route.port', message: /25565 \(java\) serves Minecraft Java Edition/, hint: /port of the server, such as a map's \(BlueMap's 8100/,
  },
  {
    name: 'a route to the RCON console, to run commands from a browser',
    build: minecraft({ route: { host: 'console', port: 25575 } }),
    layer: 'references', path: 'minecraft', field: 'route.port', message: /remote console/, hint: /rcon-cli/,
  },
  {
    name: "a hand-written Ingress to Mumble's port",
    build: (c: ClusterChart) => {
      raw(c, 'mumble', gameService('mumble', [{ name: 'voice', port: 64738 }, { name: 'voice-udp', port: 64738, protocol: 'UDP' }]));
      raw(c, 'voice-ingress', {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'voice', namespace: 'games' },
        spec: { ingressClassName: 'traefik', rules: [{ host: 'voice.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'mumble', port: { number: 64738 } } } }] } }] },
      });
    },
    layer: 'references', path: 'voice-ingress', field: 'spec.rules[0].http.paths[0].backend.service.port', message: /Mumble, a voice server's own protocol/,
  },
  // The Minecraft images' own settings.
  {
    name: 'a Minecraft server whose EULA was never accepted',
    build: minecraft({ env: { TYPE: 'PAPER', MEMORY: '6G' } }),
    layer: 'props', path: 'minecraft', field: 'image', message: /exits at its first start on a fresh world unless EULA is TRUE/, hint: /EULA: 'TRUE'/,
  },
  {
    name: "a Minecraft server's EULA accepted as yes",
    build: minecraft({ env: { EULA: 'yes', MEMORY: '6G' } }),
    layer: 'props', path: 'minecraft', field: 'env.EULA', message: /EULA is "yes"/,
  },
  {
    name: 'a Bedrock server whose EULA was never accepted',
    build: game('bedrock', {
      image: 'itzg/minecraft-bedrock-server:2024.11.0', ports: [{ name: 'game', port: 19132, protocol: 'UDP' }], env: { SERVER_NAME: 'Friends' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
    }),
    layer: 'props', path: 'bedrock', field: 'image', message: /Minecraft Bedrock server/,
  },
  {
    name: "a Minecraft server's MEMORY in docker's units, 6GB",
    build: minecraft({ env: { EULA: 'TRUE', MEMORY: '6GB' } }),
    layer: 'props', path: 'minecraft', field: 'env.MEMORY', message: /-Xmx6GB/, hint: /MEMORY: '6G'/,
  },
  {
    name: "a Minecraft server's MAX_MEMORY in Kubernetes' units, 6Gi",
    build: minecraft({ env: { EULA: 'TRUE', MAX_MEMORY: '6Gi' } }),
    layer: 'props', path: 'minecraft', field: 'env.MAX_MEMORY', hint: /MAX_MEMORY: '6G'/,
  },
  // The world: where it is kept.
  {
    name: "the Minecraft world on an emptyDir, as a compose file's anonymous volume",
    build: minecraft({ persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } } }),
    layer: 'props', path: 'minecraft', field: 'persistence.data.volume', message: /keeps the world in \/data.*emptyDir, made empty with each pod/, hint: /AppVolume\.claim/,
  },
  {
    name: 'the Minecraft world on tmpfs for speed',
    build: minecraft({ persistence: { data: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '4Gi' }), mountPath: '/data' } } }),
    layer: 'props', path: 'minecraft', field: 'persistence.data.volume', message: /emptyDir in memory \(tmpfs\)/,
  },
  {
    name: 'a Minecraft server with nothing mounted at /data',
    build: minecraft({ persistence: undefined }),
    layer: 'props', path: 'minecraft', field: 'image', message: /writes eula\.txt, server\.properties and the world in \/data/,
  },
  {
    name: "Valheim's worlds on an emptyDir",
    build: game('valheim', {
      image: 'lloesche/valheim-server:v0.7.1', ports: [{ name: 'game', port: 2456, protocol: 'UDP' }, { name: 'query', port: 2457, protocol: 'UDP' }],
      persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/config' } }, probes: { readiness: { command: ['pgrep', 'valheim_server'] } },
    }),
    layer: 'props', path: 'valheim', field: 'persistence.config.volume', message: /Valheim keeps the worlds/,
  },
  // Stopping: the world is saved as the server stops.
  {
    name: "a Minecraft server's grace period patched to 10 seconds, too short to save the world",
    build: (c: ClusterChart) => {
      minecraft()(c);
      (c.node.findChild('minecraft') as App).deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/terminationGracePeriodSeconds', 10));
    },
    layer: 'policy', path: 'minecraft/deployment', field: 'spec.template.spec.terminationGracePeriodSeconds', message: /waits up to 60 seconds.*grace period is 10 seconds/, hint: /terminationGracePeriodSeconds: 70/,
  },
  {
    name: 'a hand-written Minecraft Deployment left at the default grace period of 30 seconds',
    build: (c: ClusterChart) => raw(c, 'mc-deployment', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'mc', namespace: 'web' },
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'mc' } }, strategy: { type: 'Recreate' },
        template: {
          metadata: { labels: { app: 'mc' } },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'mc', image: 'itzg/minecraft-server:2024.12.1', env: [{ name: 'EULA', value: 'TRUE' }, { name: 'STOP_DURATION', value: '120' }],
              ports: [{ name: 'java', containerPort: 25565 }], readinessProbe: { tcpSocket: { port: 25565 } },
              resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '4Gi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            }],
          },
        },
      },
    }),
    layer: 'policy', path: 'mc-deployment', field: 'spec.template.spec.terminationGracePeriodSeconds', message: /waits up to 120 seconds.*30 seconds \(the default\)/, hint: /terminationGracePeriodSeconds: 130/,
  },
  // The nightly backup: where it goes.
  {
    name: "the world's nightly restic backup to /backups on the NAS, with the NAS's export never mounted",
    build: besideMinecraft('world-backup', {
      image: 'restic/restic:0.17.1', args: ['backup', '/data', '--repo', '/backups/minecraft'],
      env: { RESTIC_PASSWORD: SecretReference.external('games', 'restic', 'password') },
      controller: AppController.cronJob({ schedule: '0 4 * * *', timeZone: 'Europe/Berlin' }),
      persistence: { data: { volume: AppVolume.existingClaim('minecraft-data'), mountPath: '/data', readOnly: true } },
    }),
    layer: 'policy', path: 'world-backup/cronjob', field: 'spec.jobTemplate.spec.template.spec.containers[0].args', message: /writes its backup to \/backups\/minecraft, under no volume/, hint: /AppVolume\.nfs/,
  },
  {
    name: "a borg backup whose BORG_REPO names a folder nothing is mounted at",
    build: besideMinecraft('world-backup', {
      image: 'ghcr.io/borgmatic-collective/borgmatic:1.9.4', env: { BORG_REPO: '/mnt/nas/borg', BORG_PASSPHRASE: SecretReference.external('games', 'borg', 'passphrase') },
      controller: AppController.cronJob({ schedule: '0 4 * * *', timeZone: 'Europe/Berlin' }),
      persistence: { data: { volume: AppVolume.existingClaim('minecraft-data'), mountPath: '/data', readOnly: true } },
    }),
    layer: 'policy', path: 'world-backup', field: 'env.BORG_REPO', message: /\/mnt\/nas\/borg/,
  },
  // The console: what a container of an App is given.
  {
    name: "stdin and tty on the Minecraft server, to kubectl attach to its console",
    build: minecraft({ stdin: true, tty: true } as Partial<AppProps>),
    layer: 'props', path: 'minecraft', field: 'stdin', hint: /kubectl exec -n <namespace> deploy\/<app> -- rcon-cli/,
  },
  {
    name: "compose's stdin_open on the Minecraft server",
    build: minecraft({ stdin_open: true } as Partial<AppProps>),
    layer: 'props', path: 'minecraft', field: 'stdin_open', hint: /containers\/0\/stdin', true/,
  },
  {
    name: 'terminationGracePeriodSeconds written on the App as on a pod',
    build: minecraft({ terminationGracePeriodSeconds: 120 } as Partial<AppProps>),
    layer: 'props', path: 'minecraft', field: 'terminationGracePeriodSeconds', hint: /terminationGracePeriodSeconds', 60\)\).*STOP_DURATION and 10 seconds already/,
  },
  {
    name: "a nightly restic CronJob copying the Minecraft world while the server writes it",
    build: besideMinecraft('world-backup', {
      image: 'restic/restic:0.17.1', args: ['backup', '/data', '--repo', '/backups/minecraft'],
      env: { RESTIC_PASSWORD: SecretReference.external('games', 'restic', 'password') },
      controller: AppController.cronJob({ schedule: '0 4 * * *', timeZone: 'Europe/Berlin' }),
      persistence: {
        data: { volume: AppVolume.existingClaim('minecraft-data'), mountPath: '/data', readOnly: true },
        backups: { volume: AppVolume.nfs(lab.nfs.share, 'minecraft'), mountPath: '/backups' },
      },
    }),
    layer: 'policy', path: 'world-backup', field: 'persistence.data.volume', message: /Minecraft's Java server with its world \(\/data\).*torn/, hint: /itzg\/mc-backup.*save-off/,
  },
  // The load balancers: the players' addresses.
  {
    name: "the Minecraft server's load balancer set to externalTrafficPolicy Cluster, which hides players from ban-ip",
    build: minecraft({ loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['java'], externalTrafficPolicy: 'Cluster' } }),
    layer: 'props', path: 'minecraft', field: 'loadBalancer.externalTrafficPolicy', message: /Minecraft Java Edition on port java \(25565\).*ban-ip/, hint: /externalTrafficPolicy: 'Local'/,
  },
  {
    name: "Mumble's load balancer left at the default externalTrafficPolicy",
    build: game('mumble', {
      image: 'mumblevoip/mumble-server:v1.5.735', ports: [{ name: 'voice', port: 64738 }, { name: 'voice-udp', port: 64738, protocol: 'UDP' }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
      loadBalancer: { address: lab.pools.vips.at('10.0.8.13') },
    }),
    layer: 'props', path: 'mumble', field: 'loadBalancer.externalTrafficPolicy', message: /Mumble on port voice \(64738\) with externalTrafficPolicy Cluster \(the default\)/,
  },
  // One server owns the world: replicas and rollouts.
  {
    name: 'two replicas of the Minecraft server on a world kept on the NAS, so both write it',
    build: minecraft({ replicas: 2, persistence: { data: { volume: AppVolume.nfs(lab.nfs.share, 'minecraft'), mountPath: '/data' } }, exemptions: { nfsVolume: 'the world on the NAS' } } as Partial<AppProps>),
    layer: 'props', path: 'minecraft', field: 'replicas', message: /2 replicas are 2 servers, all writing the world of one shared volume/, hint: /run one replica/,
  },
  {
    name: 'the Minecraft server on the NAS rolled out with RollingUpdate beside the old server',
    build: minecraft({ strategy: 'RollingUpdate', persistence: { data: { volume: AppVolume.nfs(lab.nfs.share, 'minecraft'), mountPath: '/data' } }, exemptions: { nfsVolume: 'the world on the NAS' } } as Partial<AppProps>),
    layer: 'props', path: 'minecraft', field: 'strategy', message: /two servers would write one world at once/, hint: /strategy: 'Recreate'/,
  },
  {
    name: 'a StatefulSet of three Minecraft servers, meant as one bigger server',
    build: minecraft({ replicas: 3, controller: AppController.statefulSet() }),
    layer: 'props', path: 'minecraft', field: 'replicas', message: /3 replicas are 3 servers, each with the world of its own/,
  },
  {
    name: 'two replicas of the Minecraft server on its ReadWriteOnce world, told a bigger tier would not help',
    build: minecraft({ replicas: 2 }),
    layer: 'policy', path: 'minecraft', field: 'replicas', hint: /owns the world alone, so a ReadWriteMany tier or a StatefulSet would make more servers/,
  },
  // The console on the load balancer.
  {
    name: "RCON named among the Minecraft load balancer's ports, to run commands from a laptop",
    build: minecraft({ loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['java', 'rcon'], externalTrafficPolicy: 'Local' } }),
    layer: 'props', path: 'minecraft', field: 'loadBalancer.ports', message: /exposes port rcon \(25575\), Minecraft's RCON/, hint: /ports: \['java'\].*rcon-cli/,
  },
  {
    name: "the Minecraft load balancer without ports, so exposing RCON and the map's port too",
    build: minecraft({ loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), externalTrafficPolicy: 'Local' } }),
    layer: 'props', path: 'minecraft', field: 'loadBalancer', message: /every port of the app when ports is left out/, hint: /ports: \['java', 'map'\]/,
  },
  {
    name: "Factorio's RCON on 27015 exposed beside its game port",
    build: game('factorio', {
      image: 'factoriotools/factorio:2.0.23', ports: [{ name: 'game', port: 34197, protocol: 'UDP' }, { name: 'console', port: 27015 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/factorio' } },
      ...FACTORIO_USER,
      probes: { readiness: { tcp: true, port: 27015 } },
      loadBalancer: { address: lab.pools.vips.at('10.0.8.14'), ports: ['game', 'console'], externalTrafficPolicy: 'Local' },
    }),
    layer: 'props', path: 'factorio', field: 'loadBalancer.ports', message: /RCON \(Factorio's, Source games'\)/,
  },
  // Probes: RCON turned off.
  {
    name: 'a readiness probe on the RCON port of a Minecraft server whose RCON was turned off',
    build: minecraft({
      ports: [{ name: 'java', port: 25565 }, { name: 'rcon', port: 25575 }], env: { EULA: 'TRUE', MEMORY: '6G', ENABLE_RCON: 'false' },
      probes: { readiness: { tcp: true, port: 25575 } },
    }),
    layer: 'props', path: 'minecraft', field: 'probes.readiness.port', message: /ENABLE_RCON is "false"/, hint: /port: 25565/,
  },
];
