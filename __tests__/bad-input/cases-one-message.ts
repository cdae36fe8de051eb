import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, host, MediaContainer, MediaContainers, metalLb, site } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labApp, labCluster } from './lab';

const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
/** MediaContainers of one container `app`, changed by `extra`. */
const media = (extra: Record<string, unknown>) => guarded((cluster: ClusterChart) =>
  new MediaContainers(cluster, 'media', { settings, containers: { app: { image: 'ghcr.io/acme/app:1.2.3', listenPort: 8080, host: gpu1, ...extra } as MediaContainer } }));

// Mistakes a user porting from docker-compose, a Helm chart or raw YAML makes, each reported once, on the
// prop the user wrote, with a hint in the user's words (one-message.test.ts counts the errors).

/**
 * A cluster `edge` of a site `id` whose one host has `address` and whose pool `vips` is written `pool`, with an
 * app `dns` that takes `take` of that pool when given.
 */
function siteWith(id: string, pool: unknown, address = '10.7.0.5', take?: string): (cluster: ClusterChart, app: CdkApp) => void {
  return guarded((_c: ClusterChart, app: CdkApp) => {
    const node = host(`${id}-node`, { arch: 'amd64', address });
    const written = site(id, { domain: `${id}.test`, hosts: [node], pools: { vips: pool as any }, git: { url: 'https://git.example/lab.git' } });
    const edge = labCluster(app, 'edge', { site: written, hosts: [node], loadBalancer: metalLb({ pools: [written.pools.vips] }), storage: {} });
    if (take !== undefined) {
      new App(edge, 'dns', { image: 'ghcr.io/acme/dns:1.0.0', namespace: 'web', ports: [{ name: 'dns', port: 53 }], loadBalancer: { address: written.pools.vips.at(take) } });
    }
  });
}

export const CASES: BadInput[] = [
  // 1. a port's protocol
  {
    name: "compose's lower-case udp as a port's protocol",
    build: guarded(labApp('dns', { ports: [{ name: 'dns', port: 53, protocol: 'udp' }] })),
    layer: 'props', path: 'dns', field: 'ports[0].protocol', hint: /'UDP'/,
  },
  {
    name: "app-template's HTTP as a port's protocol",
    build: guarded(labApp('web', { ports: [{ name: 'http', port: 8080, protocol: 'HTTP' }] })),
    layer: 'props', path: 'web', field: 'ports[0].protocol', hint: /TCP, the default/,
  },
  {
    name: "compose's udp as the protocol of an egress address",
    build: guarded(labApp('web', { egress: [{ cidr: '1.1.1.1/32', ports: [{ port: 53, protocol: 'udp' }] }] })),
    layer: 'props', path: 'web', field: 'egress[0].ports[0].protocol', hint: /'UDP'/,
  },
  // 2. the namespace default
  {
    name: "a compose user's first app in namespace default",
    build: guarded(labApp('whoami', { namespace: 'default' })),
    layer: 'props', path: 'whoami', field: 'namespace', hint: /namespace of its own/,
  },
  // 3. resources, named by the container and prop the user wrote
  {
    name: "a sidecar's memory limit in docker's 64m",
    build: guarded(labApp('web', { sidecars: [{ name: 'side', image: 'busybox:1.36', resources: { memoryLimit: '64m' } }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].resources.memoryLimit', hint: /'64Mi'/,
  },
  {
    name: "an init container's CPU limit in docker's 0.5 cpus",
    build: guarded(labApp('web', { initContainers: [{ name: 'init', image: 'busybox:1.36', resources: { cpuLimit: '0.5 cpus' } }] })),
    layer: 'props', path: 'web', field: 'initContainers[0].resources.cpuLimit', hint: /'0\.5'/,
  },
  {
    name: 'a memory limit given as a number of bytes',
    build: guarded(labApp('web', { resources: { memoryLimit: 536870912 } })),
    layer: 'props', path: 'web', field: 'resources.memoryLimit', hint: /'512Mi'/,
  },
  {
    name: "a media container's compose memory limit 512m",
    build: media({ resources: { limits: { memory: '512m' } } }),
    layer: 'props', path: 'media', field: 'containers.app.resources.limits.memory', hint: /'512Mi'/,
  },
  // 6. docker's spellings of an app's own amounts
  {
    name: "an app's memory limit in docker's 1g",
    build: guarded(labApp('web', { resources: { memoryLimit: '1g' } })),
    layer: 'props', path: 'web', field: 'resources.memoryLimit', hint: /'1Gi'/,
  },
  {
    name: "an app's memory request in 2GB",
    build: guarded(labApp('web', { resources: { memoryRequest: '2GB' } })),
    layer: 'props', path: 'web', field: 'resources.memoryRequest', hint: /'2Gi'/,
  },
  {
    name: "an app's CPU limit as half a core in percent",
    build: guarded(labApp('web', { resources: { cpuLimit: '50%' } })),
    layer: 'props', path: 'web', field: 'resources.cpuLimit', hint: /'500m'/,
  },
  // 4. pools written as MetalLB writes them, addresses with a prefix
  {
    name: "an address pool written as MetalLB's CIDR block",
    build: siteWith('mc', '10.7.8.48/28'),
    layer: 'inventory', path: 'site/mc', field: 'pools.vips', hint: /first: '10\.7\.8\.48', last: '10\.7\.8\.63'/,
  },
  {
    name: "an address pool written as MetalLB's range",
    build: siteWith('mr', { addresses: ['10.7.8.50-10.7.8.59'] }),
    layer: 'inventory', path: 'site/mr', field: 'pools.vips', hint: /first: '10\.7\.8\.50', last: '10\.7\.8\.59'/,
  },
  {
    name: 'a load-balancer address taken from its pool with /32',
    build: siteWith('ms', { first: '10.7.8.50', last: '10.7.8.59' }, '10.7.0.5', '10.7.8.53/32'),
    // Reported on the prop that uses the address, which the user wrote, not on the pool that handed it out.
    layer: 'inventory', path: 'edge/dns', field: 'loadBalancer.address', hint: /without \/32: 10\.7\.8\.53/,
  },
  {
    name: "a host's address written with its network's /24",
    build: siteWith('mh', { first: '10.7.8.50', last: '10.7.8.59' }, '10.7.0.5/24'),
    layer: 'inventory', path: 'host/mh-node', field: 'address', hint: /without \/24: 10\.7\.0\.5/,
  },
  // 5. one mistake in a port, one error on the prop rather than one per generated object
  {
    name: 'a port name in upper case',
    build: guarded(labApp('web', { ports: [{ name: 'HTTP', port: 8080 }] })),
    layer: 'props', path: 'web', field: 'ports[0].name', hint: /'http'/,
  },
  {
    name: 'a port number of 0',
    build: guarded(labApp('web', { ports: [{ name: 'http', port: 0 }] })),
    layer: 'props', path: 'web', field: 'ports[0].port',
  },
  {
    name: "compose's 53/tcp and 53/udp both named dns",
    build: guarded(labApp('dns', { ports: [{ name: 'dns', port: 53 }, { name: 'dns', port: 53, protocol: 'UDP' }] })),
    layer: 'props', path: 'dns', field: 'ports[1].name', hint: /'dns-udp'/,
  },
];
