import { App as CdkApp } from 'cdk8s';
import { flux, host, HostProps, ingressNginx, IngressTls, site } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// A first inventory and cluster written from the README alone: a ZFS pool's settings written as ZFS or a
// YAML file spells them, a bridge named like a description, a GPU written as its vendor, a bootstrap path
// relative to the working folder, an IngressClass named like a product. Each was taken as given before;
// each is now one error on the fact or prop, with what to write instead.

/** A cluster `edge` of one host `<name>-node` with `hostProps`, whose ZFS pool `tank` (if any) is a storage tier. */
function edge(name: string, hostProps: Record<string, unknown>) {
  return (_c: unknown, app: CdkApp) => {
    const node = host(`${name}-node`, { arch: 'amd64', address: '10.9.0.1', ...hostProps } as HostProps<any, any>);
    const lab = site(name, { domain: `${name}.test`, hosts: [node] });
    const pools = Object.values(node.zfs);
    labCluster(app, 'edge', { site: lab, hosts: [node], loadBalancer: undefined, storage: pools.length > 0 ? { fast: pools[0] } : {} });
  };
}

/** A case of a ZFS pool `pool` of host `<name>-node` with `facts`, its pool the cluster's `fast` tier. */
const poolFact = (name: string, facts: Record<string, unknown>, field: string, hint?: RegExp, pool = 'tank'): BadInput => ({
  name, build: edge(`z${name.length}`, { zfsPools: { [pool]: { media: 'ssd', ...facts } } }), layer: 'inventory',
  path: `inventory/host/z${name.length}-node/zfsPools/${pool}`, field, hint,
});

/** A case of a bridge `bridge` of host `<name>-node` with `facts`. */
const bridgeFact = (name: string, bridge: string, facts: Record<string, unknown>, field: string, hint?: RegExp): BadInput => ({
  name, build: edge(`b${name.length}`, { bridges: { [bridge]: facts } }), layer: 'inventory',
  path: `inventory/host/b${name.length}-node/bridges/${bridge}`, field, hint,
});

export const CASES: BadInput[] = [
  // ZFS pool settings: OpenEBS reads them only when it makes a volume, so they were a claim stuck Pending.
  poolFact("ZFS pool thinProvision: 'no', which read as yes", { thinProvision: 'no' }, 'thinProvision', /write thinProvision: false/),
  poolFact("ZFS pool thinProvision: 'yes' as ZFS spells it", { thinProvision: 'yes' }, 'thinProvision', /write thinProvision: true/),
  poolFact('ZFS pool compression in upper case', { compression: 'LZ4' }, 'compression', /write it as 'lz4': ZFS takes property values in lower case/),
  poolFact('ZFS pool compression given as a switch', { compression: true }, 'compression', /compression: 'on'/),
  poolFact('ZFS pool compression ZFS does not have', { compression: 'snappy' }, 'compression', /lz4, zstd/),
  poolFact('ZFS pool compression misspelt as a fact', { compresion: 'zstd' }, 'compresion', /did you mean "compression"\?/),
  poolFact('ZFS pool filesystem ZFS-LocalPV cannot format', { volumeFilesystem: 'ext3' }, 'volumeFilesystem', /zfs, ext4, xfs, btrfs/),
  poolFact('ZFS pool filesystem in upper case', { volumeFilesystem: 'XFS' }, 'volumeFilesystem', /write it as 'xfs'/),
  poolFact('ZFS pool dedup given as a switch', { dedup: false }, 'dedup', /dedup: 'off'/),
  poolFact('ZFS pool size written with its unit', { sizeTerabytes: '2TB' }, 'sizeTerabytes', /in terabytes/),
  poolFact('ZFS pool size of zero', { sizeTerabytes: 0 }, 'sizeTerabytes'),
  poolFact('ZFS pool keyed by a name with a blank', {}, 'name', /zpool list/, 'tank data'),
  poolFact('ZFS pool keyed by a vdev word zpool reserves', {}, 'name', /zpool list/, 'mirror'),
  poolFact('ZFS pool keyed by a path from /', {}, 'name', /zpool list/, '/tank'),
  // Bridges: a bridge network's pods attach to a device of that name.
  bridgeFact('bridge named longer than Linux allows', 'bridge-for-vms-20', { uplink: 'eno1' }, 'name', /ip link/),
  bridgeFact('bridge uplink with a blank', 'br0', { uplink: 'eth 0' }, 'uplink', /'eno1' or 'eno1\.20'/),
  bridgeFact('bridge uplink misspelt as a fact', 'br0', { uplinks: 'eno1' }, 'uplinks', /did you mean "uplink"\?/),
  // A GPU written as its vendor alone is one error, not one per letter.
  { name: 'GPU written as its vendor alone', build: edge('gpu', { gpus: ['Intel'] }), layer: 'inventory', path: 'inventory/host/gpu-node', field: 'gpus[0]', hint: /\{ vendor: 'intel' \}/ },
  // A bootstrap path that climbs out of the repository has no folder to write it as.
  { name: "flux bootstrapPath relative to the working folder with '..'", build: guarded((_c: unknown, app: CdkApp) => labCluster(app, 'edge', { hosts: [], storage: {}, gitops: flux({ bootstrapPath: '../clusters/lab' }) })), layer: 'props', path: 'edge', field: 'gitops.bootstrapPath', hint: /name a folder inside the repository/ },
  // ingress-nginx: an IngressClass name the API server refuses on every Ingress, a controller of no pods.
  {
    name: 'ingress-nginx IngressClass named in upper case',
    build: guarded((_c: unknown, app: CdkApp) => labCluster(app, 'edge', { hosts: [], storage: {}, routes: ingressNginx({ tls: IngressTls.none(), ingressClassName: 'Nginx' }) })),
    layer: 'props', path: 'edge', field: 'routes.ingressClassName',
  },
  {
    name: 'ingress-nginx with no replicas',
    build: guarded((_c: unknown, app: CdkApp) => labCluster(app, 'edge', { hosts: [], storage: {}, routes: ingressNginx({ tls: IngressTls.none(), replicas: 0 }) })),
    layer: 'props', path: 'edge', field: 'routes.replicas',
  },
];
