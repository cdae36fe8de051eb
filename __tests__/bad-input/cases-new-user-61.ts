import { ApiObject } from 'cdk8s';
import { ClusterChart, k3s } from '../../constructs';
import type { BadInput } from './cases';

// A new user's day two on K3s from the README alone: node upgrades by Rancher's system-upgrade-controller, whose
// Plans are written by hand as K3s' docs write them. No CRD of a Plan is in the schema set, so each of these
// mistakes passed synthesis, and the controller then upgraded no node, or failed on every one.

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
];
