import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// Rootless BuildKit (`moby/buildkit:<version>-rootless`) starts through rootlesskit, which makes a user namespace
// and mounts in it: the runtime's default seccomp and AppArmor profiles refuse those calls, so upstream's Kubernetes
// examples run it with both unconfined, not privileged. Its namespace's ids are mapped by newuidmap and newgidmap,
// which the image installs set-user-ID root: they gain CAP_SETUID and CAP_SETGID only where the container may
// escalate privileges and keeps both capabilities in its bounding set. Short of any of these buildkitd exits at its start.

/** BuildKit's rootless image, as Docker Hub serves it: a tag that ends in `rootless` (`v0.23.2-rootless`, `rootless`). */
const ROOTLESS_BUILDKIT_IMAGE = /^(?:docker\.io\/)?moby\/buildkit:[^@\s]*rootless(?:@|$)/;

/** The capabilities newuidmap and newgidmap use to write the id maps. */
const ID_MAP_CAPABILITIES = ['SETUID', 'SETGID'];

/** The exemptions rootless BuildKit needs, as the hint writes them. */
const ROOTLESS_EXEMPTIONS = "{ unconfined: 'rootlesskit makes its own user and mount namespaces', privilegeEscalation: 'newuidmap and newgidmap are set-user-ID root', "
  + "addCapabilities: { capabilities: ['SETUID', 'SETGID'], reason: 'newuidmap and newgidmap map the ids of the build namespace' } }";

/**
 * Containers of rootless BuildKit short of what rootlesskit needs, unless privileged: `exemptions.unconfined`, then
 * `exemptions.privilegeEscalation` and `SETUID` and `SETGID` among `exemptions.addCapabilities`, reported on the
 * first one missing: buildkitd exits at its start. Pure.
 */
export function rootlessBuildKitProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }): PropProblem[] => {
    const exemptions = container.exemptions ?? {};
    if (typeof container.image !== 'string' || !ROOTLESS_BUILDKIT_IMAGE.test(container.image) || exemptions.privileged !== undefined) {
      return [];
    }
    const added = exemptions.addCapabilities?.capabilities ?? [];
    const missing = exemptions.unconfined === undefined ? 'unconfined' : exemptions.privilegeEscalation === undefined ? 'privilegeEscalation'
      : ID_MAP_CAPABILITIES.every((capability) => added.includes(capability)) ? undefined : 'addCapabilities';
    if (missing === undefined) {
      return [];
    }
    const why = missing === 'unconfined'
      ? 'the RuntimeDefault seccomp profile and the runtime\'s AppArmor profile refuse the user namespace and mounts rootlesskit makes'
      : 'newuidmap and newgidmap, set-user-ID root, gain CAP_SETUID and CAP_SETGID only in a container that may escalate privileges and keeps both capabilities';
    return [{
      field: `${prefix}exemptions.${missing}`,
      message: `image "${container.image}" is rootless BuildKit: ${why}, so buildkitd exits at its start and no build runs`,
      hint: `${prefix}exemptions: ${ROOTLESS_EXEMPTIONS}, as upstream's Kubernetes examples run it, rather than privileged`,
    }];
  });
}
