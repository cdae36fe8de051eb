import type { ComponentProvides, PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import { servesPorts } from '../component-network';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';

/** Name of the metrics-server component. */
export const METRICS_SERVER_COMPONENT = 'metrics-server';

/** The aggregated API metrics-server serves: the resource metrics API that autoscalers read (`kubectl top` too). */
export const RESOURCE_METRICS_API_SERVICE = 'v1beta1.metrics.k8s.io';

/** The name of the charts that install metrics-server (kubernetes-sigs', and Bitnami's of the same name). */
const METRICS_SERVER_CHART = 'metrics-server';

/**
 * What a chart release of `chart` provides: `provides` as given, with the resource metrics API added for a
 * metrics-server chart, which serves it (the owner's own release, K3s' packaged one switched off). Pure.
 */
export function chartReleaseProvides(chart: { readonly chart: string }, provides: ComponentProvides | undefined): ComponentProvides | undefined {
  if (chart.chart !== METRICS_SERVER_CHART || provides?.apiServices?.includes(RESOURCE_METRICS_API_SERVICE) === true) {
    return provides;
  }
  return { ...provides, apiServices: [...provides?.apiServices ?? [], RESOURCE_METRICS_API_SERVICE] };
}

/** Pinned release of the kubernetes-sigs metrics-server chart. Renovate reads the comment above each pin. */
export const METRICS_SERVER_PINS = {
  // renovate: datasource=helm depName=metrics-server registryUrl=https://kubernetes-sigs.github.io/metrics-server
  chart: '3.13.0',
} as const;

/**
 * Size of metrics-server, which holds the last CPU and memory reading of every pod: the chart's own requests
 * (100m CPU, 200Mi), and a 400Mi memory limit.
 */
export const METRICS_SERVER_SIZE: ComponentSize = { cpuRequest: '100m', memoryRequest: '200Mi', memoryLimit: '400Mi' };

/** The user the chart runs metrics-server as. */
const METRICS_SERVER_UID = 1000;

/** The port metrics-server serves the metrics API on (the chart's `containerPort`), which the API server calls. */
const METRICS_SERVER_PORT = 10250;

/**
 * kubernetes-sigs' metrics-server: reads each kubelet's resource use and serves it as the resource metrics API
 * (APIService `v1beta1.metrics.k8s.io`), which a HorizontalPodAutoscaler's Resource metrics and KEDA's cpu and
 * memory triggers read. The cluster brings it when an autoscaler needs that API and its distribution has none.
 * It verifies the kubelets' serving certificates against the cluster CA (no `--kubelet-insecure-tls`): on Talos
 * the kubelets then ask the cluster CA for theirs and `kubeletCsrApprover()` approves them, as Talos' guide
 * "Deploying Metrics Server" sets it up.
 */
export function metricsServerComponent(): PlatformComponentProps {
  return {
    name: METRICS_SERVER_COMPONENT,
    description: 'metrics-server: serves the resource metrics API (metrics.k8s.io) that autoscalers read',
    namespace: 'metrics-server',
    network: servesPorts({ port: METRICS_SERVER_PORT, purpose: 'the resource metrics API, which the API server calls' }),
    install: {
      type: 'helm',
      chart: { repository: 'https://kubernetes-sigs.github.io/metrics-server', chart: 'metrics-server', version: METRICS_SERVER_PINS.chart },
      values: withResourceValues({
        apiService: { create: true },
        podSecurityContext: { ...RESTRICTED_POD_SECURITY, runAsUser: METRICS_SERVER_UID },
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY, runAsNonRoot: true, runAsUser: METRICS_SERVER_UID, readOnlyRootFilesystem: true },
      }, ['resources'], METRICS_SERVER_SIZE),
    },
    resources: { setAt: ['values.resources'] },
    provides: { apiServices: [RESOURCE_METRICS_API_SERVICE] },
    verifiesKubeletCertificates: true,
  };
}
