import type { CrdGroup, PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { PART_RESOURCES_SHAPE, partResourcesProblems, partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { noNetworkPolicy } from '../component-network';
import { checkedComponent, ComponentOptionsCheck, PLACEMENT_SHAPE, placementProblems, valueProblem } from '../component-options';
import type { RolePlacement } from '../node-role';
import { oneOfWithHabits, type PropProblem, type PropShape } from '../../validation/known-props';
import { sizeProblem } from '../../app/quantities';
import { quantityValue } from '../../validation/quantity';
import { OPERATOR_SCRAPE_INTERVAL } from '../../validation/monitor-endpoints';
import { PROMETHEUS_DURATION, prometheusDurationMilliseconds } from '../../validation/prometheus-duration';
import { ruleGroupProblems } from '../../validation/prometheus-rules';
import { grafanaAdminSteps } from '../grafana-admin-steps';
import { stackSmtpHostProblems } from '../../app/smtp-host-ports';
import { ALERT_RECEIVER_SHAPE, alertmanagerRoutingProblems, alertReceiverProblems, alertReceiverValues, type AlertReceiver } from '../alert-receiver';

/** Pinned release of kube-prometheus-stack. Renovate reads the comment above each pin. */
export const KUBE_PROMETHEUS_STACK_PINS = {
  // renovate: datasource=helm depName=kube-prometheus-stack registryUrl=https://prometheus-community.github.io/helm-charts
  chart: '80.2.2',
} as const;

/**
 * Size of Prometheus, which holds the recent samples in memory: 100m CPU and 512Mi requested, a 2Gi
 * memory limit.
 */
export const PROMETHEUS_SIZE: ComponentSize = { cpuRequest: '100m', memoryRequest: '512Mi', memoryLimit: '2Gi' };

/** Size of Grafana: 50m CPU and 128Mi requested, a 512Mi memory limit. */
export const GRAFANA_SIZE: ComponentSize = { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' };

/**
 * Size of each of the stack's smaller containers (the operator and its webhook certificate jobs, the
 * config reloaders of Prometheus and Alertmanager, Alertmanager, Grafana's dashboard and data source
 * sidecars, kube-state-metrics and node-exporter): 10m CPU and 64Mi requested, a 256Mi memory limit.
 */
export const KUBE_PROMETHEUS_STACK_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

// The chart's values keys of its containers' resources: `prometheusOperator.*`, `prometheus.prometheusSpec`
// and `alertmanager.alertmanagerSpec` as the chart's values.yaml and changelog spell them (45.x to 67.x),
// and the top-level `resources` of the grafana, kube-state-metrics and prometheus-node-exporter subcharts
// (grafana's `sidecar.resources` serves both of its sidecars). The operator gives the config reloaders
// of Prometheus and Alertmanager the size of `prometheusConfigReloader`.
const KUBE_PROMETHEUS_STACK_PARTS = {
  prometheus: { keys: ['prometheus.prometheusSpec.resources'], size: PROMETHEUS_SIZE },
  grafana: { keys: ['grafana.resources'], size: GRAFANA_SIZE },
  grafanaSidecar: { keys: ['grafana.sidecar.resources'], size: KUBE_PROMETHEUS_STACK_SIZE },
  alertmanager: { keys: ['alertmanager.alertmanagerSpec.resources'], size: KUBE_PROMETHEUS_STACK_SIZE },
  operator: { keys: ['prometheusOperator.resources', 'prometheusOperator.admissionWebhooks.patch.resources'], size: KUBE_PROMETHEUS_STACK_SIZE },
  configReloader: { keys: ['prometheusOperator.prometheusConfigReloader.resources'], size: KUBE_PROMETHEUS_STACK_SIZE },
  kubeStateMetrics: { keys: ['kube-state-metrics.resources'], size: KUBE_PROMETHEUS_STACK_SIZE },
  nodeExporter: { keys: ['prometheus-node-exporter.resources'], size: KUBE_PROMETHEUS_STACK_SIZE },
} as const satisfies Record<string, SizedPart>;

/**
 * The parts of the monitoring stack a user can size: `operator` covers its webhook certificate jobs too,
 * `configReloader` the reloaders beside Prometheus and Alertmanager, `grafanaSidecar` both of Grafana's.
 */
export type KubePrometheusStackPart = keyof typeof KUBE_PROMETHEUS_STACK_PARTS;

/** The key of the Grafana admin Secret that holds Grafana's `[security] secret_key`. */
export const GRAFANA_SECRET_KEY = 'secret-key';

/**
 * A part of the control plane whose metrics Prometheus scrapes by default, by its key in the chart's values
 * without the `kube` prefix.
 */
export type ControlPlaneMetricsPart = 'controllerManager' | 'scheduler' | 'proxy' | 'etcd';

/** The chart's values key of each part, whose `enabled: false` drops its scrape target and its alert rules. */
const CONTROL_PLANE_METRICS_KEYS: Readonly<Record<ControlPlaneMetricsPart, string>> = {
  controllerManager: 'kubeControllerManager', scheduler: 'kubeScheduler', proxy: 'kubeProxy', etcd: 'kubeEtcd',
};

/**
 * The parts as the chart's values (`kubeScheduler`) and the control plane's own processes
 * (`kube-scheduler`) name them, each with the part to write instead.
 */
const CONTROL_PLANE_PART_HABITS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CONTROL_PLANE_METRICS_KEYS).flatMap(([part, key]) => [key, key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)].map(
    (habit) => [habit.toUpperCase(), `write '${part}': a part is named by its chart values key without the kube prefix`],
  )),
);

