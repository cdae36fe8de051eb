import { ApiObject, App as CdkApp } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, k3s } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// A new user's day two on K3s from the README alone: node upgrades by Rancher's system-upgrade-controller, whose
// Plans are written by hand as K3s' docs write them, and reboots after kernel updates by kured, run as an App. No
// CRD of a Plan is in the schema set, so each Plan mistake passed synthesis, and the controller then upgraded no
// node, or failed on every one; each kured mistake passed too, and kured then never rebooted a node.

/** The controller's Plan CRD and namespace, installed from its upstream manifests and declared preinstalled on a K3s cluster. */
function withUpgradeController(cluster: ClusterChart): void {
  cluster.platform.declarePreinstalled(k3s().preinstalled);
  cluster.platform.declarePreinstalled({ source: 'system-upgrade-controller', namespaces: ['system-upgrade'], crds: [{ group: 'upgrade.cattle.io', kinds: ['Plan'] }] });
}

/** The server Plan of K3s' docs: one node at a time, cordoned, following the stable channel. */
const SERVER_PLAN = {
  concurrency: 1, cordon: true, serviceAccountName: 'system-upgrade', channel: 'https://update.k3s.io/v1-release/channels/stable',
  nodeSelector: { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'In', values: ['true'] }] },
  upgrade: { image: 'rancher/k3s-upgrade' },
};

/** A Plan `name` in namespace system-upgrade whose spec is the server Plan's changed by `change` (an undefined value drops the field). */
const planObject = (name: string, change: Record<string, unknown>) => ({
  apiVersion: 'upgrade.cattle.io/v1', kind: 'Plan', metadata: { name, namespace: 'system-upgrade' },
  spec: Object.fromEntries(Object.entries({ ...SERVER_PLAN, ...change }).filter(([, value]) => value !== undefined)),
});

/** The lab with the controller and one Plan `server-plan`, `change` made to it. */
const serverPlan = (change: Record<string, unknown>) => (cluster: ClusterChart) => {
  withUpgradeController(cluster);
  new ApiObject(cluster, 'server-plan', planObject('server-plan', change));
};

/** The flags of kured's reboot window and lock, as its manifests write them, for kured run in its own namespace. */
export const KURED_FLAGS = ['--reboot-sentinel=/sentinel/reboot-required', '--ds-namespace=kured', '--reboot-days=sat,sun', '--start-time=2am', '--end-time=5am', '--time-zone=Europe/Berlin'];

/** kured as an App of namespace kured on every node, as its upstream DaemonSet runs it; `flags` replace its flags, `props` its props. */
export const kured = (flags: readonly string[] = KURED_FLAGS, props: Partial<AppProps> = {}) => (cluster: ClusterChart) => new App(cluster, 'kured', {
  image: 'ghcr.io/kubereboot/kured:1.17.1', controller: AppController.daemonSet({ everyNode: true }), command: ['/usr/bin/kured', ...flags],
  ports: [{ name: 'metrics', port: 8080 }], env: { KURED_NODE_ID: { fieldPath: 'spec.nodeName' } },
  persistence: { sentinel: { volume: AppVolume.hostPath('/var/run'), mountPath: '/sentinel', readOnly: true } },
  exemptions: { hostPid: 'enters the host through process 1 to reboot it', privileged: 'runs systemctl reboot in the host mount namespace', hostPath: 'reads the reboot sentinel', runAsRoot: 'reboots the node' },
  serviceAccount: {
    reason: 'takes its lock on its DaemonSet and drains the node',
    rules: [{ apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get', 'update'] }],
    clusterRules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] }, { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] }, { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] }],
  },
  ...props,
} as AppProps);
/** kured's flags with `flag` in place of the one of its name. */
const kuredWith = (flag: string) => kured([...KURED_FLAGS.filter((f) => f.split('=')[0] !== flag.split('=')[0]), flag]);

/** A second cluster of the lab, on K3s started with `flags`. */
const k3sServer = (flags: string[]) => guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'nu61-k3s', { preinstalled: [k3s({ extraServerFlags: flags })] }));

