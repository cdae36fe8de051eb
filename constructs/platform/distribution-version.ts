import { KUBERNETES_VERSION } from '../validation/schema/sources';

/** The Kubernetes release the output is written and validated for, e.g. `1.30`. */
const KUBERNETES_RELEASE = KUBERNETES_VERSION.replace(/^v|\.0$/g, '');

/** Props a distribution's release is habitually given under, in guides and other tools' inventories. */
const VERSION_PROPS = ['version', 'kubernetesVersion', 'k8sVersion'];

/**
 * The `foreign` rules of a distribution's factory for a release written into its options (`k3s({ version:
 * 'v1.30.4+k3s1' })`): a distribution takes none, as the release is what its hosts install, and the hint
 * says where it is set. `own` is the distribution's own spelling of the prop (`k3sVersion`), `installs`
 * where its release is chosen.
 */
export function distributionVersionRules(own: string, installs: string): ReadonlyArray<readonly [string, string]> {
  const hint = `${installs}; the output is validated against Kubernetes ${KUBERNETES_RELEASE}, `
    + `so install a release of Kubernetes ${KUBERNETES_RELEASE} (a newer one serves what it does, less what it removed)`;
  return [...VERSION_PROPS, own].map((prop) => [prop, hint] as const);
}
