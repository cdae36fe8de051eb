import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  acmeHttp01, acmeIssuer, actionsRunnerController, caIssuer, cloudflareDns01, ClusterIssuer, AppController, AppVolume, argoCd, BridgeNetwork, cilium, ciliumLoadBalancer, ciliumOnTalos, ClusterChart, declareExternal, flux, gatewayApi, HomeAssistantVm,
  Harbor, HomelabApp, host, hostPlacement, ingressNginx, IngressTls, Jellyfin, JellyfinMedia, JellyfinTranscoding, k3s, KubeVirtManager, kubePrometheusStack, localPathStorage, loki, metalLb, nfsStorage, openTelemetryNodeCollector, permitVmHostDevices, renovate, runnerScaleSet,
  SecretReference, ServiceRoute, site, StaticZfsVolume, TAILNET_SUBNET, talos, traefik, trivyOperator, UpstreamProxy, VaultSecretProviderClass, vlan, WeaveGitOps, WildcardCertificate, zfsSnapshotClass,
} from '../constructs';
import { admits, objectsOf, Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab, postgres } from './support/lab-sites';
import { synapseWithConfigFiles } from './support/synapse-lab';
import { sitesInMemory } from './support/synth';

// A fifth round of labs a user writes from the README alone, each of a shape the first four rounds did not take:
// the platform's own tools (CI runners, Renovate, Trivy, Loki, OpenTelemetry, Weave GitOps), ZFS snapshots and
// imported datasets, KubeVirt's UI beside a VM, a VPS forwarding to the home cluster, Vault through the CSI
// driver, Argo CD's own projects, Talos on a tailnet behind its firewall. Each synthesizes with only the findings
// it deserves (each listed with why), every cluster folder builds with kustomize, every probe and Service reaches
// a port its pod declares, and every NetworkPolicy lets in the ingress on routed ports and the callers each app
// declares.

/** GitHub Actions runners of a scale set, Renovate opening update pull requests, Trivy scanning the images, Flux's failures sent to Discord. */
function ciToolsLab(scope: Construct): void {
  const node = host('ci-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.160.0.11', memoryGigabytes: 32, cores: 8 });
  const lab = labSite('ci', '10.160.0', [node]);
  const cluster = k3sCluster(scope, lab, { gitops: flux({ notifications: { provider: 'discord', address: SecretReference.external('flux-system', 'discord-webhook', 'address') } }) });
  const here = hostPlacement(node);
  cluster.platform.require(actionsRunnerController({ placement: here }));
  cluster.platform.require(runnerScaleSet({ name: 'lab-runners', githubConfigUrl: 'https://github.com/jdoe/ci', githubConfigSecret: 'github-runner', placement: here, maxRunners: 3 }));
  cluster.platform.require(renovate({ placement: here, repositories: ['jdoe/ci', 'jdoe/dotfiles'], tokenSecret: 'renovate-token', schedule: '0 */4 * * *' }));
  cluster.platform.require(trivyOperator({ placement: here, concurrentScans: 2 }));
  declareExternal(cluster, { secrets: [{ namespace: 'flux-system', name: 'discord-webhook' }, { namespace: 'arc-runners', name: 'github-runner' }, { namespace: 'renovate', name: 'renovate-token' }] });
}

/** Talos with Cilium, kube-prometheus-stack and Loki on one node's disk, an OpenTelemetry collector on every node sending to an OTLP endpoint of the LAN. */
function talosLoggingLab(scope: Construct): void {
  const nodes = [1, 2, 3].map((i) => host(`obs-${i}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.161.0.1${i}`, memoryGigabytes: 32, cores: 8 }));
  const lab = labSite('obs', '10.161.0', nodes);
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: nodes,
    preinstalled: [talos({ bootstrapNode: nodes[0], allowSchedulingOnControlPlanes: true, clusterEndpoint: '10.161.0.10' })],
    cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }), networkPolicy: 'cilium',
    loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], interfaces: ['enp1s0'] }),
    routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('10.161.0.200') }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  const stack = cluster.platform.require(kubePrometheusStack({
    placement: hostPlacement(nodes[0]), grafanaAdminSecret: 'grafana-admin', retention: '15d', retentionSize: '18GB', prometheusStorage: { tier: 'fast', size: '20Gi' },
  }));
  declareExternal(stack, { secrets: ['admin-user', 'admin-password'].map((key) => SecretReference.external(stack.namespace, 'grafana-admin', key)) });
  cluster.platform.require(loki({ placement: hostPlacement(nodes[1]), storageClass: 'local-path', storageSize: '30Gi', retention: '14d' }));
  cluster.platform.require(openTelemetryNodeCollector({ export: { endpoint: '10.161.0.5:4317', insecure: true } }));
  new ServiceRoute(cluster, 'grafana', { name: 'grafana', host: 'grafana', namespace: stack.namespace, serviceName: `${stack.name}-grafana`, port: 80 });
  // The Gateway serves the lab CA's certificate, which the family's devices trust.
  new ClusterIssuer(cluster, 'lab-ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key') }) });
  new WildcardCertificate(cluster, 'gateway-certificate', { issuer: 'lab-ca', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });
}