const AGENTS = { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' }] };

export const CASES: BadInput[] = [
  { name: 'an upgrade Plan without concurrency', build: serverPlan({ concurrency: undefined }), layer: 'schema', path: 'server-plan', field: 'spec.concurrency', hint: /concurrency: 1/ },
  { name: 'an upgrade Plan whose concurrency is written in quotes', build: serverPlan({ concurrency: '1' }), layer: 'schema', path: 'server-plan', field: 'spec.concurrency', hint: /without quotes/ },
  { name: 'an upgrade Plan without a nodeSelector', build: serverPlan({ nodeSelector: undefined }), layer: 'schema', path: 'server-plan', field: 'spec.nodeSelector', hint: /nodeSelector: \{\}/ },
  { name: 'an upgrade Plan with neither a channel nor a version', build: serverPlan({ channel: undefined }), layer: 'schema', path: 'server-plan', field: 'spec.version', hint: /update\.k3s\.io/ },
  { name: "an upgrade Plan whose channel is the channel's name", build: serverPlan({ channel: 'stable' }), layer: 'schema', path: 'server-plan', field: 'spec.channel', hint: /https:\/\/update\.k3s\.io\/v1-release\/channels\/stable/ },
  { name: 'an upgrade Plan pinned to a version without its K3s suffix', build: serverPlan({ channel: undefined, version: '1.30.4' }), layer: 'schema', path: 'server-plan', field: 'spec.version', hint: /v1\.30\.4\+k3s1/ },
  { name: "an upgrade Plan's drain timeout written as seconds", build: serverPlan({ drain: { force: true, timeout: 300 } }), layer: 'schema', path: 'server-plan', field: 'spec.drain.timeout', hint: /timeout: '5m'/ },
  {
    name: "an upgrade Plan's drain with deleteLocalData beside deleteEmptydirData",
    build: serverPlan({ drain: { force: true, ignoreDaemonSets: true, deleteLocalData: true, deleteEmptydirData: true } }),
    layer: 'schema', path: 'server-plan', field: 'spec.drain.deleteLocalData',
  },
  {
    name: "an upgrade Plan's window on a day written with a capital",
    build: serverPlan({ window: { days: ['Saturday'], startTime: '02:00', endTime: '05:00', timeZone: 'Europe/Berlin' } }),
    layer: 'schema', path: 'server-plan', field: 'spec.window.days[0]', hint: /"saturday"/,
  },
  {
    name: "an upgrade Plan's window starting at a time written with a space before AM",
    build: serverPlan({ window: { days: ['sat'], startTime: '2:00 AM', endTime: '05:00' } }),
    layer: 'schema', path: 'server-plan', field: 'spec.window.startTime', hint: /"2:00am"/,
  },
  {
    name: "an upgrade Plan's window in a time zone written in lower case",
    build: serverPlan({ window: { days: ['sat'], startTime: '02:00', endTime: '05:00', timeZone: 'europe/berlin' } }),
    layer: 'schema', path: 'server-plan', field: 'spec.window.timeZone', hint: /Europe\/Berlin/,
  },
  { name: 'an upgrade Plan that cordons as the default service account', build: serverPlan({ serviceAccountName: undefined }), layer: 'schema', path: 'server-plan', field: 'spec.serviceAccountName', hint: /system-upgrade/ },
  { name: 'an upgrade Plan without its upgrade container', build: serverPlan({ upgrade: undefined }), layer: 'schema', path: 'server-plan', field: 'spec.upgrade', hint: /rancher\/k3s-upgrade/ },
  {
    name: "an agent Plan whose prepare step waits for a server Plan of another name",
    build: (cluster) => {
      serverPlan({})(cluster);
      new ApiObject(cluster, 'agent-plan', planObject('agent-plan', {
        cordon: undefined, nodeSelector: AGENTS, drain: { force: true, skipWaitForDeleteTimeout: 60 }, prepare: { image: 'rancher/k3s-upgrade', args: ['prepare', 'server'] },
      }));
    },
    layer: 'schema', path: 'agent-plan', field: 'spec.prepare.args[1]', hint: /'server-plan'/,
  },
  { name: 'kured in a namespace of its own without --ds-namespace', build: kured(KURED_FLAGS.filter((f) => !f.startsWith('--ds-namespace'))), layer: 'references', path: 'kured', field: 'command[0]', hint: /--ds-namespace=kured/ },
  { name: "kured's reboot days written as a range", build: kuredWith('--reboot-days=Sat-Sun'), layer: 'references', path: 'kured', field: 'command[6]', hint: /--reboot-days=sat,sun/ },
  { name: "kured's start time written with a space before AM", build: kuredWith('--start-time=2:00 AM'), layer: 'references', path: 'kured', field: 'command[6]', hint: /"2:00am"/ },
  { name: "kured's time zone given as a summer-time abbreviation", build: kuredWith('--time-zone=CEST'), layer: 'references', path: 'kured', field: 'command[6]', hint: /tz database/ },
  { name: "kured's period written in words", build: kuredWith('--period=1 hour'), layer: 'references', path: 'kured', field: 'command[7]', hint: /--period=1h/ },
  {
    name: 'kured without the host process namespace',
    build: kured(KURED_FLAGS, { exemptions: { privileged: 'runs systemctl reboot in the host mount namespace', hostPath: 'reads the reboot sentinel', runAsRoot: 'reboots the node' } }),
    layer: 'references', path: 'kured/daemonset', field: 'spec.template.spec.hostPID', hint: /exemptions\.hostPid/,
  },
  {
    name: "etcd snapshots to S3 with the bucket's secret key among K3s' server flags",
    build: k3sServer(['--etcd-s3', '--etcd-s3-bucket=k3s-snapshots', '--etcd-s3-access-key=003a1b2c3d4e5f60000000001', '--etcd-s3-secret-key=K003abcdefghijklmnopqrstuvwxyzABCDE']),
    layer: 'props', path: 'nu61-k3s', field: 'preinstalled[0].extraServerFlags[3]', hint: /--etcd-s3-config-secret/,
  },
  {
    name: "K3s' etcd snapshot schedule given after its flag with a space",
    build: k3sServer(['--etcd-snapshot-schedule-cron 0 */6 * * *']),
    layer: 'props', path: 'nu61-k3s', field: 'preinstalled[0].extraServerFlags[0]', hint: /--etcd-snapshot-schedule-cron=0/,
  },
];
