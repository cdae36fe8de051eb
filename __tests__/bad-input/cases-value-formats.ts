import { App as CdkApp } from 'cdk8s';
import { App, AppDevice, AppVolume, ClusterChart, host, metalLb, SecretReference, site } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster, raw } from './lab';

// Values whose format the software downstream refuses although they look right (an address with leading
// zeros, a digest in upper case, a count of half a device), and mistakes made through the app's mutators,
// which are reported where the user made them.

/** A cluster `edge` on a site `name` of one host with `address`, whose pool `vips` is `first`–`last`. */
const zeroSite = (name: string, address: string, first: string, last: string) => (_c: ClusterChart, app: CdkApp) => {
  const node = host(`${name}-node`, { arch: 'amd64', address });
  const edge = site(name, { domain: `${name}.test`, hosts: [node], pools: { vips: { first, last } } });
  labCluster(app, 'edge', { site: edge, hosts: [node], loadBalancer: metalLb({ pools: [edge.pools.vips] }), storage: {} });
};

/** The web app of the lab, changed by `change` after it was built. */
const webThen = (change: (web: App) => void, props: Record<string, unknown> = {}) => (cluster: ClusterChart) => change(labApp('web', props)(cluster));

/** A NetworkPolicy `raw` in namespace web whose one egress peer is `ipBlock`. */
const policyWithBlock = (ipBlock: Record<string, unknown>) => (cluster: ClusterChart) => raw(cluster, 'raw', {
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'raw', namespace: 'web' },
  spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock }] }] },
});

/** The web app with one egress peer `cidr`; rejected props end its construction, as in a definition run by the CLI. */
const egressTo = (cidr: string) => guarded(labApp('web', { egress: [{ cidr, ports: [{ port: 443 }] }] }));
const withDevice = (count: number) => guarded(labApp('web', { devices: [AppDevice.plugin('squat.ai/serial', count)] }));

