import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import { servesPorts } from '../component-network';

/** Name of the secret replicator component. */
export const SECRET_REPLICATOR_COMPONENT = 'secret-replicator';

/**
 * Helm release name of the replicator, the chart's own: the chart names its Deployment, ServiceAccount and RBAC
 * after the release, and a release name without the chart's in it would prefix them all.
 */
export const SECRET_REPLICATOR_RELEASE = 'kubernetes-replicator';

/** Pinned release of mittwald's kubernetes-replicator chart. Renovate reads the comment above each pin. */
export const SECRET_REPLICATOR_PINS = {
  // renovate: datasource=helm depName=kubernetes-replicator registryUrl=https://helm.mittwald.de
  chart: '2.12.1',
} as const;

/**
 * Annotation on a source Secret: the namespaces (comma-separated names or patterns) the replicator copies
 * it into, creating and updating the copies.
 */
export const REPLICATE_TO_ANNOTATION = 'replicator.v1.mittwald.de/replicate-to';

/** Size of the replicator, which watches Secrets and ConfigMaps: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const SECRET_REPLICATOR_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/** Options of the secret replicator component. */
export interface SecretReplicatorOptions {
  /** Namespace. @default 'secret-replicator' */
  readonly namespace?: string;
}

/**
 * mittwald's kubernetes-replicator: copies Secrets and ConfigMaps across namespaces, driven by annotations
 * on the source (`replicate-to`). It runs non-root with a read-only root filesystem.
 */
export function secretReplicatorComponent(given: SecretReplicatorOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: SecretReplicatorOptions = given ?? {};
  return {
    name: SECRET_REPLICATOR_COMPONENT,
    description: 'kubernetes-replicator: copies annotated Secrets into other namespaces',
    namespace: options.namespace ?? 'secret-replicator',
    network: servesPorts({ port: 9102, purpose: 'health, checked by the kubelet' }),
    install: {
      type: 'helm',
      chart: { repository: 'https://helm.mittwald.de', chart: 'kubernetes-replicator', version: SECRET_REPLICATOR_PINS.chart },
      releaseName: SECRET_REPLICATOR_RELEASE,
      values: withResourceValues({
        // Only Secrets and ConfigMaps, not cluster-admin.
        grantClusterAdmin: false,
        podSecurityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
        securityContext: {
          allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
        },
      }, ['resources'], SECRET_REPLICATOR_SIZE),
    },
    resources: { setAt: ['values.resources'] },
  };
}
