import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  actionsRunnerController, AppController, AppVolume, argoCd, ChartRelease, ClusterIssuer, declareExternal, HomelabApp, host, hostPlacement, kubePrometheusStack,
  acmeIssuer, certManagerComponent, runnerScaleSet, SealedSecret, SecretReference, servesPorts,
} from '../constructs';
import type { AcmeSolver } from '../constructs';
import { wingsFolderProblems } from '../constructs/app/pterodactyl-wings';
import { takesDefaultGpuMemory, vllmArgProblems, vllmWords } from '../constructs/app/vllm-args';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab } from './support/lab-sites';

// An eighth round of labs a user writes from the README alone, each meeting the checks added since the seventh in a
// correct but less common form: mc-backup and the server reading RCON's password from one mounted file, and a backup
// of its own app calling the server's RCON by name; Palworld's REST API moved and kept inside, Satisfactory by its
// registry's full name, Factorio's rootless tag, Pelican's Wings; GitLab Runner's privileged jobs in a namespace of
// their own, Woodpecker's steps in another, rootless BuildKit told its flags by BUILDKITD_FLAGS, runner scale sets
// under Argo CD; Scrutiny's collector told its API by a collector.yaml, ntopng by --interface=, NetBox, Nextcloud and
// Homepage given host lists in their other spellings, exporters reached by Probes and ScrapeConfigs through their own
// policies; an NVIDIA GPU time-sliced on purpose and an Intel GPU shared by two apps, vLLM started as its Kubernetes
// guide starts it, Whisper's cache moved, text-embeddings-inference's port by its flag; Frigate's login port; Pod
// Security labels by hand, an ACME issuer of a DNS-01 provider of its own, Certificates renewed by a percentage, a
// CRD of the user's own with formats, and CloudNativePG's backups by volume snapshots and by plugin. Each synthesizes
// with no finding (none is deserved), every cluster folder builds with kustomize, every probe and Service reaches a
// port its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
/** The node's folder `path`, mounted at the same path. */
const nodeFolder = (path: string) => ({ volume: AppVolume.hostPath(path, 'DirectoryOrCreate'), mountPath: path });

/** A Minecraft server behind Velocity whose RCON password both it and mc-backup read from one mounted Secret file, and a second world backed up by an app of its own. */
function minecraftLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'blocks', '10.220.0');
  const lan = cluster.site.pools.lb;
  declareExternal(cluster, { secrets: [{ namespace: 'minecraft', name: 'rcon' }, { namespace: 'minecraft', name: 'restic' }] });
  const velocity = new HomelabApp(cluster, 'velocity', {
    namespace: 'minecraft', image: 'itzg/mc-proxy:2024.12.0', ports: [{ name: 'minecraft', port: 25577 }],
    env: { TYPE: 'VELOCITY', MEMORY: '512m' }, resources: { memoryLimit: '1Gi' },
    persistence: { server: { volume: claim('1Gi'), mountPath: '/server' } },
    loadBalancer: { address: lan.at('10.220.0.201'), externalTrafficPolicy: 'Local' },
  });
  // The image reads RCON_PASSWORD_FILE; so does mc-backup's rcon-cli: one file, one password.
  const rcon = { volume: AppVolume.secret('rcon'), mountPath: '/run/secrets/rcon', readOnly: true, containers: ['survival', 'backup'] };
  new HomelabApp(cluster, 'survival', {
    namespace: 'minecraft', image: 'itzg/minecraft-server:2024.12.1-java21', ports: [{ name: 'minecraft', port: 25565 }],
    env: { EULA: 'true', TYPE: 'PAPER', MEMORY: '75%', ONLINE_MODE: 'FALSE', ENABLE_RCON: 'TRUE', RCON_PASSWORD_FILE: '/run/secrets/rcon/password' },
    resources: { memoryLimit: '6Gi' },
    persistence: {
      data: { volume: claim('20Gi'), mountPath: '/data', containers: ['survival', 'backup'] }, rcon,
      backups: { volume: claim('50Gi'), mountPath: '/backups', containers: ['backup'] },
    },
    sidecars: [{
      name: 'backup', image: 'docker.io/itzg/mc-backup:2024.12.0',
      env: { BACKUP_INTERVAL: '12h', PRUNE_BACKUPS_DAYS: '14', RCON_PASSWORD_FILE: '/run/secrets/rcon/password', DEST_DIR: '/backups' },
    }],
    allowFrom: [velocity],
  });
  // A creative world whose backup runs as an app of its own and reaches the server's RCON by its Service.
  const password = SecretReference.external('minecraft', 'rcon', 'password');
  const creative = new HomelabApp(cluster, 'creative', {
    namespace: 'minecraft', image: 'itzg/minecraft-server:2024.12.1', ports: [{ name: 'minecraft', port: 25565 }, { name: 'rcon', port: 25575 }],
    env: { EULA: 'TRUE', MODE: 'creative', MAX_MEMORY: '2G', RCON_PASSWORD: password },
    resources: { memoryLimit: '3Gi' }, persistence: { data: { volume: claim('10Gi'), mountPath: '/data' } },
    allowFrom: [velocity],
  });
  const backup = new HomelabApp(cluster, 'creative-backup', {
    namespace: 'minecraft', image: 'itzg/mc-backup:2024.12.0',
    env: {
      RCON_HOST: 'creative', RCON_PORT: '25575', RCON_PASSWORD: password, BACKUP_METHOD: 'restic', RESTIC_REPOSITORY: 'sftp:backup@10.220.0.5:/srv/restic/creative',
      RESTIC_PASSWORD: SecretReference.external('minecraft', 'restic', 'password'), SRC_DIR: '/data',
    },
    persistence: { data: { volume: AppVolume.existingClaim('creative-data'), mountPath: '/data', readOnly: true } },
    egress: [creative, { cidr: '10.220.0.5/32', ports: [{ port: 22 }] }],
  });
  creative.addAllowFrom(backup);
}

