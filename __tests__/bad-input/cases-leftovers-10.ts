import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, ClusterChart, host, Jellyfin, JellyfinMedia, nfsStorage, site, StaticNfsVolume, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';

// An NFS export belongs to the site whose inventory declares it: a cluster of another site that mounts it
// reaches a server its own inventory does not know, often on a network its nodes do not reach.

/** A site of its own, whose one NFS export `media` is on its NAS. */
const otherNode = host('other-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.42.0.5' });
const otherSite = site('elsewhere', {
  domain: 'elsewhere.test', hosts: [otherNode], nfs: { media: { server: 'nas.elsewhere.test', path: '/export/media' } },
  git: { url: 'https://git.elsewhere.test/lab.git' },
});

export const CASES: BadInput[] = [
  {
    name: "an App's volume on an NFS export of another site",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }],
      persistence: { media: { volume: AppVolume.nfs(otherSite.nfs.media), mountPath: '/media' } },
    })),
    layer: 'inventory', path: 'web', field: 'persistence.media.volume', hint: /site lab/,
  },
  {
    name: "Jellyfin's media on an NFS export of another site, named as its props write it",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(otherSite.nfs.media) })),
    layer: 'inventory', path: 'jellyfin', field: 'media.export', hint: /site lab/,
  },
  {
    name: 'a StaticNfsVolume on an NFS export of another site',
    build: guarded((cluster: ClusterChart) => new StaticNfsVolume(cluster, 'media', {
      export: otherSite.nfs.media, capacity: '10Gi', claim: { name: 'media', namespace: 'web', size: '5Gi' },
    })),
    layer: 'inventory', path: 'media', field: 'export', hint: /site lab/,
  },
  {
    name: 'an NFS storage tier of a cluster on an export of another site',
    build: guarded((_cluster: ClusterChart, app: CdkApp) => labCluster(app, 'nfs-tier', {
      site: otherSite, hosts: [otherNode], loadBalancer: undefined, routes: traefik({ nodePorts: true }),
      storage: { bulk: nfsStorage(lab.nfs.share) },
    })),
    layer: 'inventory', path: 'nfs-tier', field: 'storage.bulk', hint: /site elsewhere/,
  },
];