/** Apps on ZFS pools of two speeds, a dataset of the old server imported as a file system claim, snapshots of a claim through the driver's class. */
function zfsLab(scope: Construct): void {
  const node = host('zfs-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.162.0.11', zfsPools: { fast: { media: 'nvme' }, tank: { media: 'hdd' } } });
  const lab = labSite('zfs', '10.162.0', [node]);
  const cluster = k3sCluster(scope, lab, { storage: { fast: node.zfs.fast, bulk: node.zfs.tank } });
  zfsSnapshotClass(cluster, { deletionPolicy: 'Retain' });
  new StaticZfsVolume(cluster, 'photos-library', { volume: node.zfs.tank.existingVolume('photos', { size: '500Gi' }), namespace: 'photos', claimName: 'library', volumeMode: 'Filesystem' });
  new HomelabApp(cluster, 'photoprism', {
    namespace: 'photos', image: 'photoprism/photoprism:240915', ports: [{ name: 'http', port: 2342 }], runAsUser: 1000, fsGroup: 1000,
    env: { PHOTOPRISM_SITE_URL: 'https://photos.zfs.jdoe.dev/', PHOTOPRISM_ADMIN_PASSWORD: SecretReference.external('photos', 'photoprism-admin', 'password'), PHOTOPRISM_DATABASE_DRIVER: 'sqlite', PHOTOPRISM_DISABLE_TLS: 'true' },
    persistence: {
      originals: { volume: AppVolume.existingClaim('library'), mountPath: '/photoprism/originals' },
      storage: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/photoprism/storage' },
    },
    resources: { cpuRequest: '500m', memoryRequest: '2Gi', memoryLimit: '4Gi' },
    route: { host: 'photos' },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'photos', name: 'photoprism-admin' }] });
  new ApiObject(cluster, 'storage-snapshot', {
    apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'photoprism-storage-before-upgrade', namespace: 'photos' },
    spec: { source: { persistentVolumeClaimName: 'photoprism-storage' } },
  });
}

/** A gaming VM written by hand with the host's NVIDIA card passed through and a leg on the LAN bridge, KubeVirt Manager to start and stop it. */
function gpuVmLab(scope: Construct): void {
  const lan = vlan('lan', { id: 1, cidr: '10.163.0.0/24', gateway: '10.163.0.1' });
  const box = host('vm-1', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.163.0.11', memoryGigabytes: 64, cores: 16,
    gpus: [{ vendor: 'nvidia', model: 'RTX 4070', pciId: '10de:2786' }], zfsPools: { vms: { media: 'nvme' } }, bridges: { br0: { vlan: lan } },
  });
  const lab = site('virt2', { domain: 'virt2.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/virt2.git' }, vlans: { lan }, pools: { lb: { first: '10.163.0.200', last: '10.163.0.209' } } });
  const cluster = k3sCluster(scope, lab, { storage: { fast: localPathStorage(), vm: box.zfs.vms } });
  const bridge = new BridgeNetwork(cluster, 'lan', { bridge: box.bridges.br0, namespace: 'vms' });
  permitVmHostDevices(cluster, [box.vmGpu()]);
  cluster.namespaces.ensure('vms');
  new ApiObject(cluster, 'gaming-vm', {
    apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'gaming', namespace: 'vms' },
    spec: {
      runStrategy: 'Manual',
      template: {
        spec: {
          domain: {
            cpu: { cores: 8 }, memory: { guest: '16Gi' }, firmware: { bootloader: { efi: { secureBoot: false } } },
            devices: {
              disks: [{ name: 'root', disk: { bus: 'virtio' } }],
              interfaces: [{ name: 'lan', bridge: {} }],
              hostDevices: [{ name: 'gpu0', deviceName: 'pci.homelab.dev/10de-2786' }],
            },
          },
          networks: [{ name: 'lan', multus: { networkName: bridge.networkName } }],
          volumes: [{ name: 'root', dataVolume: { name: 'gaming-root' } }],
        },
      },
      dataVolumeTemplates: [{
        metadata: { name: 'gaming-root' },
        spec: { source: { blank: {} }, storage: { storageClassName: 'zfs-vms', accessModes: ['ReadWriteOnce'], volumeMode: 'Block', resources: { requests: { storage: '256Gi' } } } },
      }],
    },
  });
  new KubeVirtManager(cluster, 'kubevirt-manager', { route: { host: 'vms' }, users: SecretReference.external('kubevirt-manager', 'kubevirt-manager-users', 'auth') });
  declareExternal(cluster, { secrets: [{ namespace: 'kubevirt-manager', name: 'kubevirt-manager-users' }] });
}

/** A VPS cluster on its public address forwarding every name of the domain it does not serve itself to the home cluster's Traefik over WireGuard. */
function vpsProxyLab(scope: Construct): void {
  const home = host('home-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.164.0.11' });
  const vps = host('vps', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.99.0.1', publicAddress: '203.0.113.40' });
  const lab = site('edge', { domain: 'edge.jdoe.dev', hosts: [home, vps], git: { url: 'https://github.com/jdoe/edge.git' }, pools: { lb: { first: '10.164.0.200', last: '10.164.0.209' } } });
  const homeCluster = new ClusterChart(scope, 'home', {
    site: lab, hosts: [home], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: lab.pools.lb.at('10.164.0.200') }), loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    storage: { fast: localPathStorage() }, gitops: flux({ bootstrapPath: 'flux-system/edge/home' }),
  });
  new HomelabApp(homeCluster, 'miniflux', {
    image: 'ghcr.io/miniflux/miniflux:2.2.6', ports: [{ name: 'http', port: 8080 }],
    env: { DATABASE_URL: SecretReference.external('miniflux', 'miniflux-db', 'url'), RUN_MIGRATIONS: '1', BASE_URL: 'https://news.edge.jdoe.dev' },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 5432 }] }],
    route: { host: 'news' },
  });
  declareExternal(homeCluster, { secrets: [{ namespace: 'miniflux', name: 'miniflux-db' }] });
  const cloud = new ClusterChart(scope, 'cloud', {
    site: lab, hosts: [vps], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ certResolver: 'letsencrypt', acme: { letsencrypt: acmeHttp01({ email: 'certs@jdoe.dev' }) }, hostPorts: true }),
    storage: { fast: localPathStorage() }, gitops: flux({ bootstrapPath: 'flux-system/edge/cloud' }),
  });
  new UpstreamProxy(cloud, 'home-traefik', {
    domain: 'edge.jdoe.dev', address: lab.pools.lb.at('10.164.0.200'), certResolver: 'letsencrypt', hostnames: () => ['news.edge.jdoe.dev'],
  });
}

