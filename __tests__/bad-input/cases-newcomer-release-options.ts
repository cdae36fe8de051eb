import { App as CdkApp } from 'cdk8s';
import {
  AppVolume, externalHost, ExternalHostProps, host, hostPlacement, kubePrometheusStack, localPathStorage, MediaContainers, Ollama, site,
  SiteProps, talos, vlan,
} from '../../constructs';
import type { ClusterChart, MediaContainer } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, guarded, labCluster, raw } from './lab';

// The options this release added or changed, written by someone who read the README and not the tests:
// units from docker, keys from Helm and compose, values cast with `as any`, and hand-written objects of
// kinds the library has no construct for.

/** A cluster `edge` on a site `name` of one host, with the site's other facts. */
const edge = (name: string, siteProps: Partial<SiteProps<any, any, any, any>>) => (_c: unknown, app: CdkApp) => {
  const node = host(`${name}-node`, { arch: 'amd64', address: '10.9.0.1' });
  const lab = site(name, { domain: `${name}.test`, hosts: [node], ...siteProps } as SiteProps<any, any, any, any>);
  labCluster(app, 'edge', { site: lab, hosts: [node], loadBalancer: undefined, storage: {} });
};
const nas = (name: string, props: Record<string, unknown>, field: string): BadInput => ({
  name, build: edge(`x${name.length}`, { externalHosts: { nas: externalHost(`x${name.length}-nas`, { address: '10.9.0.50', ...props } as ExternalHostProps) } }),
  layer: 'inventory', path: `inventory/external-host/x${name.length}-nas`, field,
});
const storage = (resources: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) =>
  labCluster(app, 'edge', { storage: { local: localPathStorage({ resources } as any) } }));
const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
const media = (folders: Record<string, string>) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings: { ...settings, ...folders },
  containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.11', listenPort: 8989, mediaVolumes: true } as MediaContainer },
}));
const ollama = (homeSubPath: string) => guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', {
  accelerator: 'cpu', memoryLimit: '16Gi', homeStorage: AppVolume.emptyDir(), homeSubPath,
}));
const onTalos = (options: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) =>
  labCluster(app, 'edge', { storage: {}, preinstalled: [talos({ bringYourOwnCni: false, ...options } as any)] }));
const stack = (namespace: string) => guarded((cluster: ClusterChart) => {
  cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin', namespace }));
});
const object = (id: string, manifest: Record<string, unknown>) => (cluster: ClusterChart) => raw(cluster, id, manifest);
const slice = (extra: Record<string, unknown>) => object('nas', {
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'nas', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nas' } },
  addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.50'] }], ports: [{ name: 'http', port: 80 }], ...extra,
});