/** Options of the monitoring stack. */
export interface KubePrometheusStackOptions {
  /** Where Prometheus, Alertmanager, Grafana and the operator run (node-exporter runs on every node). */
  readonly placement: RolePlacement;
  /** Namespace. @default 'monitoring' */
  readonly namespace?: string;
  /**
   * Secret of the stack's namespace with keys `admin-user` and `admin-password` for Grafana's admin, and
   * `secret-key` for the key Grafana encrypts the data sources' and contact points' secrets with in its
   * database (Grafana otherwise uses its published default key); changing `secret-key` later leaves the
   * secrets stored under the old one unreadable, so set it before the first start. One that reaches the
   * cluster after the platform layer (a SealedSecret, SopsSecret or ExternalSecret of a later layer) leaves
   * the release not waited for; one the owner makes by hand before the first sync, declared on the stack
   * itself (`declareExternal(stack, { secrets: [...] })`), lets the platform layer wait for it.
   */
  readonly grafanaAdminSecret: string;
  /** How long Prometheus keeps samples, as a Prometheus duration. @default '7d' */
  readonly retention?: string;
  /**
   * Most bytes of samples Prometheus keeps before it drops the oldest, as a Prometheus byte size (`8GB`,
   * `512MB`): a cap on its share of the disk of the node it runs on, whichever of it and `retention` is
   * reached first. @default '8GB'
   */
  readonly retentionSize?: string;
  /**
   * A volume of the cluster's storage tier for Prometheus' samples, which it keeps across restarts:
   * `{ tier: 'fast', size: '10Gi' }`, one ReadWriteOnce claim of `size` bytes (a Kubernetes size) on the
   * tier's StorageClass. Give it room beyond `retentionSize` for the write-ahead log: a size no larger is an
   * error, as is a tier of `nfsStorage()`, which Prometheus does not support.
   * @default - none: Prometheus keeps its samples in an emptyDir, lost whenever its pod is replaced
   */
  readonly prometheusStorage?: PrometheusStorage;
  /**
   * A volume of the cluster's storage tier for Grafana's database (users, dashboards and alert rules made
   * in its UI, preferences, API keys): `{ tier: 'fast', size: '1Gi' }`, one ReadWriteOnce claim, which its
   * pod keeps across restarts; Grafana is then replaced rather than rolled (Recreate), as two servers on
   * one SQLite file lock each other out.
   * @default - none: Grafana keeps its database in an emptyDir, and what was made in its UI is lost whenever its pod is replaced
   */
  readonly grafanaStorage?: GrafanaStorage;
  /**
   * Where Alertmanager sends every alert that fires (the chart's Watchdog heartbeat aside): a receiver
   * kind and its URL as a key of a Secret in the stack's namespace, e.g.
   * `{ kind: 'webhook', url: sealed.key('url') }`.
   * @default - none: Alertmanager keeps the chart's `null` receiver, and alerts show in its UI only
   */
  readonly alertReceiver?: AlertReceiver;
  /**
   * Parts of the control plane whose metrics Prometheus cannot reach from its pod, left unscraped: the
   * chart's scrape target and its alert rules for each are turned off, as rules that fire on a part's absent
   * metrics (KubeSchedulerDown, KubeControllerManagerDown) would never clear. Talos binds the metrics of the
   * controller manager, the scheduler, kube-proxy and etcd to each node's loopback; a hosted control plane
   * (k0smotron) runs the controller manager, the scheduler and etcd outside the cluster. The API server is
   * always scraped, so an unreachable control plane still raises KubeAPIDown.
   * @default - every part is scraped
   */
  readonly unscrapedControlPlane?: readonly ControlPlaneMetricsPart[];
  /**
   * Requests and limits by part, each as an App's `resources`, merged key by key into the default, e.g.
   * `{ prometheus: { memoryRequest: '4Gi' } }`.
   * @default - Prometheus 100m CPU and 512Mi requested with a 2Gi memory limit; Grafana 50m, 128Mi and
   * 512Mi; every other part 10m, 64Mi and 256Mi
   */
  readonly resources?: PartResources<KubePrometheusStackPart>;
}

