import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';
import { imageRows } from './image-rows';

// Images whose whole work is done through the Docker API, on the containers of the host they run on. A
// Kubernetes node runs its pods with containerd and serves no Docker API: the image exits at start (no socket)
// or, given a Docker of the host beside Kubernetes, manages containers that are none of the cluster's pods.

/** An image that needs the Docker API, by its reference, with what it does and what does it here. */
const DOCKER_API_IMAGES: ReadonlyArray<{ readonly image: RegExp; readonly does: string; readonly instead: string }> = [
  {
    image: /^(?:(?:docker\.io|ghcr\.io)\/)?(?:containrrr|nickfedor|beatkind)\/watchtower(?::|@|$)/,
    does: 'Watchtower, which pulls new images and recreates Docker containers through the Docker API; it cannot update a pod, whose image is what Git says',
    instead: "drop the app: pin each image's tag in Git and let Renovate propose each update (the repository's renovate.json), or Flux's image automation",
  },
  {
    image: /^(?:(?:docker\.io|ghcr\.io)\/)?(?:nextcloud|nextcloud-releases)\/all-in-one(?::|@|$)/,
    does: "Nextcloud AIO, whose mastercontainer starts Nextcloud's other containers (database, Redis, Collabora) through the Docker API",
    instead: "run Nextcloud's own image (nextcloud:30-apache) as an app with its PostgreSQL and Redis as apps of their own, or Nextcloud's Helm chart as a ChartRelease",
  },
  {
    // Tecnativa's, linuxserver.io's (its drop-in) and wollomatic's: each forwards the host's Docker socket to the containers that call it.
    image: /^(?:(?:docker\.io|ghcr\.io|lscr\.io)\/)?(?:tecnativa\/docker-socket-proxy|linuxserver\/socket-proxy|wollomatic\/socket-proxy)(?::|@|$)/,
    does: 'a Docker socket proxy, which hands the Docker API of its host to the containers that call it (Traefik, Homepage, Watchtower)',
    instead: "drop it with the Docker settings of its callers: each app is routed by its own route (route: { host: '<name>' }) and updated through Git, "
      + 'and a dashboard that lists apps reads the cluster through a serviceAccount with its rules',
  },
];

/** An error on the image of each container that runs an image needing the Docker API. Pure. */
export function dockerApiImageProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const image = container.image;
    const known = typeof image === 'string' ? imageRows(DOCKER_API_IMAGES, image)[0] : undefined;
    return known === undefined ? [] : [{
      field: `${prefix}image`,
      message: `image "${String(image)}" runs ${known.does}; a Kubernetes node runs its pods with containerd and serves no Docker API, so it has nothing to manage here`,
      hint: known.instead,
    }];
  });
}
