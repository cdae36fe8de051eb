import type { PropProblem } from '../validation/known-props';
import { propContainers, type PropContainersProps } from './prop-containers';

// TFTP answers a read request on port 69 from a port of its own, chosen for each transfer, and sends the file from
// there. Behind a Service (a load balancer, a node port) the answer bypasses the address translation the request went
// through: the client, which asked the Service's address, gets data from the pod's or a node's address and a port it
// never asked, and a PXE firmware drops it, so no machine boots. netboot.xyz's image serves TFTP with dnsmasq from
// 0.7.3 on, which sends every transfer from port 69 when TFTPD_OPTS holds --tftp-single-port.

/** netboot.xyz's own image (`ghcr.io/netbootxyz/netbootxyz`, `netbootxyz/netbootxyz`). */
export const NETBOOT_XYZ_IMAGE = /^(ghcr\.io\/|(docker\.io\/)?)netbootxyz\/netbootxyz(?=[:@]|$)/;

/** TFTP's well-known port, on which a PXE firmware asks for its boot file. */
const TFTP_PORT = 69;

/** The dnsmasq option that keeps each transfer on port 69. */
const SINGLE_PORT = '--tftp-single-port';

/** What the check reads of an app: its containers and its host-network exemption. */
export interface NetbootAppProps extends PropContainersProps {
  readonly exemptions?: PropContainersProps['exemptions'] & { readonly hostNetwork?: unknown };
}

/** Whether `ports` (an app's or a container's) declares TFTP's port 69 for UDP. Pure. */
function servesTftp(ports: unknown): boolean {
  return Array.isArray(ports) && ports.some((port) => port !== null && typeof port === 'object'
    && (port as { port?: unknown }).port === TFTP_PORT && (port as { protocol?: unknown }).protocol === 'UDP');
}

/**
 * Containers of netboot.xyz's image on the pod network that serve TFTP on UDP 69 without `--tftp-single-port` in
 * `TFTPD_OPTS`: each transfer would leave from a port of the pod's own, which the Service's translation does not
 * cover, and no machine would get its boot file. An error on `env.TFTPD_OPTS` where it is set, else on `env`; its
 * hint writes the option, or the host's network. On the host's network the client reaches the pod's own address
 * and is left alone. Pure.
 */
export function netbootTftpProblems(props: NetbootAppProps | null | undefined, app: string): PropProblem[] {
  if (props === null || typeof props !== 'object' || props.exemptions?.hostNetwork !== undefined) {
    return [];
  }
  return propContainers(props, app).flatMap(({ container, prefix }): PropProblem[] => {
    if (typeof container.image !== 'string' || !NETBOOT_XYZ_IMAGE.test(container.image) || !servesTftp(container.ports)) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' && !Array.isArray(container.env) ? container.env as Record<string, unknown> : {};
    const options = env.TFTPD_OPTS;
    if (typeof options !== 'string' && options !== undefined) {
      return [];
    }
    if (typeof options === 'string' && options.split(/\s+/).includes(SINGLE_PORT)) {
      return [];
    }
    const written = typeof options === 'string' && options.trim() !== '' ? `${options.trim()} ${SINGLE_PORT}` : SINGLE_PORT;
    return [{
      field: options === undefined ? `${prefix}env` : `${prefix}env.TFTPD_OPTS`,
      message: `netboot.xyz ("${container.image}") serves TFTP on UDP ${TFTP_PORT} from the pod network, and its dnsmasq sends each file from a port of its own `
        + `(TFTPD_OPTS ${options === undefined ? 'is not set' : `is "${options}"`}): the answer bypasses the Service's address translation, so the booting machine `
        + 'gets data from an address and port it never asked and drops it, and nothing boots',
      hint: `keep every transfer on port ${TFTP_PORT}: ${prefix}env: { TFTPD_OPTS: '${written}' } (images from 0.7.3 on, whose TFTP server is dnsmasq); `
        + "or serve it on the host's network: exemptions: { hostNetwork: 'PXE clients fetch their boot file by TFTP' }",
    }];
  });
}
