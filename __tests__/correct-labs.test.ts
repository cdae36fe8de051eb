import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, JsonPatch } from 'cdk8s';
import type { Construct } from 'constructs';
import * as library from '../constructs';
import {
  acmeCloudflareDns01, acmeHttp01, acmeIssuer, AppController, AppDevice, AppVolume, argoCd, ChartRelease, cilium, ciliumLoadBalancer, ciliumOnTalos,
  cloudflareDns01, ClusterChart, ClusterIssuer, declareExternal, existingStorageClass, ExternalSecret, externalHost, flux, Forgejo,
  gatewayApi, HomeAssistantVm, HomelabApp, host, hostPlacement, isolatedNamespace, Jellyfin, JellyfinMedia, JellyfinTranscoding,
  k3s, k3sManifests, kubePrometheusStack, localPathStorage, metalLb, nfsStorage, noNetworkPolicy, Ollama, rootInitExemption, SealedSecret,
  SecretReference, servesPorts, site, SopsSecret, talos, traefik, vlan, WildcardCertificate,
} from '../constructs';
import { forgejo, homeAssistant, Homelab, osaurus, shop } from './docs/readme-examples';
import { n5 } from '../hosts/mobius';
import { podinfoRelease } from './bad-input/cases-correct-labs';
import { admits, foldersOf, objectsOf, Peer, probesOffPorts, routesRefused, servicesOffPods, shownFindings } from './support/lab-output';
import { aboutTheLab, sitesInMemory } from './support/synth';

// Labs a user writes from the README alone, each of another shape, written the obvious way: each synthesizes with
// only the findings it deserves (each listed with why), every cluster folder builds with kustomize, every probe
// and Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on routed ports and the
// callers each app declares.

/** A SOPS-encrypted dotenv file, as `sops --encrypt` writes one with an age recipient. */
const N8N_SECRETS = [
  'N8N_ENCRYPTION_KEY=ENC[AES256_GCM,data:JGMGenXI+6llZ4JBnJ+9,iv:AKq0/IhoWCCZjVUodKm+xd30n8BnKUwyc6RpZPmlp9Q=,tag:Ao1rX33uB5gWiPnWPA5Hfw==,type:str]',
  'sops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBuc2RCMTlxVmtvMn\\n-----END AGE ENCRYPTED FILE-----\\n',
  'sops_age__list_0__map_recipient=age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7',
  'sops_lastmodified=2026-12-05T10:21:47Z',
  'sops_mac=ENC[AES256_GCM,data:s4bxV6iNMX8aPSh0KuMwKEuoYxoeamrAWb6XP94RrcVAypId5OP5Fr/5hiZ/ifOCsxtL71oETuio4wuvTkMc5OtQZ5L=,iv:Zm3z0hIbuMrWlpiyV0k49KpdSPrx/0Sl+2ZSh26jkNM=,tag:9+qYYedAo1rX33uB5gWiPn==,type:str]',
  'sops_unencrypted_suffix=_unencrypted',
  'sops_version=3.9.4',
  '',
].join('\n');

/** The SOPS file of {@link secretsLab}, written once to a folder of its own. */
function n8nSecretsFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'correct-labs-')), 'n8n.env');
  fs.writeFileSync(file, N8N_SECRETS);
  return file;
}

/** A single K3s node with Traefik, Jellyfin on Quick Sync, the *arr apps, qBittorrent behind a VPN sidecar and Home Assistant on the host network. */
function k3sMediaLab(scope: Construct): void {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', gpus: [{ vendor: 'intel' }] });
  const lab = site('home', {
    domain: 'home.example.com', hosts: [nuc],
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
    nfs: { media: { server: '192.168.1.20', path: '/volume1/media' } },
  });

  class K3sMediaLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [nuc],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik({
          address: lab.pools.vips.at('192.168.1.240'), certResolver: 'letsencrypt',
          acme: { letsencrypt: acmeCloudflareDns01({ apiToken: SecretReference.external('traefik', 'cloudflare-api-token', 'api-token') }) },
        }),
        loadBalancer: metalLb({ pools: [lab.pools.vips] }),
        storage: { fast: localPathStorage() },
        gitops: k3sManifests(),
      });
      new Jellyfin(this, 'jellyfin', {
        media: JellyfinMedia.nfs(lab.nfs.media),
        hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: 104 }),
        route: { host: 'jellyfin' },
      });
      const media = AppVolume.nfs(lab.nfs.media);
      const arr = (name: string, image: string, port: number) => new HomelabApp(this, name, {
        namespace: 'media', image, ports: [{ name: 'http', port }],
        env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo' },
        persistence: {
          config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' },
          media: { volume: media, mountPath: '/media' },
        },
        exemptions: { runAsRoot: 'linuxserver.io image starts s6-overlay as root', addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'), writableRootFilesystem: 's6-overlay writes /run' },
        route: { host: name },
      });
      const sonarr = arr('sonarr', 'lscr.io/linuxserver/sonarr:4.0.14', 8989);
      const radarr = arr('radarr', 'lscr.io/linuxserver/radarr:5.21.1', 7878);
      const prowlarr = arr('prowlarr', 'lscr.io/linuxserver/prowlarr:1.33.3', 9696);
      const qbittorrent = new HomelabApp(this, 'qbittorrent', {
        namespace: 'media', image: 'lscr.io/linuxserver/qbittorrent:5.0.4',
        ports: [{ name: 'http', port: 8080 }],
        env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo', WEBUI_PORT: '8080' },
        persistence: {
          config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' },
          // Where Sonarr and Radarr, which mount the whole share at /media, see the downloads folder too.
          downloads: { volume: AppVolume.nfs(lab.nfs.media, 'downloads'), mountPath: '/media/downloads' },
          gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] },
        },
        sidecars: [{
          name: 'gluetun', image: 'qmcgaw/gluetun:v3.40.0',
          env: {
            VPN_SERVICE_PROVIDER: 'mullvad', VPN_TYPE: 'wireguard',
            WIREGUARD_PRIVATE_KEY: SecretReference.external('media', 'mullvad', 'private-key'),
            WIREGUARD_ADDRESSES: '10.64.0.2/32', FIREWALL_INPUT_PORTS: '8080',
          },
          exemptions: { runAsRoot: 'gluetun configures routes and its firewall as root', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'gluetun creates the WireGuard tunnel' } },
        }],
        devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })],
        exemptions: { hostPath: 'gluetun opens /dev/net/tun', runAsRoot: 'linuxserver.io image starts s6-overlay as root', addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'), writableRootFilesystem: 's6-overlay writes /run' },
        route: { host: 'qbittorrent' },
      });
      // Prowlarr and the *arr apps call each other, and the *arr apps call qBittorrent, on links set in their UIs.
      for (const app of [sonarr, radarr]) {
        app.addAllowFrom(prowlarr);
        prowlarr.addAllowFrom(app);
        qbittorrent.addAllowFrom(app);
      }
      new HomelabApp(this, 'home-assistant', {
        image: 'ghcr.io/home-assistant/home-assistant:2025.3.4',
        ports: [{ name: 'http', port: 8123 }],
        persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
        exemptions: { hostNetwork: 'discovers devices on the LAN (mDNS, SSDP)', runAsRoot: 'the image runs s6-overlay as root', writableRootFilesystem: 's6-overlay writes /run' },
        route: { host: 'home' },
      });
    }
  }
  new K3sMediaLab(scope);
}

