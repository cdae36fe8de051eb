import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp, Include } from 'cdk8s';
import { acmeIssuer, ChartRelease, ClusterChart, ClusterIssuer, DnsRecord, DnsRecordProps, HomeAssistantVm, HomeAssistantVmProps, HomelabApp, host, http01Ingress, ingressNginx, IngressTls, LETSENCRYPT_STAGING, metalLb, noNetworkPolicy, SecretReference, site, Tenant, vlan, zfsSnapshotClass } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labCluster } from './lab';

// First labs of someone who read the README and the TSDoc only, in the parts earlier rounds touched least:
// Include of a file that holds no Kubernetes object, Helm values written as `helm --set` paths or given to
// upstream manifests, a tenant in a platform namespace or admitting a namespace that does not exist, an image
// built for another architecture than its hosts', a second load balancer on one app, snapshot classes made
// twice or as a second default, a VM's route and disk written as a browser or `zfs list` shows them, DNS
// records external-dns would skip or keep one of, a wildcard host under HTTP-01 certificates, a placement
// naming a host outside the cluster, a route rule's backend at a port the other app lacks. Each is one error
// on the option, call or fact that wrote it, before anything is written.

/** A file with `text` in a scratch folder, for Include. */
function scratchFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-nu9-')), name);
  fs.writeFileSync(file, text);
  return file;
}

const included = (name: string, text: string) => guarded((c: ClusterChart) => {
  c.namespaces.ensure('web');
  new Include(c, 'vendor', { url: scratchFile(name, text) });
});

const release = (values: Record<string, unknown>) => guarded((cluster: ClusterChart) => new ChartRelease(cluster, 'photos', {
  namespace: 'web', network: noNetworkPolicy('the chart picks its own ports'),
  chart: { repository: 'https://charts.lab.test', chart: 'photos', version: '1.2.3' }, values,
}));

/**
 * Home Assistant's VM at 10.31.0.2 on a one-host site `id` (pool `vms`, bridge `br20` on VLAN 20), its disk `HomeAssistant`
 * unless `disk` names another; with `twin`, a second VM `home-assistant-test` at that address.
 */
const vm = (id: string, props: Omit<Partial<HomeAssistantVmProps>, 'disk'> & { disk?: string } = {}, twin?: string) => guarded((_c: unknown, app: CdkApp) => {
  const lan = vlan(`${id}-lan`, { id: 10, cidr: '10.30.0.0/24', gateway: '10.30.0.1' });
  const iot = vlan(`${id}-iot`, { id: 20, cidr: '10.31.0.0/24', gateway: '10.31.0.1' });
  const node = host(`${id}-node`, {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.30.0.5', zfsPools: { vms: { media: 'ssd' } }, bridges: { br20: { vlan: iot, uplink: 'eno1.20' } },
  });
  const own = site(id, { domain: `${id}.test`, hosts: [node], vlans: { lan, iot }, git: { url: 'https://git.example/lab.git' } });
  const edge = labCluster(app, 'edge', { site: own, hosts: [node], storage: { vms: node.zfs.vms }, loadBalancer: undefined });
  const { disk, ...rest } = props;
  new HomeAssistantVm(edge, 'home-assistant', { ...rest, disk: node.zfs.vms.existingVolume(disk ?? 'HomeAssistant', { size: '64Gi' }), iot: { bridge: node.bridges.br20, address: '10.31.0.2' } });
  if (twin !== undefined) {
    new HomeAssistantVm(edge, 'home-assistant-test', { disk: node.zfs.vms.existingVolume('homeassistant-test', { size: '64Gi' }), iot: { bridge: node.bridges.br20, address: twin }, memory: '2Gi' });
  }
});

