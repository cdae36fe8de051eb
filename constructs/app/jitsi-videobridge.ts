import type { PropProblem } from '../validation/known-props';
import { propContainers, type PropContainersProps } from './prop-containers';

// Jitsi Videobridge tells each participant, in its ICE candidates, the addresses to send media to on its UDP port.
// On the pod network it knows only the pod's own address, which no participant reaches: docker-jitsi-meet's image
// advertises other addresses from JVB_ADVERTISE_IPS (DOCKER_HOST_ADDRESS before it), or finds the public one
// through the STUN servers of JVB_STUN_SERVERS, and from none of them by itself.

/** Jitsi Videobridge's image of docker-jitsi-meet. */
const JVB_IMAGE = /^(docker\.io\/)?jitsi\/jvb(?=[:@]|$)/;

/** The variables that give the bridge an address to advertise, or a way to find one. */
const ADDRESS_VARIABLES = ['JVB_ADVERTISE_IPS', 'DOCKER_HOST_ADDRESS', 'JVB_STUN_SERVERS'] as const;

/** What the check reads of an app: its containers, its host-network exemption and its load balancer's address. */
export interface VideobridgeAppProps extends PropContainersProps {
  readonly exemptions?: PropContainersProps['exemptions'] & { readonly hostNetwork?: unknown };
  readonly loadBalancer?: { readonly address?: unknown } | null;
}

/**
 * Containers of Jitsi Videobridge on the pod network with none of {@link ADDRESS_VARIABLES}: the bridge would
 * advertise the pod's address alone, so no participant's media reaches it. An error on the container's `env`, whose
 * hint writes the load balancer's address and the public addresses of the cluster's hosts (`publicAddresses`). On
 * the host's network it advertises the node's address, which the LAN reaches, and is left alone. Pure.
 */
export function videobridgeAddressProblems(props: VideobridgeAppProps | null | undefined, app: string, publicAddresses: readonly string[]): PropProblem[] {
  if (props === null || typeof props !== 'object' || props.exemptions?.hostNetwork !== undefined) {
    return [];
  }
  const balanced = props.loadBalancer?.address;
  const lanAddress = balanced !== null && typeof balanced === 'object' && typeof (balanced as { address?: unknown }).address === 'string'
    ? (balanced as { address: string }).address : '<load balancer address>';
  const advertised = [lanAddress, ...(publicAddresses.length > 0 ? publicAddresses : ['<public address>'])].join(',');
  return propContainers(props, app).flatMap(({ container, prefix }): PropProblem[] => {
    if (typeof container.image !== 'string' || !JVB_IMAGE.test(container.image)) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' && !Array.isArray(container.env) ? container.env as Record<string, unknown> : {};
    return ADDRESS_VARIABLES.some((name) => env[name] !== undefined && env[name] !== '') ? [] : [{
      field: `${prefix}env`,
      message: `Jitsi Videobridge ("${container.image}") runs on the pod network without ${ADDRESS_VARIABLES.join(', ')}: it would tell each participant to send audio and video `
        + "to the pod's own address, which nobody outside the cluster reaches, so every call through the bridge stays silent and dark",
      hint: `${prefix}env: { JVB_ADVERTISE_IPS: '${advertised}' }: the address its load balancer serves the media port on to the LAN, and the public address the router forwards that UDP port from`,
    }];
  });
}