/** Palworld's REST API moved and kept off its load balancer, Satisfactory by its registry's full name, Factorio's rootless tag and Pelican's Wings. */
function gameServersLab(scope: Construct): void {
  const node = host('arcade-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.221.0.11', memoryGigabytes: 64, services: ['docker'] });
  const cluster = k3sCluster(scope, labSite('arcade', '10.221.0', [node]));
  const lan = cluster.site.pools.lb;
  declareExternal(cluster, { secrets: [{ namespace: 'palworld', name: 'palworld' }] });
  new HomelabApp(cluster, 'palworld', {
    namespace: 'palworld', image: 'docker.io/thijsvanloef/palworld-server-docker:v1.4.3',
    ports: [{ name: 'game', port: 8211, protocol: 'UDP' }, { name: 'query', port: 27015, protocol: 'UDP' }, { name: 'rest', port: 8213 }],
    env: { PLAYERS: '16', REST_API_ENABLED: 'true', REST_API_PORT: '8213', ADMIN_PASSWORD: SecretReference.external('palworld', 'palworld', 'admin-password') },
    resources: { memoryLimit: '16Gi' }, persistence: { data: { volume: claim('20Gi'), mountPath: '/palworld' } },
    loadBalancer: { address: lan.at('10.221.0.201'), ports: ['game', 'query'] },
  });
  new HomelabApp(cluster, 'satisfactory', {
    namespace: 'satisfactory', image: 'docker.io/wolveix/satisfactory-server:v1.9.4',
    ports: [{ name: 'game', port: 7777, protocol: 'UDP' }, { name: 'api', port: 7777 }, { name: 'messaging', port: 8888 }],
    env: { MAXPLAYERS: '6', AUTOSAVENUM: '10' },
    resources: { memoryLimit: '12Gi' }, persistence: { config: { volume: claim('20Gi'), mountPath: '/config' } },
    loadBalancer: { address: lan.at('10.221.0.202') },
  });
  new HomelabApp(cluster, 'factorio', {
    namespace: 'factorio', image: 'factoriotools/factorio:2.0.28-rootless',
    ports: [{ name: 'game', port: 34197, protocol: 'UDP' }, { name: 'rcon', port: 27015 }], resources: { memoryLimit: '4Gi' },
    runAsUser: 845, runAsGroup: 845, exemptions: { writableRootFilesystem: 'the entrypoint rewrites /opt/factorio/config/config.ini' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/factorio' } },
    loadBalancer: { address: lan.at('10.221.0.203'), ports: ['game'] },
  });
  // Pelican's compose file mounts the node's folders at their own paths, named after Pelican.
  const docker = { volume: AppVolume.hostPath('/var/run/docker.sock', 'Socket'), mountPath: '/var/run/docker.sock' };
  const folders = { docker, config: { volume: claim('1Gi'), mountPath: '/etc/pelican' }, data: nodeFolder('/var/lib/pelican'), tmp: nodeFolder('/tmp/pelican') };
  new HomelabApp(cluster, 'wings', {
    namespace: 'pelican', image: 'ghcr.io/pelican-dev/wings:v1.0.0-beta9', ports: [{ name: 'api', port: 8080 }, { name: 'sftp', port: 2022 }], persistence: folders,
    exemptions: { runAsRoot: "Wings runs the game servers as containers of the node's Docker", hostPath: "Docker's socket and the game servers' folders are the node's" },
    loadBalancer: { address: lan.at('10.221.0.204') },
  });
}

const SEALED = `Ag${'C'.repeat(720)}==`;

/** GitLab Runner's privileged jobs in a namespace of their own, Woodpecker's steps in another, rootless BuildKit by BUILDKITD_FLAGS, a dind runner scale set under Argo CD. */
function ciLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'builds', '10.222.0', { gitops: argoCd() });
  const placement = hostPlacement(cluster.hosts[0]);
  cluster.platform.require(actionsRunnerController({ placement }));
  cluster.platform.require(runnerScaleSet({
    name: 'home-runners', githubConfigUrl: 'https://github.com/jdoe/builds', githubConfigSecret: 'arc-github-token', placement,
    containerMode: { type: 'dind', reason: 'docker build in the workflows' },
  }));
  declareExternal(cluster, { secrets: [{ namespace: 'arc-runners', name: 'arc-github-token' }] });
  new SealedSecret(cluster, 'runner-token', { namespace: 'gitlab-runner', encryptedData: { 'runner-registration-token': SEALED, 'runner-token': SEALED } });
  cluster.namespaces.ensure('gitlab-jobs', { podSecurity: 'privileged', reason: 'Docker-in-Docker builds of GitLab CI jobs' });
  new ChartRelease(cluster, 'gitlab-runner', {
    namespace: 'gitlab-runner', network: servesPorts(),
    chart: { repository: 'https://charts.gitlab.io', chart: 'gitlab-runner', version: '0.71.0' },
    values: {
      gitlabUrl: 'https://gitlab.com/', rbac: { create: true, clusterWideAccess: true }, concurrent: 4,
      runners: {
        secret: 'runner-token',
        config: [
          '[[runners]]', '  [runners.kubernetes]', "    namespace = 'gitlab-jobs'", '    image = "docker:27.4"', '    privileged = true  # Docker-in-Docker',
          '    [[runners.kubernetes.volumes.empty_dir]]', '      name = "docker-certs"', '      mount_path = "/certs/client"', '      medium = "Memory"', '',
        ].join('\n'),
      },
    },
  });
  // Steps run in a namespace of their own, which the agent is given rights in.
  cluster.namespaces.ensure('ci-steps', { podSecurity: 'baseline', reason: 'Woodpecker pipeline steps run as the images they name' });
  const agentSecret = SecretReference.external('woodpecker', 'woodpecker', 'agent-secret');
  const server = new HomelabApp(cluster, 'woodpecker-server', {
    namespace: 'woodpecker', image: 'docker.io/woodpeckerci/woodpecker-server:v3.3.0', ports: [{ name: 'http', port: 8000 }, { name: 'grpc', port: 9000 }],
    env: {
      WOODPECKER_HOST: 'https://ci.builds.jdoe.dev', WOODPECKER_FORGEJO: 'true', WOODPECKER_FORGEJO_URL: 'https://code.jdoe.dev',
      WOODPECKER_FORGEJO_CLIENT: SecretReference.external('woodpecker', 'woodpecker', 'forgejo-client'),
      WOODPECKER_FORGEJO_SECRET: SecretReference.external('woodpecker', 'woodpecker', 'forgejo-secret'), WOODPECKER_AGENT_SECRET: agentSecret,
    },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/woodpecker' } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'ci' },
  });
  const agent = new HomelabApp(cluster, 'woodpecker-agent', {
    namespace: 'woodpecker', image: 'docker.io/woodpeckerci/woodpecker-agent:v3.3.0', ports: [{ name: 'health', port: 3000 }],
    env: {
      WOODPECKER_SERVER: 'woodpecker-server.woodpecker.svc.cluster.local:9000', WOODPECKER_BACKEND: 'kubernetes', WOODPECKER_BACKEND_K8S_NAMESPACE: 'ci-steps',
      WOODPECKER_BACKEND_K8S_STORAGE_CLASS: 'local-path', WOODPECKER_BACKEND_K8S_VOLUME_SIZE: '2G', WOODPECKER_AGENT_SECRET: agentSecret, WOODPECKER_MAX_WORKFLOWS: '2',
    },
    serviceAccount: {
      reason: 'runs pipeline steps as pods of ci-steps',
      clusterRules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims', 'services'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }],
    },
    egress: [server],
  });
  server.addAllowFrom(agent);
  // The rootless image's own examples pass buildkitd's flags in BUILDKITD_FLAGS, which its rootlesskit entrypoint reads.
  new HomelabApp(cluster, 'buildkitd', {
    namespace: 'builds', image: 'docker.io/moby/buildkit:v0.18.2-rootless', ports: [{ name: 'buildkit', port: 1234 }],
    args: ['--addr', 'tcp://0.0.0.0:1234'], env: { BUILDKITD_FLAGS: '--oci-worker-no-process-sandbox' },
    runAsUser: 1000, runAsGroup: 1000,
    persistence: { cache: { volume: claim('30Gi'), mountPath: '/home/user/.local/share/buildkit' } },
    exemptions: {
      unconfined: 'rootlesskit makes its own user and mount namespaces', privilegeEscalation: 'newuidmap and newgidmap are set-user-ID root',
      addCapabilities: { capabilities: ['SETUID', 'SETGID'], reason: 'newuidmap and newgidmap map the ids of the build namespace' },
      writableRootFilesystem: 'rootlesskit and buildkitd write under /run/user/1000',
    },
  });
}