/** Where Prometheus keeps its samples: a claim on a storage tier of the cluster. */
export interface PrometheusStorage {
  /** The cluster's storage tier, e.g. `fast`; its StorageClass must allow ReadWriteOnce. */
  readonly tier: string;
  /** Size of the claim, as a Kubernetes size, e.g. `10Gi`. */
  readonly size: string;
}

/** Grafana's claim: a tier and a size, as Prometheus' is. */
export type GrafanaStorage = PrometheusStorage;

/** The chart's values key of Prometheus' claim template (the Prometheus CRD's `storage.volumeClaimTemplate`). */
const PROMETHEUS_CLAIM_TEMPLATE = 'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate';

/** What Prometheus keeps at most unless `retentionSize` says otherwise. */
const DEFAULT_RETENTION_SIZE = '8GB';

/** A byte size as the Prometheus CRD's `retentionSize` takes it (`8GB`, `1.5GiB`, `512MB`): a number and a unit ending in B. */
const PROMETHEUS_BYTE_SIZE = /^(0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)$/;

/**
 * A `retentionSize` of zero, which Prometheus reads as no cap at all: its samples grow until the volume or the
 * node's disk is full, and with a zero `retention` as well Prometheus falls back to its own 15 days. Pure.
 */
function uncappedSizeProblems(retention: string | undefined, retentionSize: string | undefined): PropProblem[] {
  if (retentionSize === undefined || !PROMETHEUS_BYTE_SIZE.test(retentionSize) || Number(retentionSize.replace(/[KMGTEP]?i?B$/, '')) !== 0) {
    return [];
  }
  const noAge = retention !== undefined && prometheusDurationMilliseconds(retention) === 0;
  return [{
    field: 'retentionSize',
    message: `retentionSize "${retentionSize}" is no cap: Prometheus reads a size of 0 as none, so its samples grow until the volume (or the node's disk) is full`
      + (noAge ? `; with retention "${retention}" as well, it keeps neither by size nor by age and falls back to its own 15 days` : ''),
    hint: `cap the samples below the volume's size: retentionSize: '${DEFAULT_RETENTION_SIZE}' (the default, as when it is left out)${noAge ? "; a retention of '0' then keeps them by size alone" : ''}`,
  }];
}

