import { App as CdkApp } from 'cdk8s';
import { Construct } from 'constructs';
import { AppVolume, ClusterChart, flux, host, k3s, localPathStorage, metalLb, nfsStorage, site, traefik } from '../../constructs';
import type { ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp } from './lab';

// A fleet of two sites, written from the README's fleet definition: the lab (`lab/main`) and a cabin a
// tailnet away, each mistake the way a home-lab owner makes it while adding the second site.

/** Facts of the cabin site a case changes. */
interface CabinFacts {
  /** The site's name. @default 'cabin' */
  readonly name?: string;
  readonly domain?: string;
  readonly address?: string;
}

/** The site `cabin` (or `facts.name`) with one K3s node, and its cluster `main` (under `cabin`, as a fleet builds it) with `cluster` applied; `apps` adds to it. */
function cabinSite(facts: CabinFacts = {}, apps: (cabin: ClusterChart) => void = () => undefined, cluster: Partial<ClusterChartProps> = {}) {
  return (app: CdkApp): void => {
    const name = facts.name ?? 'cabin';
    const cabin1 = host(`${name}1`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: facts.address ?? '192.168.20.11' });
    const cabin = site(name, {
      domain: facts.domain ?? `${name}.test`, hosts: [cabin1], git: { url: 'https://git.lab.test/lab.git' },
      pools: { vips: { first: '192.168.20.200', last: '192.168.20.220' } },
      // The NAS of the lab, which the site reaches over the VPN and declares as its own.
      nfs: { media: { server: '192.168.10.5', path: '/volume1/media' } },
    });
    apps(new ClusterChart(new Construct(app, name), 'main', {
      site: cabin, hosts: [cabin1], preinstalled: [k3s()], routes: traefik({ hostPorts: true }),
      loadBalancer: metalLb({ pools: [cabin.pools.vips] }), storage: { fast: localPathStorage(), media: nfsStorage(cabin.nfs.media) }, gitops: flux(), ...cluster,
    }));
  };
}

/** The lab cluster changed by `lab`, beside the cabin site of `cabin`. */
function fleet(lab: (c: ClusterChart) => void, cabin: (app: CdkApp) => void) {
  return guarded((c: ClusterChart, app: CdkApp) => {
    lab(c);
    cabin(app);
  });
}

/** An app `jellyfin` whose configuration is on a claim of the NFS tier `media`. */
const jellyfin = labApp('jellyfin', { persistence: { config: { volume: AppVolume.claim({ tier: 'media', size: '1Gi' }), mountPath: '/config' } } });

export const CASES: BadInput[] = [
  // Both sites were given the lab's domain, each with its own web app: only one external-dns owns the record.
  {
    name: 'two sites of one domain, each serving the same route host',
    build: fleet(labApp('web', { route: { host: 'web' } }), cabinSite({ domain: 'lab.test' }, labApp('web', { route: { host: 'web' } }))),
    layer: 'inventory', path: 'web', field: 'route.host', message: /served already by cluster lab\/main .* of site lab/, hint: /domain: 'cabin\.lab\.test'/,
  },
  // Each site calls its pool vips; the cabin's DNS app was given the lab's by the name the editor offered.
  {
    name: "a load-balancer address from the pool of another site's inventory of the same name",
    build: fleet(() => undefined, cabinSite({}, labApp('dns', { loadBalancer: { address: lab.pools.vips.at('10.0.8.15') } }))),
    layer: 'inventory', path: 'cabin/main/dns', field: 'loadBalancer.address', message: /of another site's inventory/, hint: /between 192\.168\.20\.200 and 192\.168\.20\.220/,
  },
  // Two sites mount the lab's NAS, each with the default folders, and both clusters are called main.
  {
    name: 'clusters named main in two sites on one NAS export, with the default folders',
    build: fleet(() => undefined, (app) => {
      cabinSite({}, jellyfin)(app);
      cabinSite({ name: 'barn' }, jellyfin)(app);
    }),
    layer: 'references', path: 'barn/main/jellyfin/claim-config', field: 'spec.storageClassName', hint: /subDirectory: 'barn-main\//,
  },
  // A second cluster of the cabin on its second node, given the site's one pool, which hands addresses out unasked.
  {
    name: "two clusters of a site whose load balancers both hand out a pool's addresses unasked",
    build: fleet(() => undefined, (app) => {
      const one = host('cabin1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.20.11' });
      const two = host('cabin2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.20.12' });
      const cabin = site('cabin', {
        domain: 'cabin.test', hosts: [one, two], git: { url: 'https://git.lab.test/lab.git' },
        pools: { vips: { first: '192.168.20.200', last: '192.168.20.220', autoAssign: true } },
      });
      const scope = new Construct(app, 'cabin');
      for (const [id, node] of [['main', one], ['garage', two]] as const) {
        new ClusterChart(scope, id, {
          site: cabin, hosts: [node], preinstalled: [k3s()], routes: traefik({ address: cabin.pools.vips.at(id === 'main' ? '192.168.20.200' : '192.168.20.201') }),
          loadBalancer: metalLb({ pools: [cabin.pools.vips] }), storage: {}, gitops: flux(),
        });
      }
    }),
    layer: 'inventory', path: 'cabin/garage', field: 'loadBalancer.pools', message: /in cluster cabin\/main already/, hint: /split the range/,
  },
];
