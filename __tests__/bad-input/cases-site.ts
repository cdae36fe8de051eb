import { AppVolume, host, metalLb, site, traefik, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodDeployment, gpu1, guarded, lab, labApp, labCluster, podWithContainer, raw, serviceManifest } from './lab';

// Addresses, hosts and object identities across a site.
const withDeployment = (build: BadInput['build']): BadInput['build'] => (c, app) => {
  raw(c, 'workload', goodDeployment());
  build(c, app);
};
const lbService = (annotations: Record<string, string>, spec: Record<string, unknown> = {}) =>
  withDeployment((c) => raw(c, 's', serviceManifest('web', { type: 'LoadBalancer', ...spec }, { annotations })));
const configMap = (id: string, name: string, namespace = 'web') => (c: Parameters<BadInput['build']>[0]) =>
  raw(c, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { a: 'b' } });
const gpuLimit = (count: number) => podWithContainer({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi', 'nvidia.com/gpu': count } } },
  { nodeSelector: { 'kubernetes.io/hostname': 'gpu1' } });

export const CASES: BadInput[] = [
  // Addresses
  { name: 'LB address that is a host address', build: lbService({}, { loadBalancerIP: '10.0.0.1' }), layer: 'inventory', path: 's', field: 'spec.loadBalancerIP' },
  { name: 'LB annotation on a host address', build: lbService({ 'metallb.io/loadBalancerIPs': '10.0.0.2' }), layer: 'inventory', path: 's', field: 'metadata.annotations.metallb.io/loadBalancerIPs' },
  {
    name: 'address pool that covers a host address',
    build: (_c, app) => {
      const node = host('pc-node', { arch: 'amd64', address: '10.7.0.5' });
      const covering = site('pc', { domain: 'pc.test', hosts: [node], pools: { vips: { first: '10.7.0.1', last: '10.7.0.9' } } });
      labCluster(app, 'edge', { site: covering, hosts: [node], loadBalancer: metalLb({ pools: [covering.pools.vips] }), storage: {} });
    },
    layer: 'inventory', path: 'edge', field: 'site.pools.vips',
  },
  {
    name: 'address pool on a VLAN no host of the cluster is on',
    build: (_c, app) => {
      const node = host('vl-node', { arch: 'amd64', address: '10.7.4.5' });
      const vlans = { lan: vlan('lan', { id: 4, cidr: '10.7.4.0/24' }), vips: vlan('vips', { id: 8, cidr: '10.7.8.0/24' }) };
      const split = site('vl', { domain: 'vl.test', hosts: [node], vlans, pools: { vips: { first: '10.7.8.10', last: '10.7.8.20', vlan: 8 } } });
      labCluster(app, 'edge', { site: split, hosts: [node], routes: traefik({ address: split.pools.vips.at('10.7.8.10') }), loadBalancer: metalLb({ pools: [split.pools.vips] }), storage: {} });
    },
    layer: 'inventory', path: 'edge', field: 'loadBalancer.pools',
  },
  {
    name: 'ingress address from a pool the load balancer does not serve',
    build: (_c, app) => labCluster(app, 'edge', { hosts: [], loadBalancer: metalLb({ pools: [lab.pools.vips] }), routes: traefik({ address: lab.pools.dns.at('10.0.4.53') }), storage: {} }),
    layer: 'inventory', path: 'edge', field: 'routes.address',
  },
  {
    name: 'one host name routed by two clusters of the site',
    build: (_c, app) => {
      const node = (name: string, address: string) => host(name, { arch: 'amd64', roles: ['control-plane', 'worker'], address });
      const [one, two] = [node('rh-one', '10.6.0.1'), node('rh-two', '10.6.0.2')];
      const twoClusters = site('rh', { domain: 'rh.test', hosts: [one, two], git: { url: 'https://git.rh.test/lab.git' } });
      const cluster = (id: string, on: typeof one) =>
        labCluster(app, id, { site: twoClusters, hosts: [on], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
      labApp('web', { route: { host: 'web' } })(cluster('one', one));
      labApp('copy', { route: { host: 'web.rh.test' } })(cluster('two', two));
    },
    layer: 'inventory', path: 'two/copy', field: 'route.host',
  },
  { name: 'public DNS target without a public address', build: (_c, app) => labCluster(app, 'edge', { hosts: [], dns: { publicTarget: gpu1 }, storage: {} }), layer: 'inventory', path: 'edge', field: 'dns.publicTarget' },
  {
    name: 'public DNS target whose public address is private',
    build: (_c, app) => labCluster(app, 'edge', { hosts: [], dns: { publicTarget: host('pd-vps', { arch: 'amd64', address: '10.7.1.1', publicAddress: '192.168.1.10' }) }, storage: {} }),
    layer: 'inventory', path: 'edge', field: 'dns.publicTarget',
  },
  // Hosts
  { name: 'host in two clusters without being shared', build: (_c, app) => labCluster(app, 'edge', { hosts: [gpu1], storage: {} }), layer: 'inventory', path: 'edge', field: 'hosts[0]' },
  { name: 'cluster without hosts', build: (_c, app) => labCluster(app, 'edge', { hosts: [], storage: {} }), layer: 'inventory', path: 'edge', field: 'hosts' },
  { name: 'both hosts in a second cluster', build: (_c, app) => labCluster(app, 'edge', { storage: {} }), layer: 'inventory', path: 'edge', field: 'hosts[1]' },
  { name: 'more NVIDIA GPUs than any host has', build: (c) => raw(c, 'w', podWithContainer({ resources: { limits: { 'nvidia.com/gpu': 2 } } })), layer: 'inventory', path: 'w', field: `${CONTAINER}.resources.limits.nvidia.com/gpu` },
  { name: 'GPU limit of four on a one-GPU host', build: (c) => raw(c, 'w', gpuLimit(4)), layer: 'inventory', path: 'w', field: `${CONTAINER}.resources.limits.nvidia.com/gpu` },
  // Identity
  { name: 'two ConfigMaps with one name', build: (c) => { configMap('a', 'settings')(c); configMap('b', 'settings')(c); }, layer: 'references', path: 'b', field: 'metadata.name' },
  { name: 'App and a hand-written Deployment with one name', build: (c) => { labApp('web')(c); raw(c, 'w', goodDeployment('web')); }, layer: 'references', path: 'w', field: 'metadata.name' },
  { name: 'hand-written Service with the name of an App Service', build: (c) => { labApp('web')(c); raw(c, 's', serviceManifest('web')); }, layer: 'references', path: 's', field: 'metadata.name' },
  {
    name: 'two apps that emit one claim',
    build: (c) => {
      const claim = () => AppVolume.claim({ tier: 'fast', size: '1Gi', claimName: 'media' });
      labApp('a', { namespace: 'shared', persistence: { data: { volume: claim(), mountPath: '/data' } } })(c);
      labApp('b', { namespace: 'shared', persistence: { data: { volume: claim(), mountPath: '/data' } } })(c);
    },
    layer: 'references', path: 'b/claim-data', field: 'metadata.name',
  },
  {
    name: 'two StorageClasses with one name',
    build: (c) => {
      const sc = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'slow' }, provisioner: 'rancher.io/local-path' };
      raw(c, 'sc1', sc);
      raw(c, 'sc2', sc);
    },
    layer: 'references', path: 'sc2', field: 'metadata.name',
  },
  { name: 'Secret-free ConfigMap emitted twice in a second namespace', build: (c) => { c.namespaces.ensure('tools'); configMap('a', 'cm', 'tools')(c); configMap('b', 'cm', 'tools')(c); }, layer: 'references', path: 'b', field: 'metadata.name' },
  // System and component namespaces
  { name: 'Namespace object kube-system', build: (c) => raw(c, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }), layer: 'policy', path: 'ns', field: 'metadata.name' },
  { name: 'App in namespace default', build: guarded(labApp('web', { namespace: 'default' })), layer: 'props', path: 'web', field: 'namespace' },
  { name: 'App in namespace kube-public', build: guarded(labApp('web', { namespace: 'kube-public' })), layer: 'props', path: 'web', field: 'namespace' },
  { name: 'App in namespace kube-node-lease', build: guarded(labApp('web', { namespace: 'kube-node-lease' })), layer: 'props', path: 'web', field: 'namespace' },
  { name: 'App in a platform component namespace', build: labApp('web', { namespace: 'openebs' }), layer: 'policy', path: 'web', field: 'namespace' },
];
