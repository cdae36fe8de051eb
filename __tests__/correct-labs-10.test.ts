import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppDevice, AppVolume, certManagerComponent, ChartRelease, declareExternal, externalDnsComponent, externalSecretsOperator, HomelabApp, host, ingressNginx, IngressTls, rootInitExemption, SecretReference, servesPorts,
} from '../constructs';
import { modelCacheProblems } from '../constructs/app/model-cache-home';
import { propContainers } from '../constructs/app/prop-containers';
import { wingsFolderProblems } from '../constructs/app/pterodactyl-wings';
import { scrutinyCollectorEndpointProblems } from '../constructs/app/scrutiny-collector';
import { woodpeckerStepNamespaceProblem } from '../constructs/app/woodpecker-agent';
import { objectsOf, type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab } from './support/lab-sites';

// A tenth round of labs a user writes from the README alone, each meeting the checks added in the last release in a
// correct but less common form: Guacamole deployed under a context of its own name, RustDesk's s6 image beside a relay
// of the plain one, a Webtop of GitHub's registry; InfluxDB 2 set up from the files of a mounted Secret, its CLI's
// configuration on its data claim, and one kept forever; Frigate 0.13 on its only port and 0.15 with TLS off, its port
// 5000 left to Home Assistant; a GPU server as a StatefulSet beside an app of the other GPU; Scrutiny's collector as a
// CronJob told the web's API by its flag, NetBox answering every host; Woodpecker's steps in a namespace per
// organization, GitLab Runner's token Secret made by hand, rootless BuildKit told its flags as arguments; Pod Security
// labels at a version, a Localhost AppArmor profile with its annotation, an autoscaler of a container's memory;
// ingress-nginx's Exact path with a dot and a regular expression by ImplementationSpecific, a CA of the lab's own;
// CloudNativePG backed up from a standby by its default method, a Vault store of Kubernetes auth with a CA of a
// ConfigMap; Ollama twice on a time-sliced GPU beside a vLLM serving a folder of its claim, called by Open WebUI's
// lists of URLs; volumes of each kind read from JSON with the fields they are made from alone, external-dns writing
// AdGuard Home's rewrites; a Minecraft world in offline mode whose web map alone is on a load balancer, backed up over
// RCON at 127.0.0.1. Each synthesizes with no finding (none is deserved), every cluster folder builds with kustomize,
// every probe and Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });

const LSIO = {
  runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID',
  writableRootFilesystem: 's6-overlay writes its service tree under /run',
  addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'),
};

/** Guacamole deployed under a context of its own name, RustDesk's s6 image and its relay apart, a Webtop from GitHub's registry. */
function desktopsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'desks', '10.250.0');
  const lan = cluster.site.pools.lb;
  declareExternal(cluster, { secrets: [{ namespace: 'guacamole', name: 'guacamole-db' }, { namespace: 'webtop', name: 'webtop' }] });
  const guacd = new HomelabApp(cluster, 'guacd', { namespace: 'guacamole', image: 'guacamole/guacd:1.5.5', ports: [{ name: 'guacd', port: 4822 }] });
  const web = new HomelabApp(cluster, 'guacamole', {
    namespace: 'guacamole', image: 'docker.io/guacamole/guacamole:1.5.5', ports: [{ name: 'http', port: 8080 }],
    env: {
      WEBAPP_CONTEXT: 'remote', GUACD_HOSTNAME: 'guacd', GUACD_PORT: '4822',
      POSTGRESQL_HOSTNAME: '10.250.0.5', POSTGRESQL_DATABASE: 'guacamole_db', POSTGRESQL_USER: 'guacamole', POSTGRESQL_PASSWORD: SecretReference.external('guacamole', 'guacamole-db', 'password'),
    },
    probes: { readiness: { httpPath: '/remote/' }, liveness: { httpPath: '/remote' }, startup: { httpPath: '/remote/api/languages', failureThreshold: 30 } },
    egress: [guacd, { cidr: '10.250.0.5/32', ports: [{ port: 5432 }] }],
    route: { host: 'desks', path: '/remote' },
  });
  guacd.addAllowFrom(web);
  // The s6 image runs hbbs and hbbr together; the ID port is declared for both protocols.
  new HomelabApp(cluster, 'rustdesk', {
    namespace: 'rustdesk', image: 'rustdesk/rustdesk-server-s6:1.1.14',
    ports: [
      { name: 'nat', port: 21115 }, { name: 'id', port: 21116 }, { name: 'id-udp', port: 21116, protocol: 'UDP' }, { name: 'relay', port: 21117 },
    ],
    env: { RELAY: 'desks.jdoe.dev:21117', ENCRYPTED_ONLY: '1' },
    exemptions: { runAsRoot: 's6-overlay starts hbbs and hbbr as root', writableRootFilesystem: 's6-overlay writes its service tree under /run' },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/data' } },
    loadBalancer: { address: lan.at('10.250.0.201') },
  });
  // A relay of its own on a second address, from the plain image: hbbr is no ID server.
  new HomelabApp(cluster, 'hbbr', {
    namespace: 'rustdesk', image: 'ghcr.io/rustdesk/rustdesk-server:1.1.14', command: ['hbbr'], ports: [{ name: 'relay', port: 21117 }],
    persistence: { data: { volume: claim('1Gi'), mountPath: '/root' } },
    exemptions: { runAsRoot: 'hbbr keeps its key under /root' },
    loadBalancer: { address: lan.at('10.250.0.202') },
  });
  new HomelabApp(cluster, 'webtop', {
    namespace: 'webtop', image: 'ghcr.io/linuxserver/webtop:ubuntu-kde-version-2024.12.01', ports: [{ name: 'http', port: 3000 }],
    env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo', CUSTOM_USER: 'jdoe', PASSWORD: SecretReference.external('webtop', 'webtop', 'password') },
    exemptions: LSIO, resources: { memoryRequest: '2Gi', memoryLimit: '5Gi' },
    persistence: {
      config: { volume: claim('20Gi'), mountPath: '/config' },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '1Gi' }), mountPath: '/dev/shm' },
    },
    route: { host: 'desktop' },
  });
}

