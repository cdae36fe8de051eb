import type { PropProblem } from './known-props';

/** Namespaces every cluster has, which the repository must never own (a prune would delete them). */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Who a `namespace` option places, for {@link systemNamespaceProblems}. */
export interface NamespaceOwner {
  /** Whose Pod Security level the namespace would carry, e.g. `the component's`, `Flux's`. */
  readonly whose: string;
  /**
   * Whether kube-system is allowed: node agents and drivers run there (Cilium, a CSI driver), a GitOps
   * engine does not (its bootstrap owns its namespace, and its policies would cover every pod in it).
   */
  readonly kubeSystem: boolean;
  /** What to write instead, e.g. `give the component a namespace of its own, e.g. namespace: 'x'`. */
  readonly hint: string;
}

/**
 * A `namespace` option (`field`) naming a namespace Kubernetes keeps for itself: the repository may not own
 * it as a Namespace object, and the Pod Security level of what is placed there would be labelled onto it by
 * hand; in `default` it would apply to every pod created without a namespace. The one rule for apps,
 * platform components and GitOps engines. Pure.
 */
export function systemNamespaceProblems(field: string, namespace: unknown, owner: NamespaceOwner): PropProblem[] {
  if (typeof namespace !== 'string' || !SYSTEM_NAMESPACES.includes(namespace) || (namespace === 'kube-system' && owner.kubeSystem)) {
    return [];
  }
  return [{
    field,
    message: `${field} "${namespace}" is a namespace Kubernetes keeps for itself: the repository cannot own it (a prune would delete it), and ${owner.whose} Pod Security level would apply to whatever else runs there`,
    hint: owner.hint,
  }];
}

/**
 * A GitOps engine's `namespace` option (`field`, relative to `gitops`) naming a namespace Kubernetes keeps
 * for itself, kube-system included: the engine is no node agent, and its bootstrap makes and owns the
 * namespace it runs in. `usual` is the namespace the engine's own docs install it into. Pure.
 */
export function engineNamespaceProblems(field: string, namespace: unknown, engine: string, usual: string): PropProblem[] {
  const option = field.split('.').pop() ?? field;
  return systemNamespaceProblems(field, namespace, {
    whose: `${engine}'s`, kubeSystem: false,
    hint: `give ${engine} a namespace of its own, its usual one: ${option}: '${usual}', or leave ${option} out for it`,
  });
}