/** The Prometheus operator's CRDs, which the chart installs. */
const MONITORING_CRDS: readonly CrdGroup[] = [
  { group: 'monitoring.coreos.com', kinds: ['Alertmanager', 'AlertmanagerConfig', 'PodMonitor', 'Probe', 'Prometheus', 'PrometheusAgent', 'PrometheusRule', 'ScrapeConfig', 'ServiceMonitor', 'ThanosRuler'] },
];

/** The namespace the stack runs in unless its `namespace` option names another. */
const MONITORING_STACK_NAMESPACE = 'monitoring';

const CHECK: ComponentOptionsCheck<KubePrometheusStackOptions> = {
  what: 'kubePrometheusStack()', name: 'kube-prometheus-stack', crds: MONITORING_CRDS, namespace: MONITORING_STACK_NAMESPACE,
  shape: { placement: PLACEMENT_SHAPE, namespace: 'namespace', grafanaAdminSecret: 'objectName', retention: 'string', retentionSize: 'string', prometheusStorage: { tier: 'string', size: 'string' }, grafanaStorage: { tier: 'string', size: 'string' }, alertReceiver: ALERT_RECEIVER_SHAPE, unscrapedControlPlane: { '[]': oneOfWithHabits(Object.keys(CONTROL_PLANE_METRICS_KEYS), CONTROL_PLANE_PART_HABITS) }, resources: PART_RESOURCES_SHAPE } satisfies Record<keyof KubePrometheusStackOptions, PropShape>,
  rules: {
    required: [
      ['placement', "give where the stack runs: placement: rolePlacement(hosts, 'monitoring') or hostPlacement(host)"],
      ['grafanaAdminSecret', "name the Secret of the monitoring namespace with keys admin-user, admin-password and secret-key: grafanaAdminSecret: 'grafana-admin'"],
    ],
  },
  values: (options) => [
    ...placementProblems('placement', options.placement),
    ...partResourcesProblems(options.resources, 'resources', KUBE_PROMETHEUS_STACK_PARTS),
    ...valueProblem('retention', options.retention === undefined || PROMETHEUS_DURATION.test(options.retention) && options.retention !== ''
      ? undefined : `"${options.retention}" is no Prometheus duration, which the Prometheus CRD refuses`, "write a number and a unit, largest unit first: '15d', '2w', '12h'"),
    ...valueProblem('retentionSize', options.retentionSize === undefined || PROMETHEUS_BYTE_SIZE.test(options.retentionSize)
      ? undefined : `"${options.retentionSize}" is no Prometheus byte size, which the Prometheus CRD refuses`, "write a number and a unit ending in B: '8GB', '512MB', '4GiB'"),
    ...uncappedSizeProblems(options.retention, options.retentionSize),
    ...prometheusStorageProblems(options.prometheusStorage, options.retentionSize),
    ...claimSizeProblems('grafanaStorage.size', options.grafanaStorage?.size),
    ...alertReceiverProblems(options.alertReceiver, options.namespace ?? MONITORING_STACK_NAMESPACE),
  ],
};

/** The chart's `alertmanager` values: Alertmanager on `pin`, sending alerts to `receiver`. Pure. */
function alertmanagerWithReceiver(pin: Record<string, unknown>, receiver: AlertReceiver): Record<string, unknown> {
  const values = alertReceiverValues(receiver);
  return { ...values, alertmanagerSpec: { ...pin, ...values.alertmanagerSpec as Record<string, unknown> } };
}

/**
 * Where the stack's alerts go, for the cluster README: a stack without a receiver raises alerts that
 * reach no one, which its owner should read as plainly as an unenforced NetworkPolicy. Pure.
 */