/** InfluxDB 2 set up from files of a mounted Secret with the CLI's configuration on its data claim, and a second kept forever. */
function influxLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'meters', '10.251.0');
  declareExternal(cluster, { secrets: [{ namespace: 'metrics', name: 'influxdb-admin' }, { namespace: 'metrics', name: 'influxdb-lab' }] });
  new HomelabApp(cluster, 'influxdb', {
    namespace: 'metrics', image: 'influxdb:2.7.11-alpine', ports: [{ name: 'http', port: 8086 }],
    env: {
      DOCKER_INFLUXDB_INIT_MODE: 'setup', DOCKER_INFLUXDB_INIT_USERNAME_FILE: '/run/secrets/influxdb/username',
      DOCKER_INFLUXDB_INIT_PASSWORD_FILE: '/run/secrets/influxdb/password', DOCKER_INFLUXDB_INIT_ADMIN_TOKEN_FILE: '/run/secrets/influxdb/token',
      DOCKER_INFLUXDB_INIT_ORG: 'home', DOCKER_INFLUXDB_INIT_BUCKET: 'meters', DOCKER_INFLUXDB_INIT_RETENTION: '1w3d',
      INFLUX_CONFIGS_PATH: '/var/lib/influxdb2/influx-configs',
    },
    persistence: {
      data: { volume: claim('20Gi'), mountPath: '/var/lib/influxdb2' },
      admin: { volume: AppVolume.secret('influxdb-admin'), mountPath: '/run/secrets/influxdb', readOnly: true },
    },
    probes: { readiness: { httpPath: '/health' } },
    route: { host: 'influx' },
  });
  new HomelabApp(cluster, 'influxdb-lab', {
    namespace: 'metrics', image: 'docker.io/library/influxdb:2.7.11', ports: [{ name: 'http', port: 8086 }],
    env: {
      DOCKER_INFLUXDB_INIT_MODE: 'setup', DOCKER_INFLUXDB_INIT_USERNAME: 'jdoe', DOCKER_INFLUXDB_INIT_PASSWORD: SecretReference.external('metrics', 'influxdb-lab', 'password'),
      DOCKER_INFLUXDB_INIT_ORG: 'lab', DOCKER_INFLUXDB_INIT_BUCKET: 'archive', DOCKER_INFLUXDB_INIT_RETENTION: '0',
    },
    persistence: {
      data: { volume: claim('50Gi'), mountPath: '/var/lib/influxdb2' }, config: { volume: claim('100Mi'), mountPath: '/etc/influxdb2' },
    },
  });
}

const FRIGATE_CONFIG = ['mqtt:', '  enabled: false', 'tls:', '  enabled: false', 'cameras:', '  garage:', '    ffmpeg:', '      inputs:',
  "        - path: 'rtsp://10.252.0.31:554/stream1'", '          roles: [detect]', 'version: 0.15-1', ''].join('\n');

