/** Namespaces every cluster has, which the repository must never own (a prune would delete them). */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
