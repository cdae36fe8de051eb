import { ApiObject } from 'cdk8s';
import { servesPorts } from '../../constructs';
import type { ClusterChart, PlatformComponentProps } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, raw } from './lab';

// A new user's node maintenance, written from the README alone: Rancher's system-upgrade-controller from its
// release manifests as a platform component with its Plans by hand, kured and the descheduler written by hand, and
// spegel from its chart on host ports. Each mistake passed the API server, or was refused by it or by the software
// at its start, while the owner waited for nodes to be upgraded, rebooted or rebalanced.

/** system-upgrade-controller from its release manifests, which make its namespace and the Plan CRD. */
export const UPGRADE_CONTROLLER: PlatformComponentProps = {
  name: 'system-upgrade-controller', namespace: 'system-upgrade', description: "Rancher's system-upgrade-controller, which upgrades K3s by Plans",
  podSecurity: 'privileged', podSecurityReason: "a Plan's upgrade job replaces the K3s binary on the node, privileged in the host's process namespace",
  install: {
    type: 'manifests', repository: 'https://github.com/rancher/system-upgrade-controller', tag: 'v0.14.2', path: 'manifests',
    files: ['system-upgrade-controller.yaml'], createsNamespace: true,
  },
  crds: [{ group: 'upgrade.cattle.io', kinds: ['Plan'] }],
  network: servesPorts(),
  resources: { chartDefault: 'the controller and its jobs are small' },
};

/** spegel from its chart, serving the images each node holds to the others on two host ports. */
export const SPEGEL: PlatformComponentProps = {
  name: 'spegel', namespace: 'spegel', description: 'spegel, a registry mirror of the images the nodes hold',
  podSecurity: 'privileged', podSecurityReason: "reads containerd's socket and content store on the node",
  install: {
    type: 'helm', chart: { repository: 'oci://ghcr.io/spegel-org/helm-charts', chart: 'spegel', version: '0.0.30' },
    values: { spegel: { containerdRegistryConfigPath: '/var/lib/rancher/k3s/agent/etc/containerd/certs.d', containerdSock: '/run/k3s/containerd/containerd.sock' } },
  },
  hostPorts: [{ port: 30020, setBy: "the chart's service.registry.hostPort" }, { port: 30021, setBy: "the chart's service.router.hostPort" }],
  network: servesPorts({ port: 5000, purpose: 'the registry mirror' }, { port: 5001, purpose: 'the router' }, { port: 9090, purpose: 'metrics' }),
  resources: { chartDefault: 'the chart sets no sizes; spegel is small' },
};

/** node-feature-discovery from its chart, which labels each node with its hardware's features as it runs. */
export const NODE_FEATURE_DISCOVERY: PlatformComponentProps = {
  name: 'node-feature-discovery', namespace: 'node-feature-discovery', description: "node-feature-discovery, which labels the nodes with their hardware's features",
  podSecurity: 'privileged', podSecurityReason: "the worker reads the node's /sys, /proc and /usr by host paths",
  install: { type: 'helm', chart: { repository: 'https://kubernetes-sigs.github.io/node-feature-discovery/charts', chart: 'node-feature-discovery', version: '0.17.3' }, values: {} },
  crds: [{ group: 'nfd.k8s-sigs.io', kinds: ['NodeFeature', 'NodeFeatureGroup'] }, { group: 'nfd.k8s-sigs.io', kinds: ['NodeFeatureRule'], scope: 'Cluster' }],
  network: servesPorts({ port: 8080, purpose: 'metrics' }),
  resources: { chartDefault: "the chart's own requests and limits" },
};

/** The Plan of K3s' servers as K3s' docs write it: one node at a time, cordoned, following a channel. */
export const SERVER_PLAN = {
  concurrency: 1, cordon: true, serviceAccountName: 'system-upgrade', channel: 'https://update.k3s.io/v1-release/channels/v1.30',
  nodeSelector: { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'In', values: ['true'] }] },
  upgrade: { image: 'rancher/k3s-upgrade' },
};

/** A Plan `name` of namespace system-upgrade, its spec given whole, at `apiVersion`. */
export const plan = (name: string, spec: Record<string, unknown>, apiVersion = 'upgrade.cattle.io/v1') => ({
  apiVersion, kind: 'Plan', metadata: { name, namespace: 'system-upgrade' }, spec,
});

/** kured's command: its lock on its own DaemonSet in namespace kured, and a reboot window at weekend nights. */
export const KURED_COMMAND = [
  '/usr/bin/kured', '--ds-namespace=kured', '--reboot-sentinel=/sentinel/reboot-required', '--period=1h',
  '--reboot-days=sat,sun', '--start-time=2am', '--end-time=5am', '--time-zone=Europe/Berlin', '--drain-timeout=10m',
];

