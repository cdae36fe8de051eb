import { AppController, AppVolume, declareExternal, host, RequiredPodLabels, site, traefik } from '../../constructs';
import type { HostProps, Preinstalled } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, guarded, labApp, labCluster, raw } from './lab';
import { operatorObject, vault, vaultwarden } from './cases-new-user-38';

// Mistakes found beside earlier work and left open there: a Job whose parallel pods share a single-writer
// claim, a probe of a port only a sidecar has, a container added without an image, backup retention that
// keeps everything, and what a new user writes slightly wrong while following the README.

/**
 * A claim `data` of 1Gi in namespace `web` with `accessModes`, on a class of network disks (Longhorn's, installed by
 * hand): a volume any node may attach, unlike local-path's, whose node affinity takes every pod to its node.
 */
const claim = (cluster: ClusterChart, accessModes: string[]) => {
  cluster.platform.declarePreinstalled({ source: 'longhorn', provides: { storageClasses: ['longhorn'] } });
  return raw(cluster, 'data', {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' },
    spec: { accessModes, storageClassName: 'longhorn', resources: { requests: { storage: '1Gi' } } },
  });
};

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

/** A case of cluster `edge` beside the lab's whose one `preinstalled` entry is `entry`, refused at `field`. */
const withPreinstalled = (name: string, entry: unknown, field: string, hint?: RegExp): BadInput => ({
  name, layer: 'props', path: 'edge', field, hint,
  build: guarded((_cluster: ClusterChart, app) => labCluster(app, 'edge', { preinstalled: [entry as Preinstalled] })),
});

/** A case of host `name`, with `props` beside an address and arch, the one node of a cluster of a site of its own, refused at `field`. */
const onHost = (name: string, hostName: string, props: Partial<HostProps>, field: string, hint?: RegExp): BadInput => ({
  name, layer: 'inventory', path: hostName, field, hint,
  build: guarded((_cluster: ClusterChart, app) => {
    const node = host(hostName, { arch: 'amd64', address: '10.77.0.1', roles: ['control-plane', 'worker'], ...props } as HostProps);
    const own = site(`${hostName}-site`, { domain: 'roles.test', hosts: [node], git: { url: 'https://git.roles.test/lab.git' } });
    labCluster(app, hostName, { site: own, hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {} });
  }),
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
  // What a new user writes slightly wrong while following the README.
  {
    name: "metrics.port written as the port's number, where it names the port",
    build: guarded(labApp('web', { metrics: { port: 8080 } })),
    layer: 'props', path: 'web', field: 'metrics.port', hint: /metrics: \{ port: 'http' \}/,
  },
  {
    name: "a namespace's Pod Security level spelt with a capital, which left it restricted",
    build: guarded((c: ClusterChart) => c.namespaces.ensure('web', { podSecurity: 'Privileged' as never, reason: 'answers mDNS on the LAN' })),
    layer: 'props', path: 'namespaces', field: 'ensure(web).podSecurity', hint: /'privileged'/,
  },
  {
    name: "a namespace's Pod Security reason given as a number",
    build: guarded((c: ClusterChart) => c.namespaces.ensure('web', { podSecurity: 'baseline', reason: 42 as never })),
    layer: 'props', path: 'namespaces', field: 'ensure(web).reason',
  },
  withPreinstalled('a preinstalled namespace in upper case, which no namespace can be named', { source: 'the owner', namespaces: ['Longhorn-System'] }, 'preinstalled[0].namespaces[0]', /'longhorn-system'/),
  withPreinstalled('a preinstalled namespace listed twice', { source: 'the owner', namespaces: ['longhorn-system', 'longhorn-system'] }, 'preinstalled[0].namespaces[1]'),
  withPreinstalled('a preinstalled StorageClass in upper case, which no StorageClass can be named', { source: 'longhorn', provides: { storageClasses: ['Longhorn'] } }, 'preinstalled[0].provides.storageClasses[0]', /'longhorn'/),
  withPreinstalled('a preinstalled CRD kind listed twice', { source: 'longhorn', crds: [{ group: 'longhorn.io', kinds: ['RecurringJob', 'RecurringJob'] }] }, 'preinstalled[0].crds[0].kinds[1]'),
  {
    name: 'a required pod label listed twice',
    build: guarded((c: ClusterChart) => new RequiredPodLabels(c, 'labels', { labels: ['owner', 'owner'] })),
    layer: 'props', path: 'labels', field: 'labels[1]',
  },
  onHost('a node role listed twice', 'fu-roles', { roles: ['worker', 'worker', 'control-plane'] }, 'roles[1]', /roles: \['worker', 'control-plane'\]/),
  onHost('a workload role listed twice', 'fu-workload-roles', { roles: ['control-plane', 'worker'], workloadRoles: ['ci', 'ci'] }, 'workloadRoles[1]'),
  {
    name: "an app's added capability listed twice",
    build: guarded(labApp('web', { exemptions: { addCapabilities: { capabilities: ['NET_ADMIN', 'NET_ADMIN'], reason: 'sets up the VPN route' } } })),
    layer: 'props', path: 'web', field: 'exemptions.addCapabilities.capabilities[1]',
  },
  {
    name: "a sidecar's added capability listed twice",
    build: guarded(labApp('web', { sidecars: [{ name: 'vpn', image: 'ghcr.io/qdm12/gluetun:v3.39.1', exemptions: { addCapabilities: { capabilities: ['NET_ADMIN', 'NET_ADMIN'], reason: 'sets up the VPN route' } } }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].exemptions.addCapabilities.capabilities[1]',
  },
];
