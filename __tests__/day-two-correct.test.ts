import { App, AppController, AppVolume, ChartRelease, SealedSecret, servesPorts } from '../constructs';
import { goodDeployment, raw } from './bad-input/lab';
import { Build, dayTwo } from './support/day-two';

// Everyday edits of a correct lab between two synths into one folder, each of which the GitOps engine (Flux) applies
// as it is: every field changed is one the API server takes on an update (a Deployment's or CronJob's template and
// schedule, a Service's port names, a PodDisruptionBudget's spec since policy/v1, a NetworkPolicy's rules, a claim's
// storage request on a class that allows expansion, a SealedSecret's encrypted data), no image or chart moves back
// or across a major release, and no data is left behind. Each draws no finding and no step by hand; the one edit
// that leaves data behind on purpose (an app removed with the claim it made) draws the one warning it deserves.

const IMAGE = 'nginxinc/nginx-unprivileged';
const PORTS = [{ name: 'http', port: 8080 }];
/** A volume of the lab's ZFS tier, whose StorageClass allows volume expansion. */
const claim = (size = '5Gi') => ({ data: { volume: AppVolume.claim({ tier: 'fast', size }), mountPath: '/data' } });

/** App web1 in namespace web, keeping its data on a claim unless `props` says otherwise. */
const web = (props: Record<string, unknown> = {}, id = 'web1'): Build => (cluster) => {
  new App(cluster, id, { namespace: 'web', image: `${IMAGE}:1.27.0`, ports: PORTS, persistence: claim(), ...props } as any);
};
/** Several builds into one cluster. */
const all = (...builds: Build[]): Build => (cluster) => builds.forEach((build) => build(cluster));

const release = (version: string): Build => (cluster) => {
  new ChartRelease(cluster, 'uptime', {
    namespace: 'uptime', chart: { repository: 'https://helm.irsigler.cloud', chart: 'uptime-kuma', version }, network: servesPorts({ port: 3001, purpose: 'web' }),
  });
};

/** A nightly job of namespace web on `schedule`. */
const nightly = (schedule: string): Build => (cluster) => {
  new App(cluster, 'report', { namespace: 'web', image: 'busybox:1.36.1', args: ['true'], controller: AppController.cronJob({ schedule, timeZone: 'Europe/Berlin' }) } as any);
};

/** A settings ConfigMap of namespace web that web1 mounts as its config file. */
const configured = (contents: string): Build => all(
  (cluster) => raw(cluster, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { 'default.conf': contents } }),
  web({ persistence: { ...claim(), config: { volume: AppVolume.configMap('settings'), mountPath: '/etc/nginx/conf.d', readOnly: true } } }),
);

