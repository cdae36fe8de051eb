import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import { noNetworkPolicy } from '../component-network';

/** Pinned release of the Weave GitOps chart. Renovate reads the comment above each pin. */
export const WEAVE_GITOPS_PINS = {
  // renovate: datasource=docker depName=ghcr.io/weaveworks/charts/weave-gitops
  chart: '4.0.36',
} as const;

/** Size of the dashboard, which serves a few people and reads Flux's objects: 10m CPU and 64Mi requested, a 256Mi memory limit. */
export const WEAVE_GITOPS_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

/** Port of Weave GitOps' Service. */
export const WEAVE_GITOPS_PORT = 9001;

/** The user name of Weave GitOps' admin, which the chart creates and the Secret `cluster-user-auth` names. */
export const WEAVE_GITOPS_ADMIN = 'admin';

/** Options of the Weave GitOps UI. */
export interface WeaveGitOpsOptions {
  /** Namespace: Flux's own. @default 'flux-system' */
  readonly namespace?: string;
}

/**
 * The Weave GitOps dashboard for Flux. Its admin comes from the Secret `cluster-user-auth` (keys
 * `username` and a bcrypt `password`), which the chart is told not to create.
 */
export function weaveGitOps(given: WeaveGitOpsOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: WeaveGitOpsOptions = given ?? {};
  return {
    name: 'weave-gitops',
    resources: { setAt: ['values.resources'] },
    description: 'Weave GitOps, a read-mostly web UI for Flux',
    namespace: options.namespace ?? 'flux-system',
    network: noNetworkPolicy('it shares its namespace with Flux\'s controllers, which fetch artifacts from each other and take webhooks on ports Flux chooses; '
      + 'the chart\'s own policy opens the UI\'s port'),
    install: {
      type: 'helm',
      chart: { repository: 'oci://ghcr.io/weaveworks/charts', chart: 'weave-gitops', version: WEAVE_GITOPS_PINS.chart },
      values: withResourceValues({
        adminUser: { create: true, createSecret: false, username: WEAVE_GITOPS_ADMIN },
        // `flux bootstrap` puts a policy into Flux's namespace that admits only that namespace's own pods: the
        // chart's policy is what lets the cluster's ingress reach the UI's port, so it is kept on by name.
        networkPolicy: { create: true },
        service: { port: WEAVE_GITOPS_PORT },
      }, ['resources'], WEAVE_GITOPS_SIZE),
    },
  };
}