/** Three Talos nodes with Cilium, its Gateway API, Longhorn from a chart release that says what its chart makes, and cert-manager with Cloudflare DNS-01. */
function talosCiliumLab(scope: Construct): void {
  const cp1 = host('cp1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.10.11' });
  const cp2 = host('cp2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.10.12' });
  const cp3 = host('cp3', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.10.13' });
  const lab = site('talos', {
    domain: 'jdoe.dev', hosts: [cp1, cp2, cp3], git: { url: 'https://github.com/me/home-ops.git' },
    pools: { lb: { first: '10.0.10.200', last: '10.0.10.220' } },
  });

  class TalosCiliumLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [cp1, cp2, cp3],
        preinstalled: [talos({ bootstrapNode: cp1, allowSchedulingOnControlPlanes: true, clusterEndpoint: '10.0.10.10' })],
        cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }),
        networkPolicy: 'cilium',
        loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], interfaces: ['enp1s0'] }),
        routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('10.0.10.200') }),
        storage: { fast: existingStorageClass('longhorn') },
        gitops: flux(),
      });

      this.namespaces.ensure('longhorn-system', { podSecurity: 'privileged', reason: "Longhorn's manager runs privileged with the node's /dev, /proc and data folder" });
      new ChartRelease(this, 'longhorn', {
        namespace: 'longhorn-system',
        chart: { repository: 'https://charts.longhorn.io', chart: 'longhorn', version: '1.8.1' },
        provides: { storageClasses: ['longhorn'] },
        network: noNetworkPolicy('Longhorn managers and instance managers talk among themselves and with the nodes on ports of their own'),
        values: { defaultSettings: { defaultReplicaCount: 3 }, persistence: { defaultClassReplicaCount: 3 } },
      });
      new ClusterIssuer(this, 'letsencrypt', {
        name: 'letsencrypt-prod',
        issuer: acmeIssuer({
          server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'me@jdoe.dev',
          solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare-api-token', 'api-token') })],
        }),
      });
      new WildcardCertificate(this, 'wildcard', { issuer: 'letsencrypt-prod', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });
      new HomelabApp(this, 'whoami', { image: 'traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', port: 8080 }], route: { host: 'whoami' } });
      const pg = new HomelabApp(this, 'postgres', {
        namespace: 'apps', image: 'postgres:16.4', ports: [{ name: 'pg', port: 5432 }],
        controller: AppController.statefulSet(),
        env: { POSTGRES_PASSWORD: SecretReference.external('apps', 'postgres', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
        runAsUser: 999,
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
          run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
        },
      });
      new HomelabApp(this, 'miniflux', {
        namespace: 'apps', image: 'miniflux/miniflux:2.2.6', ports: [{ name: 'http', port: 8080 }],
        env: {
          DATABASE_URL: SecretReference.external('apps', 'miniflux-db', 'url'),
          RUN_MIGRATIONS: '1', BASE_URL: 'https://rss.jdoe.dev',
        },
        egress: [pg],
        probes: { readiness: { httpPath: '/healthcheck' }, liveness: { httpPath: '/healthcheck' } },
        route: { host: 'rss' },
      });
    }
  }
  new TalosCiliumLab(scope);
}

