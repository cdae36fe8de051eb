import { requiredArgument } from '../component-arguments';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import { servesPorts } from '../component-network';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';
import { parseIpAddress } from '../../inventory/ip-address';

/** Name of the kubelet serving-certificate approver component. */
export const KUBELET_CSR_APPROVER_COMPONENT = 'kubelet-csr-approver';

/** Pinned release of postfinance's kubelet-csr-approver chart. Renovate reads the comment above each pin. */
export const KUBELET_CSR_APPROVER_PINS = {
  // renovate: datasource=helm depName=kubelet-csr-approver registryUrl=https://postfinance.github.io/kubelet-csr-approver
  chart: '1.2.11',
} as const;

/** Size of the approver, which watches CertificateSigningRequests: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const KUBELET_CSR_APPROVER_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/** The image's non-root user (distroless `nonroot`). */
const NONROOT_UID = 65532;

/** A cluster node whose kubelet asks for a serving certificate. */
export interface KubeletCsrApproverNode {
  /** Its Kubernetes node name, which the kubelet's request names (`system:node:<name>`) and puts in the certificate. */
  readonly name: string;
  /** Its address, the one IP address the certificate may name. */
  readonly address: string;
}

/** Options of the approver. */
export interface KubeletCsrApproverOptions {
  /** The nodes whose kubelets' requests it approves; a request naming another host or address is denied. */
  readonly nodes: readonly KubeletCsrApproverNode[];
  /** Namespace. @default 'kubelet-csr-approver' */
  readonly namespace?: string;
}

/** `name` (a node name: letters, digits, `-` and `.`) as a regular expression that matches it literally. Pure. */
function literal(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * postfinance's kubelet-csr-approver: approves the `kubernetes.io/kubelet-serving` certificate requests of
 * the kubelets, which the controller manager then signs with the cluster CA, so that clients of the kubelet
 * API (a metrics collector, the API server) can verify a node's certificate. It approves a request only when
 * the requester is the node it names, the host name is one of `nodes` and every IP address is that node's
 * (as a /32 or /128): a pod that can create requests cannot get a certificate for another name. The names
 * are not looked up in DNS, which need not know the nodes; the list of names and addresses stands for it.
 */
export function kubeletCsrApprover(options: KubeletCsrApproverOptions): PlatformComponentProps {
  const call = 'kubeletCsrApprover()';
  requiredArgument(requiredArgument(options, call, 'options', 'object', '{ nodes: [{ name, address }] }').nodes,
    call, 'options.nodes', 'list', "the cluster's nodes: [{ name: 'cp1', address: '10.0.0.1' }]");
  options.nodes.forEach((node, i) => {
    requiredArgument(node, call, `options.nodes[${i}]`, 'object', "a node with its name and address: { name: 'cp1', address: '10.0.0.1' }");
    requiredArgument(node.name, call, `options.nodes[${i}].name`, 'text', "the node's name: name: 'cp1'");
    requiredArgument(node.address, call, `options.nodes[${i}].address`, 'text', "the node's address: address: '10.0.0.1'");
  });
  const names = [...new Set(options.nodes.map((n) => n.name))].sort();
  const prefixes = [...new Set(options.nodes.map((n) => `${n.address}/${parseIpAddress(n.address)?.family === 6 ? 128 : 32}`))].sort();
  return {
    name: KUBELET_CSR_APPROVER_COMPONENT,
    description: "kubelet-csr-approver: approves the kubelets' serving-certificate requests of the cluster's own nodes, signed by the cluster CA",
    namespace: options.namespace ?? 'kubelet-csr-approver',
    network: servesPorts({ port: 8080, purpose: 'metrics' }, { port: 8081, purpose: 'health, checked by the kubelet' }),
    install: {
      type: 'helm',
      chart: { repository: 'https://postfinance.github.io/kubelet-csr-approver', chart: 'kubelet-csr-approver', version: KUBELET_CSR_APPROVER_PINS.chart },
      values: withResourceValues({
        providerRegex: `^(${names.map(literal).join('|')})$`,
        providerIpPrefixes: prefixes,
        bypassDnsResolution: true,
        podSecurityContext: { ...RESTRICTED_POD_SECURITY, runAsUser: NONROOT_UID, runAsGroup: NONROOT_UID },
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY, readOnlyRootFilesystem: true },
      }, ['resources'], KUBELET_CSR_APPROVER_SIZE),
    },
    resources: { setAt: ['values.resources'] },
  };
}
