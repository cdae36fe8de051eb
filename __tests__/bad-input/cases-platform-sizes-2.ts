import { ClusterChart, crossplane, gatekeeper, openTelemetryClusterCollector, openTelemetryNodeCollector } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The components the cluster brings itself (cert-manager, the External Secrets Operator, Sealed Secrets,
// external-dns, the Tailscale operator, Gatekeeper, Crossplane, KubeVirt and CDI, OpenEBS ZFS, Multus) are
// sized by part through the cluster's `componentResources`, and the OpenTelemetry collectors through their
// factories' `resources`, checked as an App's `resources` are. Before, each of these was an unknown prop
// whose hint named other components, or a size no check saw.

/** A cluster `edge` with `componentResources`; the finding is on the cluster's `field`. */
const sized = (name: string, componentResources: Record<string, unknown>, field: string, hint: RegExp): BadInput => ({
  name, hint,
  build: guarded((_c, root) => labCluster(root, 'edge', { componentResources } as any)),
  layer: 'props', path: 'edge', field: `componentResources.${field}`,
});
/** A component asked for on `lab/main` by `require`; the finding is on `components.<name>.<field>`. */
const required = (name: string, build: () => unknown, component: string, field: string, hint: RegExp): BadInput => ({
  name, hint,
  build: guarded((cluster: ClusterChart) => {
    cluster.platform.require(build() as any);
  }),
  layer: 'props', path: 'platform', field: `components.${component}.${field}`,
});
const otlp = { endpoint: 'otel-gateway.lab.test:4317' };

export const CASES: BadInput[] = [
  // 1. Parts, by the names the component gives them (the hint lists them)
  sized("cert-manager's CA injector misspelt", { certManager: { cainjecter: { memoryLimit: '512Mi' } } },
    'certManager.cainjecter', /did you mean "cainjector".*controller, webhook, cainjector, startupApiCheck/),
  sized('Gatekeeper sized by its chart key controllerManager', { gatekeeper: { controllerManager: { memoryRequest: '128Mi' } } },
    'gatekeeper.controllerManager', /controller, audit/),
  sized("Crossplane's RBAC manager written as its pod name", { crossplane: { 'rbac-manager': { memoryLimit: '256Mi' } } },
    'crossplane.rbac-manager', /did you mean "rbacManager"/),
  sized("the ZFS node plugin sized by its chart key zfsNode", { openEbsZfs: { zfsNode: { memoryLimit: '512Mi' } } },
    'openEbsZfs.zfsNode', /controller, node/),
  sized('Multus sized by its own name', { multus: { multus: { memoryLimit: '1Gi' } } },
    'multus.multus', /the parts are daemon/),
  sized('external-dns sized by its chart name', { externalDns: { 'external-dns': { memoryLimit: '256Mi' } } },
    'externalDns.external-dns', /externalDns/),
  // 2. One size for the whole component, or Kubernetes' form
  sized('Sealed Secrets sized for the whole component', { sealedSecrets: { memoryLimit: '256Mi' } },
    'sealedSecrets', /sealedSecrets: \{ controller: \{ memoryLimit: '256Mi' \} \}/),
  sized("the KubeVirt operator sized in Kubernetes' form", { kubeVirt: { operator: { requests: { memory: '1Gi' } } } },
    'kubeVirt.operator', /memoryRequest: '1Gi'/),
  // 3. Amounts, as an App's resources take them
  sized("a cert-manager webhook's memory in Docker's units", { certManager: { webhook: { memoryLimit: '128MB' } } },
    'certManager.webhook.memoryLimit', /128Mi/),
  sized("the External Secrets cert controller asking for more memory than its limit", { externalSecretsOperator: { certController: { memoryRequest: '512Mi', memoryLimit: '256Mi' } } },
    'externalSecretsOperator.certController.memoryRequest', /at most 256Mi|raise/),
  sized('Tailscale proxies given 500 cores for 500 millicores', { tailscaleOperator: { proxy: { cpuRequest: '500' } } },
    'tailscaleOperator.proxy.cpuRequest', /500m/),
  sized("the CDI operator's memory as a bare number", { cdi: { operator: { memoryLimit: 512 } } },
    'cdi.operator.memoryLimit', /Mi/),
  // 4. The factories a user calls
  required("the node collector's CPU limit below its request", () => openTelemetryNodeCollector({ export: otlp, resources: { collector: { cpuRequest: '1', cpuLimit: '500m' } } }),
    'otel-node-collector', 'resources.collector.cpuRequest', /at most 500m|raise/),
  required('the cluster collector sized for the whole component', () => openTelemetryClusterCollector({ export: otlp, resources: { memoryLimit: '512Mi' } } as any),
    'otel-cluster-collector', 'resources', /resources: \{ collector: \{ memoryLimit: '512Mi' \} \}/),
  required('Gatekeeper asked for with a part named webhook', () => gatekeeper({ resources: { webhook: { memoryLimit: '1Gi' } } } as any),
    'gatekeeper', 'resources.webhook', /controller, audit/),
  required("Crossplane asked for with its core's memory in Docker's units", () => crossplane({ resources: { crossplane: { memoryLimit: '1GB' } } }),
    'crossplane', 'resources.crossplane.memoryLimit', /1Gi/),
];