/** A Flux lab in the shape of home-ops repositories: External Secrets, CloudNativePG and VolSync from chart releases that name their CRDs, kube-prometheus-stack, Authentik. */
function homeOpsLab(scope: Construct): void {
  const n1 = host('k8s-0', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.42.10' });
  const n2 = host('k8s-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.42.11' });
  const n3 = host('k8s-2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.42.12' });
  const lab = site('home-ops', {
    domain: 'devbox.sh', hosts: [n1, n2, n3], git: { url: 'https://github.com/jdoe/home-ops.git' },
    pools: { lb: { first: '192.168.42.100', last: '192.168.42.120' } },
  });

  class HomeOpsLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [n1, n2, n3],
        preinstalled: [talos({ bootstrapNode: n1, allowSchedulingOnControlPlanes: true, clusterEndpoint: '192.168.42.5' })],
        cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }), networkPolicy: 'cilium',
        loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], interfaces: ['enp1s0'] }),
        routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('192.168.42.100') }),
        storage: { fast: existingStorageClass('longhorn') },
        gitops: flux({ sopsSecretName: 'sops-age' }),
      });
      this.namespaces.ensure('longhorn-system', { podSecurity: 'privileged', reason: "Longhorn's manager runs privileged with the node's /dev, /proc and data folder" });
      new ChartRelease(this, 'longhorn', {
        namespace: 'longhorn-system', chart: { repository: 'https://charts.longhorn.io', chart: 'longhorn', version: '1.8.1' },
        provides: { storageClasses: ['longhorn'] }, network: noNetworkPolicy('Longhorn talks among its managers and the nodes on ports of its own'),
      });
      new ClusterIssuer(this, 'letsencrypt', {
        name: 'letsencrypt-production',
        issuer: acmeIssuer({
          server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'admin@devbox.sh',
          solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare-api-token', 'api-token') })],
        }),
      });
      new WildcardCertificate(this, 'wildcard', { issuer: 'letsencrypt-production', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });
      // External Secrets from a 1Password Connect ClusterSecretStore made outside the repository.
      declareExternal(this, { clusterSecretStores: ['onepassword'] });
      const store = { name: 'onepassword', kind: 'ClusterSecretStore' as const };
      this.platform.require(kubePrometheusStack({
        placement: hostPlacement(n1), grafanaAdminSecret: 'grafana-admin',
        prometheusStorage: { tier: 'fast', size: '20Gi' }, unscrapedControlPlane: ['controllerManager', 'scheduler', 'proxy', 'etcd'],
      }));
      new ExternalSecret(this, 'grafana-admin', {
        namespace: 'monitoring', store,
        data: { 'admin-user': { remoteKey: 'grafana', property: 'user' }, 'admin-password': { remoteKey: 'grafana', property: 'password' }, 'secret-key': { remoteKey: 'grafana', property: 'secret-key' } },
      });
      // CloudNativePG operator and a database for an app.
      new ChartRelease(this, 'cloudnative-pg', {
        namespace: 'cnpg-system', chart: { repository: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.23.2' },
        network: servesPorts({ port: 9443, purpose: 'admission webhook' }, { port: 8080, purpose: 'metrics' }),
        crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup'] }],
      });
      new ApiObject(this, 'paperless-db', {
        apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'paperless-db', namespace: 'paperless' },
        spec: { instances: 2, storage: { size: '5Gi', storageClass: 'longhorn' }, backup: { retentionPolicy: '30d', barmanObjectStore: { destinationPath: 's3://backups/paperless', endpointURL: 'https://s3.eu-central-003.backblazeb2.com', s3Credentials: { accessKeyId: { name: 'paperless-db-s3', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'paperless-db-s3', key: 'SECRET_ACCESS_KEY' } } } },
          bootstrap: { initdb: { database: 'paperless', owner: 'paperless' } } },
      });
      new ExternalSecret(this, 'paperless-db-s3', {
        namespace: 'paperless', store, data: { ACCESS_KEY_ID: { remoteKey: 'b2', property: 'key-id' }, SECRET_ACCESS_KEY: { remoteKey: 'b2', property: 'key' } },
      });
      new ExternalSecret(this, 'paperless-secret', {
        namespace: 'paperless', store, data: { PAPERLESS_SECRET_KEY: { remoteKey: 'paperless', property: 'secret-key' } },
      });
      const redis = new HomelabApp(this, 'redis', { namespace: 'paperless', image: 'redis:7.4.2', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999,
        persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } } });
      const paperless = new HomelabApp(this, 'paperless', {
        namespace: 'paperless', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.14.7', ports: [{ name: 'http', port: 8000 }],
        env: {
          PAPERLESS_URL: 'https://paperless.devbox.sh', PAPERLESS_REDIS: 'redis://redis.paperless:6379',
          PAPERLESS_DBHOST: 'paperless-db-rw.paperless', PAPERLESS_DBNAME: 'paperless',
          PAPERLESS_DBUSER: SecretReference.external('paperless', 'paperless-db-app', 'username'),
          PAPERLESS_DBPASS: SecretReference.external('paperless', 'paperless-db-app', 'password'),
          PAPERLESS_SECRET_KEY: SecretReference.external('paperless', 'paperless-secret', 'PAPERLESS_SECRET_KEY'),
          USERMAP_UID: '1000', USERMAP_GID: '1000',
        },
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/usr/src/paperless/data' },
          media: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/usr/src/paperless/media' },
          run: { volume: AppVolume.emptyDir(), mountPath: '/run' },
        },
        exemptions: { writableRootFilesystem: 's6-overlay writes its service tree' },
        route: { host: 'paperless' },
      });
      redis.addAllowFrom(paperless);
      // VolSync backups of the app's data.
      new ChartRelease(this, 'volsync', {
        namespace: 'volsync-system', chart: { repository: 'https://backube.github.io/helm-charts', chart: 'volsync', version: '0.12.1' },
        network: servesPorts({ port: 8443, purpose: 'metrics' }),
        crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource'] }],
      });
      new ExternalSecret(this, 'paperless-restic', {
        namespace: 'paperless', store,
        data: { RESTIC_REPOSITORY: { remoteKey: 'volsync', property: 'repository' }, RESTIC_PASSWORD: { remoteKey: 'volsync', property: 'password' },
          AWS_ACCESS_KEY_ID: { remoteKey: 'volsync', property: 'access-key' }, AWS_SECRET_ACCESS_KEY: { remoteKey: 'volsync', property: 'secret-key' } },
      });
      new ApiObject(this, 'paperless-backup', {
        apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource', metadata: { name: 'paperless', namespace: 'paperless' },
        spec: {
          sourcePVC: 'paperless-data', trigger: { schedule: '0 * * * *' },
          restic: { repository: 'paperless-restic', copyMethod: 'Snapshot', volumeSnapshotClassName: 'longhorn-snapshot', pruneIntervalDays: 7, retain: { hourly: 24, daily: 7, weekly: 5 },
            moverSecurityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 }, storageClassName: 'longhorn', cacheCapacity: '2Gi' },
        },
      });
      // Snapshots of Longhorn's volumes for VolSync, and the database's backups to Backblaze B2.
      new ChartRelease(this, 'snapshot-controller', {
        namespace: 'kube-system', chart: { repository: 'https://piraeus.io/helm-charts', chart: 'snapshot-controller', version: '4.0.2' },
        network: servesPorts({ port: 8443, purpose: 'validation webhook' }),
        crds: [{ group: 'snapshot.storage.k8s.io', kinds: ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'] }],
      });
      new ApiObject(this, 'longhorn-snapshot-class', {
        apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'longhorn-snapshot' },
        driver: 'driver.longhorn.io', deletionPolicy: 'Delete', parameters: { type: 'snap' },
      });
      new ApiObject(this, 'paperless-db-backup', {
        apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'paperless-db', namespace: 'paperless' },
        spec: { schedule: '0 0 3 * * *', backupOwnerReference: 'self', cluster: { name: 'paperless-db' } },
      });
      // Authentik for SSO.
      new ExternalSecret(this, 'authentik-secret', {
        namespace: 'authentik', store,
        data: { AUTHENTIK_SECRET_KEY: { remoteKey: 'authentik', property: 'secret-key' }, AUTHENTIK_POSTGRESQL__PASSWORD: { remoteKey: 'authentik', property: 'db-password' } },
      });
      new ChartRelease(this, 'authentik', {
        namespace: 'authentik', chart: { repository: 'https://charts.goauthentik.io', chart: 'authentik', version: '2025.2.4' },
        network: isolatedNamespace({ routedPorts: [{ port: 9000, purpose: 'web, through the route' }] }),
        values: {
          global: { envFrom: [{ secretRef: { name: 'authentik-secret' } }] },
          authentik: { postgresql: { host: 'authentik-postgresql' } },
          postgresql: { enabled: true, auth: { existingSecret: 'authentik-secret', secretKeys: { userPasswordKey: 'AUTHENTIK_POSTGRESQL__PASSWORD' } }, primary: { persistence: { storageClass: 'longhorn', size: '8Gi' } } },
          redis: { enabled: true },
        },
      });
    }
  }
  new HomeOpsLab(scope);
}

