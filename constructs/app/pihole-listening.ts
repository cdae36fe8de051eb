import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';
import { PIHOLE_IMAGE } from './root-started-images';

// Pi-hole answers DNS only from devices at most one hop away from its interface unless told to listen on all
// origins, as its Docker documentation says for a bridge network: on the pod network, the LAN's clients reach it
// through a load balancer's address and a node, from no address of its subnet, and their queries are refused.

/** What the check reads of an app's props beside its containers: the host's network, where the LAN is on-link. */
export interface PiholeAppProps extends PropContainersProps {
  readonly exemptions?: PropContainersProps['exemptions'] & { readonly hostNetwork?: unknown };
}

/** A finding of {@link piholeListeningProblems}. */
export interface PiholeListeningProblem {
  readonly severity: 'warning';
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * The variable that sets Pi-hole's listening mode in the release a tag names: `FTLCONF_dns_listeningMode` from
 * Pi-hole 6 (tags `2025.02.0` on, and `latest`), `DNSMASQ_LISTENING` before it; both where the tag says no release
 * (a digest). Pure.
 */
function listeningVariables(image: string): readonly string[] {
  const tag = image.includes('@') ? undefined : /:([^:/]+)$/.exec(image)?.[1] ?? 'latest';
  const year = tag === undefined ? undefined : /^(\d{4})\./.exec(tag)?.[1];
  if (tag === undefined || (year === undefined && tag !== 'latest')) {
    return ['FTLCONF_dns_listeningMode', 'DNSMASQ_LISTENING'];
  }
  return year !== undefined && Number(year) < 2025 ? ['DNSMASQ_LISTENING'] : ['FTLCONF_dns_listeningMode'];
}

/**
 * Containers of Pi-hole's image on the pod network whose env leaves its listening mode to the default, or sets
 * another mode than all origins: a warning on the variable (Pi-hole keeps the mode in its settings on
 * `/etc/pihole` too, which synthesis does not read), whose hint sets it. `app` is the main container's name. Pure.
 */
export function piholeListeningProblems(props: PiholeAppProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): PiholeListeningProblem[] {
  if (props?.exemptions?.hostNetwork !== undefined) {
    return [];
  }
  return containers.flatMap(({ container, prefix }) => {
    const image = container.image;
    if (typeof image !== 'string' || !PIHOLE_IMAGE.test(image)) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const variables = listeningVariables(image);
    const given = variables.find((name) => env[name] !== undefined);
    if (given !== undefined && (typeof env[given] !== 'string' || /^all$/i.test(env[given] as string))) {
      return [];
    }
    const name = given ?? variables[0];
    return [{
      severity: 'warning' as const,
      field: `${prefix}env.${name}`,
      message: `image "${image}" runs Pi-hole, which ${given === undefined ? 'by default answers' : `with ${name} ${String(env[given])} answers`} DNS only from devices at most one hop away from its interface: `
        + "on the pod network the LAN's clients reach it through the Service's address and a node, from no address of its subnet, and their queries are refused",
      hint: `let it answer every origin, as Pi-hole's Docker documentation does for a bridge network: env: { ${name}: 'all' }`
        + (variables.length > 1 ? ` (${variables.filter((v) => v !== name).join(', ')} before Pi-hole 6)` : ''),
    }];
  });
}
