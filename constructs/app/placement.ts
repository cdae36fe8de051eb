import type { IConstruct } from 'constructs';
import type { Host } from '../inventory/host';
import type { ResolvedPlacement } from '../inventory/placement';
import { reportFinding } from '../validation/finding';
import { sortKeys } from './plain';
import type { AppController } from './controller';
import type { ClusterChart } from '../platform/cluster-chart';

/** The pod-spec fields that pin a workload to its allowed hosts. */
export interface PlacementRendering {
  /** `kubernetes.io/hostname` of the one allowed host. @default - not pinned by selector */
  readonly nodeSelector?: Record<string, string>;
  /** Required (and preferred) node affinity on host names. @default - no affinity */
  readonly affinity?: Record<string, unknown>;
  /** Tolerations for the taints of the allowed hosts. @default - none */
  readonly tolerations?: Array<Record<string, string>>;
}

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** The toleration of every taint, as node agents (node-exporter, Cilium's agent) carry it. */
export const EVERY_TAINT: Readonly<Record<string, string>> = { operator: 'Exists' };

/**
 * The pod's tolerations: every taint for a DaemonSet that runs on every node (`everyNode`), else those of
 * the hosts its placement chose.
 */
export function tolerationsOf(controller: AppController, placed: PlacementRendering['tolerations']): PlacementRendering['tolerations'] {
  return controller.kind === 'DaemonSet' && controller.props?.everyNode === true ? [EVERY_TAINT] : placed;
}

/** The ways a workload that may run on exactly one host is pinned to it. */
export const PIN_STYLES = ['nodeSelector', 'nodeAffinity'] as const;

/** How a workload that may run on exactly one host is pinned to it. */
export type PinStyle = typeof PIN_STYLES[number];

/**
 * Renders a resolved placement: one allowed host becomes a nodeSelector (a registry pinned to its dedicated host) unless
 * `pinWith` asks for a node affinity, several a required node affinity on host names, a preference a weighted preferred term. Taints of the allowed
 * hosts are tolerated, since the placement chose them on purpose.
 */
export function renderPlacement(placement: ResolvedPlacement, pinWith: PinStyle = 'nodeSelector'): PlacementRendering {
  if (placement.candidates.length === 0) {
    return {};
  }
  const preferredTerms = (host: Host<any, any>) =>
    [{ weight: 100, preference: { matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [host.nodeName] }] } }];
  if (!placement.constrained) {
    // Every host is allowed, so nothing is required: a preference alone is still a preference.
    return placement.preferred ? { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferredTerms(placement.preferred) } } } : {};
  }
  // A handful of names: sortKeys sorts them in place, as sort() would, without its work array.
  const names = sortKeys(placement.candidates.map((h) => h.nodeName));
  const tolerations = placement.tolerations.map((t) => ({
    key: t.key,
    operator: t.value === undefined ? 'Exists' : 'Equal',
    ...(t.value === undefined ? {} : { value: t.value }),
    effect: t.effect,
  }));
  const preferred = placement.preferred && (names.length > 1 || pinWith === 'nodeAffinity') ? preferredTerms(placement.preferred) : undefined;
  const base = tolerations.length > 0 ? { tolerations } : {};
  if (names.length === 1 && pinWith === 'nodeSelector') {
    return { ...base, nodeSelector: { [HOSTNAME_LABEL]: names[0] } };
  }
  return {
    ...base,
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: names }] }],
        },
        ...(preferred ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
      },
    },
  };
}

/**
 * Reports on `scope` each requirement of `placement` that no host of the cluster meets (`clusterName` with its
 * `hosts`) under the sub-field it comes from (`placement.workloadRole`; a GPU under `gpuField`), requirements
 * met alone but not together under `field`, and under `placement.<sub-field>` each sub-field that cannot be
 * met as written.
 */
export function reportUnmetPlacement(
  scope: IConstruct, placement: ResolvedPlacement, field: string, clusterName: string, hosts: readonly Host<any, any>[], gpuField = `${field}.gpu`,
): void {
  for (const problem of placement.misplaced) {
    reportFinding(scope, { layer: 'inventory', severity: 'error', field: `placement.${problem.field}`, message: problem.message, hint: problem.hint });
  }
  // A cluster with no host is reported once, on its hosts: every placement in it is unmet for that one reason.
  for (const requirement of hosts.length === 0 ? [] : placement.unmet) {
    // Named where the user wrote it: an App's `gpu` is its own prop, the rest are sub-fields of its placement.
    const at = requirement.field === undefined ? field : requirement.field === 'gpu' ? gpuField : `placement.${requirement.field}`;
    reportFinding(scope, {
      layer: 'inventory', severity: 'error', field: at,
      message: `no host of cluster "${clusterName}" has ${requirement.text}`,
      hint: requirement.hint ?? `hosts of this cluster: ${hosts.map((h) => h.name).join(', ')}`,
    });
  }
}

/**
 * Reports on `scope`'s `placement` (`placement.host` when it names one host) a placement whose every allowed host
 * carries a taint the cluster's distribution puts on control-plane nodes (Talos without
 * `allowSchedulingOnControlPlanes`): the placement chose hosts the pod is never scheduled on. Read once the
 * cluster is prepared, when its distribution is known.
 */
export function reportDistributionTaintedPlacement(scope: IConstruct, placement: ResolvedPlacement, field: string, cluster: ClusterChart): void {
  if (!placement.constrained || placement.candidates.length === 0) {
    return;
  }
  cluster.onPrepare(() => {
    const blocked = placement.candidates.map((h) => [h, cluster.nodeTaints(h).filter((t) => t.effect !== 'PreferNoSchedule' && !h.taints.includes(t))] as const);
    if (blocked.every(([, taints]) => taints.length > 0)) {
      const names = blocked.map(([h]) => h.name).join(', ');
      const keys = [...new Set(blocked.flatMap(([, taints]) => taints.map((t) => t.key)))].join(', ');
      reportFinding(scope, {
        layer: 'inventory', severity: 'error', field,
        message: `every host the placement allows (${names}) is a control-plane node the distribution of cluster "${cluster.clusterName}" taints ${keys}, so the pod is never scheduled`,
        hint: 'place the workload on a worker host, or let control planes run workloads (talos({ allowSchedulingOnControlPlanes: true }))',
      });
    }
  });
}