/** The exemptions kured's pod states, as annotations of its template. */
export const KURED_EXEMPTIONS: Readonly<Record<string, string>> = {
  'security.homelab.dev/host-pid': 'enters the host through process 1 to reboot it',
  'security.homelab.dev/privileged': 'runs systemctl reboot in the host mount namespace',
  'security.homelab.dev/run-as-root': 'reboots the node',
  'security.homelab.dev/host-path': 'reads the reboot sentinel',
};

/**
 * kured's DaemonSet as its upstream manifest writes it, in namespace kured, running `command`; `pod` changes its
 * pod spec and `annotations` replace its exemptions.
 */
export const kuredDaemonSet = (command: readonly string[] = KURED_COMMAND, pod: Record<string, unknown> = {}, annotations = KURED_EXEMPTIONS) => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kured', namespace: 'kured' },
  spec: {
    selector: { matchLabels: { name: 'kured' } },
    updateStrategy: { type: 'RollingUpdate' },
    template: {
      metadata: { labels: { name: 'kured' }, annotations },
      spec: {
        serviceAccountName: 'kured', hostPID: true, restartPolicy: 'Always',
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
        containers: [{
          name: 'kured', image: 'ghcr.io/kubereboot/kured:1.17.1', imagePullPolicy: 'IfNotPresent',
          securityContext: { privileged: true, readOnlyRootFilesystem: true },
          ports: [{ containerPort: 8080, name: 'metrics' }],
          env: [{ name: 'KURED_NODE_ID', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
          command,
          readinessProbe: { httpGet: { path: '/metrics', port: 8080 } },
          livenessProbe: { httpGet: { path: '/metrics', port: 8080 } },
          resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
          volumeMounts: [{ name: 'sentinel', mountPath: '/sentinel', readOnly: true }],
        }],
        volumes: [{ name: 'sentinel', hostPath: { path: '/var/run', type: 'Directory' } }],
        ...pod,
      },
    },
  },
});

/** The descheduler's policy as its README writes it: duplicates evicted, nodes rebalanced. */
export const DESCHEDULER_POLICY = `apiVersion: descheduler/v1alpha2
kind: DeschedulerPolicy
profiles:
  - name: default
    pluginConfig:
      - name: DefaultEvictor
        args:
          evictLocalStoragePods: true
      - name: RemoveDuplicates
      - name: LowNodeUtilization
        args:
          thresholds: { cpu: 20, memory: 20, pods: 20 }
          targetThresholds: { cpu: 50, memory: 50, pods: 50 }
    plugins:
      balance:
        enabled: [RemoveDuplicates, LowNodeUtilization]
`;

/** The ConfigMap of the descheduler's policy `policy`. */
export const deschedulerPolicy = (policy = DESCHEDULER_POLICY) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'descheduler-policy', namespace: 'descheduler' }, data: { 'policy.yaml': policy },
});

/** The descheduler as a CronJob of namespace descheduler on `schedule`, reading its policy from the ConfigMap. */
export const deschedulerCronJob = (schedule = '*/30 * * * *') => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'descheduler', namespace: 'descheduler' },
  spec: {
    schedule, concurrencyPolicy: 'Forbid',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            serviceAccountName: 'descheduler', restartPolicy: 'Never', priorityClassName: 'system-cluster-critical',
            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'descheduler', image: 'registry.k8s.io/descheduler/descheduler:v0.31.0',
              command: ['/bin/descheduler'], args: ['--policy-config-file=/policy-dir/policy.yaml', '--v=3'],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ name: 'policy-volume', mountPath: '/policy-dir' }],
            }],
            volumes: [{ name: 'policy-volume', configMap: { name: 'descheduler-policy' } }],
          },
        },
      },
    },
  },
});

/** Adds `manifest` to the cluster as the hand-written object `id`. */
const object = (cluster: ClusterChart, id: string, manifest: Record<string, unknown>) => new ApiObject(cluster, id, manifest as any);

/** The controller installed and one Plan `server-plan`, the server Plan changed by `change` (an undefined value drops the field). */
const serverPlan = (change: Record<string, unknown>, apiVersion?: string) => (cluster: ClusterChart) => {
  cluster.platform.require(UPGRADE_CONTROLLER);
  const spec = Object.fromEntries(Object.entries({ ...SERVER_PLAN, ...change }).filter(([, value]) => value !== undefined));
  object(cluster, 'server-plan', plan('server-plan', spec, apiVersion));
};

/** kured's DaemonSet in its namespace, which allows privileged pods. */
const kured = (...args: Parameters<typeof kuredDaemonSet>) => (cluster: ClusterChart) => {
  cluster.namespaces.ensure('kured', { podSecurity: 'privileged', reason: 'kured reboots its node from the host process namespace' });
  object(cluster, 'kured', kuredDaemonSet(...args));
};
/** kured's command with `flag` in place of the one of its name. */
const kuredWith = (flag: string) => KURED_COMMAND.map((f) => (f.split('=')[0] === flag.split('=')[0] ? flag : f));