/** Scrutiny's collector told its API by a collector.yaml, ntopng capturing on a second node's mirror port by --interface=. */
function hardwareLab(scope: Construct): void {
  const second = host('rack-2', { arch: 'amd64', roles: ['worker'], address: '10.223.0.12' });
  const cluster = oneNodeLab(scope, 'rack', '10.223.0', {}, [second]);
  const influx = new HomelabApp(cluster, 'influxdb', {
    namespace: 'scrutiny', image: 'influxdb:2.7.11', ports: [{ name: 'http', port: 8086 }],
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/influxdb2' }, config: { volume: claim('1Gi'), mountPath: '/etc/influxdb2' } },
  });
  const web = new HomelabApp(cluster, 'scrutiny', {
    namespace: 'scrutiny', image: 'ghcr.io/analogj/scrutiny:v0.8.1-web', ports: [{ name: 'http', port: 8080 }],
    env: { SCRUTINY_WEB_INFLUXDB_HOST: 'influxdb', SCRUTINY_WEB_INFLUXDB_PORT: '8086', SCRUTINY_WEB_INFLUXDB_TOKEN: SecretReference.external('scrutiny', 'influxdb', 'token') },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/opt/scrutiny/config' } },
    route: { host: 'disks' }, egress: [influx],
  });
  configFile(cluster, 'scrutiny', 'collector', 'collector.yaml', 'version: 1\nhost:\n  id: ""\napi:\n  endpoint: http://scrutiny.scrutiny.svc.cluster.local:8080\nlog:\n  level: INFO\n');
  const collector = new HomelabApp(cluster, 'scrutiny-collector', {
    namespace: 'scrutiny', image: 'ghcr.io/analogj/scrutiny:v0.8.1-collector', controller: AppController.daemonSet(),
    env: { COLLECTOR_HOST_ID: { fieldPath: 'spec.nodeName' }, COLLECTOR_CRON_SCHEDULE: '0 */6 * * *' },
    persistence: {
      config: { volume: AppVolume.configMap('collector'), mountPath: '/opt/scrutiny/config', readOnly: true },
      udev: { volume: AppVolume.hostPath('/run/udev'), mountPath: '/run/udev', readOnly: true },
    },
    exemptions: { privileged: 'reads the SMART data of every disk of the node', runAsRoot: "opens the disks' device nodes", hostPath: "udev's data on the disks" },
    egress: [web],
  });
  web.addAllowFrom(collector);
  const redis = new HomelabApp(cluster, 'ntopng-redis', { namespace: 'ntopng', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999, runAsGroup: 999 });
  new HomelabApp(cluster, 'ntopng', {
    namespace: 'ntopng', image: 'docker.io/ntop/ntopng:6.2', ports: [{ name: 'http', port: 3000 }], placement: { host: second },
    args: ['--interface=eno2', '--redis=ntopng-redis.ntopng.svc.cluster.local:6379', '--http-port=3000', '--community'],
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/ntopng' } },
    exemptions: {
      hostNetwork: 'captures the mirror port on eno2', runAsRoot: 'opens a packet socket', addCapabilities: { capabilities: ['NET_RAW'], reason: 'captures packets with libpcap' },
    },
    route: { host: 'flows' }, egress: [redis],
  });
}

