import { App as CdkApp } from 'cdk8s';
import { AppVolume, ClusterChart, Forgejo, host, Jellyfin, JellyfinMedia, site, StaticNfsVolume, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster } from './lab';

// One mistake, one error, on the construct and field the user wrote (one-error-3.test.ts counts the errors).

/** A cluster `edge` of a site whose NFS export `share` is at `path`, and a StaticNfsVolume of it. */
const nfsVolumeAt = (path: string) => guarded((_c: ClusterChart, app: CdkApp) => {
  const node = host('nfs3-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.3.5' });
  const written = site('nfs3', { domain: 'nfs3.test', hosts: [node], nfs: { share: { server: 'nas.nfs3.test', path } }, git: { url: 'https://git.example/lab.git' } });
  const edge = labCluster(app, 'edge', { site: written, hosts: [node], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
  new StaticNfsVolume(edge, 'media', { export: written.nfs.share, capacity: '10Gi', claim: { name: 'media', namespace: 'web', size: '5Gi' } });
});

export const CASES: BadInput[] = [
  {
    name: "an NFS export of the site's inventory at a relative path",
    build: nfsVolumeAt('export/media'),
    layer: 'inventory', path: 'inventory/site/nfs3/nfs/share', field: 'path', hint: /starting with \//,
  },
  {
    name: 'a numeric token in env, shown by its size',
    build: guarded(labApp('web', { env: { API_TOKEN: 12345678 } })),
    layer: 'props', path: 'web', field: 'env.API_TOKEN', hint: /SecretReference/,
  },
  {
    name: "Forgejo's storage on a tier the cluster lacks, named as the claim writes it",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { storage: AppVolume.claim({ tier: 'slow', size: '20Gi' }) })),
    layer: 'references', path: 'forgejo', field: 'storage.claim.tier',
  },
  {
    name: "Jellyfin's shared media in an access mode its tier lacks, named as the claim writes it",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.shared(AppVolume.claim({ tier: 'fast', size: '600Gi', accessMode: 'ReadWriteMany' })) })),
    layer: 'references', path: 'jellyfin', field: 'media.volume.claim.accessMode',
  },
];
