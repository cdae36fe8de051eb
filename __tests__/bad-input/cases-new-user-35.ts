import { App as CdkApp } from 'cdk8s';
import { ClusterChart, ExternalService, externalHost, flux, HomeAssistantVm, host, k3s, kubePrometheusStack, metalLb, ServiceRoute, site, SopsSecret, StaticNfsVolume, Tenant, traefik } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';
import type { BadInput } from './cases';
import { homeSite } from './cases-newcomer-loose-ends';
import { guarded, lab, labApp, labCluster } from './lab';

// Labs written in plain JavaScript, or with `as any`, where no type check runs before synth: props of the
// wrong type or shape, lists for objects and objects for lists, keys misspelt in nested facts. Each is one
// error naming the construct path and the field, never a stack trace.

/** A one-node site whose node `nuc` has `facts` added, built as cluster `n35` of site `n35-<id>`. */
const nucWith = (id: string, facts: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) => {
  const nuc = host(`${id}-nuc`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', ...facts } as any);
  const lab: any = site(`n35-${id}`, {
    domain: 'lab.example.com', hosts: [nuc], git: { url: 'https://git.example.com/me/lab.git' },
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
  } as any);
  new ClusterChart(app, `n35-${id}`, {
    site: lab, hosts: [nuc], gitops: flux(), routes: traefik({ address: lab.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }),
  } as any);
});

/** Home Assistant's VM on the IoT bridge of a site that has one; props override. */
const vm = (props: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) => new HomeAssistantVm(
  new ClusterChart(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() }),
  'home-assistant', { disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, ...props } as any,
));

const onNuc = (name: string, id: string, facts: Record<string, unknown>, field: string, hint?: RegExp): BadInput =>
  ({ name, build: nucWith(id, facts), layer: 'inventory', path: `inventory/host/${id}-nuc`, field, hint });

const onSite = (name: string, props: Record<string, unknown>, path: string, field: string, hint?: RegExp): BadInput =>
  ({ name, build: homeSite(() => props), layer: 'inventory', path: `inventory/site/home${path}`, field, hint });

