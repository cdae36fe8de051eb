import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, SecretReference } from '../../constructs';
import type { AppProps, AppServiceAccount, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user adds the lab's chores from the README alone: a SQLite app backed up by Litestream (a `restore` init
// container and a `replicate` sidecar reading one ConfigMap), and a CronJob that runs kubectl to delete the finished
// pods of every namespace. Each mistake passed synthesis and then backed up nothing, never started the app, lost
// writes, or failed every run "forbidden".

const LITESTREAM_CONFIG = 'dbs:\n  - path: /etc/linkding/data/db.sqlite3\n    replica:\n      url: s3://lab-backups/linkding\n';

/** A Litestream container `name` running `args`, with its S3 keys from a Secret made outside the repository. */
const litestream = (name: string, args: string[]) => ({
  name, image: 'litestream/litestream:0.3.13', args,
  env: { LITESTREAM_ACCESS_KEY_ID: SecretReference.external('web', 'litestream-s3', 'access-key-id'), LITESTREAM_SECRET_ACCESS_KEY: SecretReference.external('web', 'litestream-s3', 'secret-access-key') },
});
const RESTORE = litestream('restore', ['restore', '-if-db-not-exists', '-if-replica-exists', '/etc/linkding/data/db.sqlite3']);
const REPLICATE = litestream('litestream', ['replicate']);

/**
 * linkding in namespace `web` with its ConfigMap `litestream`, its data volume mounted into `dataContainers` and the
 * configuration file into the two Litestream containers; `props` override.
 */
export const linkding = (props: Partial<AppProps> = {}, dataContainers = ['linkding', 'restore', 'litestream'], config = LITESTREAM_CONFIG) => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('web');
  new ApiObject(cluster, 'litestream-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'litestream', namespace: 'web' }, data: { 'litestream.yml': config } });
  new App(cluster, 'linkding', {
    namespace: 'web', image: 'sissbruecker/linkding:1.36.0', ports: [{ name: 'http', port: 9090 }],
    persistence: {
      data: { volume: AppVolume.emptyDir(), mountPath: '/etc/linkding/data', containers: dataContainers },
      config: { volume: AppVolume.configMap('litestream'), mounts: [{ mountPath: '/etc/litestream.yml', subPath: 'litestream.yml' }], containers: ['restore', 'litestream'] },
    },
    initContainers: [RESTORE], sidecars: [REPLICATE], egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    ...props,
  } as AppProps);
});

/** A CronJob App in namespace `maintenance` that deletes the finished pods of every namespace, as `serviceAccount` may. */
const podReaper = (serviceAccount: AppServiceAccount) => guarded((cluster: ClusterChart) => new App(cluster, 'pod-reaper', {
  namespace: 'maintenance', image: 'bitnami/kubectl:1.31.4', controller: AppController.cronJob({ schedule: '0 * * * *' }),
  command: ['kubectl', 'delete', 'pods', '--all-namespaces', '--field-selector=status.phase==Succeeded'], serviceAccount,
} as AppProps));

export const CASES: BadInput[] = [
  {
    name: "a Litestream sidecar without the app's data volume, replicating a file of its own container",
    build: linkding({}, ['linkding', 'restore']),
    layer: 'props', path: 'linkding', field: 'sidecars[0].args[0]', hint: /persistence\.data\.containers: \['linkding', 'restore', 'litestream'\]/,
  },
  {
    name: 'a Litestream restore of a database path its configuration does not list',
    build: linkding({}, undefined, LITESTREAM_CONFIG.replace('/etc/linkding/data/db.sqlite3', '/etc/linkding/data/linkding.db')),
    layer: 'props', path: 'linkding', field: 'initContainers[0].args[3]', message: /database not found in config/,
  },
  {
    name: 'litestream replicate run as a plain init container, which never exits',
    build: linkding({ initContainers: [RESTORE, REPLICATE], sidecars: undefined }),
    layer: 'props', path: 'linkding', field: 'initContainers[1].args[0]', hint: /sidecars: \[/,
  },
  {
    name: 'a Litestream app of two replicas, two writers streaming to one replica',
    build: linkding({ replicas: 2 }),
    layer: 'props', path: 'linkding', field: 'replicas',
  },
  {
    name: 'a Litestream app replicating to Amazon S3 whose egress lists the LAN alone',
    build: linkding({ egress: [{ cidr: '192.168.1.0/24' }] }),
    layer: 'props', path: 'linkding', field: 'egress', hint: /cidr: '0\.0\.0\.0\/0', ports: \[\{ port: 443 \}\]/,
  },
  {
    name: 'a pod-cleanup CronJob across every namespace given a Role of its own namespace',
    build: podReaper({ reason: 'deletes finished pods', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list', 'delete'] }] }),
    layer: 'references', path: 'pod-reaper', field: 'serviceAccount', hint: /clusterRules: \[\{ apiGroups: \[''\], resources: \['pods'\], verbs: \['list', 'delete'\] \}\]/,
  },
  {
    name: 'a pod-cleanup CronJob granted delete but not the list its selector needs',
    build: podReaper({ reason: 'deletes finished pods', clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['delete'] }] }),
    layer: 'references', path: 'pod-reaper', field: 'serviceAccount', message: /granted no list/,
  },
];
