import { Construct } from 'constructs';
import {
  App, AppVolume, argoCd, ClusterChart, Forgejo, Harbor, Jellyfin, JellyfinMedia, localPathStorage, nfsStorage, Ollama,
  SecretReference, tailscaleLoadBalancer, traefik,
} from '../../constructs';
import { congenitalOptimist, greyArea, greyAreaSite, limitingFactor } from '../../hosts/grey-area';

const nfs = greyAreaSite.nfs.kubernetes;

/** The one cluster of grey-area (seed 000): three nodes over Tailscale, Traefik on tailnet names, Argo CD. */
export class Main extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'main', {
      site: greyAreaSite,
      hosts: [greyArea, congenitalOptimist, limitingFactor],
      routes: traefik(),
      storage: {
        // Node-local disks for SQLite and other single-writer data; NFS on limiting-factor for shared data.
        fast: localPathStorage(),
        shared: nfsStorage(nfs),
      },
      // The lab lives on its tailnet: load balancers are tailnet machines, not LAN addresses.
      loadBalancer: tailscaleLoadBalancer({ tags: ['tag:k8s'] }),
      gitops: argoCd(),
    });

    // On the GPU node; models shared from NFS as the seed keeps them.
    new Ollama(this, 'ollama', {
      modelStorage: AppVolume.nfs(nfs, 'ollama'),
      preferredHost: greyArea,
      route: { host: 'ollama' },
    });

    // Git over SSH on port 22 of its own tailnet machine, `forgejo-ssh`. The web UI sits behind basic
    // auth (the `forgejo-auth` middleware); its htpasswd lines live in the Secret `forgejo-credentials`,
    // key `users`, which the owner creates in the cluster (`htpasswd -nB <user>`).
    new Forgejo(this, 'forgejo', {
      route: { host: 'forgejo', basicAuth: SecretReference.external('forgejo', 'forgejo-credentials', 'users') },
      ssh: { loadBalancer: { hostname: 'forgejo-ssh' } },
    });

    new App(this, 'nextcloud', {
      image: 'nextcloud:31.0.9-apache',
      ports: [{ name: 'http', port: 80 }],
      env: { NEXTCLOUD_TRUSTED_DOMAINS: greyAreaSite.fqdn('nextcloud') },
      persistence: {
        html: { volume: AppVolume.claim({ tier: 'shared', size: '100Gi', accessMode: 'ReadWriteMany' }), mountPath: '/var/www/html' },
      },
      resources: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '2Gi' },
      probes: { readiness: { httpPath: '/status.php' }, startup: { httpPath: '/status.php', failureThreshold: 60 } },
      exemptions: {
        runAsRoot: 'the official image installs as root, then Apache serves as www-data',
        writableRootFilesystem: 'Apache writes its pid and lock files under /var/run',
        addCapabilities: {
          capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'],
          reason: 'the entrypoint copies files owned by www-data and Apache binds port 80, then drops to www-data',
        },
      },
      route: { host: 'nextcloud' },
    });

    new App(this, 'calibre-web', {
      image: 'lscr.io/linuxserver/calibre-web:0.6.24',
      ports: [{ name: 'http', port: 8083 }],
      env: { PUID: '1000', PGID: '1000', TZ: 'Etc/UTC' },
      persistence: {
        config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' },
        books: { volume: AppVolume.nfs(nfs, 'books'), mountPath: '/books' },
      },
      resources: { cpuRequest: '50m', memoryRequest: '256Mi', memoryLimit: '1Gi' },
      exemptions: {
        runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID',
        writableRootFilesystem: 's6-overlay writes its service tree under /run',
        privilegeEscalation: 's6-overlay switches to PUID through setuid helpers',
        addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'], reason: 's6-overlay chowns /config and drops to PUID' },
      },
      route: { host: 'calibre' },
    });

    // grey-area's one GPU belongs to Ollama; transcoding stays on the CPU.
    new Jellyfin(this, 'jellyfin', {
      media: JellyfinMedia.nfs(nfs, 'media'),
      route: { host: 'jellyfin' },
    });

    // The registry keeps to the node set aside for it (nodeSelector + toleration of its taint).
    new Harbor(this, 'harbor', {
      placement: { host: limitingFactor },
      storageTier: 'shared',
      route: { host: 'registry' },
      adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
    });
  }
}