/** K3s with Argo CD, an Application of an upstream chart whose namespace Argo CD makes, a StatefulSet with a sidecar, a CronJob and a config file. */
function argoLab(scope: Construct): void {
  const server = host('server', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.50.2' });
  const agent = host('agent', { arch: 'arm64', roles: ['worker'], address: '192.168.50.3' });
  const lab = site('argo', {
    domain: 'kube.jdoe.dev', hosts: [server, agent], git: { url: 'https://github.com/jdoe/cluster.git' },
    pools: { lb: { first: '192.168.50.200', last: '192.168.50.210' } },
  });

  class ArgoLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [server, agent],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik({ address: lab.pools.lb.at('192.168.50.200'), certResolver: 'le', acme: { le: acmeHttp01() } }),
        loadBalancer: metalLb({ pools: [lab.pools.lb] }),
        storage: { fast: localPathStorage() },
        gitops: argoCd(),
      });
      // App of apps: an Application for a chart from upstream, written by hand.
      new ApiObject(this, 'podinfo-app', {
        apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'podinfo', namespace: 'argocd' },
        spec: {
          project: 'default',
          source: { repoURL: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', targetRevision: '6.7.1', helm: { valuesObject: { replicaCount: 1 } } },
          destination: { server: 'https://kubernetes.default.svc', namespace: 'podinfo' },
          syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
        },
      });
      // A StatefulSet with a sidecar exporter and an init container.
      const mariadb = new HomelabApp(this, 'mariadb', {
        namespace: 'db', image: 'mariadb:11.4.5', ports: [{ name: 'mysql', port: 3306 }],
        controller: AppController.statefulSet(), runAsUser: 999,
        env: { MARIADB_ROOT_PASSWORD: SecretReference.external('db', 'mariadb', 'root-password'), MARIADB_DATABASE: 'nextcloud', MARIADB_USER: 'nextcloud', MARIADB_PASSWORD: SecretReference.external('db', 'mariadb', 'password') },
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/mysql' },
          run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' },
        },
        sidecars: [{
          name: 'exporter', image: 'prom/mysqld-exporter:v0.16.0', ports: [{ name: 'metrics', port: 9104 }],
          args: ['--mysqld.address=localhost:3306', '--mysqld.username=exporter'],
          env: { MYSQLD_EXPORTER_PASSWORD: SecretReference.external('db', 'mariadb', 'exporter-password') },
        }],
        probes: { readiness: { command: ['healthcheck.sh', '--connect', '--innodb_initialized'] } },
      });
      // A nightly dump as a CronJob.
      new HomelabApp(this, 'mariadb-backup', {
        namespace: 'db', image: 'mariadb:11.4.5', runAsUser: 999,
        command: ['sh', '-c', 'mariadb-dump -h mariadb -u root --all-databases > /backup/all-$(date +%F).sql'],
        env: { MYSQL_PWD: SecretReference.external('db', 'mariadb', 'root-password') },
        controller: AppController.cronJob({ schedule: '30 2 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' }),
        persistence: { backup: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/backup' } },
        egress: [mariadb],
      });
      new ApiObject(this, 'gatus-config', {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gatus-config', namespace: 'gatus' },
        data: { 'config.yaml': 'web:\n  port: 8080\nendpoints:\n  - name: website\n    url: https://jdoe.dev\n    interval: 5m\n    conditions:\n      - "[STATUS] == 200"\n' },
      });
      // Several ports and probes, a config file.
      new HomelabApp(this, 'gatus', {
        image: 'twinproduction/gatus:v5.17.0', ports: [{ name: 'http', port: 8080 }],
        persistence: { config: { volume: AppVolume.configMap('gatus-config'), mountPath: '/config' } },
        probes: { readiness: { httpPath: '/health' }, liveness: { httpPath: '/health' } },
        route: { host: 'status' },
      });
    }
  }
  new ArgoLab(scope);
}

/** K3s with Flux, a SealedSecret and a SOPS dotenv file read by n8n and its database, an init container waiting for it. */
function secretsLab(scope: Construct): void {
  const SEALED = `Ag${'B'.repeat(720)}==`;
  const mini = host('mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.50' });
  const lab = site('secrets', { domain: 'lab.jdoe.dev', hosts: [mini], git: { url: 'ssh://git@github.com/jdoe/lab.git' } });

  class SecretsLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [mini],
        preinstalled: [k3s({ disable: ['traefik'] })],
        routes: traefik(),
        storage: { fast: localPathStorage() },
        gitops: flux({ sopsSecretName: 'sops-age', sopsKeyFile: './age.key' }),
      });
      const db = new SealedSecret(this, 'postgres-password', { name: 'postgres', namespace: 'n8n', encryptedData: { password: SEALED } });
      const keys = SopsSecret.fromDotenvFile(this, 'n8n-keys', { file: n8nSecretsFile(), name: 'n8n-keys', namespace: 'n8n' });
      const pg = new HomelabApp(this, 'postgres', {
        namespace: 'n8n', image: 'postgres:16.4-alpine', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 70,
        controller: AppController.statefulSet(),
        env: { POSTGRES_USER: 'n8n', POSTGRES_DB: 'n8n', POSTGRES_PASSWORD: db.key('password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
          run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
        },
        probes: { readiness: { command: ['pg_isready', '-U', 'n8n'] } },
      });
      const n8n = new HomelabApp(this, 'n8n', {
        namespace: 'n8n', image: 'n8nio/n8n:1.80.3', ports: [{ name: 'http', port: 5678 }],
        env: {
          DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'postgres', DB_POSTGRESDB_PORT: '5432', DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n',
          DB_POSTGRESDB_PASSWORD: db.key('password'), N8N_ENCRYPTION_KEY: keys.key('N8N_ENCRYPTION_KEY'),
          WEBHOOK_URL: 'https://n8n.lab.jdoe.dev/', GENERIC_TIMEZONE: 'Europe/Amsterdam', TZ: 'Europe/Amsterdam',
        },
        initContainers: [{ name: 'wait-for-db', image: 'postgres:16.4-alpine', command: ['sh', '-c', 'until pg_isready -h postgres -p 5432; do sleep 2; done'] }],
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/home/node/.n8n' } },
        probes: { readiness: { httpPath: '/healthz' }, liveness: { httpPath: '/healthz' } },
        route: { host: 'n8n' },
      });
      pg.addAllowFrom(n8n);
    }
  }
  new SecretsLab(scope);
}