function alertDestination(receiver: AlertReceiver | undefined): string {
  return receiver === undefined
    ? 'alerts reach no one: Alertmanager has no receiver (alertReceiver), so they show in its UI only'
    : `Alertmanager sends alerts to a ${receiver.kind} receiver (URL in Secret ${receiver.url.secretName}, key ${receiver.url.key})`;
}

/**
 * The alerting and recording rules given as the chart's values (`additionalPrometheusRulesMap`, or the list
 * `additionalPrometheusRules`), which the chart renders as PrometheusRules: read as the operator's webhook
 * reads those, and their durations as the CRD does, since no schema sees them before the install. Pure.
 */
function additionalRuleProblems(values: Record<string, unknown>): PropProblem[] {
  const byName = values.additionalPrometheusRulesMap;
  const named = typeof byName === 'object' && byName !== null && !Array.isArray(byName)
    ? Object.entries(byName as Record<string, { groups?: unknown }>).map(([name, rules]) => [`additionalPrometheusRulesMap.${name}.groups`, rules?.groups] as const) : [];
  const listed = Array.isArray(values.additionalPrometheusRules)
    ? (values.additionalPrometheusRules as Array<{ groups?: unknown }>).map((rules, i) => [`additionalPrometheusRules[${i}].groups`, rules?.groups] as const) : [];
  return [...named, ...listed].flatMap(([at, groups]) => ruleGroupProblems(groups, at, true));
}

/** The bytes of a Prometheus byte size (`8GB`, `4GiB`: its units are binary whether written with an i or not), or undefined. */
function prometheusBytes(size: string): number | undefined {
  const match = /^([0-9]*\.?[0-9]+)(?:([KMGTPE])i?)?B$/.exec(size);
  return match === null ? (size === '0' ? 0 : undefined) : Number(match[1]) * 1024 ** (match[2] === undefined ? 0 : 'KMGTPE'.indexOf(match[2]) + 1);
}

/** A claim size at `field` that is no Kubernetes size, if it is given. */
function claimSizeProblems(field: string, size: string | undefined): PropProblem[] {
  const problem = size === undefined ? undefined : sizeProblem(size, field);
  return problem === undefined ? [] : [{ field, message: problem.message, hint: problem.hint }];
}

/**
 * What is wrong with Prometheus' claim (its tier is the cluster's to check): a size that is none, or one no
 * larger than `retentionSize` (given, or the default), the cap Prometheus deletes old blocks at: the volume
 * fills before the cap is reached, and Prometheus stops writing samples.
 */
function prometheusStorageProblems(storage: PrometheusStorage | undefined, retentionSize: string | undefined): PropProblem[] {
  const sizeProblems = claimSizeProblems('prometheusStorage.size', storage?.size);
  if (sizeProblems.length > 0) {
    return sizeProblems;
  }
  const cap = retentionSize ?? DEFAULT_RETENTION_SIZE;
  const claimBytes = storage === undefined ? undefined : quantityValue(storage.size);
  const capBytes = prometheusBytes(cap);
  if (storage === undefined || claimBytes === undefined || capBytes === undefined || capBytes === 0 || claimBytes > capBytes) {
    return [];
  }
  const gib = 1024 ** 3;
  return [{
    field: 'prometheusStorage.size',
    message: `Prometheus' volume of ${storage.size} is no larger than the ${cap} of samples it keeps (retentionSize${retentionSize === undefined ? `, ${DEFAULT_RETENTION_SIZE} by default` : ''}): `
      + 'the volume fills up before Prometheus deletes old samples, and it then stops writing new ones',
    hint: `give the volume room beyond retentionSize for the write-ahead log, e.g. size: '${Math.ceil(capBytes * 1.25 / gib)}Gi', `
      + `or keep fewer samples: retentionSize: '${Math.max(1, Math.floor(claimBytes * 0.8 / gib))}GB' (about four fifths of the volume)`,
  }];
}