/** A Deployment of two replicas written by hand, with its own budget. */
const budget = (spec: Record<string, unknown>): Build => (cluster) => {
  cluster.namespaces.ensure('web');
  raw(cluster, 'web', goodDeployment('web', {}, { replicas: 2 }));
  raw(cluster, 'budget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
};

const SEALED = (letter: string) => `Ag${letter.repeat(720)}==`;
const sealed = (letter: string): Build => (cluster) => {
  const secret = new SealedSecret(cluster, 'db', { namespace: 'web', name: 'db', encryptedData: { password: SEALED(letter) } } as any);
  web({ env: { PW: secret.key('password') } })(cluster);
};

/** A claim of namespace web declared on its own, with the app that mounts it. */
const sharedClaim = (withApp: boolean): Build => all(
  (cluster) => raw(cluster, 'media', {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'media', namespace: 'web' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zfs-fast', resources: { requests: { storage: '10Gi' } } },
  }),
  withApp ? web({ persistence: { media: { volume: AppVolume.existingClaim('media'), mountPath: '/media' } } }) : (cluster) => cluster.namespaces.ensure('web'),
);

const monitoring: Build = (cluster) => cluster.namespaces.ensure('monitoring');

describe('an everyday edit of a correct lab applies cleanly and draws no finding and no step', () => {
  test.each<[string, Build, Build]>([
    ['an image bumped by a patch release', web(), web({ image: `${IMAGE}:1.27.1` })],
    ['an image bumped by a minor release', web(), web({ image: `${IMAGE}:1.28.0` })],
    ['an image of a date tag bumped to a later date', web({ image: 'ghcr.io/jdoe/site:2024.06.01' }), web({ image: 'ghcr.io/jdoe/site:2024.07.15' })],
    ['an image pinned by a digest moved to a newer digest', web({ image: `${IMAGE}:1.27.0@sha256:${'a'.repeat(64)}` }), web({ image: `${IMAGE}:1.27.0@sha256:${'b'.repeat(64)}` })],
    ['a chart upgraded within its major release (2.9 to 2.10, by number, not by text)', release('2.9.0'), release('2.10.0')],
    ['replicas and resources changed', web({ persistence: undefined }),
      web({ persistence: undefined, replicas: 3, resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '512Mi' } })],
    ['an app that keeps no data renamed', web({ persistence: undefined }), web({ persistence: undefined }, 'site')],
    ["a route's host changed", web({ route: { host: 'blog' } }), web({ route: { host: 'www' } })],
    ['an env var changed', web({ env: { TZ: 'Europe/Berlin' } }), web({ env: { TZ: 'Europe/Oslo' } })],
    ['a config file changed', configured('server { listen 8080; }'), configured('server { listen 8080; root /data; }')],
    ['a label added to a Deployment app', web(), web({ labels: { team: 'family' } })],
    ['a new app in a new namespace', web(), all(web(), (cluster) => new App(cluster, 'wiki', { namespace: 'wiki', image: `${IMAGE}:1.27.0`, ports: PORTS }))],
    ['an app removed while the claim its data lives on stays', sharedClaim(true), sharedClaim(false)],
    ["a CronJob's schedule changed", nightly('0 3 * * *'), nightly('30 4 * * 0')],
    ["a Service's port name changed", web({ persistence: undefined }), web({ persistence: undefined, ports: [{ name: 'web', port: 8080 }] })],
    ['a claim grown on a StorageClass that allows expansion, the class left alone', web(), web({ persistence: claim('20Gi') })],
    ['a PodDisruptionBudget changed', budget({ minAvailable: 1 }), budget({ maxUnavailable: 1 })],
    ['a NetworkPolicy widened', all(monitoring, web()), all(monitoring, web({ allowFrom: [{ namespace: 'monitoring' }] }))],
    ['a SealedSecret sealed again for its own name and namespace', sealed('B'), sealed('C')],
  ])('%s', (_name, before, after) => {
    const { warnings, actions } = dayTwo(before, after);
    expect(warnings.map((w) => `${w.severity} ${w.constructPath} ${w.field}: ${w.message}`)).toEqual([]);
    expect(actions.map((a) => a.action)).toEqual([]);
  });
});

test('an app removed with the claim it made: the engine keeps the claim, and one warning with one step says where its data is', () => {
  // Deserved: the claim leaves the output yet stays in the cluster with its data (Flux is told to keep it), and no
  // object of the output uses it any more; the owner binds it again or deletes it.
  const { warnings, actions } = dayTwo(all(web(), (cluster) => new App(cluster, 'wiki', { namespace: 'web', image: `${IMAGE}:1.27.0`, ports: PORTS })),
    (cluster) => new App(cluster, 'wiki', { namespace: 'web', image: `${IMAGE}:1.27.0`, ports: PORTS }));
  expect(warnings).toEqual([expect.objectContaining({
    severity: 'warning', kind: 'PersistentVolumeClaim', namespace: 'web', name: 'web1-data', field: '(removed)',
    message: expect.stringMatching(/leaves it in the cluster \(it is marked to be kept when removed\), with its data/),
  })]);
  expect(actions).toEqual([expect.objectContaining({ kind: 'manual', command: 'kubectl -n web delete persistentvolumeclaim web1-data' })]);
});