/** A dual-stack K3s lab: hosts and pools of both families, a dual-stack DNS load balancer, an app calling IPv6 machines. */
function dualStackLab(scope: Construct): void {
  const a = host('alpha', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.20.10', ipv6Address: 'fd00:20::10' });
  const b = host('beta', { arch: 'amd64', roles: ['worker'], address: '192.168.20.11', ipv6Address: 'fd00:20::11' });
  const lab = site('dual', {
    domain: 'v6.jdoe.dev', hosts: [a, b], git: { url: 'https://github.com/jdoe/dual.git' },
    vlans: { lan: vlan('lan', { id: 20, cidr: '192.168.20.0/24', gateway: '192.168.20.1' }), lan6: vlan('lan6', { id: 20, cidr: 'fd00:20::/64', gateway: 'fd00:20::1' }) },
    pools: {
      vips: { first: '192.168.20.200', last: '192.168.20.220', vlan: 20 },
      vips6: { first: 'fd00:20::200', last: 'fd00:20::220', vlan: 20 },
    },
    externalHosts: { mqtt: externalHost('mqtt', { address: 'fd00:20::5', ports: { mqtt: 1883 } }) },
  });

  class DualStackLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [a, b],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'], extraServerFlags: ['--cluster-cidr=10.42.0.0/16,fd00:42::/56', '--service-cidr=10.43.0.0/16,fd00:43::/112'] })],
        routes: traefik({ address: lab.pools.vips.at('192.168.20.200') }),
        loadBalancer: metalLb({ pools: [lab.pools.vips, lab.pools.vips6] }),
        storage: { fast: localPathStorage() },
        gitops: flux(),
      });
      new HomelabApp(this, 'adguard', {
        image: 'adguard/adguardhome:v0.107.57',
        ports: [{ name: 'http', port: 3000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
        persistence: {
          conf: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/opt/adguardhome/conf' },
          work: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/opt/adguardhome/work' },
        },
        exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
        route: { host: 'adguard' },
        loadBalancer: { address: lab.pools.vips.at('192.168.20.210'), ipv6Address: lab.pools.vips6.at('fd00:20::210'), ports: ['dns-tcp', 'dns-udp'] },
      });
      new HomelabApp(this, 'zigbee2mqtt', {
        image: 'koenkk/zigbee2mqtt:2.1.3', ports: [{ name: 'http', port: 8080 }],
        env: { ZIGBEE2MQTT_CONFIG_MQTT_SERVER: 'mqtt://[fd00:20::5]:1883', ZIGBEE2MQTT_CONFIG_SERIAL_PORT: 'tcp://[fd00:20::6]:6638', ZIGBEE2MQTT_CONFIG_FRONTEND_PORT: '8080' },
        egress: [{ cidr: 'fd00:20::5/128', ports: [{ port: 1883 }] }, { cidr: 'fd00:20::6/128', ports: [{ port: 6638 }] }],
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
        route: { host: 'zigbee' },
      });
    }
  }
  new DualStackLab(scope);
}

/** Home Assistant OS as a KubeVirt VM on a bridge with a USB stick, and a VM written by hand. */
function kubeVirtLab(scope: Construct): void {
  const vlans = { lan: vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' }), iot: vlan('iot', { id: 20, cidr: '192.168.20.0/24', gateway: '192.168.20.1' }) };
  const box = host('box', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', zfsPools: { vms: { media: 'ssd' }, fast: { media: 'nvme' } }, bridges: { br20: { vlan: vlans.iot } },
    usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60', model: 'Sonoff Zigbee 3.0 USB Dongle Plus' } },
  });
  const lab = site('virt', {
    domain: 'virt.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/virt.git' }, vlans,
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
  });

  class KubeVirtLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [box],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik({ address: lab.pools.vips.at('192.168.1.240') }),
        loadBalancer: metalLb({ pools: [lab.pools.vips] }),
        storage: { fast: box.zfs.fast, vm: box.zfs.vms },
        gitops: flux(),
      });
      new HomeAssistantVm(this, 'home-assistant', {
        disk: box.zfs.vms.existingVolume('haos', { size: '32Gi' }),
        iot: { bridge: box.bridges.br20, address: '192.168.20.5' },
        hostDevices: [box.usb.zigbee],
        route: { host: 'home' },
      });
      // A second VM written by hand from a container disk, on the pod network.
      new ApiObject(this, 'debian-vm', {
        apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'debian', namespace: 'vms' },
        spec: {
          runStrategy: 'Always',
          template: {
            metadata: { labels: { 'kubevirt.io/vm': 'debian' } },
            spec: {
              domain: { cpu: { cores: 2 }, memory: { guest: '2Gi' }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] } },
              networks: [{ name: 'default', pod: {} }],
              volumes: [
                { name: 'root', dataVolume: { name: 'debian-root' } },
                { name: 'cloudinit', cloudInitNoCloud: { userData: '#cloud-config\nssh_authorized_keys:\n  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl jdoe@laptop\n' } },
              ],
            },
          },
          dataVolumeTemplates: [{
            metadata: { name: 'debian-root' },
            spec: { source: { http: { url: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2' } }, storage: { storageClassName: 'zfs-vms', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } },
          }],
        },
      });
      this.namespaces.ensure('vms');
    }
  }
  new KubeVirtLab(scope);
}