export const CASES: BadInput[] = [
  // IPv4 addresses with leading zeros: Go's net.ParseIP refuses them since 1.17 (MetalLB, the API server).
  {
    name: 'a pool address with leading zeros',
    build: zeroSite('lz', '10.7.0.5', '10.7.0.050', '10.7.0.59'),
    layer: 'inventory', path: 'inventory/site/lz/pools/vips', field: 'first', hint: /write 10\.7\.0\.50$/,
  },
  {
    name: 'a host address with leading zeros',
    build: zeroSite('lh', '10.7.001.010', '10.7.1.50', '10.7.1.59'),
    layer: 'inventory', path: 'inventory/host/lh-node', field: 'address', hint: /write 10\.7\.1\.10$/,
  },
  // A secret flag whose value is the next argument, as well as `--password=hunter2`.
  {
    name: 'a password flag with its value as the next argument',
    build: guarded(labApp('web', { args: ['--password', 'hunter2'] })),
    layer: 'props', path: 'web', field: 'args[1]',
  },
  // Image digests the kubelet's reference parser refuses.
  {
    name: 'an image digest in upper-case hex',
    build: guarded(labApp('web', { image: `nginx@sha256:${'A'.repeat(64)}` })),
    layer: 'props', path: 'web', field: 'image',
  },
  {
    name: 'an image digest of an algorithm that does not exist',
    build: guarded(labApp('web', { image: `nginx@sha265:${'a'.repeat(64)}` })),
    layer: 'props', path: 'web', field: 'image',
  },
  // Mount paths the runtime refuses, or that land on one directory.
  {
    name: 'a volume mounted on the container root',
    build: guarded(webThen((web) => web.addVolume('c', AppVolume.emptyDir(), { mountPath: '/' }))),
    layer: 'props', path: 'web', field: 'addVolume(c).mountPath',
  },
  {
    name: 'two mount paths that differ only by a repeated slash',
    build: guarded(webThen((web) => web.addVolume('c', AppVolume.emptyDir(), { mountPath: '/data' }).addVolume('d', AppVolume.emptyDir(), { mountPath: '//data' }))),
    layer: 'props', path: 'web', field: 'addVolume(d).mountPath',
  },
  // Device-plugin counts the API server refuses for an extended resource.
  { name: 'a negative device count', build: withDevice(-1), layer: 'props', path: 'web', field: 'devices[0].count' },
  { name: 'half a device', build: withDevice(0.5), layer: 'props', path: 'web', field: 'devices[0].count' },
  { name: 'no device at all', build: withDevice(0), layer: 'props', path: 'web', field: 'devices[0].count' },
  // NetworkPolicy blocks.
  {
    name: 'a NetworkPolicy exception outside its cidr',
    build: policyWithBlock({ cidr: '10.0.0.0/24', except: ['10.1.0.0/28'] }),
    layer: 'schema', path: 'raw', field: 'spec.egress[0].to[0].ipBlock.except[0]',
  },
  {
    name: 'a NetworkPolicy exception as large as its cidr',
    build: policyWithBlock({ cidr: 'fd00::/64', except: ['fd00::/64'] }),
    layer: 'schema', path: 'raw', field: 'spec.egress[0].to[0].ipBlock.except[0]',
  },
  {
    name: 'an egress CIDR with host bits set',
    build: egressTo('10.0.0.20/24'),
    layer: 'props', path: 'web', field: 'egress[0].cidr', hint: /10\.0\.0\.20\/32 for one machine, or 10\.0\.0\.0\/24 for the network/,
  },
  {
    name: 'an IPv6 egress CIDR with host bits set',
    build: egressTo('fd00::5/64'),
    layer: 'props', path: 'web', field: 'egress[0].cidr', hint: /fd00::5\/128 for one machine, or fd00::\/64/,
  },
  { name: 'an egress CIDR with leading zeros', build: egressTo('10.0.0.010/32'), layer: 'props', path: 'web', field: 'egress[0].cidr', hint: /10\.0\.0\.10\/32/ },
  // A Secret of another namespace: secretKeyRef reads the pod's own namespace only.
  {
    name: 'an env var from a Secret of another namespace',
    build: webThen((web) => web.addEnv('DB_PASSWORD', SecretReference.external('db', 'pg', 'password'))),
    layer: 'references', path: 'web', field: 'env.DB_PASSWORD', hint: /namespace "web"/,
  },
  {
    name: 'an env var from a Secret of a namespace that is no name',
    build: webThen((web) => web.addEnv('DB_PASSWORD', SecretReference.external('Nope Space', 'pg', 'password'))),
    layer: 'references', path: 'web', field: 'env.DB_PASSWORD', hint: /SecretReference\.external\('web', /,
  },
  // Mutators: findings name the call the user made.
  {
    name: 'a claim added by addVolume on a storage tier the cluster lacks',
    build: webThen((web) => web.addVolume('c', AppVolume.claim({ tier: 'slow', size: '1Gi' }), { mountPath: '/c' })),
    layer: 'references', path: 'web', field: 'addVolume(c).volume.claim.tier',
  },
  {
    name: 'persistence mounted into a container the app does not have',
    build: labApp('web', { persistence: { d: { volume: AppVolume.emptyDir(), mountPath: '/d', containers: ['sidecar'] } } }),
    layer: 'references', path: 'web', field: 'persistence.d.containers[0]',
  },
  {
    name: 'container.mount of a volume the app does not have',
    build: webThen((web) => web.container.mount('nope', '/data')),
    layer: 'references', path: 'web', field: 'mount(nope)',
  },
  // Sizes name the volume and the field, and a zero says so.
  {
    name: 'an emptyDir size limit in decimal units',
    build: webThen((web) => web.addVolume('c', AppVolume.emptyDir({ sizeLimit: '1GB' }), { mountPath: '/c' })),
    layer: 'props', path: 'web', field: 'addVolume(c).volume.emptyDir.sizeLimit',
  },
  {
    name: 'a claim of zero bytes',
    build: labApp('web', { persistence: { c: { volume: AppVolume.claim({ tier: 'local', size: '0Gi' }), mountPath: '/c' } } }),
    layer: 'props', path: 'web', field: 'persistence.c.volume.claim.size', hint: /above zero/,
  },
  { name: 'a memory limit of zero', build: guarded(labApp('web', { resources: { memoryLimit: '0Mi' } })), layer: 'props', path: 'web', field: 'resources.memoryLimit', hint: /above zero/ },
];