/** The durations of the Prometheus resource that the chart's values set, each a Prometheus duration by its CRD. */
const PROMETHEUS_SPEC_DURATIONS = ['scrapeInterval', 'scrapeTimeout', 'evaluationInterval', 'retention'] as const;

/**
 * Durations of `prometheus.prometheusSpec` that are no Prometheus durations (`60`, `1 m`): the Prometheus CRD
 * refuses the resource the chart renders, and the release fails to install. Pure.
 */
function prometheusSpecDurationProblems(values: Record<string, unknown>): PropProblem[] {
  const spec = ((values.prometheus ?? {}) as { prometheusSpec?: Record<string, unknown> }).prometheusSpec ?? {};
  const problems: PropProblem[] = PROMETHEUS_SPEC_DURATIONS.flatMap((key) => {
    const value = spec[key];
    return value === undefined || typeof value === 'string' && value !== '' && PROMETHEUS_DURATION.test(value) ? [] : [{
      field: `prometheus.prometheusSpec.${key}`,
      message: `${JSON.stringify(value)} is no Prometheus duration: the Prometheus CRD refuses the resource the chart renders, so the release never installs`,
      hint: `write a number and a unit, largest unit first: '30s', '1m', '1m30s'${key === 'retention' ? "; or give kubePrometheusStack({ retention }) instead" : ''}`,
    }];
  });
  // Prometheus refuses a configuration whose global timeout outlasts its interval (the operator's default 30s).
  const interval = prometheusDurationMilliseconds(spec.scrapeInterval ?? OPERATOR_SCRAPE_INTERVAL);
  const timeout = prometheusDurationMilliseconds(spec.scrapeTimeout);
  if (problems.length === 0 && interval !== undefined && timeout !== undefined && timeout > interval) {
    problems.push({
      field: 'prometheus.prometheusSpec.scrapeTimeout',
      message: `scrapeTimeout ${String(spec.scrapeTimeout)} is longer than the scrape interval ${String(spec.scrapeInterval ?? OPERATOR_SCRAPE_INTERVAL)}${spec.scrapeInterval === undefined ? " (the operator's default)" : ''}: Prometheus refuses the configuration ("global scrape timeout greater than scrape interval") and never starts`,
      hint: `give a timeout no longer than the interval, or a longer interval (scrapeInterval: '${String(spec.scrapeTimeout)}')`,
    });
  }
  return problems;
}

/**
 * The Alertmanager CRD's pattern for `spec.retention`, a Go duration of hours at most (its `GoDuration` type):
 * Prometheus' days and weeks (`7d`), which `retention` of Prometheus takes, are refused.
 */
const ALERTMANAGER_RETENTION = /^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

/**
 * An Alertmanager retention written as Prometheus' is (`7d`, `2w`) or without a unit (`120`): the Alertmanager CRD
 * takes hours at most, refuses the resource the chart renders, and the release fails to install. Pure.
 */
function alertmanagerRetentionProblems(values: Record<string, unknown>): PropProblem[] {
  const spec = ((values.alertmanager ?? {}) as { alertmanagerSpec?: Record<string, unknown> }).alertmanagerSpec ?? {};
  const retention = spec.retention;
  if (retention === undefined || typeof retention === 'string' && retention !== '' && ALERTMANAGER_RETENTION.test(retention)) {
    return [];
  }
  const days = typeof retention === 'string' ? /^(\d+)([dw])$/.exec(retention) : null;
  return [{
    field: 'alertmanager.alertmanagerSpec.retention',
    message: `${JSON.stringify(retention)} is no retention the Alertmanager CRD takes: it reads a Go duration in hours at most (not Prometheus' days and weeks), refuses the resource the chart renders, and the release never installs`,
    hint: days ? `write it in hours: retention: '${Number(days[1]) * (days[2] === 'w' ? 168 : 24)}h'` : "write a number and a unit of h, m, s or ms, largest first: retention: '120h'",
  }];
}

