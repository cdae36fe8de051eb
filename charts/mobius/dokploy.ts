/**
 * The command that stops a container Dokploy runs, named by shell variable `variable`, for good: Docker
 * starts a stopped container of restart policy `always` again when it restarts (the machine's next boot),
 * which would bring the old app back beside the one that replaced it.
 */
export function dokployStopCommand(variable: string): string {
  return `docker update --restart=no "$${variable}" && docker stop "$${variable}"`;
}

/** Why {@link dokployStopCommand} turns the restart policy off first, and where it does not reach. */
export const DOKPLOY_STOP_WHY = 'its restart policy turned off first, since Docker starts a stopped container of restart policy always again at the next boot '
  + '(an app Dokploy runs as a Swarm service is stopped in Dokploy instead, which scales the service to 0: Swarm replaces a stopped task)';