/** Frigate 0.13 on its only port, and a 0.15 with TLS off on its login port, port 5000 kept for Home Assistant inside the cluster. */
function camerasLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'cams', '10.252.0');
  cluster.namespaces.ensure('nvr');
  configFile(cluster, 'nvr', 'frigate', 'config.yml', FRIGATE_CONFIG);
  const frigate = (id: string, image: string, ports: Array<{ name: string; port: number }>, routePort: number, extra: { file?: boolean } = {}) => new HomelabApp(cluster, id, {
    namespace: 'nvr', image, ports,
    exemptions: { runAsRoot: 'its init starts as root', writableRootFilesystem: 's6-overlay writes /run' },
    persistence: {
      config: { volume: claim('5Gi'), mountPath: '/config' }, media: { volume: claim('100Gi'), mountPath: '/media/frigate' },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '256Mi' }), mountPath: '/dev/shm' },
      ...(extra.file ? { file: { volume: AppVolume.configMap('frigate'), mounts: [{ mountPath: '/config/config.yml', subPath: 'config.yml', readOnly: true }] } } : {}),
    },
    egress: [{ cidr: '10.252.0.0/24', ports: [{ port: 554 }] }],
    route: { host: id, port: routePort },
  });
  frigate('frigate-old', 'ghcr.io/blakeblackshear/frigate:0.13.2', [{ name: 'http', port: 5000 }], 5000);
  const nvr = frigate('frigate', 'ghcr.io/blakeblackshear/frigate:0.15.1', [{ name: 'http', port: 8971 }, { name: 'internal', port: 5000 }], 8971, { file: true });
  const homeAssistant = new HomelabApp(cluster, 'home-assistant', {
    namespace: 'home', image: 'ghcr.io/home-assistant/home-assistant:2025.1.4', ports: [{ name: 'http', port: 8123 }],
    exemptions: { runAsRoot: 'its s6 init runs as root' , writableRootFilesystem: 's6-overlay writes /run' },
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config' } },
    egress: [nvr], route: { host: 'home' },
  });
  nvr.addAllowFrom(homeAssistant);
}

/** A GPU server as a StatefulSet, and two apps on one host's two GPUs. */
function gpuLab(scope: Construct): void {
  const node = host('cards-1', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.253.0.11', memoryGigabytes: 64,
    gpus: [{ vendor: 'nvidia', model: 'RTX 3090' }, { vendor: 'nvidia', model: 'RTX 3090' }],
  });
  const cluster = k3sCluster(scope, labSite('cards', '10.253.0', [node]));
  new HomelabApp(cluster, 'ollama', {
    namespace: 'ai', image: 'ollama/ollama:0.5.7', ports: [{ name: 'http', port: 11434 }], gpu: { vendor: 'nvidia' }, controller: AppController.statefulSet(),
    env: { OLLAMA_MODELS: '/models', OLLAMA_KEEP_ALIVE: '30m' }, resources: { memoryLimit: '24Gi' },
    persistence: { models: { volume: claim('100Gi'), mountPath: '/models' } },
  });
  new HomelabApp(cluster, 'comfyui', {
    namespace: 'ai', image: 'ghcr.io/ai-dock/comfyui:v2-cuda-12.1.1-base-22.04-v0.2.7', ports: [{ name: 'http', port: 8188 }], gpu: { vendor: 'nvidia' },
    resources: { memoryLimit: '16Gi' }, exemptions: { runAsRoot: 'its supervisor starts as root', writableRootFilesystem: 'it installs its nodes under /opt' },
    persistence: { workspace: { volume: claim('100Gi'), mountPath: '/workspace' } },
    route: { host: 'draw' },
  });
}

/** Scrutiny's web, and its collector run by a CronJob that hands it the web's API by its flag. */
function disksLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'disks', '10.254.0');
  const web = new HomelabApp(cluster, 'scrutiny-web', {
    namespace: 'disks', image: 'ghcr.io/analogj/scrutiny:v0.8.1-web', ports: [{ name: 'http', port: 8080 }],
    env: { SCRUTINY_WEB_INFLUXDB_HOST: 'influxdb' },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/opt/scrutiny/config' } },
    route: { host: 'disks' },
  });
  const collector = new HomelabApp(cluster, 'scrutiny-collector', {
    namespace: 'disks', image: 'ghcr.io/analogj/scrutiny:v0.8.1-collector', controller: AppController.cronJob({ schedule: '15 */6 * * *' }),
    args: ['scrutiny-collector-metrics', 'run', '--api-endpoint=http://scrutiny-web.disks:8080', '--host-id=disks-1'],
    devices: [AppDevice.hostDevice('/dev/sda')],
    exemptions: { privileged: 'smartctl opens the disk, which only a privileged container may open by path', hostPath: "the node's disk and udev's database of it" },
    persistence: { udev: { volume: AppVolume.hostPath('/run/udev', 'Directory'), mountPath: '/run/udev', readOnly: true } },
    egress: [web],
  });
  web.addAllowFrom(collector);
  // NetBox answering every host name, probed at the pod's address as the kubelet sends it; its database on the NAS.
  declareExternal(cluster, { secrets: [{ namespace: 'netbox', name: 'netbox' }] });
  const redis = new HomelabApp(cluster, 'netbox-redis', { namespace: 'netbox', image: 'docker.io/valkey/valkey:8.0.1-alpine', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999, runAsGroup: 1000 });
  new HomelabApp(cluster, 'netbox', {
    namespace: 'netbox', image: 'docker.io/netboxcommunity/netbox:v4.1.7', ports: [{ name: 'http', port: 8080 }], runAsUser: 999, runAsGroup: 0,
    env: {
      DB_HOST: '10.254.0.5', DB_NAME: 'netbox', DB_USER: 'netbox', DB_PASSWORD: SecretReference.external('netbox', 'netbox', 'db-password'),
      REDIS_HOST: 'netbox-redis', REDIS_CACHE_HOST: 'netbox-redis', SECRET_KEY: SecretReference.external('netbox', 'netbox', 'secret-key'), ALLOWED_HOSTS: '*',
    },
    persistence: { media: { volume: claim('5Gi'), mountPath: '/opt/netbox/netbox/media' } },
    probes: { readiness: { httpPath: '/login/' }, startup: { httpPath: '/login/', failureThreshold: 30 } },
    egress: [redis, { cidr: '10.254.0.5/32', ports: [{ port: 5432 }] }], route: { host: 'netbox' },
  });
}