/** Secrets of a Vault outside the cluster mounted as files through the Secrets Store CSI driver, read by an app's own ServiceAccount. */
function vaultCsiLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'vault', '10.165.0');
  const secrets = new VaultSecretProviderClass(cluster, 'linkding-secrets', {
    namespace: 'bookmarks', vaultAddress: 'https://vault.vault.jdoe.dev:8200', roleName: 'linkding',
    objects: [{ objectName: 'superuser-password', secretPath: 'secret/data/linkding', secretKey: 'password' }],
  });
  new HomelabApp(cluster, 'linkding', {
    namespace: 'bookmarks', image: 'sissbruecker/linkding:1.39.1', ports: [{ name: 'http', port: 9090 }], runAsUser: 33, fsGroup: 33,
    env: { LD_SUPERUSER_NAME: 'jdoe', LD_SUPERUSER_PASSWORD_FILE: '/mnt/secrets/superuser-password' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/etc/linkding/data' },
      secrets: { volume: AppVolume.secretsStore(secrets.name), mountPath: '/mnt/secrets', readOnly: true },
    },
    egress: [{ cidr: '10.165.0.5/32', ports: [{ port: 8200 }] }],
    route: { host: 'links' },
  });
}

/** Argo CD rendering its own projects, so a push of another kind or namespace is refused at sync, and a CI account that may only sync them. */
function argoProjectsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'argo', '10.166.0', { gitops: argoCd({ project: 'lab', createProject: true, syncAccount: 'ci' }) });
  new HomelabApp(cluster, 'homepage', {
    namespace: 'dashboard', image: 'ghcr.io/gethomepage/homepage:v1.2.0', ports: [{ name: 'http', port: 3000 }],
    env: { HOMEPAGE_ALLOWED_HOSTS: 'home.argo.jdoe.dev' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' } },
    route: { host: 'home' },
  });
  new HomelabApp(cluster, 'cyberchef', { namespace: 'dashboard', image: 'ghcr.io/gchq/cyberchef:10.19.4', ports: [{ name: 'http', port: 8080 }], route: { host: 'chef' } });
}

/** Talos nodes on the tailnet through the Tailscale extension, its firewall letting the tailnet alone reach the APIs, each node installed on its NVMe disk. */
function talosTailnetLab(scope: Construct): void {
  const nodes = [1, 2, 3].map((i) => host(`tn-${i}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.167.0.1${i}`, memoryGigabytes: 16, cores: 4 }));
  const lab = labSite('tn', '10.167.0', nodes);
  const cluster = k3sCluster(scope, lab, {
    preinstalled: [talos({
      bootstrapNode: nodes[0], allowSchedulingOnControlPlanes: true, bringYourOwnCni: false, tailscaleExtension: true,
      ingressFirewall: { reachableFrom: [TAILNET_SUBNET] }, nameservers: ['10.167.0.1', '1.1.1.1'],
      installDisks: { 'tn-1': '/dev/nvme0n1', 'tn-2': '/dev/nvme0n1', 'tn-3': '/dev/nvme0n1' },
    })],
    unenforcedNetworkPolicies: "Talos' Flannel; the firewall of the nodes is what keeps the LAN out",
  });
  new HomelabApp(cluster, 'gatus', {
    namespace: 'status', image: 'ghcr.io/twin/gatus:v5.17.0', ports: [{ name: 'http', port: 8080 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'status' },
  });
}

/** Weave GitOps showing the Flux objects of the cluster, behind its own admin login. */
function weaveGitOpsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'wego', '10.168.0');
  new WeaveGitOps(cluster, 'weave-gitops', { route: { host: 'flux' }, adminPassword: SecretReference.external('flux-system', 'cluster-user-auth', 'password') });
  declareExternal(cluster, { secrets: [{ namespace: 'flux-system', name: 'cluster-user-auth' }] });
}

/** Jellyfin transcoding on an NVIDIA card, its config, cache and library on one shared NFS claim, and Jellyseerr asking it for the library. */
function jellyfinNvidiaLab(scope: Construct): void {
  const node = host('tv-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.169.0.11', memoryGigabytes: 32, gpus: [{ vendor: 'nvidia', model: 'GTX 1660 Super' }] });
  const lab = labSite('tv', '10.169.0', [node], { nfs: { nas: { server: '10.169.0.5', path: '/mnt/tank/k8s', capacity: '4T' } } });
  const cluster = k3sCluster(scope, lab, { storage: { fast: localPathStorage(), shared: nfsStorage(lab.nfs.nas) } });
  const jellyfin = new Jellyfin(cluster, 'jellyfin', {
    version: '10.10.7', namespace: 'media',
    media: JellyfinMedia.shared(AppVolume.claim({ tier: 'shared', size: '2Ti', accessMode: 'ReadWriteMany' })),
    hardwareTranscoding: JellyfinTranscoding.nvidia(), transcodeSizeLimit: '30Gi',
    resources: { cpuRequest: '500m', memoryRequest: '1Gi', memoryLimit: '4Gi' },
    route: { host: 'watch' },
  });
  new HomelabApp(cluster, 'jellyseerr', {
    namespace: 'media', image: 'fallenbagel/jellyseerr:2.5.2', ports: [{ name: 'http', port: 5055 }],
    env: { TZ: 'Europe/Amsterdam', LOG_LEVEL: 'info' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' } },
    egress: [jellyfin, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'requests' },
  });
}

