import type { ClusterChart } from './cluster-chart';
import { kubeletCsrApprover, KUBELET_CSR_APPROVER_COMPONENT } from './components/kubelet-csr-approver';
import { reportFinding } from '../validation/finding';
import { addTalosMachinePatch } from './talos-plan';
import type { TalosPatch } from './talos-steps';

// A Talos kubelet serves a certificate it signed itself, which no client can verify: a collector that reads
// the kubelets' stats fails its TLS check on every node. With serving-certificate rotation on, the kubelet
// asks the cluster CA for one instead, and an approver in the cluster approves the requests of the
// cluster's own nodes (Talos docs, "Deploying Metrics Server").

/** The kubelet serving-certificate option of `talos()`. */
export interface TalosKubeletCertificatesProps {
  /**
   * Whether each kubelet asks the cluster CA for its serving certificate (`rotate-server-certificates` in
   * every node's machine config), and the cluster installs `kubeletCsrApprover()` for its nodes' requests, so
   * that clients of the kubelet API (a metrics collector) can verify it. `false` keeps the certificates the
   * kubelets sign themselves: a component that verifies them (`openTelemetryNodeCollector()` by default) is
   * then an error.
   * @default - on when a component of the cluster verifies the kubelets' certificates
   */
  readonly kubeletServingCertificates?: boolean;
}

/** The machine-config change that has each kubelet's serving certificate signed by the cluster CA. */
export const TALOS_KUBELET_SERVING_ROTATION: TalosPatch = {
  what: "the kubelet asks the cluster CA for its serving certificate, which kubelet-csr-approver approves for the cluster's own nodes, "
    + "so that clients of the kubelet API verify it (machine.kubelet.extraArgs.rotate-server-certificates); until the approver runs, kubectl logs and exec "
    + 'reach no kubelet',
  patch: { machine: { kubelet: { extraArgs: { 'rotate-server-certificates': true } } } },
};

/** Whether a component of `cluster` verifies the kubelets' serving certificates. */
function verifyingComponents(cluster: ClusterChart): string[] {
  return cluster.platform.components.filter((c) => c.props.verifiesKubeletCertificates === true).map((c) => c.name);
}

/** Turns serving-certificate rotation on for `cluster`'s nodes and installs the approver of their requests. */
export function useKubeletServingCertificates(cluster: ClusterChart): void {
  addTalosMachinePatch(cluster, TALOS_KUBELET_SERVING_ROTATION);
  if (!cluster.platform.has(KUBELET_CSR_APPROVER_COMPONENT)) {
    cluster.platform.require(kubeletCsrApprover({ nodes: cluster.hosts.map((h) => ({ name: h.nodeName, address: h.address })) }));
  }
}

/**
 * Once every component is declared: rotation on where a component verifies the kubelets' certificates and
 * `kubeletServingCertificates` leaves it open (then `replan` makes the steps again, with the patch), and an
 * error where the option turns it off.
 */
export function checkKubeletServingCertificates(cluster: ClusterChart, field: string, props: TalosKubeletCertificatesProps, replan: () => void): void {
  const verifying = verifyingComponents(cluster);
  if (verifying.length === 0 || props.kubeletServingCertificates === true) {
    return;
  }
  if (props.kubeletServingCertificates === false) {
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: `${field}.kubeletServingCertificates`,
      message: `talos({ kubeletServingCertificates: false }) keeps the certificates the kubelets sign themselves, and ${verifying.join(', ')} verifies them `
        + 'against the cluster CA: every call to a kubelet would fail its TLS check, and the node and pod metrics would never arrive',
      hint: "leave kubeletServingCertificates out (or true), so that the cluster CA signs the kubelets' certificates; or state why they go unverified, "
        + "e.g. openTelemetryNodeCollector({ …, exemptions: { unverifiedKubeletTls: '…' } })",
    });
    return;
  }
  useKubeletServingCertificates(cluster);
  replan();
}
