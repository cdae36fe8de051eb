import type { PropProblem } from '../validation/known-props';
import { SYSTEM_NAMESPACES } from '../validation/system-namespaces';

/**
 * A problem with the namespace an app is put into: an app's namespace is a Namespace object of the
 * repository (it carries the namespace's Pod Security level), and a namespace every cluster has
 * (`default`, `kube-public`, `kube-node-lease`) cannot be owned from Git, since a prune would delete it. Said once, on the
 * prop, rather than as a finding on a Namespace object the user never wrote.
 */
export function appNamespaceProblems(namespace: unknown, appId: string): PropProblem[] {
  // kube-system holds node agents and drivers: an app there is a platform app, judged by allowPlatformNamespace.
  if (typeof namespace !== 'string' || !SYSTEM_NAMESPACES.includes(namespace) || namespace === 'kube-system') {
    return [];
  }
  return [{
    field: 'namespace',
    message: `namespace "${namespace}" belongs to Kubernetes: an app's namespace is a Namespace object of the repository, with its Pod Security level, and owning "${namespace}" from Git would let a prune delete it`,
    hint: `give the app a namespace of its own, e.g. namespace: '${appId}', or leave namespace out: it defaults to the app's id`,
  }];
}
