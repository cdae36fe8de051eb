import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, ClusterChart, host, localPathStorage, nfsStorage, site, StaticNfsVolume, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// An NFS export's capacity, and claims on it that ask for more than its whole disk holds: NFS enforces no
// claim's size, so nothing else would say so before the disk is full.

/** A site of one node (`<name>-node`) whose export `media` has the given capacity. */
function nasSite(name: string, capacity: unknown) {
  const node = host(`${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.43.0.5' });
  return site(name, {
    domain: `${name}.test`, hosts: [node], nfs: { media: { server: 'nas.lab.test', path: '/export/media', capacity: capacity as string } },
    git: { url: `https://git.${name}.test/lab.git` },
  });
}

/** A cluster of `labSite` whose tier `shared` is its export `media`, with `build` in it. */
function onShared(labSite: ReturnType<typeof nasSite>, build: (cluster: ClusterChart) => void) {
  return guarded((_cluster: ClusterChart, app: CdkApp) => {
    const cluster = labCluster(app, labSite.name, {
      site: labSite, hosts: [...labSite.hosts], loadBalancer: undefined, routes: traefik({ nodePorts: true }),
      storage: { fast: localPathStorage(), shared: nfsStorage(labSite.nfs.media) },
    });
    build(cluster);
  });
}

const web = (cluster: ClusterChart, size: string) => new App(cluster, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }],
  persistence: { files: { volume: AppVolume.claim({ tier: 'shared', size, accessMode: 'ReadWriteMany' }), mountPath: '/files' } },
});

const tb = nasSite('nfs-cap-tb', '1TB');
const number = nasSite('nfs-cap-number', 1000);
const zero = nasSite('nfs-cap-zero', '0Gi');
const oneClaim = nasSite('nfs-cap-claim', '1T');
const staticVolume = nasSite('nfs-cap-static', '500Gi');

const sizeKey = site('nfs-cap-size-key', {
  domain: 'nfs-cap-size-key.test', hosts: [host('nfs-cap-size-key-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.43.0.5' })],
  nfs: { media: { server: 'nas.lab.test', path: '/export/media', sizeTerabytes: 1 } as never },
  git: { url: 'https://git.nfs-cap-size-key.test/lab.git' },
});

export const CASES: BadInput[] = [
  {
    name: "an NFS export's capacity written as a disk is sold (1TB)",
    build: onShared(tb, (cluster) => web(cluster, '10Gi')),
    layer: 'inventory', path: 'inventory/site/nfs-cap-tb/nfs/media', field: 'capacity', hint: /capacity: '1T'/,
  },
  {
    name: "an NFS export's capacity as a bare number",
    build: onShared(number, (cluster) => web(cluster, '10Gi')),
    layer: 'inventory', path: 'inventory/site/nfs-cap-number/nfs/media', field: 'capacity', hint: /1T/,
  },
  {
    name: "an NFS export's capacity of zero",
    build: onShared(zero, (cluster) => web(cluster, '10Gi')),
    layer: 'inventory', path: 'inventory/site/nfs-cap-zero/nfs/media', field: 'capacity',
  },
  {
    name: 'a claim of an NFS tier larger than the whole export (2Ti on a 1T disk)',
    build: onShared(oneClaim, (cluster) => web(cluster, '2Ti')),
    layer: 'inventory', path: 'web', field: 'persistence.files.volume.claim.size', hint: /at most 1T/,
  },
  {
    name: 'a static NFS volume whose claim asks for more than the whole export',
    build: onShared(staticVolume, (cluster) => new StaticNfsVolume(cluster, 'library', {
      export: staticVolume.nfs.media, capacity: '800Gi', claim: { name: 'library', namespace: 'web', size: '600Gi' },
    })),
    layer: 'inventory', path: 'library/claim', field: 'spec.resources.requests.storage', hint: /at most 500Gi/,
  },
  {
    name: "an NFS export's size under another name (sizeTerabytes), which would leave its claims unchecked",
    build: onShared(sizeKey, (cluster) => web(cluster, '10Gi')),
    layer: 'inventory', path: 'inventory/site/nfs-cap-size-key/nfs/media', field: 'sizeTerabytes', hint: /capacity: '1T'/,
  },
];