/**
 * More than one Grafana on its one ReadWriteOnce claim (`grafanaStorage`): the chart's Deployment mounts the
 * same claim in every replica, so a replica on another node never starts (the volume attaches to one node), and
 * two servers on one SQLite file lock each other out. Pure.
 */
function grafanaReplicaProblems(values: Record<string, unknown>): PropProblem[] {
  const grafana = (values.grafana ?? {}) as { replicas?: unknown; persistence?: { enabled?: unknown; accessModes?: unknown } };
  const modes = grafana.persistence?.accessModes;
  const rwo = Array.isArray(modes) && modes.includes('ReadWriteOnce');
  return typeof grafana.replicas === 'number' && grafana.replicas > 1 && grafana.persistence?.enabled === true && rwo ? [{
    field: 'grafana.replicas',
    message: `grafana.replicas ${grafana.replicas} share Grafana's one ReadWriteOnce claim (grafanaStorage): a replica on another node never starts, and two servers on one SQLite database lock each other out`,
    hint: 'keep one Grafana (leave grafana.replicas out); several need a shared database (grafana.ini database settings for PostgreSQL or MySQL) in place of grafanaStorage',
  }] : [];
}

/**
 * Prometheus, Alertmanager and Grafana through the Prometheus operator, from kube-prometheus-stack. Every
 * image of the chart is published for arm64, so the stack may sit on a small arm64 worker.
 */
export function kubePrometheusStack(options: KubePrometheusStackOptions): PlatformComponentProps {
  return checkedComponent(options, CHECK, stack);
}