/** Woodpecker's steps in a namespace per organization, which its agent makes; GitLab Runner's token from a Secret made by hand; rootless BuildKit told its flags as arguments. */
function ciLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'forge', '10.249.0');
  declareExternal(cluster, { secrets: [{ namespace: 'woodpecker', name: 'woodpecker' }, { namespace: 'gitlab-runner', name: 'gitlab-runner-token' }] });
  // The server runs on a VPS; the agent dials its gRPC port over TLS.
  const agent = new HomelabApp(cluster, 'woodpecker-agent', {
    namespace: 'woodpecker', image: 'docker.io/woodpeckerci/woodpecker-agent:v3.8.0', ports: [{ name: 'health', port: 3000 }],
    env: {
      WOODPECKER_SERVER: 'grpc.ci.jdoe.dev:443', WOODPECKER_GRPC_SECURE: 'true', WOODPECKER_AGENT_SECRET: SecretReference.external('woodpecker', 'woodpecker', 'agent-secret'),
      // Each organization's steps run in a namespace of their own (woodpecker-<id>), which the agent makes as it needs them.
      WOODPECKER_BACKEND: 'kubernetes', WOODPECKER_BACKEND_K8S_NAMESPACE_PER_ORGANIZATION: 'true', WOODPECKER_BACKEND_K8S_STORAGE_RWX: 'false',
    },
    serviceAccount: {
      reason: "runs pipeline steps as pods of each organization's namespace, which it makes",
      clusterRules: [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'create'] },
        { apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims', 'services'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
      ],
    },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  new ChartRelease(cluster, 'gitlab-runner', {
    namespace: 'gitlab-runner', network: servesPorts(),
    chart: { repository: 'https://charts.gitlab.io', chart: 'gitlab-runner', version: '0.71.0' },
    values: {
      gitlabUrl: 'https://gitlab.com/', rbac: { create: true },
      runners: { secret: 'gitlab-runner-token', config: '[[runners]]\n  [runners.kubernetes]\n    image = "alpine:3.21"\n' },
    },
  });
  new HomelabApp(cluster, 'buildkitd', {
    namespace: 'builds', image: 'moby/buildkit:v0.18.2-rootless', ports: [{ name: 'buildkit', port: 1234 }],
    args: ['--addr', 'unix:///run/user/1000/buildkit/buildkitd.sock', '--addr', 'tcp://0.0.0.0:1234', '--oci-worker-no-process-sandbox'],
    runAsUser: 1000, runAsGroup: 1000, probes: { readiness: { command: ['buildctl', 'debug', 'workers'] } },
    persistence: { cache: { volume: claim('30Gi'), mountPath: '/home/user/.local/share/buildkit' } },
    exemptions: {
      unconfined: 'rootlesskit makes its own user and mount namespaces', privilegeEscalation: 'newuidmap and newgidmap are set-user-ID root',
      addCapabilities: { capabilities: ['SETUID', 'SETGID'], reason: 'newuidmap and newgidmap map the ids of the build namespace' },
      writableRootFilesystem: 'rootlesskit and buildkitd write under /run/user/1000',
    },
    allowFrom: [agent],
  });
}

const labels = { 'app.kubernetes.io/name': 'scanner' };

/** A namespace of Pod Security labels at a version, a Deployment confined by a profile of the node's AppArmor, and an autoscaler of a container's memory. */
function confinedLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'scan', '10.248.0');
  new ApiObject(cluster, 'scanners', {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: {
      name: 'scanners',
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.31',
        'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  });
  const container = (name: string) => ({
    name, image: 'docker.io/traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { httpGet: { path: '/health', port: 'http' } }, livenessProbe: { tcpSocket: { port: 'http' } },
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-scanner' } },
  });
  new ApiObject(cluster, 'scanner', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'scanner', namespace: 'scanners', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations: { 'container.apparmor.security.beta.kubernetes.io/scanner': 'localhost/k8s-scanner' } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'RuntimeDefault' } },
          containers: [container('scanner')],
        },
      },
    },
  });
  new ApiObject(cluster, 'scanner-service', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'scanner', namespace: 'scanners', labels }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
  new ApiObject(cluster, 'scanner-policy', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'scanner', namespace: 'scanners' },
    spec: { podSelector: { matchLabels: labels }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }], ports: [{ port: 8080 }] }] },
  });
  new ApiObject(cluster, 'scanner-autoscaler', {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'scanner', namespace: 'scanners' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'scanner' }, minReplicas: 1, maxReplicas: 4,
      metrics: [
        { type: 'ContainerResource', containerResource: { name: 'memory', container: 'scanner', target: { type: 'AverageValue', averageValue: '96Mi' } } },
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
    },
  });
}