/** Keycloak on PostgreSQL as the lab's login, and Grafana logging its users in through it. */
function keycloakLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'sso', '10.170.0');
  declareExternal(cluster, { secrets: [{ namespace: 'sso', name: 'keycloak-db' }, { namespace: 'sso', name: 'keycloak-admin' }, { namespace: 'grafana', name: 'grafana-oauth' }] });
  const db = postgres(cluster, 'sso', 'keycloak', SecretReference.external('sso', 'keycloak-db', 'password'));
  const keycloak = new HomelabApp(cluster, 'keycloak', {
    namespace: 'sso', image: 'quay.io/keycloak/keycloak:26.1.4', args: ['start'],
    ports: [{ name: 'http', port: 8080 }, { name: 'management', port: 9000 }],
    env: {
      KC_DB: 'postgres', KC_DB_URL: 'jdbc:postgresql://postgres:5432/keycloak', KC_DB_USERNAME: 'keycloak', KC_DB_PASSWORD: SecretReference.external('sso', 'keycloak-db', 'password'),
      KC_HOSTNAME: 'https://login.sso.jdoe.dev', KC_HTTP_ENABLED: 'true', KC_PROXY_HEADERS: 'xforwarded', KC_HEALTH_ENABLED: 'true',
      KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: SecretReference.external('sso', 'keycloak-admin', 'password'),
    },
    probes: { readiness: { httpPath: '/health/ready', port: 9000 }, liveness: { httpPath: '/health/live', port: 9000 } },
    resources: { cpuRequest: '250m', memoryRequest: '768Mi', memoryLimit: '1536Mi' },
    persistence: { tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' } },
    egress: [db],
    route: { host: 'login' },
  });
  db.addAllowFrom(keycloak);
  new HomelabApp(cluster, 'grafana', {
    namespace: 'grafana', image: 'grafana/grafana:11.5.2', ports: [{ name: 'http', port: 3000 }], runAsUser: 472,
    env: {
      GF_SERVER_ROOT_URL: 'https://grafana.sso.jdoe.dev', GF_AUTH_GENERIC_OAUTH_ENABLED: 'true', GF_AUTH_GENERIC_OAUTH_NAME: 'Keycloak',
      GF_AUTH_GENERIC_OAUTH_CLIENT_ID: 'grafana', GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: SecretReference.external('grafana', 'grafana-oauth', 'client-secret'),
      GF_AUTH_GENERIC_OAUTH_SCOPES: 'openid email profile', GF_AUTH_GENERIC_OAUTH_AUTH_URL: 'https://login.sso.jdoe.dev/realms/lab/protocol/openid-connect/auth',
      GF_AUTH_GENERIC_OAUTH_TOKEN_URL: 'https://login.sso.jdoe.dev/realms/lab/protocol/openid-connect/token',
      GF_AUTH_GENERIC_OAUTH_API_URL: 'https://login.sso.jdoe.dev/realms/lab/protocol/openid-connect/userinfo',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/var/lib/grafana' } },
    // Its server calls Keycloak's token and user-info endpoints by their public names, which the ingress answers.
    egress: [{ namespace: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } }],
    route: { host: 'grafana' },
  });
}

/** The UniFi Network Application with its MongoDB, the access points' inform and STUN ports on a load balancer address of their own. */
function unifiLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'net', '10.171.0');
  declareExternal(cluster, { secrets: [{ namespace: 'unifi', name: 'unifi-db' }] });
  const password = SecretReference.external('unifi', 'unifi-db', 'password');
  // The application's user, made by the script of its image's guide as the database first starts.
  configFile(cluster, 'unifi', 'unifi-db-init', 'init-mongo.sh', [
    '#!/bin/bash', 'mongosh <<EOF', 'use ${MONGO_AUTHSOURCE}', 'db.auth("${MONGO_INITDB_ROOT_USERNAME}", "${MONGO_INITDB_ROOT_PASSWORD}")',
    'db.createUser({ user: "${MONGO_USER}", pwd: "${MONGO_PASS}", roles: [{ db: "${MONGO_DBNAME}", role: "dbOwner" }, { db: "${MONGO_DBNAME}_stat", role: "dbOwner" }] })', 'EOF', '',
  ].join('\n'));
  const mongo = new HomelabApp(cluster, 'unifi-db', {
    namespace: 'unifi', image: 'mongo:7.0.16', runAsUser: 999, ports: [{ name: 'mongodb', port: 27017 }], controller: AppController.statefulSet(),
    env: {
      MONGO_INITDB_ROOT_USERNAME: 'root', MONGO_INITDB_ROOT_PASSWORD: SecretReference.external('unifi', 'unifi-db', 'root-password'),
      MONGO_USER: 'unifi', MONGO_PASS: password, MONGO_DBNAME: 'unifi', MONGO_AUTHSOURCE: 'admin',
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data/db' }, tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' },
      init: { volume: AppVolume.configMap('unifi-db-init'), mountPath: '/docker-entrypoint-initdb.d', readOnly: true },
    },
  });
  new HomelabApp(cluster, 'unifi', {
    namespace: 'unifi', image: 'lscr.io/linuxserver/unifi-network-application:9.0.114-ls84',
    ports: [{ name: 'https', port: 8443, appProtocol: 'https' }, { name: 'inform', port: 8080 }, { name: 'stun', port: 3478, protocol: 'UDP' }],
    env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Amsterdam', MONGO_HOST: 'unifi-db', MONGO_PORT: '27017', MONGO_DBNAME: 'unifi', MONGO_USER: 'unifi', MONGO_PASS: password, MONGO_AUTHSOURCE: 'admin' },
    exemptions: {
      runAsRoot: 'the image starts as root and drops to PUID', writableRootFilesystem: 's6-overlay writes its service tree under /run',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its init takes ownership of /config and switches to PUID; s6 signals the app to stop it' },
      unverifiedBackendTls: 'the application serves its UI over HTTPS with a certificate it signs itself',
    },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
    resources: { cpuRequest: '250m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
    egress: [mongo],
    loadBalancer: { address: cluster.site.pools.lb.at('10.171.0.201'), ports: ['inform', 'stun'] },
    route: { host: 'unifi', port: 8443 },
  });
}

