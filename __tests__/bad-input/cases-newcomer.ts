import { ApiObject, type App as CdkApp } from 'cdk8s';
import {
  AppController, AppDevice, AppVolume, ClusterChart as Cluster, CROSSPLANE_PROVIDERS, CrossplaneProviders, HomelabApp, host, localPathStorage, SealedSecret, site, SopsSecret, traefik,
} from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

/** A cluster of two untainted nodes, where a pod may land on either. */
function duo(root: CdkApp): Cluster {
  const nodes = [1, 2].map((n) => host(`node${n}`, { arch: 'amd64', roles: n === 1 ? ['control-plane', 'worker'] : ['worker'], address: `10.7.0.${n}` }));
  const duoSite = site('duo', { domain: 'duo.test', hosts: nodes, git: { url: 'https://git.duo.test/lab.git' } });
  return new Cluster(root, 'duo', { site: duoSite, hosts: nodes, routes: traefik(), storage: { local: localPathStorage() } });
}

type Props = Partial<ConstructorParameters<typeof HomelabApp>[2]>;
const web = (props: Props = {}) => (cluster: Cluster) =>
  new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
const backup = (schedule: string, timeZone?: string) => (cluster: Cluster) =>
  new HomelabApp(cluster, 'backup', { image: 'restic/restic:0.17.1', controller: AppController.cronJob({ schedule, timeZone }) });
const CIPHERTEXT = `Ag${'B'.repeat(720)}==`;