export const CASES: BadInput[] = [
  // A machine of the lab written straight into the construct, as an ExternalName Service or compose's extra_hosts has it.
  {
    name: 'an ExternalService given the machine\'s address and port instead of its inventory host',
    build: guarded((c: ClusterChart) => new ExternalService(c, 'nas', { address: '192.168.1.5', port: '5000' } as any)),
    layer: 'props', path: 'nas', field: 'address', hint: /externalHost\('nas-host', \{ address: '192\.168\.1\.5', ports: \{ nas: 5000 \} \}\)/,
  },
  { name: 'an ExternalService whose portName is misspelt', build: guarded((c: ClusterChart) => new ExternalService(c, 'nas', { host: externalHost('nas', { address: '192.168.1.5', ports: { nas: 5000 } }), portname: 'web' } as any)), layer: 'props', path: 'nas', field: 'portname', hint: /portName/ },
  // The site's pools and exports listed, as MetalLB's and Ansible's lists are.
  onSite('address pools listed with their names', { pools: [{ name: 'vips', first: '192.168.1.240', last: '192.168.1.250' }] }, '', 'pools', /pools: \{ vips: \{ first: '192\.168\.1\.240', last: '192\.168\.1\.250' \} \}/),
  onSite('NFS exports listed with their names', { nfs: [{ name: 'media', server: 'nas.home.example.com', path: '/export/media' }] }, '', 'nfs', /nfs: \{ media: \{ server: 'nas\.home\.example\.com', path: '\/export\/media' \} \}/),
  // A pool's last address under a DHCP server's name, or misspelt; an export's path misspelt.
  onSite("a pool's last address written as end", { pools: { vips: { first: '192.168.1.240', end: '192.168.1.250' } } }, '', 'pools.vips', /last: '192\.168\.1\.250'/),
  onSite("a pool's first address misspelt frist", { pools: { vips: { frist: '192.168.1.240', last: '192.168.1.250' } } }, '', 'pools.vips', /first: '192\.168\.1\.240'/),
  onSite("a pool's autoAssign misspelt in lower case", { pools: { vips: { first: '192.168.1.240', last: '192.168.1.250', autoassign: false } } }, '', 'pools.vips', /"autoAssign"/),
  onSite("the site's Git branch as a number", { git: { url: 'https://git.example.com/me/home.git', branch: 1 } }, '', 'git.branch'),
  onSite("an NFS export's path misspelt paht", { nfs: { media: { server: 'nas.home.example.com', paht: '/export/media' } } }, '/nfs/media', 'paht', /"path"/),
  // A node's facts typed as a spec sheet or a shell gives them.
  { ...onNuc("a ZFS pool's size in terabytes given as text", 'zt', { zfsPools: { tank: { media: 'hdd', sizeTerabytes: '4' } } }, 'sizeTerabytes', /^write sizeTerabytes: 4 /), path: 'inventory/host/zt-nuc/zfsPools/tank' },
  { ...onNuc('memory of Infinity gigabytes', 'mi', { memoryGigabytes: Infinity }, 'memoryGigabytes'), hint: /^give the memory in gigabytes/ },
  onNuc('disks keyed by device name', 'dk', { disks: { nvme0: { media: 'nvme', sizeGigabytes: 512 } } }, 'disks', /disks: \[\{ media: 'nvme', sizeGigabytes: 512 \}\]/),
  onNuc('bridges listed by name', 'br', { bridges: ['br0'] }, 'bridges', /bridges: \{ br0: \{\} \}/),
  onNuc("the host's services as one word", 'sv', { services: 'nfs-server' }, 'services', /services: \['nfs-server'\]/),
  onNuc("the host's CPU model as a number", 'cm', { cpuModel: 5600 }, 'cpuModel', /cpuModel: '5600'/),
  onNuc("the host's model as a list", 'mo', { model: ['N5'] }, 'model', /model: 'N5'/),
  // A tenant whose owner is left empty, as an unset variable gives it.
  { name: 'a tenant whose owner is empty', build: guarded((c: ClusterChart) => new Tenant(c, 't', { namespace: 'peers-alice', owner: '', quota: { requestsMemory: '1Gi', limitsMemory: '2Gi', pods: 4 } })), layer: 'props', path: 't', field: 'owner' },
  // Objects of the inventory keyed by name where a list belongs, as the site keys its own.
  {
    name: "a cluster's external hosts keyed by name",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { externalHosts: { nas: externalHost('n35-nas', { address: '10.0.0.50' }) } as any })),
    layer: 'props', path: 'edge', field: 'externalHosts', hint: /^list them: externalHosts: \[nas\]$/, message: /object of .* by name/,
  },
  {
    name: "MetalLB's pools keyed by name",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { loadBalancer: metalLb({ pools: { vips: lab.pools.vips } as any }) })),
    layer: 'props', path: 'edge', field: 'loadBalancer.pools', hint: /^list them: pools: \[vips\]$/,
  },
  // An image as a Helm chart's values write it.
  { name: 'an image given as repository and tag', build: guarded(labApp('web', { image: { repository: 'nginxinc/nginx-unprivileged', tag: '1.27.0' } })), layer: 'props', path: 'web', field: 'image', hint: /image: 'nginxinc\/nginx-unprivileged:1\.27\.0'/ },
  { name: 'a tag beside the image', build: guarded(labApp('web', { image: 'nginxinc/nginx-unprivileged', tag: '1.27.0' })), layer: 'props', path: 'web', field: 'tag', hint: /^write image: 'nginxinc\/nginx-unprivileged:1\.27\.0'$/ },
  { name: "a tag beside a sidecar's image", build: guarded(labApp('web', { sidecars: [{ name: 'exporter', image: 'busybox', tag: '1.36.1', command: ['sleep', 'infinity'] }] })), layer: 'props', path: 'web', field: 'sidecars[0].tag', hint: /^write image: 'busybox:1\.36\.1'$/ },
  // One item, or named items, where a list belongs: the hint writes the list.
  { name: 'containers keyed by name', build: guarded(labApp('web', { containers: { worker: { image: 'busybox:1.36.1', command: ['sleep', 'infinity'] } } })), layer: 'props', path: 'web', field: 'containers', hint: /\[\{ name: 'worker', image: 'busybox:1\.36\.1', command: \['sleep', 'infinity'\] \}\]/ },
  { name: "a service account's one rule not in a list", build: guarded(labApp('web', { serviceAccount: { reason: 'lists pods', rules: { apiGroups: [''], resources: ['pods'], verbs: ['list'] } } })), layer: 'props', path: 'web', field: 'serviceAccount.rules', hint: /\[\{ apiGroups: \[''\], resources: \['pods'\], verbs: \['list'\] \}\], a list of one/ },
  { name: 'one supplemental group not in a list', build: guarded(labApp('web', { supplementalGroups: 44 })), layer: 'props', path: 'web', field: 'supplementalGroups', hint: /: \[44\]$/ },
  // An add-on's placement given as the role's name; a SopsSecret given the props of the factory that reads a file.
  {
    name: "kube-prometheus-stack's placement given as the role's name",
    build: guarded((cluster: ClusterChart) => cluster.platform.require(kubePrometheusStack({ placement: 'monitoring', grafanaAdminSecret: 'grafana-admin' } as any))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.placement', hint: /rolePlacement\(hosts, 'monitoring'\)/,
  },
  {
    name: "a SopsSecret given fromDotenvFile's file, name and namespace",
    build: guarded((cluster: ClusterChart) => new SopsSecret(cluster, 'db', { file: 'secrets/db.sops.env', name: 'db', namespace: 'web' } as any)),
    layer: 'props', path: 'db', field: 'file', hint: /fromDotenvFile/,
  },
  // Home Assistant's VM sized as a hypervisor's form writes it: numbers without their unit.
  { name: "the VM's memory as a number of gigabytes", build: vm({ memory: 4 }), layer: 'props', path: 'home-assistant', field: 'memory', hint: /memory: '4Gi'/ },
  { name: "the VM's memory as a number of megabytes", build: vm({ memory: 4096 }), layer: 'props', path: 'home-assistant', field: 'memory', hint: /memory: '4096Mi'/ },
  { name: "an existing zvol's size as a number", build: vm({ disk: n5.zfs.vms.existingVolume('homeassistant', { size: 256 } as any) }), layer: 'props', path: 'home-assistant', field: 'disk.size', hint: /size: '256Gi'/ },
  // One word of a fixed set where a list of them belongs.
  {
    name: "K3s' disabled add-on as one word",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { storage: {}, preinstalled: [k3s({ disable: 'traefik' } as any)] })),
    layer: 'props', path: 'edge', field: 'preinstalled[0].disable', hint: /as a list: \['traefik'\]$/,
  },
  // A machine outside the cluster with its ports written as compose and a Service write them.
  {
    name: "an external machine's port as text", build: homeSite(() => ({ externalHosts: { nas: externalHost('nas', { address: '192.168.1.5', ports: { dsm: '5000' } } as any) } })),
    layer: 'inventory', path: 'inventory/external-host/nas', field: 'ports.dsm', hint: /^write it as a number, without quotes: dsm: 5000$/,
  },
  {
    name: "an external machine's ports listed with their names", build: homeSite(() => ({ externalHosts: { nas: externalHost('nas', { address: '192.168.1.5', ports: [{ name: 'dsm', port: 5000 }] } as any) } })),
    layer: 'inventory', path: 'inventory/external-host/nas', field: 'ports', hint: /^write ports: \{ dsm: 5000 \}$/,
  },
  // A volume's capacity under a claim's name, and as a number of gigabytes.
  {
    name: "a static NFS volume's capacity as a claim's size, in gigabytes without a unit",
    build: guarded((cluster: ClusterChart) => new StaticNfsVolume(cluster, 'media-pv', { export: lab.nfs.share, size: 500, claim: { name: 'media', namespace: 'media', size: '500Gi' } } as any)),
    layer: 'props', path: 'media-pv', field: 'size', hint: /^write capacity: '500Gi'/,
  },
  // An empty host, as an unset variable or a blank form field gives it.
  { name: "an app's route to an empty host", build: guarded(labApp('web', { route: { host: '' } })), layer: 'props', path: 'web', field: 'route.host', message: /"" is empty/ },
  { name: 'a ServiceRoute to an empty host', build: guarded((c: ClusterChart) => new ServiceRoute(c, 'grafana', { host: '', namespace: 'monitoring', serviceName: 'grafana', port: 80 })), layer: 'props', path: 'grafana', field: 'host', message: /"" is empty/ },
  // The repository's branch given to the engine, as flux bootstrap takes it.
  {
    name: "Flux given the repository's branch", build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { gitops: flux({ branch: 'main' } as any) })),
    layer: 'props', path: 'edge', field: 'gitops.branch', hint: /git: \{ url: .*, branch: 'main' \}/,
  },
];

/** Cases whose mistake must be the only error (see newcomer-first-site.test.ts). */
export const ONE_ERROR_CASES: readonly string[] = [
  'an ExternalService given the machine\'s address and port instead of its inventory host',
  'address pools listed with their names', 'NFS exports listed with their names',
  "a pool's last address written as end", "a pool's first address misspelt frist", "an NFS export's path misspelt paht",
  'bridges listed by name', "a pool's autoAssign misspelt in lower case", "the site's Git branch as a number", "an external machine's ports listed with their names", "a static NFS volume's capacity as a claim's size, in gigabytes without a unit", 'a tag beside the image', "a tag beside a sidecar's image", "a SopsSecret given fromDotenvFile's file, name and namespace",
];