/** NetBox's ALLOWED_HOSTS of its domain with a leading dot from GitHub's registry, Nextcloud's trusted domains of two names, Homepage's allowed hosts with a port. */
function hostListsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'inventory', '10.224.0');
  declareExternal(cluster, { secrets: [{ namespace: 'netbox', name: 'netbox' }, { namespace: 'cloud', name: 'nextcloud' }] });
  const pg = new HomelabApp(cluster, 'netbox-db', {
    namespace: 'netbox', image: 'postgres:16.4-alpine', ports: [{ name: 'pg', port: 5432 }], runAsUser: 70, controller: AppController.statefulSet(),
    env: { POSTGRES_DB: 'netbox', POSTGRES_USER: 'netbox', POSTGRES_PASSWORD: SecretReference.external('netbox', 'netbox', 'db-password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
  const redis = new HomelabApp(cluster, 'netbox-redis', {
    namespace: 'netbox', image: 'docker.io/valkey/valkey:8.0.1-alpine', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999, runAsGroup: 1000,
  });
  new HomelabApp(cluster, 'netbox', {
    namespace: 'netbox', image: 'ghcr.io/netbox-community/netbox:v4.1.7', ports: [{ name: 'http', port: 8080 }], runAsUser: 999, runAsGroup: 0,
    env: {
      DB_HOST: 'netbox-db', DB_NAME: 'netbox', DB_USER: 'netbox', DB_PASSWORD: SecretReference.external('netbox', 'netbox', 'db-password'),
      REDIS_HOST: 'netbox-redis', REDIS_CACHE_HOST: 'netbox-redis', SECRET_KEY: SecretReference.external('netbox', 'netbox', 'secret-key'),
      ALLOWED_HOSTS: '.inventory.jdoe.dev localhost',
    },
    persistence: { media: { volume: claim('5Gi'), mountPath: '/opt/netbox/netbox/media' } },
    probes: { readiness: { httpPath: '/login/', httpHost: 'LocalHost' }, startup: { httpPath: '/login/', httpHost: 'netbox.inventory.jdoe.dev', failureThreshold: 30 } },
    route: { host: 'netbox' }, egress: [pg, redis],
  });
  new HomelabApp(cluster, 'nextcloud', {
    namespace: 'cloud', image: 'nextcloud:30.0.4-apache', ports: [{ name: 'http', port: 80 }],
    env: {
      NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.inventory.jdoe.dev files.inventory.jdoe.dev', SQLITE_DATABASE: 'nextcloud',
      NEXTCLOUD_ADMIN_USER: 'admin', NEXTCLOUD_ADMIN_PASSWORD: SecretReference.external('cloud', 'nextcloud', 'admin-password'), OVERWRITEPROTOCOL: 'https',
    },
    exemptions: {
      runAsRoot: 'Apache starts as root and drops to www-data', writableRootFilesystem: 'the entrypoint copies Nextcloud into /var/www/html and Apache writes /var/run/apache2',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL', 'NET_BIND_SERVICE'], reason: 'Apache binds port 80 as root, the entrypoint owns /var/www/html, then Apache drops to www-data' },
    },
    persistence: { html: { volume: claim('20Gi'), mountPath: '/var/www/html' } },
    route: { host: 'cloud' },
  });
  new HomelabApp(cluster, 'homepage', {
    namespace: 'homepage', image: 'ghcr.io/gethomepage/homepage:v1.0.4', ports: [{ name: 'http', port: 3000 }],
    env: { HOMEPAGE_ALLOWED_HOSTS: 'start.inventory.jdoe.dev,localhost:3000' },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/app/config' } },
    route: { host: 'start' },
  });
}

/** The SNMP exporter of the devices' public community and the blackbox exporter, each admitting Prometheus by its own policy, scraped through a ScrapeConfig and a Probe. */
function exportersLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'watch', '10.225.0');
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(cluster.hosts[0]), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(stack, { secrets: ['admin-user', 'admin-password'].map((key) => SecretReference.external(stack.namespace, 'grafana-admin', key)) });
  cluster.namespaces.ensure('exporters');
  // The switches answer the read-only community every device ships with, which is no secret.
  configFile(cluster, 'exporters', 'snmp-auth', 'auth.yml', "auths:\n  lan_v2:\n    community: \"public\"\n    version: 2\n  lan_v1:\n    community: 'public'\n    version: 1\n");
  new HomelabApp(cluster, 'snmp-exporter', {
    namespace: 'exporters', image: 'quay.io/prometheus/snmp-exporter:v0.28.0', ports: [{ name: 'http', port: 9116 }],
    args: ['--config.file=/etc/snmp_exporter/snmp.yml', '--config.file=/config/auth.yml'],
    persistence: { auth: { volume: AppVolume.configMap('snmp-auth'), mountPath: '/config', readOnly: true } },
    egress: [{ cidr: '10.225.0.0/24', ports: [{ port: 161, protocol: 'UDP' }] }], allowFrom: [{ namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } }],
  });
  new HomelabApp(cluster, 'blackbox', {
    namespace: 'exporters', image: 'quay.io/prometheus/blackbox-exporter:v0.25.0', ports: [{ name: 'http', port: 9115 }],
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }], allowFrom: [{ namespace: 'monitoring' }],
  });
  new ApiObject(cluster, 'switches', {
    apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'ScrapeConfig', metadata: { name: 'switches', namespace: 'monitoring', labels: { release: 'kube-prometheus-stack' } },
    spec: {
      staticConfigs: [{ targets: ['10.225.0.2', '10.225.0.3'] }], metricsPath: '/snmp', params: { module: ['if_mib'], auth: ['lan_v2'] },
      relabelings: [
        { sourceLabels: ['__address__'], targetLabel: '__param_target' }, { sourceLabels: ['__param_target'], targetLabel: 'instance' },
        { targetLabel: '__address__', replacement: 'snmp-exporter.exporters.svc:9116' },
      ],
    },
  });
  new ApiObject(cluster, 'websites', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'Probe', metadata: { name: 'websites', namespace: 'exporters' },
    spec: { prober: { url: 'blackbox.exporters.svc.cluster.local:9115' }, module: 'http_2xx', targets: { staticConfig: { static: ['https://jdoe.dev', 'https://status.jdoe.dev'] } } },
  });
}