/** A Minecraft server for the family on a load balancer address that keeps the players' addresses, its world on a claim, backed up nightly by the image's own companion. */
function minecraftLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'mc', '10.172.0');
  declareExternal(cluster, { secrets: [{ namespace: 'minecraft', name: 'rcon' }] });
  const rcon = SecretReference.external('minecraft', 'rcon', 'password');
  const server = new HomelabApp(cluster, 'minecraft', {
    namespace: 'minecraft', image: 'itzg/minecraft-server:2025.2.1-java21', runAsUser: 1000, fsGroup: 1000,
    ports: [{ name: 'minecraft', port: 25565 }, { name: 'rcon', port: 25575 }],
    env: { EULA: 'TRUE', TYPE: 'PAPER', VERSION: '1.21.4', MEMORY: '4G', DIFFICULTY: 'normal', MOTD: 'The Doe family server', RCON_PASSWORD: rcon, ENABLE_WHITELIST: 'true', WHITELIST: 'jdoe,jdoe_jr' },
    controller: AppController.statefulSet(),
    probes: { readiness: { tcp: true, port: 25565 }, startup: { tcp: true, port: 25565, failureThreshold: 30, periodSeconds: 10 } },
    resources: { cpuRequest: '1', memoryRequest: '5Gi', memoryLimit: '6Gi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/data' } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    loadBalancer: { address: cluster.site.pools.lb.at('10.172.0.201'), ports: ['minecraft'], externalTrafficPolicy: 'Local' },
  });
  new HomelabApp(cluster, 'minecraft-backup', {
    namespace: 'minecraft', image: 'itzg/mc-backup:2025.1.0', runAsUser: 1000,
    env: { RCON_HOST: 'minecraft', RCON_PORT: '25575', RCON_PASSWORD: rcon, BACKUP_INTERVAL: '24h', PRUNE_BACKUPS_DAYS: '7', SRC_DIR: '/data', DEST_DIR: '/backups' },
    persistence: {
      data: { volume: AppVolume.existingClaim('data-minecraft-0'), mountPath: '/data', readOnly: true },
      backups: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/backups' },
      tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' },
    },
    egress: [server],
  });
}

/** Headscale as the lab's own VPN control server, its config file a ConfigMap, its noise key on a claim, its metrics scraped. */
function headscaleLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'mesh', '10.173.0');
  configFile(cluster, 'vpn', 'headscale', 'config.yaml', [
    'server_url: https://hs.mesh.jdoe.dev', 'listen_addr: 0.0.0.0:8080', 'metrics_listen_addr: 0.0.0.0:9090', 'grpc_listen_addr: 0.0.0.0:50443',
    'noise:', '  private_key_path: /var/lib/headscale/noise_private.key',
    'prefixes:', '  v4: 100.64.0.0/10', '  v6: fd7a:115c:a1e0::/48',
    'derp:', '  urls:', '    - https://controlplane.tailscale.com/derpmap/default',
    'database:', '  type: sqlite', '  sqlite:', '    path: /var/lib/headscale/db.sqlite',
    'dns:', '  magic_dns: true', '  base_domain: tail.mesh.jdoe.dev', '  nameservers:', '    global:', '      - 1.1.1.1', '',
  ].join('\n'));
  new HomelabApp(cluster, 'headscale', {
    namespace: 'vpn', image: 'headscale/headscale:0.25.1', args: ['serve'],
    ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }],
    probes: { readiness: { httpPath: '/health' }, liveness: { httpPath: '/health' } },
    persistence: {
      config: { volume: AppVolume.configMap('headscale'), mounts: [{ mountPath: '/etc/headscale/config.yaml', subPath: 'config.yaml' }] },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/headscale' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/headscale' },
    },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'hs' },
  });
}