/** Talos apps: Ollama and a GPU app, Forgejo, a DaemonSet on host folders with metrics, NFS folders, a Job, several ports and probes. */
function appsLab(scope: Construct): void {
  const gpu = host('gpu', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.20.0.10', gpus: [{ vendor: 'nvidia', model: 'RTX 3090' }], zfsPools: { tank: { media: 'nvme' } } });
  const pi = host('pi', { arch: 'arm64', roles: ['worker'], address: '10.20.0.11' });
  const lab = site('apps', {
    domain: 'apps.jdoe.dev', hosts: [gpu, pi], git: { url: 'https://github.com/jdoe/apps.git' },
    pools: { vips: { first: '10.20.0.200', last: '10.20.0.210' } },
    nfs: { nas: { server: '10.20.0.5', path: '/volume1/k8s' } },
  });

  class AppsLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [gpu, pi],
        preinstalled: [talos({ bootstrapNode: gpu, allowSchedulingOnControlPlanes: true, bringYourOwnCni: false })],
        unenforcedNetworkPolicies: 'Flannel of Talos; policies are written for a later move to Cilium',
        routes: traefik({ address: lab.pools.vips.at('10.20.0.200') }),
        loadBalancer: metalLb({ pools: [lab.pools.vips] }),
        storage: { fast: gpu.zfs.tank, shared: nfsStorage(lab.nfs.nas) },
        gitops: flux(),
        // Ollama and Stable Diffusion share the one card.
        nvidiaTimeSlicing: 2,
      });
      this.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu), grafanaAdminSecret: 'grafana-admin', unscrapedControlPlane: ['controllerManager', 'scheduler', 'proxy', 'etcd'] }));
      declareExternal(this, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      const ollama = new Ollama(this, 'ollama', { memoryLimit: '24Gi', route: { host: 'ollama' } });
      new HomelabApp(this, 'open-webui', {
        namespace: 'ai', image: 'ghcr.io/open-webui/open-webui:v0.5.20', ports: [{ name: 'http', port: 8080 }],
        env: { OLLAMA_BASE_URL: 'http://ollama.ollama:11434', WEBUI_SECRET_KEY: SecretReference.external('ai', 'open-webui', 'secret-key') },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/backend/data' } },
        probes: { startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: 30 }, readiness: { httpPath: '/health' }, liveness: { httpPath: '/health' } },
        exemptions: { writableRootFilesystem: 'open-webui writes its static files and secret key beside the app' },
        route: { host: 'chat' },
        egress: [ollama, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
      });
      new Forgejo(this, 'forgejo', { route: { host: 'git' } });
      // A DaemonSet reading host folders, several ports, metrics.
      new HomelabApp(this, 'node-exporter', {
        namespace: 'monitoring-extra', image: 'quay.io/prometheus/node-exporter:v1.9.0',
        args: ['--path.rootfs=/host', '--web.listen-address=:9100'],
        ports: [{ name: 'metrics', port: 9100 }],
        controller: AppController.daemonSet({ everyNode: true }),
        persistence: { root: { volume: AppVolume.hostPath('/'), mountPath: '/host', readOnly: true } },
        exemptions: { hostPath: 'reads the node\'s file systems for their metrics', hostPid: 'reads every process of the node' },
        metrics: { port: 'metrics' },
      });
      // An app with an init container, a native sidecar, an NFS folder and two ports.
      new HomelabApp(this, 'syncthing', {
        image: 'syncthing/syncthing:1.29.2',
        ports: [{ name: 'http', port: 8384 }, { name: 'sync', port: 22000 }, { name: 'sync-udp', port: 22000, protocol: 'UDP' }],
        persistence: {
          config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/syncthing' },
          data: { volume: AppVolume.nfs(lab.nfs.nas, 'sync'), mountPath: '/data' },
        },
        loadBalancer: { address: lab.pools.vips.at('10.20.0.201'), ports: ['sync', 'sync-udp'] },
        route: { host: 'sync' },
      });
      new HomelabApp(this, 'cleanup', {
        image: 'alpine:3.21', command: ['sh', '-c', 'find /data/tmp -type f -mtime +7 -delete'],
        controller: AppController.job({ backoffLimit: 2 }),
        persistence: { data: { volume: AppVolume.nfs(lab.nfs.nas, 'sync'), mountPath: '/data' } },
      });
      new HomelabApp(this, 'stable-diffusion', {
        namespace: 'ai', image: 'ghcr.io/ai-dock/stable-diffusion-webui:v2-cuda-12.1.1-base-22.04-v1.10.1', ports: [{ name: 'http', port: 7860 }],
        gpu: { vendor: 'nvidia' },
        persistence: { models: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/opt/models' } },
        probes: { startup: { httpPath: '/', failureThreshold: 60, periodSeconds: 10 } },
        route: { host: 'sd' },
      });
    }
  }
  new AppsLab(scope);
}

/**
 * The README's examples as written (README.md's, compiled from __tests__/docs), on the inventory they name: its
 * cluster `homelab` of mobius with AdGuard Home, the shop and its backup, Forgejo, the Home Assistant VM and
 * Osaurus, and the monitoring stack the shop's metrics need.
 */
function readmeExamplesLab(scope: Construct): void {
  const homelab = new Homelab(scope);
  homelab.platform.require(kubePrometheusStack({ placement: hostPlacement(n5), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(homelab, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  [shop, forgejo, homeAssistant, osaurus].forEach((example) => example.call(homelab));
}

/**
 * K3s with Flux and kube-prometheus-stack, and objects written by hand as upstream guides write them: a Deployment
 * that rolls out with the default RollingUpdate on a local-path claim, its Service, NetworkPolicy and an Ingress whose
 * certificate cert-manager's ingress-shim makes from the annotation; a ServiceMonitor, a PrometheusRule, a dashboard.
 */
function handWrittenLab(scope: Construct): void {
  const box = host('hr-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.6.10' });
  const lab = site('handwritten', { domain: 'hw.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/hw.git' }, pools: { vips: { first: '192.168.6.200', last: '192.168.6.210' } } });

  class HandWrittenLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [box],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik({ address: lab.pools.vips.at('192.168.6.200') }),
        loadBalancer: metalLb({ pools: [lab.pools.vips] }),
        storage: { fast: localPathStorage() },
        gitops: flux(),
      });
      this.platform.require(kubePrometheusStack({ placement: hostPlacement(box), grafanaAdminSecret: 'grafana-admin' }));
      declareExternal(this, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      new ClusterIssuer(this, 'le', { name: 'letsencrypt', issuer: acmeIssuer({ server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'me@jdoe.dev', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cf', 'token') })] }) });
      // A hand-written Ingress with cert-manager's annotation, as cert-manager's guide writes it.
      this.namespaces.ensure('wiki');
      new ApiObject(this, 'wiki-deploy', {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'wiki', namespace: 'wiki' },
        spec: {
          replicas: 1, selector: { matchLabels: { app: 'wiki' } },
          template: {
            metadata: { labels: { app: 'wiki' } },
            spec: {
              securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [{
                name: 'wiki', image: 'ghcr.io/requarks/wiki:2.5.306', ports: [{ name: 'http', containerPort: 3000 }],
                env: [{ name: 'DB_TYPE', value: 'sqlite' }, { name: 'DB_FILEPATH', value: '/data/wiki.sqlite' }],
                readinessProbe: { httpGet: { path: '/healthz', port: 'http' } }, livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
                resources: { requests: { cpu: '50m', memory: '256Mi' }, limits: { memory: '512Mi' } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'tmp', mountPath: '/tmp' }],
              }],
              volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'wiki-data' } }, { name: 'tmp', emptyDir: {} }],
            },
          },
        },
      });
      new ApiObject(this, 'wiki-pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'wiki-data', namespace: 'wiki' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } } });
      new ApiObject(this, 'wiki-svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'wiki', namespace: 'wiki' }, spec: { selector: { app: 'wiki' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
      new ApiObject(this, 'wiki-np', {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'wiki', namespace: 'wiki' },
        spec: { podSelector: { matchLabels: { app: 'wiki' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }], ports: [{ port: 3000 }] }] },
      });
      new ApiObject(this, 'wiki-ingress', {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
        metadata: { name: 'wiki', namespace: 'wiki', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt', 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure' } },
        spec: {
          ingressClassName: 'traefik', tls: [{ hosts: ['wiki.hw.jdoe.dev'], secretName: 'wiki-tls' }],
          rules: [{ host: 'wiki.hw.jdoe.dev', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'wiki', port: { name: 'http' } } } }] } }],
        },
      });
      // Monitoring objects by hand.
      new HomelabApp(this, 'exporter', {
        namespace: 'wiki', image: 'quay.io/prometheus/blackbox-exporter:v0.26.0', ports: [{ name: 'http', port: 9115 }],
        allowFrom: [{ namespace: 'monitoring' }],
      });
      new ApiObject(this, 'exporter-monitor', {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'exporter', namespace: 'wiki' },
        spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'exporter' } }, endpoints: [{ port: 'http', interval: '30s' }] },
      });
      new ApiObject(this, 'wiki-rules', {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'wiki', namespace: 'wiki' },
        spec: { groups: [{ name: 'wiki', rules: [{ alert: 'WikiDown', expr: 'up{job="exporter"} == 0', for: '5m', labels: { severity: 'warning' }, annotations: { summary: 'The exporter is down' } }] }] },
      });
      new ApiObject(this, 'wiki-dashboard', {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wiki-dashboard', namespace: 'monitoring', labels: { grafana_dashboard: '1' } },
        data: { 'wiki.json': JSON.stringify({ title: 'Wiki', uid: 'wiki', panels: [], schemaVersion: 39 }) },
      });
    }
  }
  new HandWrittenLab(scope);
}

