import { AppController, AppVolume, declareExternal } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, guarded, labApp, raw } from './lab';
import { operatorObject, vault, vaultwarden } from './cases-new-user-38';

// Mistakes found beside earlier work and left open there: a Job whose parallel pods share a single-writer
// claim, a probe of a port only a sidecar has, a container added without an image, backup retention that
// keeps everything, and what a new user writes slightly wrong while following the README.

/** A claim `data` of 1Gi in namespace `web` with `accessModes`. */
const claim = (cluster: ClusterChart, accessModes: string[]) => raw(cluster, 'data', {
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' },
  spec: { accessModes, storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } },
});

/** A Job `once` in namespace `web` whose pods mount claim `data` and may run on both lab hosts; `spec` adds to the Job's spec. */
const jobSpec = (spec: Record<string, unknown>) => ({
  ...spec,
  template: {
    spec: {
      restartPolicy: 'Never', containers: [goodContainer({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    },
  },
});

export const CASES: BadInput[] = [
  // A Job's parallel pods are as many writers of a single-writer claim as a Deployment's replicas.
  {
    name: 'a Job with parallelism 3 whose pods share a ReadWriteOnce claim',
    build: (c) => { claim(c, ['ReadWriteOnce']); raw(c, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'web' }, spec: jobSpec({ parallelism: 3, completions: 3 }) }); },
    layer: 'policy', path: 'job', field: 'spec.parallelism', hint: /parallelism: 1/,
  },
  {
    name: 'a CronJob with parallelism 2 whose pods share a ReadWriteOnce claim',
    build: (c) => {
      claim(c, ['ReadWriteOnce']);
      raw(c, 'cron', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'web' }, spec: { schedule: '@daily', jobTemplate: { spec: jobSpec({ parallelism: 2 }) } } });
    },
    layer: 'policy', path: 'cron', field: 'spec.jobTemplate.spec.parallelism',
  },
  {
    name: "an App Job with parallelism 2 on a ReadWriteOncePod claim, which takes one pod even on one node",
    build: guarded(labApp('batch', {
      ports: undefined, controller: AppController.job({ parallelism: 2, completions: 4 }),
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi', accessMode: 'ReadWriteOncePod' }), mountPath: '/data' } },
    })),
    layer: 'policy', path: 'batch', field: 'controller.props.parallelism', message: /ReadWriteOncePod/,
  },
  // A probe of the main container reaches its own ports alone: a port only a sidecar has is named as the sidecar's.
  {
    name: "a probe of the main container naming a port only its sidecar has",
    build: guarded(labApp('web', {
      sidecars: [{ name: 'exporter', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'metrics', port: 9113 }] }],
      probes: { readiness: { tcp: true, port: 'metrics' } },
    })),
    layer: 'props', path: 'web', field: 'probes.readiness.port', hint: /sidecar "exporter"'s.*own ports.*sidecars\[0\]\.probes.*8080 \(http\)/,
  },
  // A container added without an image is named, as its image's other findings name it.
  {
    name: 'a container added with addContainer without an image',
    build: guarded((c: ClusterChart) => labApp('web')(c).addContainer({ name: 'side' } as never)),
    layer: 'props', path: 'web', field: 'containers.side.image', message: /container "side", added with addContainer, has no image/,
  },
  {
    name: 'a sidecar added with addSidecar without an image',
    build: guarded((c: ClusterChart) => labApp('web')(c).addSidecar({ name: 'proxy' } as never)),
    layer: 'props', path: 'web', field: 'containers.proxy.image', message: /"proxy", added with addSidecar/,
  },
  // Retention counts as K8up and VolSync hand them to restic's forget.
  ...([
    ['a K8up prune keepLast of 0 alone, which keeps every backup', { keepLast: 0 }, 'keepLast', /keeps nothing.*kept for ever/],
    ['a K8up prune keepDaily below 0', { keepDaily: -1, keepLast: 5 }, 'keepDaily', /dropped/],
    ['a K8up prune keepWeekly of a fraction', { keepWeekly: 2.5 }, 'keepWeekly', /whole number/],
    ['a K8up prune keepDaily written as text', { keepDaily: '14' }, 'keepDaily', /API server refuses/],
  ] as const).map(([name, retention, field, message]): BadInput => ({
    name, layer: 'schema', path: 'nextcloud', field: `spec.prune.retention.${field}`, message,
    build: vault((c) => {
      declareExternal(c, { secrets: [{ namespace: 'nextcloud', name: 'backup-repo' }] });
      operatorObject(c, 'nextcloud', 'nextcloud', 'k8up.io/v1', 'Schedule', {
        backend: { repoPasswordSecretRef: { name: 'backup-repo', key: 'password' }, rest: { url: 'http://10.38.0.1:8000/' } },
        backup: { schedule: '@daily-random' }, prune: { schedule: '@weekly-random', retention },
      });
    }),
  })),
  ...([
    ['a VolSync restic retain of daily 0 alone, which keeps every snapshot', { daily: 0 }, 'daily', /keeps nothing/],
    ['a VolSync restic retain yearly below 0, which restic reads as no limit', { daily: 7, yearly: -1 }, 'yearly', /no limit/],
    ['a VolSync restic retain hourly of a fraction', { hourly: 0.5 }, 'hourly', /whole number/],
  ] as const).map(([name, retain, field, message]): BadInput => ({
    name, layer: 'schema', path: 'vaultwarden-backup', field: `spec.restic.retain.${field}`, message,
    build: vault((c) => {
      vaultwarden(c);
      operatorObject(c, 'vaultwarden-backup', 'vaultwarden', 'volsync.backube/v1alpha1', 'ReplicationSource', {
        sourcePVC: 'vaultwarden-data', trigger: { schedule: '0 */6 * * *' }, restic: { repository: 'vaultwarden-restic', copyMethod: 'Clone', retain },
      });
    }),
  })),
];
