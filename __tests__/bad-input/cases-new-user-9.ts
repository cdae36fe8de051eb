import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Include } from 'cdk8s';
import { ChartRelease, ClusterChart, HomelabApp, noNetworkPolicy, Tenant, zfsSnapshotClass } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// First labs of someone who read the README and the TSDoc only: a file given to Include that holds no
// Kubernetes object (an env file, a chart's values.yaml, a YAML list, an object without a name), which
// cdk8s failed on without naming the file or named by itself. Each is one error on the option, call or
// fact that wrote it, before anything is written.

/** A file with `text` in a scratch folder, for Include. */
function scratchFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-nu9-')), name);
  fs.writeFileSync(file, text);
  return file;
}

const included = (name: string, text: string) => guarded((c) => {
  c.namespaces.ensure('web');
  new Include(c, 'vendor', { url: scratchFile(name, text) });
});

const release = (values: Record<string, unknown>) => guarded((cluster: ClusterChart) => new ChartRelease(cluster, 'photos', {
  namespace: 'web', network: noNetworkPolicy('the chart picks its own ports'),
  chart: { repository: 'https://charts.lab.test', chart: 'photos', version: '1.2.3' }, values,
}));

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
];