/** Home Assistant OS with every option a careful owner sets: its cores and memory, the guest agent, its own MAC, DNS of the lab, a route to the ingress kept off the IoT VLAN, and Zigbee2MQTT calling it. */
function homeAssistantFullLab(scope: Construct): void {
  const lan = vlan('lan', { id: 1, cidr: '10.174.0.0/24', gateway: '10.174.0.1' });
  const iot = vlan('iot', { id: 30, cidr: '10.174.30.0/24', gateway: '10.174.30.1' });
  const box = host('ha-1', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.174.0.11', memoryGigabytes: 32, cores: 8,
    zfsPools: { vms: { media: 'ssd' } }, bridges: { br30: { vlan: iot } },
    usbDevices: { zwave: { vendorId: '0658', productId: '0200', model: 'Aeotec Z-Stick Gen5' } },
  });
  const lab = site('house', {
    domain: 'house.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/house.git' }, vlans: { lan, iot },
    pools: { lb: { first: '10.174.0.200', last: '10.174.0.209' } },
  });
  const cluster = k3sCluster(scope, lab, { storage: { fast: localPathStorage(), vm: box.zfs.vms } });
  new HomeAssistantVm(cluster, 'home-assistant', {
    namespace: 'home', disk: box.zfs.vms.existingVolume('haos', { size: '64Gi' }), cores: 4, memory: '6Gi',
    iot: { bridge: box.bridges.br30, address: '10.174.30.5', gateway: '10.174.30.1', macAddress: '02:00:0a:ae:1e:05' },
    nameservers: ['10.174.0.1'], podRouteAddresses: [lab.pools.lb.at('10.174.0.200')],
    guestAgent: true, labels: { app: 'homeassistant' }, hostDevices: [box.usb.zwave],
    route: { host: 'home' },
  });
}

/** Synapse with its config file a ConfigMap and its secrets a Secret, Element Web beside it, Matrix' delegation files served by Synapse on the bare domain. */
function matrixLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'chat', '10.175.0');
  declareExternal(cluster, { secrets: [{ namespace: 'matrix', name: 'synapse-secrets' }, { namespace: 'matrix', name: 'synapse-db' }] });
  // Synapse refuses a database whose collation is not C: the database is made with it.
  const db = postgres(cluster, 'matrix', 'synapse', SecretReference.external('matrix', 'synapse-db', 'password'), '--encoding=UTF8 --lc-collate=C --lc-ctype=C');
  configFile(cluster, 'matrix', 'synapse', 'homeserver.yaml', [
    'server_name: chat.jdoe.dev', 'public_baseurl: https://matrix.chat.jdoe.dev/', 'serve_server_wellknown: true', 'pid_file: /data/homeserver.pid',
    'listeners:', '  - port: 8008', '    type: http', '    tls: false', '    x_forwarded: true', '    resources:', '      - names: [client, federation]',
    'database:', '  name: psycopg2', '  args:', '    host: postgres', '    user: synapse', '    database: synapse', '    cp_min: 2', '    cp_max: 5',
    'media_store_path: /data/media_store', 'signing_key_path: /secrets/signing.key', 'report_stats: false', 'enable_registration: false', '',
  ].join('\n'));
  synapseWithConfigFiles(cluster, 'matrixdotorg/synapse:v1.124.0', db);
  new ServiceRoute(cluster, 'matrix-delegation', { name: 'matrix-delegation', host: 'chat.jdoe.dev', path: '/.well-known/matrix', namespace: 'matrix', serviceName: 'synapse', port: 8008 });
  configFile(cluster, 'matrix', 'element', 'config.json', JSON.stringify({ default_server_config: { 'm.homeserver': { base_url: 'https://matrix.chat.jdoe.dev', server_name: 'chat.jdoe.dev' } }, disable_guests: true }, null, 2));
  new HomelabApp(cluster, 'element', {
    namespace: 'matrix', image: 'vectorim/element-web:v1.11.94', runAsUser: 101, ports: [{ name: 'http', port: 8080 }],
    env: { ELEMENT_WEB_PORT: '8080' },
    persistence: {
      config: { volume: AppVolume.configMap('element'), mounts: [{ mountPath: '/app/config.json', subPath: 'config.json' }], readOnly: true },
      conf: { volume: AppVolume.emptyDir(), mountPath: '/etc/nginx/conf.d' },
      cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' },
      tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' },
    },
    route: { host: 'element' },
  });
}

/** Navidrome and Audiobookshelf reading folders of the NAS's media export, each its own folder of the export, their databases on local disk. */
function musicNfsLab(scope: Construct): void {
  const node = host('music-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.176.0.11' });
  const lab = labSite('music', '10.176.0', [node], { nfs: { media: { server: '10.176.0.5', path: '/volume1/media' } } });
  const cluster = k3sCluster(scope, lab);
  new HomelabApp(cluster, 'navidrome', {
    namespace: 'music', image: 'deluan/navidrome:0.55.2', runAsUser: 1000, fsGroup: 1000, ports: [{ name: 'http', port: 4533 }],
    env: { ND_MUSICFOLDER: '/music', ND_DATAFOLDER: '/data', ND_SCANSCHEDULE: '1h', ND_BASEURL: '', ND_LOGLEVEL: 'info' },
    persistence: {
      music: { volume: AppVolume.nfs(lab.nfs.media, 'music'), mountPath: '/music', readOnly: true },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' },
    },
    route: { host: 'listen' },
  });
  new HomelabApp(cluster, 'audiobookshelf', {
    namespace: 'music', image: 'ghcr.io/advplyr/audiobookshelf:2.19.5', runAsUser: 1000, fsGroup: 1000, ports: [{ name: 'http', port: 13378 }],
    env: { PORT: '13378', CONFIG_PATH: '/config', METADATA_PATH: '/metadata' },
    persistence: {
      books: { volume: AppVolume.nfs(lab.nfs.media, 'audiobooks'), mountPath: '/audiobooks' },
      podcasts: { volume: AppVolume.nfs(lab.nfs.media, 'podcasts'), mountPath: '/podcasts' },
      config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' },
      metadata: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/metadata' },
    },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'books' },
  });
}

