import { AppController, AppDevice, AppVolume, HomelabApp, SealedSecret } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

type Props = Partial<ConstructorParameters<typeof HomelabApp>[2]>;
const web = (props: Props = {}) => (cluster: ClusterChart) =>
  new HomelabApp(cluster, 'web', { image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
const backup = (schedule: string, timeZone?: string) => (cluster: ClusterChart) =>
  new HomelabApp(cluster, 'backup', { image: 'restic/restic:0.17.1', controller: AppController.cronJob({ schedule, timeZone }) });
const CIPHERTEXT = `Ag${'B'.repeat(400)}==`;

/** Inputs written from habit elsewhere (other crons, lower-case names), which Kubernetes or the runtime refuse. */
export const CASES: BadInput[] = [
  { name: 'CronJob with 7 for Sunday', build: backup('0 3 * * 7'), layer: 'schema', path: 'backup/cronjob', field: 'spec.schedule' },
  { name: 'CronJob step longer than its field', build: backup('*/90 * * * *'), layer: 'schema', path: 'backup/cronjob', field: 'spec.schedule' },
  { name: 'CronJob time zone in lower case', build: backup('0 3 * * *', 'europe/oslo'), layer: 'schema', path: 'backup/cronjob', field: 'spec.timeZone' },
  { name: 'CronJob time-zone alias in lower case', build: backup('0 3 * * *', 'us/pacific'), layer: 'schema', path: 'backup/cronjob', field: 'spec.timeZone' },
  {
    name: 'probe with an empty command',
    build: web({ probes: { readiness: { command: [] } } }),
    layer: 'schema', path: 'web/deployment', field: 'spec.template.spec.containers[0].readinessProbe.exec.command',
  },
  {
    name: 'device-plugin resource without its domain',
    build: web({ devices: [AppDevice.plugin('zigbee')] }),
    layer: 'schema', path: 'web/deployment', field: 'spec.template.spec.containers[0].resources.limits.zigbee',
  },
  {
    name: 'capability in lower case with CAP_',
    build: web({ ports: [{ name: 'http', port: 80 }], exemptions: { addCapabilities: { capabilities: ['cap_net_bind_service'], reason: 'port 80' } } }),
    layer: 'schema', path: 'web/deployment', field: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]',
  },
  {
    name: 'GPU vendor capitalized',
    build: guarded(web({ gpu: { vendor: 'Intel' as any } })),
    layer: 'props', path: 'web', field: 'gpu.vendor',
  },
  {
    name: 'SealedSecret of type TLS without tls.crt and tls.key',
    build: (c) => { new SealedSecret(c, 'cert', { namespace: 'web', type: 'kubernetes.io/tls', encryptedData: { cert: CIPHERTEXT } }); },
    layer: 'schema', path: 'cert/resource', field: 'spec.template.type',
  },
  {
    name: 'SealedSecret scope the controller does not know',
    build: guarded((c) => { new SealedSecret(c, 'creds', { namespace: 'web', scope: 'cluster' as any, encryptedData: { password: CIPHERTEXT } }); }),
    layer: 'props', path: 'creds', field: 'scope',
  },
  {
    name: 'an app on UDP only, whose default TCP probe could never pass',
    build: web({ ports: [{ name: 'dns', port: 5353, protocol: 'UDP' }] }),
    layer: 'policy', path: 'web/deployment', field: 'spec.template.spec.containers[0].readinessProbe',
  },
  {
    name: 'two volumes of one name through addVolume',
    build: (c) => { web()(c).addVolume('cache', AppVolume.emptyDir(), { mountPath: '/a' }).addVolume('cache', AppVolume.emptyDir({ memory: true }), { mountPath: '/b' }); },
    layer: 'props', path: 'web', field: 'addVolume(cache)',
  },
  { name: 'a probe switched off with tcp: false', build: guarded(web({ probes: { readiness: { tcp: false } } })), layer: 'props', path: 'web', field: 'probes.readiness.tcp' },
  {
    name: 'a rollout strategy on a Job',
    build: (c) => { new HomelabApp(c, 'job', { image: 'nginx:1.27.0', strategy: 'Recreate', controller: AppController.job() }); },
    layer: 'references', path: 'job', field: 'strategy',
  },
  { name: 'strategy on the app and another on its Deployment', build: web({ strategy: 'Recreate', controller: AppController.deployment({ strategy: 'RollingUpdate' }) }), layer: 'references', path: 'web', field: 'strategy' },
];