/** ingress-nginx routing a regular expression path by ImplementationSpecific, beside an Exact path with a dot and a CA chain of the cluster's own. */
function nginxLab(scope: Construct): void {
  const lab = labSite('edge', '10.247.1', [host('edge-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.247.1.11' })]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.247.1.200'), tls: IngressTls.none() }) });
  cluster.platform.require(certManagerComponent());
  const web = new HomelabApp(cluster, 'files', {
    namespace: 'files', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }],
    persistence: { cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' }, tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' } },
    route: { host: 'files', rules: [{ path: '/robots.txt', pathType: 'Exact' }, { path: '/' }] },
  });
  new ApiObject(cluster, 'files-api', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name: 'files-api', namespace: 'files', annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host: 'api.edge.jdoe.dev', http: { paths: [{ path: '/v[12]/(files|folders)/.*', pathType: 'ImplementationSpecific', backend: { service: { name: web.name, port: { number: 8080 } } } }] } }],
    },
  });
  // The lab's own CA: a self-signed root in cert-manager's namespace, and an issuer that signs with it.
  new ApiObject(cluster, 'bootstrap', { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'bootstrap' }, spec: { selfSigned: {} } });
  new ApiObject(cluster, 'root-ca', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'lab-root', namespace: 'cert-manager' },
    spec: {
      isCA: true, commonName: 'Edge Lab Root', secretName: 'lab-root-ca', duration: '87600h', privateKey: { algorithm: 'ECDSA', size: 384 },
      subject: { organizations: ['jdoe'], countries: ['NO'] }, issuerRef: { name: 'bootstrap', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    },
  });
  new ApiObject(cluster, 'lab-ca', { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'lab-ca' }, spec: { ca: { secretName: 'lab-root-ca' } } });
  new ApiObject(cluster, 'printer-certificate', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'printer', namespace: 'files' },
    spec: {
      secretName: 'printer-tls', commonName: 'printer.edge.jdoe.dev', dnsNames: ['printer.edge.jdoe.dev'], ipAddresses: ['10.247.1.40'],
      uris: ['spiffe://edge.jdoe.dev/printer'], emailAddresses: ['printer@jdoe.dev'], duration: '8760h', renewBefore: '720h',
      usages: ['server auth', 'client auth'], issuerRef: { name: 'lab-ca', kind: 'ClusterIssuer' },
    },
  });
}

/** CloudNativePG backed up to object storage by its default method, from a standby, and a Vault read through Kubernetes auth and a CA of a ConfigMap. */
function databasesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'vault-pg', '10.246.1');
  cluster.namespaces.ensure('apps');
  declareExternal(cluster, { secrets: [{ namespace: 'apps', name: 'minio-creds' }] });
  new ChartRelease(cluster, 'cloudnative-pg', {
    namespace: 'cnpg-system', network: servesPorts({ port: 9443, purpose: 'admission webhook' }, { port: 8080, purpose: 'metrics' }),
    chart: { repository: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.23.2' },
    crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Backup', 'Pooler'] }],
  });
  new ApiObject(cluster, 'shop-db', {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'shop-db', namespace: 'apps' },
    spec: {
      instances: 2, imageName: 'ghcr.io/cloudnative-pg/postgresql:16.6', storage: { size: '10Gi', storageClass: 'local-path' },
      backup: {
        target: 'prefer-standby', retentionPolicy: '30d',
        barmanObjectStore: {
          destinationPath: 's3://backups/shop-db', endpointURL: 'http://10.246.1.5:9000',
          s3Credentials: { accessKeyId: { name: 'minio-creds', key: 'access-key' }, secretAccessKey: { name: 'minio-creds', key: 'secret-key' } },
          wal: { compression: 'gzip' },
        },
      },
    },
  });
  new ApiObject(cluster, 'shop-db-nightly', {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'shop-db-nightly', namespace: 'apps' },
    spec: { schedule: '0 0 3 * * *', cluster: { name: 'shop-db' }, method: 'barmanObjectStore', immediate: true, target: 'primary' },
  });
  new ApiObject(cluster, 'shop-db-before-upgrade', {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'Backup', metadata: { name: 'shop-db-before-upgrade', namespace: 'apps' }, spec: { cluster: { name: 'shop-db' } },
  });
  cluster.platform.require(externalSecretsOperator());
  configFile(cluster, 'apps', 'vault-ca', 'ca.crt', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  new ApiObject(cluster, 'apps-vault', {
    apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'vault', namespace: 'apps' },
    spec: {
      provider: {
        vault: {
          server: 'https://vault.vault-pg.jdoe.dev:8200', path: 'kv', version: 'v2', namespace: 'lab',
          caProvider: { type: 'ConfigMap', name: 'vault-ca', key: 'ca.crt' },
          auth: { kubernetes: { mountPath: 'kubernetes', role: 'apps', serviceAccountRef: { name: 'vault-reader' } } },
        },
      },
    },
  });
}

