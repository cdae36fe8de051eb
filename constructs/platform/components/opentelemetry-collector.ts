import { EVERY_TAINT } from '../../app/placement';
import type { PropProblem, PropShape } from '../../validation/known-props';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import type { NetworkPeer } from '../network-policy';
import { noNetworkPolicy } from '../component-network';
import { PART_RESOURCES_SHAPE, partResourcesProblems, partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { checkedComponent, ComponentOptionsCheck } from '../component-options';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';
import { otlpEndpointProblems } from '../otlp-endpoint';
import { pemCertificateProblems } from '../../validation/pem-certificates';
import { EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX } from '../../app/security';

/** Pinned release of the OpenTelemetry Collector chart and the collector image. Renovate reads the comment above each pin. */
export const OPENTELEMETRY_COLLECTOR_PINS = {
  // renovate: datasource=helm depName=opentelemetry-collector registryUrl=https://open-telemetry.github.io/opentelemetry-helm-charts
  chart: '0.108.0',
  // renovate: datasource=docker depName=otel/opentelemetry-collector-k8s
  image: '0.111.0',
} as const;

/** Size of the per-node collector, which tails every container's logs: 100m CPU and 256Mi requested, a 512Mi memory limit. */
export const OTEL_NODE_COLLECTOR_SIZE: ComponentSize = { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '512Mi' };

/** Size of the cluster collector, which reads the API server only: 50m CPU and 128Mi requested, a 256Mi memory limit. */
export const OTEL_CLUSTER_COLLECTOR_SIZE: ComponentSize = { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '256Mi' };

// The chart's key of the collector container, read in its values.yaml.
const NODE_PARTS = { collector: { keys: ['resources'], size: OTEL_NODE_COLLECTOR_SIZE } } as const satisfies Record<string, SizedPart>;
const CLUSTER_PARTS = { collector: { keys: ['resources'], size: OTEL_CLUSTER_COLLECTOR_SIZE } } as const satisfies Record<string, SizedPart>;

/** The part of a collector a user can size: the `collector` container. */
export type OpenTelemetryCollectorPart = keyof typeof NODE_PARTS & keyof typeof CLUSTER_PARTS;

/** Where the collectors send everything. */
export interface OtlpExportTarget {
  /**
   * OTLP/gRPC endpoint as `host:port`, e.g. `otel-gateway.example.org:4317` (a collector's gRPC receiver
   * listens on 4317; OTLP/HTTP's 4318 is not it), or `https://host[:port]` (443 without one). No `http://`:
   * plain gRPC is `insecure: true`.
   */
  readonly endpoint: string;
  /** Whether the endpoint speaks plain gRPC (inside a trusted network). @default false */
  readonly insecure?: boolean;
  /**
   * PEM of the CA that signs the gateway's TLS certificate when no public CA does (a lab CA such as step-ca):
   * the collectors then trust these certificates alone for it (the exporter's `tls.ca_pem`). Not with
   * `insecure: true`, which has no certificate to check.
   * @default - the system's public roots
   */
  readonly caBundle?: string;
}

/** Options shared by both collectors. */
export interface OpenTelemetryCollectorOptions {
  /** The OTLP gateway every signal is exported to. */
  readonly export: OtlpExportTarget;
  /** Namespace. @default 'opentelemetry' */
  readonly namespace?: string;
  /**
   * Requests and limits of the collector (`collector`), as an App's `resources`, merged key by key into the
   * default. @default - the node collector 100m CPU and 256Mi requested with a 512Mi memory limit; the
   * cluster collector 50m, 128Mi and 256Mi
   */
  readonly resources?: PartResources<OpenTelemetryCollectorPart>;
}

/** Departures of the node collector from verifying everything it connects to, each with its reason. */
export interface OpenTelemetryNodeCollectorExemptions {
  /**
   * Why the kubeletstats receiver skips the verification of the kubelets' serving certificates
   * (`insecure_skip_verify`), for kubelets that sign their own and a cluster that cannot have the cluster CA
   * sign them. Written as the annotation `security.homelab.dev/unverified-kubelet-tls` of the collector's pods
   * and into its description in the cluster README. On Talos the cluster has the CA sign them instead
   * (serving-certificate rotation and an approver), which needs no exemption.
   * @default - verified against the cluster CA
   */
  readonly unverifiedKubeletTls?: string;
}

/** Options of the per-node collector. */
export interface OpenTelemetryNodeCollectorOptions extends OpenTelemetryCollectorOptions {
  /** Departures from the secure defaults, each with its reason. @default - none */
  readonly exemptions?: OpenTelemetryNodeCollectorExemptions;
}

/** Pod annotation of the `unverifiedKubeletTls` exemption. */
export const UNVERIFIED_KUBELET_TLS_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}unverified-kubelet-tls`;

/**
 * Why the node collector runs as root, written as its pods' `run-as-root` annotation: the container runtime
 * writes every container's log readable by root alone (mode 0640, owner root; Talos keeps /var/log itself at
 * 0700), so the image's user 10001 could open none of them and the logs pipeline would carry no container log.
 */
export const NODE_COLLECTOR_ROOT_REASON = "the filelog receiver reads the containers' logs, which the container runtime leaves readable by root alone (0640 under /var/log/pods)";

const SHAPE = {
  export: { endpoint: 'string', insecure: 'boolean', caBundle: 'string' } satisfies Record<keyof OtlpExportTarget, PropShape>,
  namespace: 'namespace',
  resources: PART_RESOURCES_SHAPE,
} satisfies Record<keyof OpenTelemetryCollectorOptions, PropShape>;

const NODE_SHAPE = {
  ...SHAPE,
  exemptions: { unverifiedKubeletTls: 'string' } satisfies Record<keyof OpenTelemetryNodeCollectorExemptions, PropShape>,
} satisfies Record<keyof OpenTelemetryNodeCollectorOptions, PropShape>;

const REQUIRED: ReadonlyArray<readonly [string, string]> = [
  ['export', "give the OTLP gateway: export: { endpoint: 'otel-gateway.example.org:4317' }"],
  ['export.endpoint', "give the gateway's OTLP/gRPC address as host:port, e.g. 'otel-gateway.example.org:4317'"],
];

const commonProblems = (options: OpenTelemetryCollectorOptions) => [
  ...otlpEndpointProblems(options.export.endpoint, 'export.endpoint', options.export.insecure), ...exportCaProblems(options.export),
  ...partResourcesProblems(options.resources, 'resources', NODE_PARTS),
];

/** A CA bundle that is no certificate, or one given to a plain-gRPC export, which checks no certificate. Pure. */
function exportCaProblems(target: OtlpExportTarget): PropProblem[] {
  if (target.caBundle !== undefined && target.insecure === true) {
    return [{
      field: 'export.caBundle', message: 'export.caBundle is given with insecure: true, and plain gRPC checks no certificate, so the CA would trust nothing',
      hint: 'leave insecure out for a gateway that serves TLS with a certificate of that CA, or leave caBundle out for plain gRPC',
    }];
  }
  return pemCertificateProblems('export.caBundle', target.caBundle);
}

const checkOf = (what: string, name: string): ComponentOptionsCheck<OpenTelemetryCollectorOptions> => ({
  what, name, shape: SHAPE, rules: { required: REQUIRED }, values: commonProblems,
});

const NODE_CHECK: ComponentOptionsCheck<OpenTelemetryNodeCollectorOptions> = {
  what: 'openTelemetryNodeCollector()', name: 'otel-node-collector', shape: NODE_SHAPE, rules: { required: REQUIRED },
  values: (options) => [
    ...commonProblems(options),
    // An exemption without its reason would be an annotation that explains nothing.
    ...(typeof options.exemptions?.unverifiedKubeletTls === 'string' && options.exemptions.unverifiedKubeletTls.trim() === '' ? [{
      field: 'exemptions.unverifiedKubeletTls',
      message: "the exemption is empty, and its reason is what the collector's pods and the cluster README say about kubelets it does not verify",
      hint: "say why the kubelets' certificates cannot be verified, e.g. unverifiedKubeletTls: 'the kubelets sign their own serving certificates, and the distribution cannot have the cluster CA sign them'; or leave the exemption out to verify them",
    }] : []),
  ],
};

const CHART = { repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts', chart: 'opentelemetry-collector', version: OPENTELEMETRY_COLLECTOR_PINS.chart };

function exporters(target: OtlpExportTarget): Record<string, unknown> {
  const tls = { insecure: target.insecure ?? false, ...(target.caBundle === undefined ? {} : { ca_pem: target.caBundle }) };
  return { otlp: { endpoint: target.endpoint, tls } };
}

/**
 * The per-node collector (DaemonSet): node and pod metrics from the kubelet, pod metrics scraped from
 * annotated pods, container logs from the node, and OTLP from apps; everything goes out over OTLP. It
 * tolerates every taint, so it runs on tainted hosts and control-plane nodes too.
 */
export function openTelemetryNodeCollector(options: OpenTelemetryNodeCollectorOptions): PlatformComponentProps {
  return checkedComponent(options, NODE_CHECK, nodeCollector);
}

/** Helm release of the per-node collector, whose name its pods carry as `app.kubernetes.io/instance`. */
const NODE_COLLECTOR_RELEASE = 'otel-node';

/**
 * The per-node collector's pods in `namespace` (the collector's `namespace` option), as a peer of a network
 * policy: they scrape the annotated pods, so a policy of scraped pods admits them.
 */
export function openTelemetryNodeCollectorPods(namespace: string): NetworkPeer {
  return { namespace, podLabels: { 'app.kubernetes.io/instance': NODE_COLLECTOR_RELEASE } };
}

function nodeCollector(options: OpenTelemetryNodeCollectorOptions): PlatformComponentProps {
  const unverified = options.exemptions?.unverifiedKubeletTls;
  return {
    name: 'otel-node-collector',
    description: 'OpenTelemetry Collector DaemonSet: kubeletstats, prometheus, filelog and otlp receivers, exported over OTLP'
      + (unverified === undefined ? '' : `; the kubelets' serving certificates are not verified: ${unverified}`),
    namespace: options.namespace ?? 'opentelemetry',
    network: noNetworkPolicy('apps and nodes push telemetry to receivers whose ports the collector configuration chooses, not listed as policy ports'),
    podSecurity: 'privileged',
    podSecurityReason: 'the filelog receiver reads container logs from the node through a hostPath mount, as root: the runtime leaves them readable by root alone',
    // The kubeletstats receiver checks each kubelet's serving certificate against the cluster CA.
    ...(unverified === undefined ? { verifiesKubeletCertificates: true } : {}),
    install: {
      type: 'helm',
      chart: CHART,
      releaseName: NODE_COLLECTOR_RELEASE,
      values: withPartResources({
        mode: 'daemonset',
        image: { repository: 'otel/opentelemetry-collector-k8s', tag: OPENTELEMETRY_COLLECTOR_PINS.image },
        // A node agent: without it the pods skip every tainted node (a Talos control plane, a host the
        // inventory taints), and those nodes' metrics and logs go missing. The chart sets none by default.
        tolerations: [EVERY_TAINT],
        // Root reads the logs as their owner, with no capability: every one is dropped, and nothing escalates.
        // The chart sets no security contexts at all, and the image's own user cannot open a container's log.
        podSecurityContext: { runAsNonRoot: false, runAsUser: 0, runAsGroup: 0, seccompProfile: { type: 'RuntimeDefault' } },
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY, readOnlyRootFilesystem: true },
        podAnnotations: {
          [`${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.runAsRoot}`]: NODE_COLLECTOR_ROOT_REASON,
          ...(unverified === undefined ? {} : { [UNVERIFIED_KUBELET_TLS_ANNOTATION]: unverified }),
        },
        presets: { kubeletMetrics: { enabled: true }, logsCollection: { enabled: true }, kubernetesAttributes: { enabled: true } },
        config: {
          receivers: {
            // Merged into the preset's receiver: written out, so that the verification is seen in the output.
            kubeletstats: { insecure_skip_verify: unverified !== undefined },
            otlp: { protocols: { grpc: { endpoint: '${env:MY_POD_IP}:4317' }, http: { endpoint: '${env:MY_POD_IP}:4318' } } },
            prometheus: {
              config: {
                scrape_configs: [{
                  job_name: 'annotated-pods',
                  kubernetes_sd_configs: [{ role: 'pod', selectors: [{ role: 'pod', field: 'spec.nodeName=${env:K8S_NODE_NAME}' }] }],
                  relabel_configs: [
                    { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], action: 'keep', regex: 'true' },
                    { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], action: 'replace', target_label: '__metrics_path__', regex: '(.+)' },
                    // The port the pod names for its metrics (GitLab's exporters name theirs), not each port it
                    // declares; `$$` is the collector's escape of a `$` that Prometheus is to read.
                    {
                      source_labels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'], action: 'replace', target_label: '__address__',
                      regex: '([^:]+)(?::\\d+)?;(\\d+)', replacement: '$$1:$$2',
                    },
                  ],
                }],
              },
            },
          },
          exporters: exporters(options.export),
          service: {
            pipelines: {
              metrics: { receivers: ['kubeletstats', 'prometheus', 'otlp'], processors: ['k8sattributes', 'memory_limiter', 'batch'], exporters: ['otlp'] },
              logs: { receivers: ['filelog', 'otlp'], processors: ['k8sattributes', 'memory_limiter', 'batch'], exporters: ['otlp'] },
              traces: { receivers: ['otlp'], processors: ['k8sattributes', 'memory_limiter', 'batch'], exporters: ['otlp'] },
            },
          },
        },
      }, NODE_PARTS, options.resources),
    },
    resources: { setAt: partValuesKeys(NODE_PARTS) },
  };
}