function stack(options: KubePrometheusStackOptions): PlatformComponentProps {
  const pin = { nodeSelector: options.placement.nodeSelector, tolerations: options.placement.tolerations };
  const namespace = options.namespace ?? MONITORING_STACK_NAMESPACE;
  return {
    name: 'kube-prometheus-stack',
    resources: { setAt: partValuesKeys(KUBE_PROMETHEUS_STACK_PARTS) },
    description: `Prometheus, Alertmanager and Grafana with the Prometheus operator and node-exporter; ${alertDestination(options.alertReceiver)}`,
    namespace,
    network: noNetworkPolicy('node-exporter runs on the host network, which NetworkPolicies do not govern; Prometheus, Grafana, Alertmanager and the operator\'s webhook are reached by users, routes and the API server on ports not listed for this chart version'),
    // node-exporter listens on its node's address, where Prometheus scrapes it.
    hostPorts: [{ port: 9100 }],
    podSecurity: 'privileged',
    podSecurityReason: 'node-exporter reads the host\'s metrics from the host network, PID namespace and root filesystem',
    valuesProblems: (values) => [...alertmanagerRoutingProblems(values), ...stackSmtpHostProblems(values), ...additionalRuleProblems(values), ...grafanaReplicaProblems(values), ...prometheusSpecDurationProblems(values), ...alertmanagerRetentionProblems(values)],
    // The chart's Services, named after the release (the component's name) as its fullname template does.
    services: {
      'kube-prometheus-stack-grafana': [{ port: 80, name: 'http-web' }],
      'kube-prometheus-stack-prometheus': [{ port: 9090, name: 'http-web' }, { port: 8080, name: 'reloader-web' }],
      'kube-prometheus-stack-alertmanager': [{ port: 9093, name: 'http-web' }, { port: 8080, name: 'reloader-web' }],
      'kube-prometheus-stack-operator': [{ port: 443, name: 'https' }],
      'kube-prometheus-stack-kube-state-metrics': [{ port: 8080, name: 'http' }],
      'kube-prometheus-stack-prometheus-node-exporter': [{ port: 9100, name: 'http-metrics' }],
      'prometheus-operated': [{ port: 9090, name: 'http-web' }],
      'alertmanager-operated': [{ port: 9093, name: 'http-web' }, { port: 9094, name: 'tcp-mesh' }],
    },
    ownerSteps: grafanaAdminSteps({
      namespace, deployment: 'kube-prometheus-stack-grafana', secret: options.grafanaAdminSecret, keepsDatabase: options.grafanaStorage !== undefined,
    }),
    readsSecrets: [options.grafanaAdminSecret, ...options.alertReceiver === undefined ? [] : [options.alertReceiver.url.secretName]],
    readsSecretKeys: { [options.grafanaAdminSecret]: { option: 'grafanaAdminSecret', oneOf: [['admin-user', 'admin-password', GRAFANA_SECRET_KEY]] } },
    install: {
      type: 'helm',
      chart: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: KUBE_PROMETHEUS_STACK_PINS.chart },
      values: withPartResources({
        crds: { enabled: true },
        // Its hook jobs (the webhook's certificate) run wherever they can: Helm waits for hooks even when it
        // does not wait for the workloads, and the pinned node may not be up.
        prometheusOperator: pin,
        prometheus: {
          prometheusSpec: {
            ...pin,
            retention: options.retention ?? '7d',
            // A small worker's disk is shared with its system: cap what Prometheus keeps.
            retentionSize: options.retentionSize ?? DEFAULT_RETENTION_SIZE,
            // Pick up every ServiceMonitor, PodMonitor, PrometheusRule, Probe and ScrapeConfig of the lab, not
            // only those that carry the chart's release label.
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            ruleSelectorNilUsesHelmValues: false,
            probeSelectorNilUsesHelmValues: false,
            scrapeConfigSelectorNilUsesHelmValues: false,
            ...options.prometheusStorage === undefined ? {} : {
              storageSpec: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: options.prometheusStorage.size } } } } },
            },
          },
        },
        alertmanager: options.alertReceiver === undefined ? { alertmanagerSpec: pin } : alertmanagerWithReceiver(pin, options.alertReceiver),
        grafana: {
          ...pin,
          ...options.grafanaStorage === undefined ? {} : {
            persistence: { enabled: true, type: 'pvc', accessModes: ['ReadWriteOnce'], size: options.grafanaStorage.size },
            deploymentStrategy: { type: 'Recreate' },
          },
          admin: { existingSecret: options.grafanaAdminSecret, userKey: 'admin-user', passwordKey: 'admin-password' },
          // The chart sets no [security] secret_key: Grafana would encrypt stored secrets with its published default.
          envValueFrom: { GF_SECURITY_SECRET_KEY: { secretKeyRef: { name: options.grafanaAdminSecret, key: GRAFANA_SECRET_KEY } } },
        },
        'kube-state-metrics': pin,
        ...Object.fromEntries((options.unscrapedControlPlane ?? []).map((part) => [CONTROL_PLANE_METRICS_KEYS[part], { enabled: false }])),
      }, KUBE_PROMETHEUS_STACK_PARTS, options.resources),
    },
    ...options.prometheusStorage === undefined && options.grafanaStorage === undefined ? {} : { storageTierOptions: {
      ...options.prometheusStorage === undefined ? {} : {
        prometheusStorage: {
          tier: options.prometheusStorage.tier, storageClassNameAt: `${PROMETHEUS_CLAIM_TEMPLATE}.spec.storageClassName`, size: options.prometheusStorage.size, podHosts: options.placement.hosts,
          notOnNfs: "Prometheus' time-series database needs a POSIX file system: Prometheus does not support NFS, where its blocks may be corrupted beyond repair",
        },
      },
      ...options.grafanaStorage === undefined ? {} : {
        grafanaStorage: {
          tier: options.grafanaStorage.tier, storageClassNameAt: 'grafana.persistence.storageClassName', size: options.grafanaStorage.size, podHosts: options.placement.hosts,
          notOnNfs: "Grafana's SQLite database needs working file locks, which NFS does not guarantee",
        },
      },
    } },
    crds: [...MONITORING_CRDS],
  };
}
