import type { PropProblem } from '../validation/known-props';
import { systemNamespaceProblems } from '../validation/system-namespaces';

/**
 * A problem with the namespace an app is put into: an app's namespace is a Namespace object of the
 * repository (it carries the namespace's Pod Security level), so a namespace Kubernetes keeps for itself
 * is refused by the rule components and engines share, said once on the prop rather than as a finding on a
 * Namespace object the user never wrote. Pure.
 */
export function appNamespaceProblems(namespace: unknown, appId: string): PropProblem[] {
  return systemNamespaceProblems('namespace', namespace, {
    whose: "the app's",
    // kube-system holds node agents and drivers: an app there is a platform app, judged by allowPlatformNamespace.
    kubeSystem: true,
    hint: `give the app a namespace of its own, e.g. namespace: '${appId}', or leave namespace out: it defaults to the app's id`,
  });
}