/** One NVIDIA GPU time-sliced on purpose between vLLM (as its Kubernetes guide starts it, and told by its config file), Whisper and text-embeddings-inference; an Intel GPU shared by Jellyfin and Immich's machine learning; Open WebUI calling them. */
function localAiLab(scope: Construct): void {
  const gpuBox = host('brain-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.226.0.11', cores: 16, memoryGigabytes: 64, gpus: [{ vendor: 'nvidia', model: 'RTX 4070 Ti' }] });
  const nuc = host('brain-2', { arch: 'amd64', roles: ['worker'], address: '10.226.0.12', cores: 8, memoryGigabytes: 32, gpus: [{ vendor: 'intel', model: 'UHD 770' }] });
  const cluster = k3sCluster(scope, labSite('brain', '10.226.0', [gpuBox, nuc]), { nvidiaTimeSlicing: 4 });
  declareExternal(cluster, { secrets: [{ namespace: 'ai', name: 'hf' }, { namespace: 'ai', name: 'open-webui' }] });
  cluster.namespaces.ensure('ai');
  const ai = { namespace: 'ai' };
  const vllm = new HomelabApp(cluster, 'vllm', {
    ...ai, image: 'docker.io/vllm/vllm-openai:v0.7.3', ports: [{ name: 'http', port: 8000 }], gpu: { vendor: 'nvidia' },
    command: ['/bin/sh', '-c'],
    args: ['vllm serve Qwen/Qwen2.5-3B-Instruct-AWQ --gpu-memory-utilization 0.45 --max-model-len 8192 --download-dir /models'],
    env: { HOME: '/models', HF_TOKEN: SecretReference.external('ai', 'hf', 'token') },
    resources: { cpuRequest: '2', memoryRequest: '12Gi', memoryLimit: '16Gi' },
    probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: 90 } },
    persistence: { shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '2Gi' }), mountPath: '/dev/shm' }, models: { volume: claim('80Gi'), mountPath: '/models' } },
  });
  // A small coding model whose settings, its share of the GPU's memory among them, are in vLLM's own config file.
  configFile(cluster, 'ai', 'vllm-coder', 'vllm.yaml', 'model: Qwen/Qwen2.5-Coder-1.5B-Instruct\ngpu-memory-utilization: 0.2\nmax-model-len: 4096\nport: 8000\n');
  const coder = new HomelabApp(cluster, 'vllm-coder', {
    ...ai, image: 'vllm/vllm-openai:v0.7.3', ports: [{ name: 'http', port: 8000 }], gpu: { vendor: 'nvidia' },
    command: ['vllm', 'serve'], args: ['--config', '/etc/vllm/vllm.yaml'], env: { HF_HOME: '/models' },
    resources: { memoryRequest: '4Gi', memoryLimit: '8Gi' },
    probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: 90 } },
    persistence: {
      config: { volume: AppVolume.configMap('vllm-coder'), mountPath: '/etc/vllm', readOnly: true },
      models: { volume: claim('20Gi'), mountPath: '/models' }, shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '1Gi' }), mountPath: '/dev/shm' },
    },
  });
  const whisper = new HomelabApp(cluster, 'whisper', {
    ...ai, image: 'onerahmet/openai-whisper-asr-webservice:v1.7.1-gpu', ports: [{ name: 'http', port: 9000 }], gpu: { vendor: 'nvidia' },
    env: { ASR_MODEL: 'medium', ASR_ENGINE: 'faster_whisper', ASR_MODEL_PATH: '/models' }, resources: { memoryLimit: '8Gi' },
    persistence: { models: { volume: claim('10Gi'), mountPath: '/models' } },
  });
  const tei = new HomelabApp(cluster, 'embeddings', {
    ...ai, image: 'ghcr.io/huggingface/text-embeddings-inference:89-1.6', ports: [{ name: 'http', port: 3000 }], gpu: { vendor: 'nvidia' },
    args: ['--model-id', 'BAAI/bge-m3', '--port', '3000', '--huggingface-hub-cache', '/data'], resources: { memoryLimit: '6Gi' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/data' } },
  });
  new HomelabApp(cluster, 'open-webui', {
    ...ai, image: 'ghcr.io/open-webui/open-webui:v0.5.20', ports: [{ name: 'http', port: 8080 }], route: { host: 'chat' },
    env: {
      OPENAI_API_BASE_URLS: 'http://vllm.ai.svc.cluster.local:8000/v1;http://vllm-coder:8000/v1/', WEBUI_SECRET_KEY: SecretReference.external('ai', 'open-webui', 'secret-key'),
      AUDIO_STT_ENGINE: 'openai', AUDIO_STT_OPENAI_API_BASE_URL: 'http://whisper:9000/v1', RAG_EMBEDDING_ENGINE: 'openai', RAG_OPENAI_API_BASE_URL: 'http://embeddings:3000/v1',
      ENABLE_OLLAMA_API: 'false',
    },
    egress: [vllm, coder, whisper, tei], resources: { memoryLimit: '2Gi' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/app/backend/data' } },
  });
  // Intel's plugin shares the iGPU among its containers: the transcoder and the photos' machine learning take it together.
  new HomelabApp(cluster, 'jellyfin', {
    namespace: 'media', image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }], gpu: { vendor: 'intel', renderGroup: 993 },
    persistence: { config: { volume: claim('10Gi'), mountPath: '/config' }, cache: { volume: claim('20Gi'), mountPath: '/cache' } },
    route: { host: 'tv' },
  });
  new HomelabApp(cluster, 'immich-ml', {
    namespace: 'media', image: 'ghcr.io/immich-app/immich-machine-learning:v1.131.3-openvino', ports: [{ name: 'http', port: 3003 }], gpu: { vendor: 'intel', renderGroup: 993 },
    env: { MACHINE_LEARNING_CACHE_FOLDER: '/cache' }, persistence: { cache: { volume: claim('10Gi'), mountPath: '/cache' } },
  });
}

/** Frigate 0.15 routed to its login port over HTTPS, with its own certificate. */
function frigateLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'cams', '10.227.0');
  cluster.namespaces.ensure('nvr');
  configFile(cluster, 'nvr', 'frigate', 'config.yml', [
    'mqtt:', '  enabled: false', 'auth:', '  enabled: true', 'cameras:', '  porch:', '    ffmpeg:', '      inputs:',
    "        - path: 'rtsp://{FRIGATE_RTSP_USER}:{FRIGATE_RTSP_PASSWORD}@10.227.0.31:554/stream1'", '          roles: [detect, record]',
    '    detect:', '      width: 1280', '      height: 720', 'version: 0.15-1', '',
  ].join('\n'));
  declareExternal(cluster, { secrets: [{ namespace: 'nvr', name: 'cameras' }] });
  new HomelabApp(cluster, 'frigate', {
    namespace: 'nvr', image: 'ghcr.io/blakeblackshear/frigate:0.15.1',
    ports: [{ name: 'https', port: 8971, appProtocol: 'https' }, { name: 'rtsp', port: 8554 }],
    env: { FRIGATE_RTSP_USER: 'viewer', FRIGATE_RTSP_PASSWORD: SecretReference.external('nvr', 'cameras', 'password') },
    exemptions: { runAsRoot: 'its init starts as root', writableRootFilesystem: 's6-overlay writes /run', unverifiedBackendTls: 'Frigate signs its own certificate' },
    persistence: {
      config: { volume: claim('5Gi'), mountPath: '/config' },
      file: { volume: AppVolume.configMap('frigate'), mounts: [{ mountPath: '/config/config.yml', subPath: 'config.yml', readOnly: true }] },
      media: { volume: claim('200Gi'), mountPath: '/media/frigate' }, shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '512Mi' }), mountPath: '/dev/shm' },
    },
    egress: [{ cidr: '10.227.0.31/32', ports: [{ port: 554 }] }],
    route: { host: 'nvr', port: 8971 },
  });
}