/** The cluster collector (one Deployment): cluster-level metrics and Kubernetes events, exported over OTLP. */
export function openTelemetryClusterCollector(options: OpenTelemetryCollectorOptions): PlatformComponentProps {
  return checkedComponent(options, checkOf('openTelemetryClusterCollector()', 'otel-cluster-collector'), clusterCollector);
}

function clusterCollector(options: OpenTelemetryCollectorOptions): PlatformComponentProps {
  return {
    name: 'otel-cluster-collector',
    description: 'OpenTelemetry Collector Deployment: cluster metrics and Kubernetes events, exported over OTLP',
    namespace: options.namespace ?? 'opentelemetry',
    network: noNetworkPolicy('apps and nodes push telemetry to receivers whose ports the collector configuration chooses, not listed as policy ports'),
    install: {
      type: 'helm',
      chart: CHART,
      releaseName: 'otel-cluster',
      values: withPartResources({
        mode: 'deployment',
        // One replica: two would report every cluster metric and event twice.
        replicaCount: 1,
        image: { repository: 'otel/opentelemetry-collector-k8s', tag: OPENTELEMETRY_COLLECTOR_PINS.image },
        // The chart sets no security contexts at all; the collector image runs as the non-root user
        // 10001, and this one reads only the API server, so it fits a namespace at `restricted`.
        podSecurityContext: { ...RESTRICTED_POD_SECURITY, runAsUser: 10001, runAsGroup: 10001 },
        securityContext: RESTRICTED_CONTAINER_SECURITY,
        presets: { clusterMetrics: { enabled: true }, kubernetesEvents: { enabled: true } },
        config: {
          exporters: exporters(options.export),
          service: {
            pipelines: {
              metrics: { receivers: ['k8s_cluster'], processors: ['memory_limiter', 'batch'], exporters: ['otlp'] },
              logs: { receivers: ['k8sobjects'], processors: ['memory_limiter', 'batch'], exporters: ['otlp'] },
            },
          },
        },
      }, CLUSTER_PARTS, options.resources),
    },
    resources: { setAt: partValuesKeys(CLUSTER_PARTS) },
  };
}
