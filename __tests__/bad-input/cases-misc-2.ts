import { argoCd, ClusterChart, ClusterChartProps, DnsRecord, flux, HomeAssistantVm, host, SecretReference, site, traefik, WeaveGitOps } from '../../constructs';
import { n5, mobius } from '../../hosts/mobius';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Split-horizon DNS targets and the Home Assistant VM on IPv6; records and UIs whose controller the cluster lacks.

/** A cluster `edge` whose public DNS target has `publicAddress`. */
const publicTarget = (publicAddress: string): BadInput['build'] => (_c, app) =>
  labCluster(app, 'edge', { hosts: [], dns: { publicTarget: host('pd6-vps', { arch: 'amd64', address: '10.7.1.1', publicAddress }) }, storage: {} });
/** A one-host cluster `edge` of a site of its own, with `props`. */
const ownCluster = (app: Parameters<BadInput['build']>[1], props: Partial<ClusterChartProps>) => {
  const node = host('own-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.3.5' });
  return labCluster(app, 'edge', { site: site('own', { domain: 'own.test', hosts: [node] }), hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {}, ...props });
};
/** Home Assistant's VM on the IoT bridge of a site that has one; `iot` props override, `extra` adds props. */
const homeAssistant = (iot: Record<string, unknown>, extra: Record<string, unknown> = {}) => guarded((_c: ClusterChart, app: any) => new HomeAssistantVm(
  new ClusterChart(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() }),
  'home-assistant', { disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2', ...iot }, ...extra } as any,
));
const fluxAdmin = SecretReference.external('flux-system', 'cluster-user-auth', 'password');

export const CASES: BadInput[] = [
  // The public target of split-horizon DNS, on IPv6.
  { name: 'public DNS target at a unique local IPv6 address', build: publicTarget('fd00:7::1'), layer: 'inventory', path: 'edge', field: 'dns.publicTarget' },
  { name: 'public DNS target at an IPv6 documentation address', build: publicTarget('2001:db8::7'), layer: 'inventory', path: 'edge', field: 'dns.publicTarget' },
  { name: 'public DNS target at a link-local IPv6 address', build: publicTarget('fe80::7'), layer: 'inventory', path: 'edge', field: 'dns.publicTarget' },
  // The Home Assistant VM's IoT address of either family.
  { name: 'a Home Assistant VM IPv6 address on an IPv4 VLAN', build: homeAssistant({ address: 'fd00:64::2' }), layer: 'props', path: 'home-assistant', field: 'iot.address', hint: /take an address of 192\.168\.64\.0/ },
  { name: 'a Home Assistant VM gateway of the other family', build: homeAssistant({ gateway: 'fd00:64::1' }), layer: 'props', path: 'home-assistant', field: 'iot.gateway' },
  // Home Assistant answers only at the root of its host name.
  { name: 'a Home Assistant VM on a path of a shared host', build: homeAssistant({}, { route: { host: 'apps', path: '/home' } }), layer: 'props', path: 'home-assistant', field: 'route.path', hint: /host name of its own/ },
  // Objects whose controller the cluster does not run.
  {
    name: 'a DNS record on a cluster without external-dns',
    build: guarded((c: ClusterChart) => new DnsRecord(c, 'nas', { name: 'nas.lab.example.com', targets: ['10.0.1.20'] })),
    layer: 'references', path: 'nas', field: 'scope', hint: /dns: \{ publicTarget/,
  },
  {
    name: 'Weave GitOps on an Argo CD cluster',
    build: guarded((_c: ClusterChart, app: any) => new WeaveGitOps(ownCluster(app, { gitops: argoCd() }), 'gitops', { route: { host: 'gitops' }, adminPassword: fluxAdmin })),
    layer: 'references', path: 'gitops', field: 'scope', hint: /gitops: flux\(\)/,
  },
];
