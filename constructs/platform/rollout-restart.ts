/**
 * The command that starts a workload's pods anew and waits, at most five minutes, until the new ones are
 * ready: for a step after which the old pods must be gone (a token revoked only then). `workload` as kubectl
 * names it, e.g. `deployment/traefik`. Pure.
 */
export function rolloutRestartCommand(namespace: string, workload: string): string {
  return `kubectl -n ${namespace} rollout restart ${workload} && kubectl -n ${namespace} rollout status ${workload} --timeout=5m`;
}