/** The descheduler's CronJob on `schedule` and its policy `policy`. */
const descheduler = (schedule?: string, policy?: string) => (cluster: ClusterChart) => {
  cluster.namespaces.ensure('descheduler');
  object(cluster, 'descheduler-policy', deschedulerPolicy(policy));
  object(cluster, 'descheduler', deschedulerCronJob(schedule));
};

export const CASES: BadInput[] = [
  { name: "an upgrade Plan's concurrency written as text", build: serverPlan({ concurrency: 'one' }), layer: 'schema', path: 'server-plan', field: 'spec.concurrency', hint: /concurrency: 1/ },
  { name: "an upgrade Plan at an API version system-upgrade-controller does not serve", build: serverPlan({}, 'upgrade.cattle.io/v1beta1'), layer: 'schema', path: 'server-plan', field: 'apiVersion', hint: /upgrade\.cattle\.io\/v1/ },
  { name: "an upgrade Plan following a channel named by its word", build: serverPlan({ channel: 'latest' }), layer: 'schema', path: 'server-plan', field: 'spec.channel', hint: /channels\/latest/ },
  { name: "an upgrade Plan's drain timeout written in words", build: serverPlan({ drain: { force: true, ignoreDaemonSets: true, timeout: '10 minutes' } }), layer: 'schema', path: 'server-plan', field: 'spec.drain.timeout', hint: /timeout: '10m'/ },
  {
    name: 'an upgrade Plan handing its jobs a Secret the namespace lacks',
    build: serverPlan({ secrets: [{ name: 'registry-mirror', path: '/host/etc/rancher/k3s/registries.d' }] }),
    layer: 'references', path: 'server-plan', field: 'spec.secrets[0].name', hint: /finds the Plan invalid.*name: 'registry-mirror'/,
  },
  { name: 'kured in its own namespace taking its lock in kube-system', build: kured(KURED_COMMAND.filter((flag) => !flag.startsWith('--ds-namespace'))), layer: 'references', path: 'kured', field: /command\[0\]/, hint: /--ds-namespace=kured/ },
  {
    name: "kured's DaemonSet without hostPID nor its exemption",
    build: kured(KURED_COMMAND, { hostPID: undefined }, Object.fromEntries(Object.entries(KURED_EXEMPTIONS).filter(([key]) => !key.endsWith('/host-pid')))),
    layer: 'references', path: 'kured', field: 'spec.template.spec.hostPID', hint: /hostPID: true/,
  },
  { name: "kured's period written as a number of minutes", build: kured(kuredWith('--period=60')), layer: 'references', path: 'kured', field: /command\[3\]/, hint: /--period=/ },
  {
    name: 'kured privileged without its exemption',
    build: kured(KURED_COMMAND, {}, Object.fromEntries(Object.entries(KURED_EXEMPTIONS).filter(([key]) => !key.endsWith('/privileged')))),
    layer: 'policy', path: 'kured', field: /privileged/, hint: /privileged/,
  },
  {
    name: "kured's DaemonSet in a namespace left at Pod Security restricted",
    build: (cluster) => {
      cluster.namespaces.ensure('kured');
      object(cluster, 'kured', kuredDaemonSet());
    },
    layer: 'policy', path: 'kured', field: 'spec.template.spec', hint: /ensure\(name, \{ podSecurity, reason \}\)/,
  },
  {
    name: "a hand-written registry mirror DaemonSet on a host port spegel's chart binds on every node",
    build: (cluster) => {
      cluster.platform.require(SPEGEL);
      const mirror = goodDeployment('mirror', { containers: [goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 30020 }] })] }, {}, { 'security.homelab.dev/host-network': 'serves pulls on a port of its node' });
      raw(cluster, 'mirror', { ...mirror, kind: 'DaemonSet', spec: { ...(mirror.spec as object), replicas: undefined } });
    },
    layer: 'inventory', path: 'mirror', field: 'spec.template.spec.containers[0].ports[0]', hint: /another port/,
  },
  { name: "the descheduler's CronJob on a schedule of six fields, seconds first", build: descheduler('0 */30 * * * *'), layer: 'schema', path: 'descheduler', field: 'spec.schedule' },
  {
    name: "the descheduler's policy written at the removed apiVersion descheduler/v1alpha1",
    build: descheduler(undefined, DESCHEDULER_POLICY.replace('descheduler/v1alpha2', 'descheduler/v1alpha1')),
    layer: 'references', path: 'descheduler-policy', field: 'data.policy.yaml', hint: /descheduler\/v1alpha2/,
  },
  {
    name: "a workload pinned to the nodes node-feature-discovery labels with AVX2",
    build: (cluster) => {
      cluster.platform.require(NODE_FEATURE_DISCOVERY);
      raw(cluster, 'encoder', goodDeployment('encoder', { nodeSelector: { 'feature.node.kubernetes.io/cpu-cpuid.AVX2': 'true' } }));
    },
    layer: 'inventory', path: 'encoder', field: 'spec.template.spec.nodeSelector', hint: /nodeSelector: \{ 'role\.homelab\.dev\/cpu-cpuid-avx2': 'true' \}/,
  },
];