/** Pod Security labels of a hand-written Namespace, baseline enforced at a minor version with its reason and restricted warned and audited at the latest, and a hand-written Deployment in it. */
function podSecurityLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'tenants', '10.228.0');
  new ApiObject(cluster, 'team-a', {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: {
      name: 'team-a',
      labels: {
        'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30',
        'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/warn-version': 'latest',
        'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/audit-version': 'latest',
      },
      annotations: { 'security.homelab.dev/pod-security-reasons': "team A's images are moved to restricted one by one; the warnings list what is left" },
    },
  });
  const labels = { 'app.kubernetes.io/name': 'whoami' };
  new ApiObject(cluster, 'whoami', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'whoami', namespace: 'team-a', labels },
    spec: {
      replicas: 1, selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'whoami', image: 'docker.io/traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', containerPort: 8080 }],
            readinessProbe: { httpGet: { path: '/health', port: 'http' } }, livenessProbe: { tcpSocket: { port: 'http' } },
            resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          }],
        },
      },
    },
  });
  new ApiObject(cluster, 'whoami-service', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'whoami', namespace: 'team-a', labels }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
  new ApiObject(cluster, 'whoami-policy', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'whoami', namespace: 'team-a' },
    spec: {
      podSelector: { matchLabels: labels }, policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }], ports: [{ port: 8080 }] }],
    },
  });
}

/** A ClusterIssuer of Let's Encrypt solving DNS-01 through RFC 2136 against the lab's own BIND and a webhook solver, and Certificates renewed by a percentage. */
function certificatesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'certs', '10.229.0');
  const rfc2136: AcmeSolver = {
    solver: {
      dns01: { rfc2136: { nameserver: '10.229.0.53:53', tsigKeyName: 'acme-update', tsigAlgorithm: 'HMACSHA512', tsigSecretSecretRef: { name: 'bind-tsig', key: 'secret' } } },
      selector: { dnsZones: ['certs.jdoe.dev'] },
    },
    secrets: [SecretReference.external('cert-manager', 'bind-tsig', 'secret')],
  };
  new ClusterIssuer(cluster, 'letsencrypt', {
    name: 'letsencrypt', issuer: acmeIssuer({ server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'certs@jdoe.dev', solvers: [rfc2136] }),
  });
  cluster.namespaces.ensure('web');
  new ApiObject(cluster, 'web-certificate', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'web' },
    spec: {
      secretName: 'web-tls', dnsNames: ['web.certs.jdoe.dev', 'www.certs.jdoe.dev'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      duration: '2160h', renewBeforePercentage: 25, privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      secretTemplate: { labels: { 'app.kubernetes.io/part-of': 'web' } },
    },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'mqtt', name: 'broker-keystore' }] });
  cluster.namespaces.ensure('mqtt');
  new ApiObject(cluster, 'broker-certificate', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'broker', namespace: 'mqtt' },
    spec: {
      secretName: 'broker-tls', dnsNames: ['mqtt.certs.jdoe.dev'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' }, renewBeforePercentage: 50,
      keystores: { pkcs12: { create: true, passwordSecretRef: { name: 'broker-keystore', key: 'password' }, profile: 'Modern2023' } },
      additionalOutputFormats: [{ type: 'CombinedPEM' }],
    },
  });
}

/** A CRD of the user's own, with string formats, and objects of it written as the API server takes them. */
function crdLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'devices', '10.230.0');
  new ApiObject(cluster, 'machines-crd', {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'machines.lab.jdoe.dev' },
    spec: {
      group: 'lab.jdoe.dev', scope: 'Namespaced', names: { plural: 'machines', singular: 'machine', kind: 'Machine', listKind: 'MachineList' },
      versions: [{
        name: 'v1alpha1', served: true, storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object', required: ['mac'],
                properties: {
                  mac: { type: 'string', format: 'mac' }, address: { type: 'string', format: 'ipv4' }, hostname: { type: 'string', format: 'hostname' },
                  owner: { type: 'string', format: 'email' }, manual: { type: 'string', format: 'uri' }, asset: { type: 'string', format: 'uuid' },
                  bought: { type: 'string', format: 'date' }, lastSeen: { type: 'string', format: 'date-time' }, warranty: { type: 'string', format: 'duration' },
                  disks: { type: 'integer', minimum: 0 }, wakeOnLan: { type: 'boolean' },
                },
              },
              status: { type: 'object', properties: { online: { type: 'boolean' } } },
            },
          },
        },
        subresources: { status: {} },
        additionalPrinterColumns: [{ name: 'MAC', type: 'string', jsonPath: '.spec.mac' }, { name: 'Address', type: 'string', jsonPath: '.spec.address' }],
      }],
    },
  });
  cluster.namespaces.ensure('inventory');
  const machine = (name: string, spec: Record<string, unknown>) => new ApiObject(cluster, name, {
    apiVersion: 'lab.jdoe.dev/v1alpha1', kind: 'Machine', metadata: { name, namespace: 'inventory' }, spec,
  });
  machine('nas', {
    mac: '3C:7C:3F:1A:2B:3C', address: '10.230.0.5', hostname: 'nas.devices.jdoe.dev', owner: 'jdoe@jdoe.dev', manual: 'https://www.synology.com/en-global/support',
    asset: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', bought: '2023-04-17', lastSeen: '2024-12-01T08:30:00Z', warranty: '26280h', disks: 4, wakeOnLan: true,
  });
  machine('printer', { mac: '00-1B-A9-4C-5D-6E', hostname: 'printer', manual: 'urn:isbn:0451450523', disks: 0 });
}

