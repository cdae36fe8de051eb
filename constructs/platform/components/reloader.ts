import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import { servesPorts } from '../component-network';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';

/** Name of the Reloader component. */
export const RELOADER_COMPONENT = 'reloader';

/** Pinned release of Stakater's Reloader chart. Renovate reads the comment above each pin. */
export const RELOADER_PINS = {
  // renovate: datasource=helm depName=reloader registryUrl=https://stakater.github.io/stakater-charts
  chart: '2.2.9',
} as const;

/**
 * Annotation on a Deployment, StatefulSet or DaemonSet: Reloader restarts its pods when a ConfigMap or Secret
 * they mount or read their env from changes.
 */
export const RELOADER_AUTO_ANNOTATION = 'reloader.stakater.com/auto';

/** Size of Reloader, which watches the cluster's ConfigMaps and Secrets: 10m CPU and 64Mi requested, a 256Mi memory limit. */
export const RELOADER_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

/** The user the chart runs Reloader as (`nobody`). */
const NOBODY_UID = 65534;

/**
 * Stakater's Reloader: restarts the pods of a workload annotated `reloader.stakater.com/auto` when a ConfigMap
 * or Secret they use changes (a config file committed anew, a Secret an operator refreshed). It restarts them
 * by an annotation on the pod template (`reloadStrategy: annotations`), written under its own field manager,
 * which Flux's server-side apply leaves alone; its default, an env variable, would be reverted at the next sync.
 */
export function reloaderComponent(): PlatformComponentProps {
  return {
    name: RELOADER_COMPONENT,
    description: 'Reloader: restarts the pods of annotated apps when a ConfigMap or Secret they use changes',
    namespace: 'reloader',
    network: servesPorts({ port: 9090, purpose: 'health and metrics, checked by the kubelet' }),
    install: {
      type: 'helm',
      chart: { repository: 'https://stakater.github.io/stakater-charts', chart: 'reloader', version: RELOADER_PINS.chart },
      values: withResourceValues({
        reloader: {
          reloadStrategy: 'annotations',
          // Mounts an emptyDir at /tmp and sets the container's root read-only.
          readOnlyRootFileSystem: true,
          deployment: {
            securityContext: { ...RESTRICTED_POD_SECURITY, runAsUser: NOBODY_UID },
            containerSecurityContext: { ...RESTRICTED_CONTAINER_SECURITY, readOnlyRootFilesystem: true },
          },
        },
      }, ['reloader.deployment.resources'], RELOADER_SIZE),
    },
    resources: { setAt: ['values.reloader.deployment.resources'] },
  };
}