/** Two Ollamas and a vLLM serving a folder of its claim on one time-sliced GPU, and Open WebUI calling them. */
function localAiLab(scope: Construct): void {
  const node = host('mind-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.245.1.11', memoryGigabytes: 64, gpus: [{ vendor: 'nvidia', model: 'RTX 4060 Ti' }] });
  const cluster = k3sCluster(scope, labSite('mind', '10.245.1', [node]), { nvidiaTimeSlicing: 3 });
  declareExternal(cluster, { secrets: [{ namespace: 'ai', name: 'open-webui' }] });
  const ollama = (id: string, models: string) => new HomelabApp(cluster, id, {
    namespace: 'ai', image: 'ollama/ollama:0.5.7', ports: [{ name: 'http', port: 11434 }], gpu: { vendor: 'nvidia' },
    env: { OLLAMA_MODELS: '/models', OLLAMA_MAX_LOADED_MODELS: '1' }, resources: { memoryLimit: '12Gi' },
    persistence: { models: { volume: claim(models), mountPath: '/models' } },
  });
  const chat = ollama('ollama-chat', '60Gi');
  const code = ollama('ollama-code', '30Gi');
  // A model the owner downloaded to the claim, served by its folder, which `vllm serve` takes first.
  const vllm = new HomelabApp(cluster, 'vllm', {
    namespace: 'ai', image: 'vllm/vllm-openai:v0.10.1', ports: [{ name: 'http', port: 8000 }], gpu: { vendor: 'nvidia' }, runAsUser: 1000, runAsGroup: 1000,
    command: ['vllm', 'serve'], args: ['/models/Qwen2.5-3B-Instruct-AWQ', '--served-model-name', 'qwen', '--gpu-memory-utilization', '0.3', '--max-model-len', '8192'],
    resources: { memoryLimit: '12Gi' },
    probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: 90 } },
    persistence: {
      models: { volume: claim('20Gi'), mountPath: '/models', readOnly: true }, shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '2Gi' }), mountPath: '/dev/shm' },
    },
  });
  new HomelabApp(cluster, 'open-webui', {
    namespace: 'ai', image: 'ghcr.io/open-webui/open-webui:v0.5.20', ports: [{ name: 'http', port: 8080 }],
    env: {
      OLLAMA_BASE_URLS: 'http://ollama-chat:11434;http://ollama-code.ai.svc.cluster.local:11434', OPENAI_API_BASE_URL: 'http://vllm:8000/v1',
      WEBUI_SECRET_KEY: SecretReference.external('ai', 'open-webui', 'secret-key'),
    },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/app/backend/data' } },
    resources: { memoryLimit: '2Gi' }, egress: [chat, code, vllm], route: { host: 'chat' },
  });
}

/** Photos' volumes as a JSON file of the lab writes them, each kind with the fields it is made from alone, and external-dns writing AdGuard Home's rewrites. */
function jsonVolumesLab(scope: Construct): void {
  const node = host('album-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.244.1.11' });
  const lab = labSite('album', '10.244.1', [node], { nfs: { photos: { server: '10.244.1.5', path: '/volume1/photos' } } });
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'photos', name: 'photoprism' }, { namespace: 'external-dns', name: 'adguard' }] });
  configFile(cluster, 'photos', 'photoprism-options', 'options.yml', 'OriginalsLimit: 5000\nDisableTLS: true\n');
  const volumes = JSON.parse(JSON.stringify({
    storage: { volume: { type: 'claim', claim: { tier: 'fast', size: '20Gi' } }, mountPath: '/photoprism/storage' },
    originals: { volume: { type: 'nfs', export: lab.nfs.photos, path: '/volume1/photos/originals' }, mountPath: '/photoprism/originals', readOnly: true },
    imports: { volume: { type: 'existingClaim', claimName: 'photo-imports' }, mountPath: '/photoprism/import' },
    options: { volume: { type: 'configMap', configMapName: 'photoprism-options' }, mountPath: '/photoprism/config', readOnly: true },
    secrets: { volume: { type: 'secret', secretName: 'photoprism' }, mountPath: '/run/secrets/photoprism', readOnly: true },
    tmp: { volume: { type: 'emptyDir', emptyDir: {} }, mountPath: '/tmp' },
  }));
  volumes.originals.volume.export = lab.nfs.photos;
  new ApiObject(cluster, 'photo-imports', {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'photo-imports', namespace: 'photos' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '50Gi' } } },
  });
  new HomelabApp(cluster, 'photoprism', {
    namespace: 'photos', image: 'photoprism/photoprism:240915', ports: [{ name: 'http', port: 2342 }], runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000,
    env: {
      PHOTOPRISM_ADMIN_USER: 'jdoe', PHOTOPRISM_ADMIN_PASSWORD: SecretReference.external('photos', 'photoprism', 'admin-password'),
      PHOTOPRISM_SITE_URL: 'https://photos.album.jdoe.dev/', PHOTOPRISM_DATABASE_DRIVER: 'sqlite', PHOTOPRISM_CONFIG_PATH: '/photoprism/config',
    },
    persistence: volumes, resources: { memoryLimit: '4Gi' },
    route: { host: 'photos' },
  });
  cluster.platform.require(externalDnsComponent({
    provider: {
      kind: 'adguard', url: 'http://10.244.1.53', username: SecretReference.external('external-dns', 'adguard', 'username'),
      password: SecretReference.external('external-dns', 'adguard', 'password'),
    },
    domains: ['album.jdoe.dev'], ownerId: 'album',
  }));
}