/** Harbor behind ingress-nginx with a Let's Encrypt certificate per route, its image store and database on local disk. */
function harborNginxLab(scope: Construct): void {
  const node = host('reg-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.177.0.11', memoryGigabytes: 16 });
  const lab = labSite('reg', '10.177.0', [node]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.177.0.200'), tls: IngressTls.perRoute('letsencrypt') }) });
  new ClusterIssuer(cluster, 'letsencrypt', {
    name: 'letsencrypt',
    issuer: acmeIssuer({ server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'certs@jdoe.dev', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token') })] }),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'harbor', name: 'harbor-admin' }, { namespace: 'harbor', name: 'harbor-internal' }] });
  new Harbor(cluster, 'harbor', {
    namespace: 'harbor', storageTier: 'fast', registrySize: '100Gi', route: { host: 'cr' },
    adminPassword: SecretReference.external('harbor', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
    internalSecrets: SecretReference.external('harbor', 'harbor-internal', 'secretKey'),
  });
}

/** Alertmanager sending the stack's alerts to ntfy of the cluster through a webhook, and a rule of an app's own metrics. */
function alertsToNtfyLab(scope: Construct): void {
  const node = host('alert-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.178.0.11', memoryGigabytes: 16, cores: 4 });
  const lab = labSite('alert', '10.178.0', [node]);
  const cluster = k3sCluster(scope, lab);
  const stack = cluster.platform.require(kubePrometheusStack({
    placement: hostPlacement(node), grafanaAdminSecret: 'grafana-admin', prometheusStorage: { tier: 'fast', size: '20Gi' },
    alertReceiver: { kind: 'webhook', url: SecretReference.external('monitoring', 'alert-webhook', 'url') },
  }));
  declareExternal(stack, { secrets: ['admin-user', 'admin-password'].map((key) => SecretReference.external(stack.namespace, 'grafana-admin', key)).concat(SecretReference.external('monitoring', 'alert-webhook', 'url')) });
  configFile(cluster, 'ntfy', 'ntfy', 'server.yml', 'base-url: https://ntfy.alert.jdoe.dev\nlisten-http: ":8080"\ncache-file: /var/cache/ntfy/cache.db\nauth-file: /var/lib/ntfy/user.db\nauth-default-access: deny-all\nbehind-proxy: true\n');
  new HomelabApp(cluster, 'ntfy', {
    namespace: 'ntfy', image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], runAsUser: 1000, fsGroup: 1000, ports: [{ name: 'http', port: 8080 }],
    probes: { readiness: { httpPath: '/v1/health' }, liveness: { httpPath: '/v1/health' } },
    persistence: {
      config: { volume: AppVolume.configMap('ntfy'), mountPath: '/etc/ntfy', readOnly: true },
      cache: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/cache/ntfy' },
      auth: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/var/lib/ntfy' },
    },
    allowFrom: [{ namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'alertmanager' } }],
    route: { host: 'ntfy' },
  });
  new ApiObject(cluster, 'ntfy-rules', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'backups', namespace: 'monitoring' },
    spec: { groups: [{ name: 'backups', rules: [{ alert: 'BackupJobFailed', expr: 'kube_job_status_failed{namespace="backups"} > 0', for: '10m', labels: { severity: 'critical' }, annotations: { summary: 'A backup job failed' } }] }] },
  });
}