/** CloudNativePG's backups by volume snapshots, online, and by the Barman Cloud plugin. */
function cnpgLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'pg', '10.231.0');
  cluster.namespaces.ensure('apps');
  new ChartRelease(cluster, 'cloudnative-pg', {
    namespace: 'cnpg-system', network: servesPorts({ port: 9443, purpose: 'admission webhook' }, { port: 8080, purpose: 'metrics' }),
    chart: { repository: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.23.2' },
    crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Backup', 'Pooler'] }],
  });
  new ChartRelease(cluster, 'snapshot-controller', {
    namespace: 'kube-system', network: servesPorts(),
    chart: { repository: 'https://piraeus.io/helm-charts/', chart: 'snapshot-controller', version: '4.0.1' },
    crds: [{ group: 'snapshot.storage.k8s.io', kinds: ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'] }],
  });
  new ApiObject(cluster, 'app-db', {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'app-db', namespace: 'apps' },
    spec: {
      instances: 1, imageName: 'ghcr.io/cloudnative-pg/postgresql:16.6',
      storage: { size: '10Gi', storageClass: 'local-path' }, bootstrap: { initdb: { database: 'app', owner: 'app' } },
      backup: { volumeSnapshot: { className: 'local-snapshots' } },
      plugins: [{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'minio-store' } }],
    },
  });
  new ApiObject(cluster, 'app-db-snapshots', {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'app-db-snapshots', namespace: 'apps' },
    spec: { schedule: '0 30 2 * * *', cluster: { name: 'app-db' }, method: 'volumeSnapshot', online: true, onlineConfiguration: { immediateCheckpoint: false, waitForArchive: true } },
  });
  new ApiObject(cluster, 'app-db-weekly', {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'app-db-weekly', namespace: 'apps' },
    spec: { schedule: '0 0 4 * * 0', cluster: { name: 'app-db' }, method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' }, backupOwnerReference: 'self' },
  });
  new ApiObject(cluster, 'app-db-before-upgrade', {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'Backup', metadata: { name: 'app-db-before-upgrade', namespace: 'apps' },
    spec: { cluster: { name: 'app-db' }, method: 'volumeSnapshot', online: false },
  });
}

/** A namespaced Issuer of Let's Encrypt's staging directory whose DNS-01 solvers are of other providers, each for its own zone, and an HTTP-01 solver by Ingress class. */
function acmeProvidersLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'zones', '10.232.0');
  cluster.platform.require(certManagerComponent());
  new ChartRelease(cluster, 'cert-manager-webhook-hetzner', {
    namespace: 'cert-manager', network: servesPorts({ port: 443, purpose: "the API server's calls to the DNS-01 webhook" }),
    chart: { repository: 'https://vadimkim.github.io/cert-manager-webhook-hetzner', chart: 'cert-manager-webhook-hetzner', version: '1.3.3' },
    values: { groupName: 'acme.zones.jdoe.dev' },
  });
  cluster.namespaces.ensure('shop');
  declareExternal(cluster, {
    secrets: [
      { namespace: 'shop', name: 'hetzner-dns' }, { namespace: 'shop', name: 'digitalocean-dns' }, { namespace: 'shop', name: 'acme-dns' },
      { namespace: 'shop', name: 'clouddns' },
    ],
  });
  new ApiObject(cluster, 'shop-issuer', {
    apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'letsencrypt-staging', namespace: 'shop' },
    spec: {
      acme: {
        server: 'https://acme-staging-v02.api.letsencrypt.org/directory', email: 'certs@jdoe.dev', privateKeySecretRef: { name: 'letsencrypt-staging-account' },
        solvers: [
          { selector: { dnsZones: ['zones.jdoe.dev'] }, dns01: { webhook: { groupName: 'acme.zones.jdoe.dev', solverName: 'hetzner', config: { secretName: 'hetzner-dns', zoneName: 'zones.jdoe.dev', apiUrl: 'https://dns.hetzner.com/api/v1' } } } },
          { selector: { dnsZones: ['jdoe.shop'] }, dns01: { digitalocean: { tokenSecretRef: { name: 'digitalocean-dns', key: 'access-token' } } } },
          { selector: { dnsZones: ['jdoe.store'] }, dns01: { acmeDNS: { host: 'https://auth.acme-dns.io', accountSecretRef: { name: 'acme-dns', key: 'acmedns.json' } } } },
          { selector: { dnsZones: ['jdoe.cloud'] }, dns01: { cloudDNS: { project: 'jdoe-dns', serviceAccountSecretRef: { name: 'clouddns', key: 'key.json' } } } },
          { selector: { dnsNames: ['pay.zones.jdoe.dev'] }, http01: { ingress: { ingressClassName: 'traefik', podTemplate: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' } } } } } },
        ],
      },
    },
  });
  new ApiObject(cluster, 'shop-certificate', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'shop', namespace: 'shop' },
    spec: {
      secretName: 'shop.tls', dnsNames: ['jdoe.shop', '*.jdoe.shop'], issuerRef: { name: 'letsencrypt-staging', kind: 'Issuer' },
      duration: '2160h', renewBeforePercentage: 33, revisionHistoryLimit: 2, privateKey: { algorithm: 'RSA', size: 4096, encoding: 'PKCS8' },
      usages: ['server auth', 'digital signature', 'key encipherment'],
    },
  });
}

/** A second CRD of the user's own, with the other string formats kube-openapi checks, and an object of each value's spelling. */
function crdFormatsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'network', '10.233.0');
  const string = (format: string) => ({ type: 'string', format });
  new ApiObject(cluster, 'subnets-crd', {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'subnets.net.jdoe.dev' },
    spec: {
      group: 'net.jdoe.dev', scope: 'Cluster', names: { plural: 'subnets', singular: 'subnet', kind: 'Subnet' },
      versions: [{
        name: 'v1', served: true, storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object', required: ['cidr'],
                properties: {
                  cidr: string('cidr'), gateway: string('ipv4'), gateway6: string('ipv6'), color: string('hexcolor'), id: string('uuid4'),
                  caBundle: string('byte'), created: string('datetime'), vlan: { type: 'integer', minimum: 1, maximum: 4094 },
                  mtu: { 'x-kubernetes-int-or-string': true }, dns: { type: 'array', items: string('ipv4') },
                },
              },
            },
          },
        },
      }],
    },
  });
  const subnet = (name: string, spec: Record<string, unknown>) => new ApiObject(cluster, name, { apiVersion: 'net.jdoe.dev/v1', kind: 'Subnet', metadata: { name }, spec });
  subnet('lan', {
    cidr: '10.233.0.0/24', gateway: '10.233.0.1', gateway6: 'fd00:233::1', color: '#1E90FF', id: '9b2e6f1c-3d4a-4b5c-8d6e-7f8091a2b3c4',
    caBundle: 'TFM=', created: '2024-11-30T21:15:00+01:00', vlan: 1, mtu: 1500, dns: ['10.233.0.53', '1.1.1.1'],
  });
  subnet('iot', { cidr: 'fd00:233:64::/64', gateway6: '::1', color: '#0f0', vlan: 64, mtu: '9000', created: '2024-12-01 08:00:00' });
}