/** Inputs written from habit elsewhere (other crons, lower-case names), which Kubernetes or the runtime refuse. */
export const CASES: BadInput[] = [
  { name: 'CronJob with 7 for Sunday', build: guarded(backup('0 3 * * 7')), layer: 'props', path: 'backup', field: 'controller.props.schedule' },
  { name: 'CronJob step longer than its field', build: guarded(backup('*/90 * * * *')), layer: 'props', path: 'backup', field: 'controller.props.schedule' },
  { name: 'CronJob time zone in lower case', build: guarded(backup('0 3 * * *', 'europe/oslo')), layer: 'props', path: 'backup', field: 'controller.props.timeZone' },
  { name: 'CronJob time-zone alias in lower case', build: guarded(backup('0 3 * * *', 'us/pacific')), layer: 'props', path: 'backup', field: 'controller.props.timeZone' },
  {
    name: 'probe with an empty command',
    build: web({ probes: { readiness: { command: [] } } }),
    layer: 'props', path: 'web', field: 'probes.readiness.command',
  },
  {
    name: 'device-plugin resource without its domain',
    build: guarded(web({ devices: [AppDevice.plugin('zigbee')] })),
    layer: 'props', path: 'web', field: 'devices[0].resource',
  },
  {
    name: 'capability in lower case with CAP_',
    build: guarded(web({ ports: [{ name: 'http', port: 80 }], exemptions: { addCapabilities: { capabilities: ['cap_net_bind_service'], reason: 'port 80' } } })),
    layer: 'props', path: 'web', field: 'exemptions.addCapabilities.capabilities[0]', hint: /NET_BIND_SERVICE/,
  },
  {
    name: 'GPU vendor capitalized',
    build: guarded(web({ gpu: { vendor: 'Intel' as any } })),
    layer: 'props', path: 'web', field: 'gpu.vendor',
  },
  {
    name: 'SealedSecret of type TLS without tls.crt and tls.key',
    build: guarded((c) => { new SealedSecret(c, 'cert', { namespace: 'web', type: 'kubernetes.io/tls', encryptedData: { cert: CIPHERTEXT } }); }),
    layer: 'props', path: 'cert', field: 'encryptedData', hint: /tls\.crt and tls\.key/,
  },
  {
    name: 'SealedSecret scope the controller does not know',
    build: guarded((c) => { new SealedSecret(c, 'creds', { namespace: 'web', scope: 'cluster' as any, encryptedData: { password: CIPHERTEXT } }); }),
    layer: 'props', path: 'creds', field: 'scope',
  },
  {
    name: 'an app on UDP only, whose default TCP probe could never pass',
    build: web({ ports: [{ name: 'dns', port: 5353, protocol: 'UDP' }] }),
    layer: 'policy', path: 'web', field: 'probes.readiness', hint: /UDP only/,
  },
  {
    name: 'two volumes of one name through addVolume',
    build: (c) => { web()(c).addVolume('cache', AppVolume.emptyDir(), { mountPath: '/a' }).addVolume('cache', AppVolume.emptyDir({ memory: true }), { mountPath: '/b' }); },
    layer: 'props', path: 'web', field: 'addVolume(cache)',
  },
  { name: 'a probe switched off with tcp: false', build: guarded(web({ probes: { readiness: { tcp: false } } })), layer: 'props', path: 'web', field: 'probes.readiness.tcp' },
  {
    name: 'a rollout strategy on a Job',
    build: (c) => { new HomelabApp(c, 'job', { image: 'nginxinc/nginx-unprivileged:1.27.0', strategy: 'Recreate', controller: AppController.job() }); },
    layer: 'references', path: 'job', field: 'strategy',
  },
  { name: 'strategy on the app and another on its Deployment', build: web({ strategy: 'Recreate', controller: AppController.deployment({ strategy: 'RollingUpdate' }) }), layer: 'references', path: 'web', field: 'strategy' },
  {
    name: 'a DaemonSet on every node with one ReadWriteOnce claim',
    build: (_c, root) => {
      new HomelabApp(duo(root), 'agent', { image: 'busybox:1.36.1', controller: AppController.daemonSet(), persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } } });
    },
    layer: 'policy', path: 'agent', field: 'persistence.data.volume',
  },
  {
    name: 'two apps that may land on different nodes sharing a ReadWriteOnce claim',
    build: (_c, root) => {
      const cluster = duo(root);
      // A claim of network disks (Longhorn's), which any node may attach: local-path's would take both pods to its node.
      cluster.platform.declarePreinstalled({ source: 'longhorn', provides: { storageClasses: ['longhorn'] } });
      cluster.namespaces.ensure('web');
      new ApiObject(cluster, 'db-data', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'db-data', namespace: 'web' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'longhorn', resources: { requests: { storage: '1Gi' } } } } as never);
      new HomelabApp(cluster, 'db', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], persistence: { data: { volume: AppVolume.existingClaim('db-data'), mountPath: '/data' } } });
      web({ namespace: 'web', persistence: { data: { volume: AppVolume.existingClaim('db-data'), mountPath: '/data' } } })(cluster);
    },
    layer: 'policy', path: 'web', field: 'persistence.data.volume',
  },
  {
    name: 'an app id too long for its NodePort Service',
    build: guarded((c) => { new HomelabApp(c, `web-${'x'.repeat(52)}`, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080, nodePort: 30100 }], exemptions: { nodePort: 'reached from the LAN' } }); }),
    layer: 'props', path: `web-${'x'.repeat(52)}`, field: 'id',
  },
  {
    name: 'a StatefulSet app id too long for its headless Service',
    build: guarded((c) => { new HomelabApp(c, `db-${'x'.repeat(55)}`, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.statefulSet() }); }),
    layer: 'props', path: `db-${'x'.repeat(55)}`, field: 'id',
  },
  {
    name: 'a claim name on a StatefulSet, whose claims Kubernetes names per pod',
    build: web({ controller: AppController.statefulSet(), persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi', claimName: 'pgdata' }), mountPath: '/data' } } }),
    layer: 'props', path: 'web', field: 'persistence.data.volume.claimName',
  },
  { name: 'an egress peer in a misspelt namespace', build: web({ egress: [{ namespace: 'databse' }] }), layer: 'references', path: 'web', field: 'egress[0].namespace' },
  {
    name: 'a SOPS file that does not exist',
    build: guarded((c) => { SopsSecret.fromFile(c, 'plain', 'secrets/no-such-file.sops.yaml'); }),
    layer: 'props', path: 'main', field: 'SopsSecret.fromFile(plain)',
  },
  {
    name: 'CrossplaneProviders given props instead of the list',
    build: guarded((c) => { new CrossplaneProviders(c, 'xp', { providers: [CROSSPLANE_PROVIDERS.kubernetes] } as any); }),
    layer: 'props', path: 'xp', field: 'providers',
  },
  {
    name: 'a second cluster of the same name',
    build: guarded((_c, root) => { duo(root); duo(root); }),
    layer: 'props', path: 'duo', field: 'id "duo"',
  },
];
