import type { Finding } from '../validation/finding';
import type { CiliumOptions } from './components/cilium';
import { TALOS_KUBEPRISM_PORT } from './distributions';

// What Cilium needs on a Talos node, which `ciliumOnTalos()` writes: a Cilium written without it starts on no node
// (Talos lets no pod load a kernel module, and mounts cgroup v2 itself), and with kube-proxy off it must reach the
// API server through KubePrism, the one address every node serves.

/** The agent's capability Talos refuses every pod: loading kernel modules. */
const KERNEL_MODULES = 'SYS_MODULE';

/** Host names that name the node itself, where KubePrism listens. */
const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

/** A problem of `cilium()` on Talos, on a field of the cluster's `cni`. */
export type CiliumTalosProblem = Pick<Finding, 'severity' | 'field' | 'message' | 'hint'>;

/** What of `ciliumOnTalos()` the options lack, each with why Talos needs it. Pure. */
function missingTalosSettings(options: CiliumOptions, replacesKubeProxy: boolean): Array<{ field: string; why: string }> {
  const agent = options.capabilities?.ciliumAgent;
  const clean = options.capabilities?.cleanCiliumState;
  return [
    ...(agent === undefined || clean === undefined || [...agent, ...clean].includes(KERNEL_MODULES) ? [{
      field: 'capabilities', why: `the agent's capabilities keep ${KERNEL_MODULES} (the chart's own when none are given), which Talos grants no pod: the agent never starts`,
    }] : []),
    ...(options.cgroup?.autoMount !== false ? [{
      field: 'cgroup', why: 'Cilium mounts cgroup v2 itself from an init container, where Talos has it mounted at /sys/fs/cgroup already (cgroup.autoMount false, hostRoot /sys/fs/cgroup)',
    }] : []),
    ...(replacesKubeProxy && options.k8sServiceHost === undefined ? [{
      field: 'k8sServiceHost', why: 'Cilium replaces kube-proxy but names no API server address to reach without it',
    }] : []),
  ];
}

/**
 * The one problem of `options` on a Talos cluster, if any: what `ciliumOnTalos()` would have set, or an API server
 * named on the node itself at a port other than KubePrism's (`localhost:6443` answers on control-plane nodes alone,
 * and not while their API server restarts). Pure.
 */
export function ciliumTalosProblem(options: CiliumOptions, replacesKubeProxy: boolean): CiliumTalosProblem | undefined {
  const missing = missingTalosSettings(options, replacesKubeProxy);
  if (missing.length > 0) {
    return {
      severity: 'error', field: missing.length === 1 ? `cni.${missing[0].field}` : 'cni',
      message: `on Talos, ${missing.map((m) => m.why).join('; ')}`,
      hint: `spread Talos' settings into the options: cni: cilium({ ...ciliumOnTalos(), … }), which sets ${missing.map((m) => m.field).join(', ')} as Talos needs`
        + (replacesKubeProxy ? '' : ' (with kubeProxyReplacement: false after it to keep Talos\' kube-proxy)'),
    };
  }
  const host = options.k8sServiceHost;
  const port = options.k8sServicePort;
  if (replacesKubeProxy && typeof host === 'string' && LOOPBACK.includes(host.toLowerCase()) && port !== TALOS_KUBEPRISM_PORT) {
    return {
      severity: 'error', field: 'cni.k8sServicePort',
      message: `k8sServicePort ${port ?? '(none)'} on ${host} is not KubePrism, which Talos serves on every node at localhost:${TALOS_KUBEPRISM_PORT}: `
        + `on ${host}:${port ?? 6443} only a control-plane node's own API server answers, so the agent of every other node, and of a control-plane node whose API server restarts, reaches none`,
      hint: `k8sServicePort: ${TALOS_KUBEPRISM_PORT}, as ciliumOnTalos() sets it`,
    };
  }
  return undefined;
}
