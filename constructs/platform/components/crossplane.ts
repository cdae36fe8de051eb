import type { CrdGroup, PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partResourcesProblems, partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { checkedChoice } from '../../validation/choice-props';
import { noNetworkPolicy } from '../component-network';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';

/**
 * Pinned release of Crossplane. Renovate reads the comment above each pin. Crossplane 1.20, the last line of
 * Crossplane 1: the claims of v1 CompositeResourceDefinitions the designs write are a Crossplane 1 API (kept
 * as legacy by Crossplane 2), and every package the library pins runs on it, as `CROSSPLANE_PACKAGE_SUPPORT`
 * records with its sources; a package known not to is refused there.
 */
export const CROSSPLANE_PINS = {
  // renovate: datasource=helm depName=crossplane registryUrl=https://charts.crossplane.io/stable
  chart: '1.20.0',
} as const;

/** Namespace Crossplane runs in, where provider credentials live. */
export const CROSSPLANE_NAMESPACE = 'crossplane-system';

/** The CRDs the Crossplane chart installs itself. */
export const CROSSPLANE_CRDS: readonly CrdGroup[] = [
  { group: 'pkg.crossplane.io', kinds: ['Configuration', 'ConfigurationRevision', 'DeploymentRuntimeConfig', 'Function', 'FunctionRevision', 'ImageConfig', 'Lock', 'Provider', 'ProviderRevision'] },
  { group: 'apiextensions.crossplane.io', kinds: ['CompositeResourceDefinition', 'Composition', 'CompositionRevision', 'EnvironmentConfig', 'Usage'] },
];

/**
 * What the chart's pods lack for the `restricted` Pod Security level of their namespace: its defaults set
 * a user and no privilege escalation, but neither `runAsNonRoot`, a seccomp profile nor dropped
 * capabilities. The pod-level values reach the init container too.
 */
const CROSSPLANE_CONTAINER = { runAsUser: 65532, runAsGroup: 65532, readOnlyRootFilesystem: true, ...RESTRICTED_CONTAINER_SECURITY } as const;

/**
 * The user and group Crossplane runs a package's pod as when no DeploymentRuntimeConfig sets a security
 * context. A template that sets one replaces Crossplane's whole default, user included, so the template
 * names them again: without a numeric user, an image whose user is a name (function-patch-and-transform's
 * `nonroot`) never starts under `runAsNonRoot`, since the kubelet cannot verify that name is not root.
 */
export const CROSSPLANE_PACKAGE_USER = 2000;

/**
 * The pod template a DeploymentRuntimeConfig gives Provider and Function pods so that they meet the
 * `restricted` level: Crossplane's own template sets a non-root user but no seccomp profile and drops
 * no capabilities. `package-runtime` is the container Crossplane runs the package in.
 */
export const CROSSPLANE_RESTRICTED_RUNTIME = {
  spec: {
    selector: {},
    template: {
      spec: {
        securityContext: { ...RESTRICTED_POD_SECURITY, runAsUser: CROSSPLANE_PACKAGE_USER, runAsGroup: CROSSPLANE_PACKAGE_USER },
        containers: [{ name: 'package-runtime', securityContext: { runAsNonRoot: true, ...RESTRICTED_CONTAINER_SECURITY } }],
      },
    },
  },
} as const;

/**
 * Size of Crossplane's core, which caches every composite and package it manages: 20m CPU and 128Mi
 * requested, a 512Mi memory limit (the chart's own request of 256Mi and limit of 1Gi suit a larger cluster).
 */
export const CROSSPLANE_SIZE: ComponentSize = { cpuRequest: '20m', memoryRequest: '128Mi', memoryLimit: '512Mi' };

/** Size of its RBAC manager, which only watches definitions and namespaces: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const CROSSPLANE_RBAC_MANAGER_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

// The chart's keys of its core and its RBAC manager, read in its values.yaml.
/** The parts of Crossplane, each with its chart values keys and this library's size of it. */
export const CROSSPLANE_PARTS = {
  crossplane: { keys: ['resourcesCrossplane'], size: CROSSPLANE_SIZE },
  rbacManager: { keys: ['resourcesRBACManager'], size: CROSSPLANE_RBAC_MANAGER_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of Crossplane a user can size: its core (`crossplane`) and its `rbacManager`. */
export type CrossplanePart = keyof typeof CROSSPLANE_PARTS;

/** Every part of Crossplane, by name. */
export const CROSSPLANE_PART_NAMES = Object.keys(CROSSPLANE_PARTS) as CrossplanePart[];

/** Options of the Crossplane component. */
export interface CrossplaneOptions {
  /**
   * The CRDs that the cluster's Crossplane Providers install once their packages are running (their
   * ProviderConfig and managed-resource kinds). Crossplane provides them, one step later than its own:
   * objects of these kinds are applied after the Providers are healthy.
   * @default []
   */
  readonly providerCrds?: readonly CrdGroup[];
  /**
   * Requests and limits by part (`crossplane`, `rbacManager`), each as an App's `resources`, merged key by
   * key into the default; the cluster gives its `componentResources.crossplane`.
   * @default - Crossplane 20m CPU and 128Mi requested with a 512Mi memory limit; the RBAC manager 10m, 32Mi and 128Mi
   */
  readonly resources?: PartResources<CrossplanePart>;
}

/** Crossplane: external infrastructure (buckets, databases, identity clients) as Kubernetes objects. */
export function crossplane(given: CrossplaneOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: CrossplaneOptions = given ?? {};
  // Sizes written here are checked as the cluster's `componentResources.crossplane` are; wrong ones are
  // reported by the platform, which installs nothing of the request.
  const problems = partResourcesProblems(options.resources, 'resources', CROSSPLANE_PARTS);
  return checkedChoice(crossplaneComponent(problems.length > 0 ? { ...options, resources: undefined } : options), 'crossplane()', undefined, {}, undefined, problems);
}

function crossplaneComponent(options: CrossplaneOptions): PlatformComponentProps {
  return {
    name: 'crossplane',
    resources: {
      setAt: partValuesKeys(CROSSPLANE_PARTS),
      chartDefault: 'the Provider and Function pods Crossplane starts at run time keep the resources of their packages\' runtime',
    },
    description: 'Crossplane: managed resources through the Providers the cluster installs',
    namespace: CROSSPLANE_NAMESPACE,
    network: noNetworkPolicy('the providers and functions Crossplane installs at run time run in this namespace and serve ports of their own (gRPC of functions, webhooks of providers), which no chart lists'),
    install: {
      type: 'helm',
      chart: { repository: 'https://charts.crossplane.io/stable', chart: 'crossplane', version: CROSSPLANE_PINS.chart },
      values: withPartResources({
        args: ['--enable-usages'],
        podSecurityContextCrossplane: RESTRICTED_POD_SECURITY, securityContextCrossplane: CROSSPLANE_CONTAINER,
        podSecurityContextRBACManager: RESTRICTED_POD_SECURITY, securityContextRBACManager: CROSSPLANE_CONTAINER,
      }, CROSSPLANE_PARTS, options.resources),
    },
    crds: [...CROSSPLANE_CRDS, ...(options.providerCrds ?? [])],
  };
}