/** GitLab Runner's privileged jobs in the release's own namespace, made privileged for them, beside a scale set whose controller lives in a namespace of another name. */
function runnersLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'runners', '10.234.0');
  const placement = hostPlacement(cluster.hosts[0]);
  cluster.platform.require(actionsRunnerController({ placement, namespace: 'actions-system' }));
  cluster.platform.require(runnerScaleSet({
    name: 'docker-builds', namespace: 'actions-runners', githubConfigUrl: 'https://github.com/jdoe', githubConfigSecret: 'github-app', placement,
    containerMode: { type: 'dind', reason: 'workflows build images with docker' }, controllerNamespace: 'actions-system', maxRunners: 3,
  }));
  declareExternal(cluster, { secrets: [{ namespace: 'actions-runners', name: 'github-app' }] });
  cluster.namespaces.ensure('ci', { podSecurity: 'privileged', reason: 'Docker-in-Docker builds of GitLab CI jobs' });
  new SealedSecret(cluster, 'gitlab-runner-token', { namespace: 'ci', encryptedData: { 'runner-registration-token': SEALED, 'runner-token': SEALED } });
  new ChartRelease(cluster, 'gitlab-runner', {
    namespace: 'ci', network: servesPorts(),
    chart: { repository: 'https://charts.gitlab.io/', chart: 'gitlab-runner', version: '0.71.0' },
    values: {
      gitlabUrl: 'https://gitlab.jdoe.dev/', rbac: { create: true },
      runners: {
        secret: 'gitlab-runner-token',
        config: '[[runners]]\n  name = "dind"\n  [runners.kubernetes]\n    image = "docker:27.4"\n    privileged = true\n  [runners.cache]\n    Type = "s3"\n',
      },
    },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['Minecraft lab', minecraftLab, TRAEFIK],
  ['game servers lab', gameServersLab, TRAEFIK],
  ['CI lab', ciLab, TRAEFIK],
  ['hardware lab', hardwareLab, TRAEFIK],
  ['host lists lab', hostListsLab, TRAEFIK],
  ['exporters lab', exportersLab, TRAEFIK],
  ['local AI lab', localAiLab, TRAEFIK],
  ['Frigate lab', frigateLab, TRAEFIK],
  ['Pod Security lab', podSecurityLab, TRAEFIK],
  ['certificates lab', certificatesLab, TRAEFIK],
  ["user's own CRD lab", crdLab, TRAEFIK],
  ['CloudNativePG lab', cnpgLab, TRAEFIK],
  ['ACME providers lab', acmeProvidersLab, TRAEFIK],
  ['CRD formats lab', crdFormatsLab, TRAEFIK],
  ['runners lab', runnersLab, TRAEFIK],
];

describe('an eighth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test("Pelican's Wings keeps its game servers under /var/lib/pelican and /tmp/pelican, Pterodactyl's under its own name", () => {
    const pelican = { data: nodeFolder('/var/lib/pelican'), tmp: nodeFolder('/tmp/pelican') };
    const pterodactyl = { data: nodeFolder('/var/lib/pterodactyl'), tmp: nodeFolder('/tmp/pterodactyl') };
    expect(wingsFolderProblems({ image: 'ghcr.io/pelican-dev/wings:v1.0.0-beta9', persistence: pelican }, 'wings')).toEqual([]);
    expect(wingsFolderProblems({ image: 'ghcr.io/pterodactyl/wings:v1.11.13', persistence: pterodactyl }, 'wings')).toEqual([]);
    expect(wingsFolderProblems({ image: 'ghcr.io/pelican-dev/wings:v1.0.0-beta9', persistence: pterodactyl }, 'wings').map((p) => p.field)).toEqual(['image']);
  });

  test("vLLM's command line is read from its command and a shell's script too, as its Kubernetes guide writes it", () => {
    const guide = { image: 'vllm/vllm-openai:v0.7.3', command: ['/bin/sh', '-c'], args: ['vllm serve Qwen/Qwen2.5-3B-Instruct-AWQ --gpu-memory-utilization 0.45'] };
    expect(vllmWords(guide)).toEqual(['/bin/sh', '-c', 'vllm', 'serve', 'Qwen/Qwen2.5-3B-Instruct-AWQ', '--gpu-memory-utilization', '0.45']);
    expect(takesDefaultGpuMemory(guide)).toBe(false);
    expect(takesDefaultGpuMemory({ image: 'vllm/vllm-openai:v0.7.3', command: ['vllm', 'serve', 'Qwen/Qwen2.5-3B-Instruct-AWQ', '--gpu-memory-utilization=0.4'] })).toBe(false);
    expect(takesDefaultGpuMemory({ ...guide, args: ['vllm serve Qwen/Qwen2.5-3B-Instruct-AWQ'] })).toBe(true);
    expect(vllmArgProblems({ ...guide, args: ['vllm serve Qwen/Qwen2.5-3B-Instruct-AWQ --gpu-memory-utilization "$GPU_SHARE"'], probes: { startup: { httpPath: '/health', failureThreshold: 90 } } })).toEqual([]);
    // vLLM's own config file may give the share, and is not read.
    expect(takesDefaultGpuMemory({ image: 'vllm/vllm-openai:v0.7.3', command: ['vllm', 'serve'], args: ['--config', '/etc/vllm/vllm.yaml'] })).toBe(false);
    expect(vllmArgProblems({ ...guide, args: ['vllm serve Qwen/Qwen2.5-3B-Instruct-AWQ --tensor-parallel-size 2'], gpu: { vendor: 'nvidia' }, probes: { startup: { httpPath: '/health', failureThreshold: 90 } } }).map((p) => p.field)).toEqual(['args']);
  });
});
