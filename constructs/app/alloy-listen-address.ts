import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// `alloy run` serves its HTTP server (the UI, /metrics, /-/ready, and the receivers built on it) on
// `--server.http.listen-addr`, whose default is 127.0.0.1:12345: the pod's loopback, which neither its probes, its
// Service nor another pod reach. Grafana's own chart passes 0.0.0.0:12345 for that reason.

/** Grafana Alloy's image, by repository, with or without a registry. */
export const ALLOY_IMAGE = /^(docker\.io\/)?grafana\/alloy(?=[:@]|$)/;

/** The flag that sets the address, given as `--flag=value` or `--flag value`. */
const LISTEN_FLAG = /^--?server\.http\.listen-addr(?:=(.*))?$/;

/** The address `--server.http.listen-addr` gets from `args`, or undefined where none is given. Pure. */
function listenAddress(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const flag = LISTEN_FLAG.exec(args[i]);
    if (flag !== null) {
      return flag[1] ?? args[i + 1] ?? '';
    }
  }
  return undefined;
}

/**
 * Containers of Grafana Alloy that declare a port while `alloy run` listens on its default, the pod's loopback alone
 * (no `--server.http.listen-addr`): their readiness probe never passes and nothing reaches the port. One error per
 * container, on its `args` (its `image` where it gives none), whose hint writes the flag on every address. A
 * replaced entrypoint (`command`) is left alone, and an address written out is judged as every image's is. Pure.
 */
export function alloyListenAddressProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const ports = Array.isArray(container.ports) ? container.ports as Array<{ port?: unknown } | null> : [];
    if (typeof container.image !== 'string' || !ALLOY_IMAGE.test(container.image) || container.command !== undefined || ports.length === 0) {
      return [];
    }
    const args = Array.isArray(container.args) ? container.args.map(String) : undefined;
    // An address written on the loopback is judged with every image's listen settings (see loopbackListenProblems).
    if (listenAddress(args ?? []) !== undefined) {
      return [];
    }
    const port = typeof ports[0]?.port === 'number' ? ports[0].port : 12345;
    const flag = `--server.http.listen-addr=0.0.0.0:${port}`;
    const words = args ?? ['run', '/etc/alloy/config.alloy', '--storage.path=/var/lib/alloy/data'];
    const fixed = words[0] === 'run' ? ['run', flag, ...words.slice(1)] : [...words, flag];
    return [{
      field: args !== undefined ? `${prefix}args` : `${prefix}image`,
      message: `${container.image} serves its HTTP server (UI, /metrics, /-/ready) on 127.0.0.1:12345, the default of --server.http.listen-addr, the pod's loopback alone: `
        + `the port the container declares is reached by no probe, Service or other pod, so the pod never gets ready`,
      hint: `listen on every address of the pod: args: [${fixed.map((word) => `'${word}'`).join(', ')}]`,
    }];
  });
}