/**
 * A lab as plain JavaScript writes it, run without a type checker: ingress-nginx with a wildcard certificate of
 * cert-manager (Cloudflare DNS-01), MetalLB, NFS storage, Flux, Jellyfin, a route behind basic auth and one that
 * takes uploads.
 */
const NGINX_LAB_JS = `
const { HomelabApp, AppVolume, ClusterChart, host, site, ingressNginx, IngressTls, metalLb, nfsStorage, flux, ClusterIssuer, acmeIssuer,
  cloudflareDns01, SecretReference, Jellyfin, JellyfinMedia, JellyfinTranscoding, SealedSecret } = lib;
const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.21', gpus: [{ vendor: 'intel' }] });
const node2 = host('node2', { arch: 'amd64', roles: ['worker'], address: '192.168.10.22' });
const home = site('nginx-lab', {
  domain: 'home.jdoe.dev', hosts: [node1, node2], git: { url: 'https://gitea.jdoe.dev/jdoe/homelab.git' },
  pools: { ingress: { first: '192.168.10.240', last: '192.168.10.240' }, services: { first: '192.168.10.241', last: '192.168.10.250' } },
  nfs: { data: { server: '192.168.10.5', path: '/mnt/tank/k8s', capacity: '2Ti' }, media: { server: '192.168.10.5', path: '/mnt/tank/media' } },
});

class NginxLab extends ClusterChart {
  constructor(scope) {
    super(scope, 'main', {
      site: home, hosts: [node1, node2],
      routes: ingressNginx({ address: home.pools.ingress.at('192.168.10.240'), tls: IngressTls.wildcard({ issuer: 'letsencrypt' }) }),
      loadBalancer: metalLb({ pools: [home.pools.ingress, home.pools.services] }),
      storage: { fast: nfsStorage(home.nfs.data) },
      gitops: flux(),
    });
    new ClusterIssuer(this, 'letsencrypt', {
      name: 'letsencrypt',
      issuer: acmeIssuer({
        server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'certs@jdoe.dev',
        solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'token') })],
      }),
    });
    new Jellyfin(this, 'jellyfin', {
      media: JellyfinMedia.nfs(home.nfs.media),
      hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: 105 }),
      route: { host: 'tv' },
    });
    const auth = new SealedSecret(this, 'dashboard-auth', { namespace: 'dashboard', encryptedData: { auth: 'Ag' + 'B'.repeat(720) + '==' } });
    new HomelabApp(this, 'dashboard', {
      namespace: 'dashboard', image: 'ghcr.io/gethomepage/homepage:v1.0.4', ports: [{ name: 'http', port: 3000 }],
      env: { HOMEPAGE_ALLOWED_HOSTS: 'home.jdoe.dev' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' } },
      route: { host: 'home.jdoe.dev', basicAuth: auth.key('auth') },
    });
    new HomelabApp(this, 'vaultwarden', {
      image: 'vaultwarden/server:1.33.2', ports: [{ name: 'http', port: 8080 }],
      env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.home.jdoe.dev', SIGNUPS_ALLOWED: 'false' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } },
      route: { host: 'vault', maxBodySize: '128Mi' },
    });
  }
}
new NginxLab(scope);
`;

/** {@link NGINX_LAB_JS} run as the define function of a synth. */
function nginxLabJs(scope: Construct): void {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('lib', 'scope', NGINX_LAB_JS)(library, scope);
}


const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['K3s media lab', k3sMediaLab, { namespace: 'traefik', app: 'traefik' }],
  ['Talos Cilium lab', talosCiliumLab, 'cilium-ingress'],
  ['home-ops Flux lab', homeOpsLab, 'cilium-ingress'],
  ['Argo CD lab', argoLab, { namespace: 'traefik', app: 'traefik' }],
  ['plain JavaScript ingress-nginx lab', nginxLabJs, { namespace: 'ingress-nginx', app: 'ingress-nginx' }],
  ['secrets lab', secretsLab, { namespace: 'traefik', app: 'traefik' }],
  ['dual-stack lab', dualStackLab, { namespace: 'traefik', app: 'traefik' }],
  ['KubeVirt lab', kubeVirtLab, { namespace: 'traefik', app: 'traefik' }],
  ['apps lab', appsLab, { namespace: 'traefik', app: 'traefik' }],
  ['README examples lab', readmeExamplesLab, { namespace: 'traefik', app: 'traefik' }],
  ['hand-written objects lab', handWrittenLab, { namespace: 'traefik', app: 'traefik' }],
];

describe('correct labs written from the README synthesize with only the findings they deserve', () => {
  test('the K3s media lab: warned only that K3s\' folder cannot fetch the Intel GPU plugin\'s upstream files, which is an owner step', () => {
    expect(shownFindings(k3sMediaLab)).toEqual(['warning main/platform/installs/intel-gpu-plugin install']);
  });

  test.each([
    ['Talos Cilium lab', talosCiliumLab], ['home-ops Flux lab', homeOpsLab], ['Argo CD lab', argoLab], ['plain JavaScript ingress-nginx lab', nginxLabJs],
    ['secrets lab', secretsLab], ['dual-stack lab', dualStackLab], ['KubeVirt lab', kubeVirtLab], ['apps lab', appsLab],
    ['hand-written objects lab', handWrittenLab],
  ])('the %s: no finding', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });

  test("the README's examples: warned of Forgejo's database namespace, which the example names and the lab lacks, and of the zvol's capitals", () => {
    expect(shownFindings(readmeExamplesLab)).toEqual([
      'warning homelab/forgejo database.postgres.host',
      'warning homelab/home-assistant/disk volume.name',
    ]);
  });
});

