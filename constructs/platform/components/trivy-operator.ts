import type { PropShape } from '../../validation/known-props';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { PART_RESOURCES_SHAPE, partResourcesProblems, partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { servesPorts } from '../component-network';
import { checkedComponent, ComponentOptionsCheck, PLACEMENT_SHAPE, placementProblems } from '../component-options';
import type { RolePlacement } from '../node-role';
import { RESTRICTED_POD_SECURITY } from '../restricted-security';

/** Pinned release of trivy-operator. Renovate reads the comment above each pin. */
export const TRIVY_OPERATOR_PINS = {
  // renovate: datasource=helm depName=trivy-operator registryUrl=https://aquasecurity.github.io/helm-charts/
  chart: '0.18.0',
} as const;

/** Size of the operator, which keeps the cluster's reports and starts the scans: 50m CPU and 128Mi requested, a 512Mi memory limit. */
export const TRIVY_OPERATOR_SIZE: ComponentSize = { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' };

/** Scan jobs at once unless told: a home lab's scanning worker also runs other workloads. */
const DEFAULT_CONCURRENT_SCANS = 2;

const TRIVY_PARTS = { operator: { keys: ['resources'], size: TRIVY_OPERATOR_SIZE } } as const satisfies Record<string, SizedPart>;

/** The part of Trivy Operator a user can size: the operator (its scan jobs keep the chart's sizes). */
export type TrivyOperatorPart = keyof typeof TRIVY_PARTS;

/** Options of the image scanner. */
export interface TrivyOperatorOptions {
  /** Where the operator and its scan jobs run. */
  readonly placement: RolePlacement;
  /** Namespace. @default 'trivy-system' */
  readonly namespace?: string;
  /**
   * Most scan jobs at once (`operator.scanJobsConcurrentLimit`). Each job downloads the vulnerability
   * database and the image it scans, up to the chart's 500M memory limit, and the operator rescans every
   * workload when its reports expire (daily): the chart's 10 at once fill a small worker's memory and disk.
   * @default 2
   */
  readonly concurrentScans?: number;
  /**
   * Requests and limits of the operator, as an App's `resources`, merged key by key into the default.
   * @default - 50m CPU and 128Mi requested, a 512Mi memory limit
   */
  readonly resources?: PartResources<TrivyOperatorPart>;
}

const CHECK: ComponentOptionsCheck<TrivyOperatorOptions> = {
  what: 'trivyOperator()', name: 'trivy-operator',
  shape: { placement: PLACEMENT_SHAPE, namespace: 'namespace', concurrentScans: 'count', resources: PART_RESOURCES_SHAPE } satisfies Record<keyof TrivyOperatorOptions, PropShape>,
  rules: { required: [['placement', "give where the operator and its scans run: placement: rolePlacement(hosts, 'ci-cd') or hostPlacement(host)"]] },
  values: (options) => [...placementProblems('placement', options.placement), ...partResourcesProblems(options.resources, 'resources', TRIVY_PARTS)],
};

/** Trivy Operator: scans the cluster's images and configuration and keeps the reports as objects. */
export function trivyOperator(options: TrivyOperatorOptions): PlatformComponentProps {
  return checkedComponent(options, CHECK, trivy);
}

function trivy(options: TrivyOperatorOptions): PlatformComponentProps {
  return {
    name: 'trivy-operator',
    resources: {
      setAt: partValuesKeys(TRIVY_PARTS),
      chartDefault: 'its scan jobs keep the requests and memory limit of the chart\'s own trivy.resources',
    },
    description: 'Trivy Operator, vulnerability and configuration scans of the cluster\'s workloads',
    namespace: options.namespace ?? 'trivy-system',
    network: servesPorts(
      { port: 4954, purpose: 'built-in Trivy server, called by the scan jobs (when enabled)' },
      { port: 8080, purpose: 'metrics of the operator' },
      { port: 9090, purpose: 'health of the operator, checked by the kubelet' },
    ),
    install: {
      type: 'helm',
      chart: { repository: 'https://aquasecurity.github.io/helm-charts/', chart: 'trivy-operator', version: TRIVY_OPERATOR_PINS.chart },
      values: withPartResources({
        nodeSelector: options.placement.nodeSelector,
        tolerations: options.placement.tolerations,
        // The restricted level of its namespace: the operator's pod and its scan jobs' pods run as non-root
        // with a seccomp profile (the chart sets neither; its containers already drop every capability).
        podSecurityContext: RESTRICTED_POD_SECURITY,
        trivyOperator: {
          scanJobNodeSelector: options.placement.nodeSelector, scanJobTolerations: options.placement.tolerations,
          scanJobPodTemplatePodSecurityContext: { ...RESTRICTED_POD_SECURITY, runAsUser: 10000, runAsGroup: 10000 },
        },
        // Infrastructure assessment runs node-collector jobs with the host's PID namespace and its files
        // as root, which no restricted namespace admits.
        operator: { infraAssessmentScannerEnabled: false, scanJobsConcurrentLimit: options.concurrentScans ?? DEFAULT_CONCURRENT_SCANS },
      }, TRIVY_PARTS, options.resources),
    },
    crds: [{ group: 'aquasecurity.github.io', kinds: ['ClusterComplianceReport', 'ClusterConfigAuditReport', 'ClusterInfraAssessmentReport', 'ClusterRbacAssessmentReport', 'ClusterSbomReport', 'ClusterVulnerabilityReport', 'ConfigAuditReport', 'ExposedSecretReport', 'InfraAssessmentReport', 'RbacAssessmentReport', 'SbomReport', 'VulnerabilityReport'] }],
  };
}