/** Three NixOS servers running K3s with embedded etcd, their join token an agenix secret, each deployed by colmena, and an app of two replicas spread over them. */
function nixosHaLab(scope: Construct): void {
  const nodes = ['alpha', 'beta', 'gamma'].map((name, i) => host(name, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.181.0.1${i + 1}`, memoryGigabytes: 16, cores: 4 }));
  const lab = labSite('nix', '10.181.0', nodes);
  const cluster = k3sCluster(scope, lab, {
    preinstalled: [k3s({
      disable: ['traefik', 'servicelb'], nixos: true, agenixToken: 'k3s-token', nixosDeployCommand: 'colmena apply --on {host}',
      nixosFiles: { alpha: 'hosts/alpha/k3s.nix', beta: 'hosts/beta/k3s.nix', gamma: 'hosts/gamma/k3s.nix' },
    })],
  });
  new HomelabApp(cluster, 'searxng', {
    namespace: 'search', image: 'searxng/searxng:2025.3.8-6a5e4f2', replicas: 2, ports: [{ name: 'http', port: 8080 }], runAsUser: 977, runAsGroup: 977,
    env: { SEARXNG_BASE_URL: 'https://search.nix.jdoe.dev/', SEARXNG_SECRET: SecretReference.external('search', 'searxng', 'secret-key') },
    persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/etc/searxng' } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'search' },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'search', name: 'searxng' }] });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };
const NGINX: Peer = { namespace: 'ingress-nginx', app: 'ingress-nginx' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['CI tools lab', ciToolsLab, TRAEFIK],
  ['Talos logging lab', talosLoggingLab, 'cilium-ingress'],
  ['ZFS lab', zfsLab, TRAEFIK],
  ['GPU VM lab', gpuVmLab, TRAEFIK],
  ['VPS proxy lab', vpsProxyLab, TRAEFIK],
  ['Vault CSI lab', vaultCsiLab, TRAEFIK],
  ['Argo CD projects lab', argoProjectsLab, TRAEFIK],
  ['Talos on a tailnet lab', talosTailnetLab, TRAEFIK],
  ['Weave GitOps lab', weaveGitOpsLab, TRAEFIK],
  ['Jellyfin on NVIDIA lab', jellyfinNvidiaLab, TRAEFIK],
  ['Keycloak lab', keycloakLab, TRAEFIK],
  ['UniFi lab', unifiLab, TRAEFIK],
  ['Minecraft lab', minecraftLab, TRAEFIK],
  ['Headscale lab', headscaleLab, TRAEFIK],
  ['Home Assistant with every option lab', homeAssistantFullLab, TRAEFIK],
  ['Matrix lab', matrixLab, TRAEFIK],
  ['music on NFS lab', musicNfsLab, TRAEFIK],
  ['Harbor behind ingress-nginx lab', harborNginxLab, NGINX],
  ['alerts to ntfy lab', alertsToNtfyLab, TRAEFIK],
  ['NixOS K3s servers lab', nixosHaLab, TRAEFIK],
];

describe('a fifth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s: no finding', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

// Grafana's and Weave GitOps' Services come of their charts, which the cluster's engine renders.
describeOutputRuns(LABS, ['monitoring/kube-prometheus-stack-grafana:80', 'flux-system/weave-gitops:9001']);

describe("each app's policy admits the callers the labs declare", () => {
  test('Jellyseerr reaches Jellyfin, Keycloak and Synapse their databases, UniFi its MongoDB, the backup its server, Alertmanager ntfy; an app not declared stays out', () => {
    const sso = objectsOf(keycloakLab);
    expect({
      jellyseerr: admits(objectsOf(jellyfinNvidiaLab), 'media', 'jellyfin', 8096, { namespace: 'media', app: 'jellyseerr' }),
      keycloak: admits(sso, 'sso', 'postgres', 5432, { namespace: 'sso', app: 'keycloak' }),
      synapse: admits(objectsOf(matrixLab), 'matrix', 'postgres', 5432, { namespace: 'matrix', app: 'synapse' }),
      unifi: admits(objectsOf(unifiLab), 'unifi', 'unifi-db', 27017, { namespace: 'unifi', app: 'unifi' }),
      backup: admits(objectsOf(minecraftLab), 'minecraft', 'minecraft', 25575, { namespace: 'minecraft', app: 'minecraft-backup' }),
      alertmanager: admits(objectsOf(alertsToNtfyLab), 'ntfy', 'ntfy', 8080, { namespace: 'monitoring', app: 'alertmanager' }),
    }).toEqual({ jellyseerr: true, keycloak: true, synapse: true, unifi: true, backup: true, alertmanager: true });
    expect(admits(sso, 'sso', 'postgres', 5432, { namespace: 'grafana', app: 'grafana' })).toBe(false);
  });
});

describe('what the labs write right, where it was refused', () => {
  test('KubeVirt Manager beside a VM written by hand after it: the VM brings KubeVirt, and the UI runs', () => {
    const define = (scope: Construct) => {
      const cluster = oneNodeLab(scope, 'vmui', '10.179.0');
      new KubeVirtManager(cluster, 'kubevirt-manager', { route: { host: 'vms' }, users: SecretReference.external('kubevirt-manager', 'kubevirt-manager-users', 'auth') });
      declareExternal(cluster, { secrets: [{ namespace: 'kubevirt-manager', name: 'kubevirt-manager-users' }] });
      new ApiObject(cluster, 'alpine-vm', {
        apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'alpine', namespace: 'vms' },
        spec: { runStrategy: 'Halted', template: { spec: { domain: { memory: { guest: '512Mi' }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } }, volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/alpine:3.21' } }] } } },
      });
      cluster.namespaces.ensure('vms');
    };
    expect(shownFindings(define)).toEqual([]);
    const ui = [...sitesInMemory(define).files].find(([file]) => file.endsWith('/apps/kubevirt-manager.yaml'));
    expect(ui?.[1]).toMatch(/^kind: Deployment$/m);
  });

  test("ntfy listening where its server.yml of a ConfigMap says, and nginx where its conf.d file says: no warning; a file naming another port still warns", () => {
    const lab = (listen: string) => (scope: Construct) => {
      const cluster = oneNodeLab(scope, 'listen5', '10.180.0');
      configFile(cluster, 'ntfy', 'ntfy', 'server.yml', `base-url: https://ntfy.listen5.jdoe.dev\nlisten-http: "${listen}"\n`);
      new HomelabApp(cluster, 'ntfy', {
        image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], ports: [{ name: 'http', port: 8080 }],
        persistence: { config: { volume: AppVolume.configMap('ntfy'), mounts: [{ mountPath: '/etc/ntfy/server.yml', subPath: 'server.yml' }] } },
      });
      configFile(cluster, 'web', 'web-conf', 'default.conf', 'server {\n    listen 8081;\n    root /usr/share/nginx/html;\n}\n');
      new HomelabApp(cluster, 'web', {
        image: 'nginxinc/nginx-unprivileged:1.27.4-alpine', runAsUser: 101, ports: [{ name: 'http', port: 8081 }],
        persistence: {
          conf: { volume: AppVolume.configMap('web-conf'), mountPath: '/etc/nginx/conf.d', readOnly: true },
          tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' },
        },
      });
    };
    expect(shownFindings(lab(':8080'))).toEqual([]);
    expect(shownFindings(lab(':2586'))).toEqual(['warning main/ntfy ports[0].port']);
  });
});