describe('the output of each correct lab would run', () => {
  test.each(LABS)('the %s: every layer builds with kustomize', (_name, define) => {
    expect(foldersOf(define).length).toBeGreaterThan(0);
  });

  test.each(LABS)('the %s: every probe and Service reaches a declared port', (_name, define) => {
    const objects = objectsOf(define);
    expect({ probes: probesOffPorts(objects), services: servicesOffPods(objects).filter((s) => !/VirtualMachine/.test(s)) }).toEqual({ probes: [], services: [] });
  });

  test.each(LABS)("the %s: every routed app's policy admits the ingress on the routed port", (_name, define, ingress) => {
    expect(routesRefused(objectsOf(define), ingress)).toEqual([]);
  });

  test("each app's policy admits the callers the lab declares", () => {
    expect({
      redis: admits(objectsOf(homeOpsLab), 'paperless', 'redis', 6379, { namespace: 'paperless', app: 'paperless' }),
      mariadb: admits(objectsOf(argoLab), 'db', 'mariadb', 3306, { namespace: 'db', app: 'mariadb-backup' }),
      postgres: admits(objectsOf(secretsLab), 'n8n', 'postgres', 5432, { namespace: 'n8n', app: 'n8n' }),
      ollama: admits(objectsOf(appsLab), 'ollama', 'ollama', 11434, { namespace: 'ai', app: 'open-webui' }),
      pg: admits(objectsOf(talosCiliumLab), 'apps', 'postgres', 5432, { namespace: 'apps', app: 'miniflux' }),
      shopApi: admits(objectsOf(readmeExamplesLab), 'shop', 'shop-api', 8080, { namespace: 'shop', app: 'shop' }),
    }).toEqual({ redis: true, mariadb: true, postgres: true, ollama: true, pg: true, shopApi: true });
    // A caller the lab did not declare stays out.
    expect(admits(objectsOf(secretsLab), 'n8n', 'postgres', 5432, { namespace: 'traefik', app: 'traefik' })).toBe(false);
  });
});

describe('what the labs write right, where it was refused', () => {
  test("an Application whose sync option CreateNamespace=true makes its destination namespace is not told that nothing provides it", () => {
    const podinfo = objectsOf(argoLab).find((o) => o.kind === 'Application' && o.metadata.name === 'podinfo');
    expect(podinfo?.spec.destination.namespace).toBe('podinfo');
    expect(shownFindings(argoLab)).toEqual([]);
  });

  test("a HelmRelease with install.createNamespace makes its target namespace", () => {
    const define = (scope: Construct) => {
      const node = host('helm-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.60.11' });
      const helmLab = site('helm-lab', { domain: 'helm.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/helm.git' } });
      const cluster = new ClusterChart(scope, 'main', { site: helmLab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
      podinfoRelease(cluster, { createNamespace: true });
    };
    expect(shownFindings(define).filter((f) => f.includes('podinfo-release'))).toEqual([]);
  });

  test("the Secret CloudNativePG makes for a database's application user is no owner step, nor taken for a typo of the app's other Secrets", () => {
    const steps = sitesInMemory(homeOpsLab).files.get('home-ops/main/README.md') ?? '';
    expect({ step: steps.includes('paperless-db-app'), findings: shownFindings(homeOpsLab) }).toEqual({ step: false, findings: [] });
  });

  test("a Secret made by hand beside one the repository makes, their names two letters apart, is no typo of it", () => {
    const define = (scope: Construct) => {
      const node = host('typo-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.61.11' });
      const typoLab = site('typo-lab', { domain: 'typo.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/typo.git' } });
      const cluster = new ClusterChart(scope, 'main', { site: typoLab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
      const s3 = new SealedSecret(cluster, 'nextcloud-s3', { namespace: 'nextcloud', encryptedData: { key: `Ag${'B'.repeat(720)}==` } });
      new HomelabApp(cluster, 'nextcloud', {
        image: 'ghcr.io/acme/cloud:1.0.0', ports: [{ name: 'http', port: 8080 }],
        env: { DB_PASSWORD: SecretReference.external('nextcloud', 'nextcloud-db', 'password'), S3_KEY: s3.key('key') },
      });
    };
    expect(shownFindings(define)).toEqual([]);
  });

  test("an optional reference to a Secret made later by hand, two letters from one the repository makes, is the warning to declare it, not a typo's error", () => {
    const define = (scope: Construct) => {
      const node = host('optional-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.63.11' });
      const optionalLab = site('optional-lab', { domain: 'optional.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/optional.git' } });
      const cluster = new ClusterChart(scope, 'main', {
        site: optionalLab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
      });
      new SealedSecret(cluster, 'nextcloud-s3', { namespace: 'nextcloud', encryptedData: { key: `Ag${'B'.repeat(720)}==` } });
      const app = new HomelabApp(cluster, 'nextcloud', { image: 'ghcr.io/acme/cloud:1.0.0', ports: [{ name: 'http', port: 8080 }] });
      ApiObject.of(app.node.findChild('deployment')).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env', [
        { name: 'SMTP_PASSWORD', valueFrom: { secretKeyRef: { name: 'nextcloud-db', key: 'password', optional: true } } },
      ]));
    };
    expect(aboutTheLab(sitesInMemory(define).findings).map((f) => `${f.severity} ${f.field}`)).toEqual(['warning spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef']);
  });

  test('a Deployment rolled out with RollingUpdate on a node-local claim, whose new pod mounts it beside the old one on its node', () => {
    const define = (scope: Construct) => {
      const a = host('rolling-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.62.11' });
      const b = host('rolling-b', { arch: 'amd64', roles: ['worker'], address: '192.168.62.12' });
      const rollingLab = site('rolling-lab', { domain: 'rolling.jdoe.dev', hosts: [a, b], git: { url: 'https://github.com/jdoe/rolling.git' } });
      const cluster = new ClusterChart(scope, 'main', {
        site: rollingLab, hosts: [a, b], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
      });
      new HomelabApp(cluster, 'wiki', {
        image: 'ghcr.io/requarks/wiki:2.5.306', ports: [{ name: 'http', port: 3000 }], strategy: 'RollingUpdate',
        env: { DB_TYPE: 'sqlite', DB_FILEPATH: '/data/wiki.sqlite' },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
        route: { host: 'wiki' },
      });
    };
    expect(shownFindings(define)).toEqual([]);
  });

  test("a chart release's StorageClass and CRDs are provided, and the release is installed in the platform layer, before what names them", () => {
    const talosFiles = [...sitesInMemory(talosCiliumLab).files.keys()];
    const homeOpsFiles = [...sitesInMemory(homeOpsLab).files.keys()];
    expect({
      longhorn: talosFiles.filter((f) => /longhorn/.test(f)),
      releases: homeOpsFiles.filter((f) => /(cloudnative-pg|volsync|longhorn|authentik|snapshot-controller)\.yaml$/.test(f)),
    }).toEqual({
      longhorn: ['talos/main/platform/longhorn.yaml'],
      releases: [
        'home-ops/main/apps/authentik.yaml', 'home-ops/main/platform/cloudnative-pg.yaml', 'home-ops/main/platform/longhorn.yaml',
        'home-ops/main/platform/snapshot-controller.yaml', 'home-ops/main/platform/volsync.yaml',
      ],
    });
  });
});
