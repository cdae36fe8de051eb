import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { servesPorts } from '../component-network';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';
import { goDurationFlagProblem } from '../chart-values';

/** Pinned release of the Sealed Secrets chart. Renovate reads the comment above each pin. */
export const SEALED_SECRETS_PINS = {
  // renovate: datasource=helm depName=sealed-secrets registryUrl=https://bitnami-labs.github.io/sealed-secrets
  chart: '2.17.2',
} as const;

/** The CRD the controller installs. */
export const SEALED_SECRETS_CRDS = [{ group: 'bitnami.com', kinds: ['SealedSecret'] }] as const;

/** Namespace of the controller; `kubeseal --controller-namespace` must name it. */
export const SEALED_SECRETS_NAMESPACE = 'sealed-secrets';

/** Name of the controller; `kubeseal --controller-name` must name it. */
export const SEALED_SECRETS_CONTROLLER = 'sealed-secrets-controller';

/** Size of the controller, which decrypts a few Secrets on change: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const SEALED_SECRETS_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

// The chart's key of the controller, read in its values.yaml.
/** The parts of Sealed Secrets, each with its chart values keys and this library's size of it. */
export const SEALED_SECRETS_PARTS = { controller: { keys: ['resources'], size: SEALED_SECRETS_SIZE } } as const satisfies Record<string, SizedPart>;

/** The part of Sealed Secrets a user can size: its `controller`. */
export type SealedSecretsPart = keyof typeof SEALED_SECRETS_PARTS;

/** Every part of Sealed Secrets, by name. */
export const SEALED_SECRETS_PART_NAMES = Object.keys(SEALED_SECRETS_PARTS) as SealedSecretsPart[];

/**
 * The Sealed Secrets controller: decrypts SealedSecrets into Secrets with a key pair that never leaves
 * the cluster, so each cluster has its own key. `resources` sizes the controller, merged key by key into
 * the default; the cluster gives its `componentResources.sealedSecrets`.
 */
export function sealedSecretsComponent(resources: PartResources<SealedSecretsPart> = {}): PlatformComponentProps {
  return {
    name: 'sealed-secrets',
    description: 'Sealed Secrets controller: SealedSecret ciphertext in Git becomes Secrets in the cluster',
    // The chart passes both as the controller's --key-renew-period and --key-ttl, which take Go durations ('720h', '0').
    valuesProblems: (values) => ['keyrenewperiod', 'keyttl'].flatMap((key) => goDurationFlagProblem(values, key, 'the controller') ?? []),
    namespace: SEALED_SECRETS_NAMESPACE,
    network: servesPorts(
      { port: 8080, purpose: 'the certificate kubeseal fetches through the API server proxy, and health' },
      { port: 8081, purpose: 'metrics' },
    ),
    install: {
      type: 'helm',
      chart: { repository: 'https://bitnami-labs.github.io/sealed-secrets', chart: 'sealed-secrets', version: SEALED_SECRETS_PINS.chart },
      values: withPartResources({
        fullnameOverride: SEALED_SECRETS_CONTROLLER,
        // The chart sets a non-root user and drops capabilities, but sets no seccomp profile and leaves
        // privilege escalation open: both are required in the restricted namespace.
        podSecurityContext: RESTRICTED_POD_SECURITY,
        containerSecurityContext: RESTRICTED_CONTAINER_SECURITY,
      }, SEALED_SECRETS_PARTS, resources),
    },
    resources: { setAt: partValuesKeys(SEALED_SECRETS_PARTS) },
    crds: SEALED_SECRETS_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}