/** A cluster `edge` of the lab writing its records into AdGuard Home, with the records `records` (and a routed app `web`). */
const records = (...list: Array<[string, DnsRecordProps]>) => guarded((_c: unknown, app: CdkApp) => {
  const edge = labCluster(app, 'edge', {
    dns: {
      publicTarget: host('nu9-vps', { arch: 'amd64', address: '10.7.9.1', publicAddress: '203.0.113.9' }),
      adguard: {
        url: 'http://adguard-home.adguard-home.svc:3000', username: SecretReference.external('external-dns', 'adguard', 'username'),
        password: SecretReference.external('external-dns', 'adguard', 'password'),
      },
    },
  });
  new HomelabApp(edge, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'www' } });
  list.forEach(([id, props]) => new DnsRecord(edge, id, props));
});

export const CASES: BadInput[] = [
  { name: 'Include of an env file', build: included('app.env', 'PORT=8080\nDB_HOST=db\n'), layer: 'props', path: 'vendor', field: 'url', hint: /env: \{ KEY: value \}/ },
  { name: "Include of a chart's values.yaml", build: included('values.yaml', 'replicaCount: 2\nimage:\n  tag: 1.0.0\n'), layer: 'props', path: 'vendor', field: 'url', hint: /ChartRelease's values/ },
  { name: 'Include of a YAML list of objects', build: included('list.yaml', '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n    namespace: web\n'), layer: 'props', path: 'vendor', field: 'url', hint: /separated by '---'/ },
  { name: 'Include of an object without a name', build: included('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: web\ndata:\n  a: b\n'), layer: 'props', path: 'vendor', field: 'url', hint: /metadata\.name/ },
  // Helm values written as `helm --set` paths: Helm would take each as a key of that name and drop the setting.
  { name: "a ChartRelease's values written as --set paths", build: release({ 'image.tag': '1.2.3' }), layer: 'props', path: 'photos', field: 'values.image.tag', hint: /\{ image: \{ tag: "1\.2\.3" \} \}/ },
  { name: 'a --set path with a list index in Helm values', build: release({ 'ingress.hosts[0].host': 'photos.lab.test' }), layer: 'props', path: 'photos', field: 'values.ingress.hosts[0].host', hint: /\{ ingress: \{ hosts: \[\{ host: "photos\.lab\.test" \}\] \} \}/ },
  {
    name: "a component's addValues written as a --set path",
    build: guarded((cluster: ClusterChart) => cluster.platform.get('traefik')!.addValues({ 'deployment.replicas': 2 })),
    layer: 'props', path: 'traefik', field: 'values.deployment.replicas', hint: /\{ deployment: \{ replicas: 2 \} \}/,
  },
  // A tenant in a platform component's namespace: its quota, policy and owner label would bind the component's pods.
  { name: "a tenant in the ingress controller's namespace", build: guarded((c: ClusterChart) => new Tenant(c, 'alice', { namespace: 'traefik', owner: 'alice' })), layer: 'policy', path: 'alice', field: 'namespace', hint: /namespace of its own/ },
  // An image built for one architecture, named so in its tag or repository, on hosts of another.
  {
    name: 'an arm64 image tag on an amd64 host',
    build: guarded((c: ClusterChart) => new HomelabApp(c, 'web', { image: 'ghcr.io/acme/web:1.4.2-arm64', ports: [{ name: 'http', port: 8080 }], placement: { host: gpu1 } })),
    layer: 'inventory', path: 'web', field: 'image', hint: /placement: \{ arch: 'arm64' \}/,
  },
  {
    name: "a sidecar from Docker's arm64v8 repository where amd64 hosts run the pods",
    build: guarded((c: ClusterChart) => new HomelabApp(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], placement: { host: gpu1 }, sidecars: [{ name: 'shell', image: 'arm64v8/busybox:1.36.1' }] })),
    layer: 'inventory', path: 'web', field: 'containers.shell.image', hint: /multi-arch tag/,
  },
  // A second load balancer on one app: both were the Service <app>-lb, the second refused as a repeated object.
  {
    name: 'addLoadBalancer on an app given a loadBalancer in its props',
    build: guarded((c: ClusterChart) => new HomelabApp(c, 'dns', {
      image: 'adguard/adguardhome:v0.107.57', ports: [{ name: 'http', port: 3000 }, { name: 'dns', port: 5353, protocol: 'UDP' }],
      loadBalancer: { address: c.site.pools.vips.at('10.0.8.15'), ports: ['http'] },
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'its binary carries NET_BIND_SERVICE as a file capability' } },
    }).addLoadBalancer({ address: c.site.pools.vips.at('10.0.8.16'), ports: ['dns'] })),
    layer: 'props', path: 'dns', field: 'addLoadBalancer', hint: /ports \('http', 'dns'\)/,
  },
  // Snapshot classes: one call per class, one default class of the driver.
  {
    name: 'zfsSnapshotClass called twice for one class',
    build: guarded((c: ClusterChart) => { zfsSnapshotClass(c); zfsSnapshotClass(c, { deletionPolicy: 'Retain' }); }),
    layer: 'props', path: 'main', field: 'name', hint: /its own name/,
  },
  {
    name: 'a second ZFS snapshot class left the default',
    build: guarded((c: ClusterChart) => { zfsSnapshotClass(c); zfsSnapshotClass(c, { name: 'zfs-keep', deletionPolicy: 'Retain' }); }),
    layer: 'props', path: 'main', field: 'isDefault', hint: /isDefault: false/,
  },
  // A VM's route is judged on its props as an App's is, not on the route object rendered from them.
  { name: "a VM's route host written as a browser shows it", build: vm('nu9-vm-url', { route: { host: 'https://home.nu9-vm-url.test/' } }), layer: 'props', path: 'home-assistant', field: 'route.host', hint: /host: 'home\.nu9-vm-url\.test'/ },
  { name: "a VM's route host in capitals", build: vm('nu9-vm-caps', { route: { host: 'Home' } }), layer: 'props', path: 'home-assistant', field: 'route.host', hint: /host: 'home'/ },
  { name: "a VM's route path as a glob", build: vm('nu9-vm-glob', { route: { host: 'home', path: '/ui/*' } }), layer: 'props', path: 'home-assistant', field: 'route.path', hint: /\/ui/ },
  // A VM's disk named as zfs list shows its path, or a name no object can carry: one error on disk.name.
  { name: "a VM's disk named with its pool", build: vm('nu9-vm-pool', { disk: 'vms/homeassistant' }), layer: 'props', path: 'home-assistant', field: 'disk.name', hint: /existingVolume\('homeassistant'/ },
  { name: "a VM's disk in a child dataset of its pool", build: vm('nu9-vm-child', { disk: 'images/homeassistant' }), layer: 'props', path: 'home-assistant', field: 'disk.name', hint: /zfs rename vms\/images\/homeassistant vms\/homeassistant/ },
  { name: "a VM's disk named with an underscore", build: vm('nu9-vm-under', { disk: 'home_assistant' }), layer: 'props', path: 'home-assistant', field: 'disk.name', hint: /zfs rename vms\/home_assistant vms\/home-assistant/ },
  // DNS records external-dns would skip or keep one of.
  { name: 'a DNS record named by its bare label', build: records(['nas', { name: 'nas', targets: ['10.0.0.5'] }]), layer: 'references', path: 'nas', field: 'name', hint: /name: 'nas\.lab\.test'/ },
  { name: 'a DNS record of another domain', build: records(['nas', { name: 'nas.home.arpa', targets: ['10.0.0.5'] }]), layer: 'references', path: 'nas', field: 'name', hint: /under lab\.test/ },
  { name: "a DNS record of a route's host", build: records(['www', { name: 'www.lab.test', targets: ['10.0.0.5'] }]), layer: 'references', path: 'www', field: 'name', hint: /leave the record out/ },
  { name: 'two DNS records of one name', build: records(['nas', { name: 'nas.lab.test', targets: ['10.0.0.5'] }], ['nas-b', { name: 'nas.lab.test', targets: ['10.0.0.6'] }]), layer: 'references', path: 'nas-b', field: 'name', hint: /targets: \[\.\.\.\]/ },
  // A placement listing a host of no cluster beside the cluster's own: the pods never run there.
  {
    name: "a placement's host list naming a host outside the cluster",
    build: guarded((c: ClusterChart) => new HomelabApp(c, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      placement: { hosts: [gpu1, host('nu9-spare', { arch: 'amd64', address: '10.0.0.9' })] },
    })),
    layer: 'inventory', path: 'web', field: 'placement.hosts', hint: /add nu9-spare to the cluster's hosts/,
  },
  // Values for a component installed from upstream manifests, which no Helm template reads.
  {
    name: 'addValues on a component installed from upstream manifests',
    build: guarded((c: ClusterChart) => c.platform.get('local-path-provisioner')!.addValues({ storageClass: { defaultClass: true } })),
    layer: 'props', path: 'local-path-provisioner', field: 'addValues', hint: /leave the call out/,
  },
  // A wildcard route host under ingress-nginx's per-route TLS: cert-manager's ingress-shim asks the issuer for it, whose HTTP-01 never issues it.
  {
    name: 'a wildcard route host under per-route TLS from an HTTP-01 issuer',
    build: guarded((_c: unknown, app: CdkApp) => {
      const node = host('nu9-nginx-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.9.11' });
      const own = site('nu9-nginx', { domain: 'nginx.test', hosts: [node], pools: { lb: { first: '10.2.9.200', last: '10.2.9.210' } }, git: { url: 'https://git.nginx.test/lab.git' } });
      const edge = labCluster(app, 'edge', {
        site: own, hosts: [node], storage: {}, loadBalancer: metalLb({ pools: [own.pools.lb] }),
        routes: ingressNginx({ address: own.pools.lb.at('10.2.9.200'), tls: IngressTls.perRoute('letsencrypt') }),
      });
      new ClusterIssuer(edge, 'le', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@nginx.dev', solvers: [http01Ingress('nginx')] }) });
      new HomelabApp(edge, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: '*.apps.nginx.test' } });
    }),
    layer: 'references', path: 'web/route', field: 'spec.tls[0].hosts[0]', hint: /DNS-01 solver/,
  },
  // A rule's backend that is another app of the namespace, at a port its Service lacks: named on the rule, as the app's own is.
  {
    name: "addRoute with a rule's backend at a port the other app lacks",
    build: guarded((c: ClusterChart) => {
      new HomelabApp(c, 'shop-api', { namespace: 'shop', image: 'ghcr.io/acme/api:1.4.2', ports: [{ name: 'http', port: 8080 }] });
      new HomelabApp(c, 'shop', { namespace: 'shop', image: 'ghcr.io/acme/web:1.4.2', ports: [{ name: 'http', port: 3000 }] })
        .addRoute({ host: 'shop', rules: [{ path: '/api', backends: [{ service: 'shop-api', port: 9090 }] }, { path: '/' }] });
    }),
    layer: 'references', path: 'shop', field: 'addRoute(shop).rules[0].backends[0].port', hint: /use one of: 8080/,
  },
  // A tenant admitting the ingress of another flavor's namespace: its policy admits nobody, and its routes are cut off.
  { name: "a tenant admitting ingress-nginx's namespace on a Traefik cluster", build: guarded((c: ClusterChart) => new Tenant(c, 'alice', { namespace: 'alice', owner: 'alice', allowIngressFrom: ['ingress-nginx'] })), layer: 'references', path: 'alice', field: 'allowIngressFrom[0]', hint: /check the spelling/ },
  // Two VMs on one IoT address: both would answer for it, with one MAC address derived from it.
  { name: 'a second VM on the IoT address of the first', build: vm('nu9-vm-twin', { memory: '2Gi' }, '10.31.0.2'), layer: 'props', path: 'home-assistant-test', field: 'iot.address', hint: /address of its own/ },
  // Two VMs given one existing disk: one claim of one volume, and two writers.
  { name: 'a second VM on the disk of the first', build: vm('nu9-vm-disk2', { disk: 'homeassistant-test', memory: '2Gi' }, '10.31.0.3'), layer: 'props', path: 'home-assistant-test/disk', field: 'volume', hint: /zfs clone/ },
];
