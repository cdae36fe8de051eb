/**
 * Kinds the API server answers and does not keep, by `<group>/<kind>`: reviews and requests a client
 * creates to ask a question (`kubectl create -f`), never stored as objects. Applied from Git they store
 * nothing, so a GitOps engine finds them missing on every sync.
 */
const UNPERSISTED_KINDS: ReadonlySet<string> = new Set([
  'authentication.k8s.io/TokenReview', 'authentication.k8s.io/SelfSubjectReview', 'authentication.k8s.io/TokenRequest',
  'authorization.k8s.io/SubjectAccessReview', 'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/LocalSubjectAccessReview', 'authorization.k8s.io/SelfSubjectRulesReview',
  'policy/Eviction', 'autoscaling/Scale', '/Binding',
]);

/** Whether the API server keeps no object of this apiVersion and kind (see {@link UNPERSISTED_KINDS}). Pure. */
export function isUnpersistedKind(manifest: { readonly apiVersion?: unknown; readonly kind?: unknown }): boolean {
  const apiVersion = typeof manifest.apiVersion === 'string' ? manifest.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return UNPERSISTED_KINDS.has(`${group}/${String(manifest.kind)}`);
}