export const CASES: BadInput[] = [
  // localPathStorage({ resources }): docker's units and Helm's nesting.
  { name: "the provisioner's memory limit in docker's MB", build: storage({ memoryLimit: '256MB' }), layer: 'props', path: 'edge', field: 'storage.local.resources.memoryLimit', hint: /256Mi/ },
  { name: "the provisioner's resources nested as Helm's limits", build: storage({ limits: { memory: '128Mi' } }), layer: 'props', path: 'edge', field: 'storage.local.resources.limits', hint: /memoryLimit/ },
  // Ollama's homeSubPath: a path of the container, not of the volume.
  { name: "Ollama's homeSubPath written as an absolute path", build: ollama('/ollama'), layer: 'props', path: 'ollama', field: 'homeSubPath', hint: /'ollama'/ },
  { name: "Ollama's homeSubPath climbing out of its volume", build: ollama('../ollama'), layer: 'props', path: 'ollama', field: 'homeSubPath' },
  // Was synthesized as a folder "models:" with root/.ollama below it.
  { name: "Ollama's homeSubPath written as compose's volume:path", build: ollama('models:/root/.ollama'), layer: 'props', path: 'ollama', field: 'homeSubPath', hint: /homeSubPath: 'models'/ },
  // MediaContainers' host folders, from a compose .env.
  { name: 'a media config folder relative to the compose file', build: media({ configDir: 'config' }), layer: 'props', path: 'media', field: 'settings.configDir' },
  // Was synthesized as the hostPath /srv/data:/data/files, a folder whose name holds the colon.
  { name: "a media data folder written as compose's host:container volume", build: media({ dataDir: '/srv/data:/data' }), layer: 'props', path: 'media', field: 'settings.dataDir', hint: /dataDir: '\/srv\/data'/ },
  // Was synthesized as the hostPath /sonarr, at the node's root.
  { name: 'a media config folder left empty', build: media({ configDir: '' }), layer: 'props', path: 'media', field: 'settings.configDir' },
  // talos({ provisioningSteps, nameservers, clusterSubnets })
  { name: 'Talos provisioning steps as one command line', build: onTalos({ provisioningSteps: 'terraform apply' }), layer: 'props', path: 'edge', field: 'preinstalled[0].provisioningSteps' },
  { name: "Talos nameservers with resolv.conf's port", build: onTalos({ nameservers: ['1.1.1.1:53'] }), layer: 'props', path: 'edge', field: 'preinstalled[0].nameservers[0]' },
  { name: 'Talos nameservers given by name', build: onTalos({ nameservers: ['dns.google'] }), layer: 'props', path: 'edge', field: 'preinstalled[0].nameservers[0]' },
  { name: 'Talos cluster subnets as one string', build: onTalos({ clusterSubnets: '10.0.0.0/24' }), layer: 'props', path: 'edge', field: 'preinstalled[0].clusterSubnets' },
  { name: 'a Talos cluster subnet without its prefix', build: onTalos({ clusterSubnets: ['10.0.0.0'] }), layer: 'props', path: 'edge', field: 'preinstalled[0].clusterSubnets[0]' },
  // externalHost(): address, dnsName, ports and hardware. The DNS name and hardware were taken as written.
  nas('external host address written as a URL', { address: 'http://10.9.0.50' }, 'address'),
  nas('external host port written as text', { ports: { http: '80' } }, 'ports.http'),
  nas('external host DNS name written as a URL', { dnsName: 'https://nas.lab.example.com' }, 'dnsName'),
  nas('external host DNS name in capitals', { dnsName: 'NAS.Local' }, 'dnsName'),
  nas('external host memory in docker units', { hardware: { memoryGigabytes: '16GB', cores: 4 } }, 'hardware.memoryGigabytes'),
  nas('external host hardware under another name', { hardware: { ram: 16 } }, 'hardware.ram'),
  // Site pools on VLANs.
  {
    name: 'a VLAN network given as network rather than cidr',
    build: edge('vn', { vlans: { iot: vlan('vn-iot', { id: 20, network: '10.9.20.0/24' } as any) } }),
    layer: 'inventory', path: 'inventory/vlan/vn-iot', field: 'network', hint: /cidr: '10\.9\.20\.0\/24'/,
  },
  // Beside that error, a warning hinted to declare VLAN 5000 (or said VLAN "20" was undeclared), which no switch has.
  {
    name: 'a pool tagged with a VLAN id out of range',
    build: edge('vr', { pools: { vips: { first: '10.9.0.240', last: '10.9.0.250', vlan: 5000 } } }),
    layer: 'inventory', path: 'inventory/site/vr/pools/vips', field: 'vlan', hint: /1–4094/,
  },
  {
    name: 'a pool tagged with its VLAN id as text',
    build: edge('vt', { vlans: { iot: vlan('vt-iot', { id: 20, cidr: '10.9.20.0/24' }) }, pools: { vips: { first: '10.9.20.240', last: '10.9.20.250', vlan: '20' as any } } }),
    layer: 'inventory', path: 'inventory/site/vt/pools/vips', field: 'vlan', hint: /write vlan: 20 \(a number\)/,
  },
  // Hand-written objects through ApiObject.
  { name: 'a core Event without the object it is about', build: object('ev', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'note', namespace: 'web' }, message: 'deployed' }), layer: 'schema', path: 'ev', field: /involvedObject/ },
  { name: "a LimitRange type in lower case", build: object('lr', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'web' }, spec: { limits: [{ type: 'container', max: { memory: '1Gi' } }] } }), layer: 'schema', path: 'lr', field: 'spec.limits[0].type' },
  // Was two errors on no field: handler missing, spec unknown.
  { name: 'a RuntimeClass with its handler under spec', build: object('rc', { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'kata' }, spec: { handler: 'kata' } }), layer: 'schema', path: 'rc', field: 'spec', hint: /./ },
  // Was synthesized: the API server takes IPv4, IPv6 or FQDN only.
  { name: 'an EndpointSlice addressType in lower case', build: slice({ addressType: 'ipv4' }), layer: 'schema', path: 'nas', field: 'addressType', hint: /addressType: 'IPv4'/ },
  // Was reported as having no namespace, which no namespace would have mended.
  {
    name: 'a TokenReview kept in the repository', build: object('tr', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: { name: 'check' }, spec: { token: 'abc' } }),
    layer: 'references', path: 'tr', field: 'kind', hint: /leave it out of the repository/,
  },
  // Was accepted: the stack's privileged Pod Security level would be labelled onto default by hand.
  { name: 'kube-prometheus-stack put into default', build: stack('default'), layer: 'props', path: 'platform', field: /namespace$/, hint: /namespace of its own/ },
];