/** A Minecraft world in offline mode behind Velocity whose web map alone is on a load balancer, backed up beside it over RCON at 127.0.0.1. */
function blocksLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'blocks', '10.243.1');
  const lan = cluster.site.pools.lb;
  declareExternal(cluster, { secrets: [{ namespace: 'minecraft', name: 'rcon' }, { namespace: 'minecraft', name: 'velocity' }] });
  const velocity = new HomelabApp(cluster, 'velocity', {
    namespace: 'minecraft', image: 'itzg/mc-proxy:2024.12.0', ports: [{ name: 'minecraft', port: 25577 }],
    env: { TYPE: 'VELOCITY', MEMORY: '512m' }, resources: { memoryLimit: '1Gi' },
    persistence: {
      server: { volume: claim('1Gi'), mountPath: '/server' },
      secret: { volume: AppVolume.secret('velocity'), mountPath: '/run/secrets/velocity', readOnly: true },
    },
    loadBalancer: { address: lan.at('10.243.1.201'), externalTrafficPolicy: 'Local' },
  });
  const password = SecretReference.external('minecraft', 'rcon', 'password');
  const backup = { name: 'backup', image: 'itzg/mc-backup:2024.12.0', env: { RCON_HOST: '127.0.0.1', RCON_PASSWORD: password, BACKUP_INTERVAL: '6h', PRUNE_BACKUPS_DAYS: '7', DEST_DIR: '/backups' } };
  new HomelabApp(cluster, 'world', {
    namespace: 'minecraft', image: 'itzg/minecraft-server:2024.12.1-java21', ports: [{ name: 'minecraft', port: 25565 }, { name: 'map', port: 8100 }],
    env: { EULA: 'TRUE', TYPE: 'PAPER', MEMORY: '4G', ONLINE_MODE: 'false', ENABLE_RCON: 'true', RCON_PASSWORD: password }, resources: { memoryLimit: '6Gi' },
    persistence: { data: { volume: claim('20Gi'), mountPath: '/data', containers: ['world', 'backup'] }, backups: { volume: claim('40Gi'), mountPath: '/backups', containers: ['backup'] } },
    sidecars: [backup], allowFrom: [velocity],
    // Only the web map of the world, which BlueMap serves read-only, is on the LAN's address.
    loadBalancer: { address: lan.at('10.243.1.202'), ports: ['map'] },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['remote desktops lab', desktopsLab, TRAEFIK],
  ['InfluxDB lab', influxLab, TRAEFIK],
  ['cameras lab', camerasLab, TRAEFIK],
  ['GPU lab', gpuLab, TRAEFIK],
  ['disks lab', disksLab, TRAEFIK],
  ['CI lab', ciLab, TRAEFIK],
  ['confined scanner lab', confinedLab, TRAEFIK],
  ['ingress-nginx lab', nginxLab, { namespace: 'ingress-nginx', app: 'ingress-nginx' }],
  ['databases lab', databasesLab, TRAEFIK],
  ['local AI lab', localAiLab, TRAEFIK],
  ['JSON volumes lab', jsonVolumesLab, TRAEFIK],
  ['Minecraft lab', blocksLab, TRAEFIK],
];

describe('a tenth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test("Scrutiny's collector is told the web's API by run's --api-endpoint or --config, or the older SCRUTINY_API_ENDPOINT; told none, it is still an error", () => {
    const collector = (props: Record<string, unknown>) => scrutinyCollectorEndpointProblems({ image: 'ghcr.io/analogj/scrutiny:v0.8.1-collector', ...props }, 'collector').map((p) => p.field);
    expect(collector({ args: ['scrutiny-collector-metrics', 'run', '--api-endpoint', 'http://scrutiny-web:8080'] })).toEqual([]);
    expect(collector({ command: ['/bin/sh', '-c'], args: ['scrutiny-collector-metrics run --api-endpoint=http://scrutiny-web:8080 && sleep 3600'] })).toEqual([]);
    expect(collector({ args: ['scrutiny-collector-metrics', 'run', '--config', '/etc/scrutiny/collector.yaml'] })).toEqual([]);
    expect(collector({ env: { SCRUTINY_API_ENDPOINT: 'http://scrutiny-web:8080' } })).toEqual([]);
    expect(collector({ args: ['scrutiny-collector-metrics', 'run', '--host-id', 'nas'] })).toEqual(['env']);
  });

  test("Woodpecker's steps in a namespace per organization are not judged by the agent's own namespace; without it, they still are", () => {
    const agent = (env: Record<string, string>) => woodpeckerStepNamespaceProblem(
      { image: 'woodpeckerci/woodpecker-agent:v3.8.0', env: { WOODPECKER_BACKEND: 'kubernetes', ...env } }, 'woodpecker', () => 'restricted',
    )?.field;
    expect(agent({ WOODPECKER_BACKEND_K8S_NAMESPACE_PER_ORGANIZATION: 'true' })).toBeUndefined();
    expect(agent({ WOODPECKER_BACKEND_K8S_NAMESPACE_PER_ORGANIZATION: 'false' })).toBe('env');
    expect(agent({})).toBe('env');
  });

  test("vLLM serving a folder of its claim, named first after serve (or first among the args newer images' vllm serve entrypoint runs), downloads nothing; a repository's model is still judged", () => {
    const cache = (words: { command?: string[]; args: string[] }) => modelCacheProblems(propContainers({ image: 'vllm/vllm-openai:v0.10.1', runAsUser: 1000, ...words }, 'vllm')).map((p) => p.field);
    expect(cache({ args: ['/models/qwen', '--port', '8000'] })).toEqual([]);
    expect(cache({ command: ['vllm', 'serve'], args: ['/models/qwen'] })).toEqual([]);
    expect(cache({ command: ['/bin/sh', '-c'], args: ['vllm serve /models/qwen --max-model-len 8192'] })).toEqual([]);
    expect(cache({ args: ['Qwen/Qwen2.5-3B-Instruct-AWQ', '--port', '8000'] })).toEqual(['image']);
    expect(cache({ command: ['vllm', 'serve'], args: ['--port', '8000'] })).toEqual(['image']);
  });

  test("Wings whose config.yml, mounted where Wings reads it, moves its servers' folder to another of the node's is warned, not refused; without that file, or with a claim at the default folder, it is still an error", () => {
    const nodeFolder = (path: string) => ({ volume: AppVolume.hostPath(path, 'DirectoryOrCreate'), mountPath: path });
    // The Panel's "Daemon Server File Directory" wrote system.data: /srv/pterodactyl/volumes into config.yml.
    const folders = { data: nodeFolder('/srv/pterodactyl'), tmp: nodeFolder('/tmp/pterodactyl') };
    const lab = (scope: Construct) => {
      const node = host('arcade-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.242.1.11', services: ['docker'] });
      new HomelabApp(k3sCluster(scope, labSite('arcade', '10.242.1', [node])), 'wings', {
        namespace: 'pterodactyl', image: 'ghcr.io/pterodactyl/wings:v1.11.13', ports: [{ name: 'api', port: 8080 }, { name: 'sftp', port: 2022 }],
        exemptions: { runAsRoot: "Wings runs the game servers as containers of the node's Docker", hostPath: "Docker's socket and the game servers' folders are the node's" },
        persistence: { docker: { volume: AppVolume.hostPath('/var/run/docker.sock', 'Socket'), mountPath: '/var/run/docker.sock' }, config: nodeFolder('/etc/pterodactyl'), ...folders },
      });
    };
    expect(shownFindings(lab)).toEqual(['warning main/wings image']);
    const unconfigured = wingsFolderProblems({ image: 'ghcr.io/pterodactyl/wings:v1.11.13', persistence: folders }, 'wings');
    expect(unconfigured.map((p) => `${p.severity} ${p.field}`)).toEqual(['error image']);
    const onClaim = wingsFolderProblems({
      image: 'ghcr.io/pterodactyl/wings:v1.11.13',
      persistence: { config: nodeFolder('/etc/pterodactyl'), data: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/var/lib/pterodactyl' }, tmp: folders.tmp },
    }, 'wings');
    expect(onClaim.map((p) => `${p.severity} ${p.field}`)).toEqual(['error persistence.data.volume']);
  });

  test("ingress-nginx routes an Exact path with a dot as Exact, as its admission takes it since 1.13.2", () => {
    const paths = objectsOf(nginxLab).filter((o) => o.kind === 'Ingress' && o.metadata.name === 'files').flatMap((o) => o.spec.rules[0].http.paths.map((p: any) => `${p.pathType} ${p.path}`));
    expect(paths).toEqual(['Exact /robots.txt', 'Prefix /']);
  });

  test('the GPU app beside the StatefulSet of the other GPU has none to spare for a surged pod, so it is recreated', () => {
    const comfyui = objectsOf(gpuLab).find((o) => o.kind === 'Deployment' && o.metadata.name === 'comfyui');
    expect(comfyui?.spec.strategy.type).toBe('Recreate');
  });
});
