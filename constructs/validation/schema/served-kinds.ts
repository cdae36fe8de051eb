/**
 * The API groups Kubernetes serves itself (no CRD can add kinds to them), current and retired. An object
 * of one of these groups whose kind has no schema in the core definitions is one the API server refuses,
 * not a custom resource the validator merely does not know.
 */
export const KUBERNETES_GROUPS: ReadonlySet<string> = new Set([
  '', 'apps', 'autoscaling', 'batch', 'extensions', 'policy',
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'authentication.k8s.io',
  'authorization.k8s.io', 'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io',
  'flowcontrol.apiserver.k8s.io', 'imagepolicy.k8s.io', 'internal.apiserver.k8s.io', 'networking.k8s.io',
  'node.k8s.io', 'rbac.authorization.k8s.io', 'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/**
 * The API versions of Kubernetes 1.30's definitions that its API server serves only when started with
 * `--runtime-config=<version>=true` (and, for an alpha, its feature gate): alpha versions, and beta versions
 * added since 1.24, which are off by default (KEP-3136). Everything else in the definitions is served. An
 * object written at one of them is refused with "no matches for kind", although its schema is known.
 */
export const OFF_BY_DEFAULT_VERSIONS: ReadonlySet<string> = new Set([
  'admissionregistration.k8s.io/v1alpha1', 'admissionregistration.k8s.io/v1beta1', 'authentication.k8s.io/v1alpha1',
  'certificates.k8s.io/v1alpha1', 'internal.apiserver.k8s.io/v1alpha1', 'networking.k8s.io/v1alpha1',
  'resource.k8s.io/v1alpha2', 'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1alpha1',
]);

/** Kinds Kubernetes removed with no version left to write them in, with what replaced them. */
const REMOVED_KINDS: Readonly<Record<string, { readonly removed: string; readonly hint: string }>> = {
  PodSecurityPolicy: {
    removed: 'Kubernetes 1.25 removed PodSecurityPolicy',
    hint: 'leave it out: Pod Security admission replaced it, by the label pod-security.kubernetes.io/enforce of each namespace, '
      + 'which the library sets to the level the namespace\'s pods need (restricted unless an exemption widens it)',
  },
};

/** The group of an apiVersion: `apps` of `apps/v1`, `''` of `v1`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Why the API server refuses an apiVersion and kind of its own groups, with what to write instead. */
export interface UnservedKind {
  /** `apiVersion` when the version is not served or the kind lives elsewhere; `kind` when no version has it. */
  readonly field: 'apiVersion' | 'kind';
  /** What the API server refuses, e.g. `Kubernetes 1.30 does not serve autoscaling/v2beta2`. */
  readonly message: string;
  /** What to write instead: the version that serves the kind, or the kinds of the version. */
  readonly hint: string;
}

/**
 * Why `apiVersion`/`kind`, of one of {@link KUBERNETES_GROUPS}, is not served, given `served`: every
 * apiVersion of the core definitions with its kinds. Undefined when the group is not Kubernetes' own or
 * the kind is served as written.
 */
export function unservedKind(
  served: ReadonlyMap<string, ReadonlySet<string>>, apiVersion: string, kind: string, release: string,
): UnservedKind | undefined {
  const group = groupOf(apiVersion);
  const offByDefault = OFF_BY_DEFAULT_VERSIONS.has(apiVersion);
  if (!KUBERNETES_GROUPS.has(group) || (served.get(apiVersion)?.has(kind) && !offByDefault)) {
    return undefined;
  }
  const servedAs = [...served].filter(([version, kinds]) => kinds.has(kind) && !OFF_BY_DEFAULT_VERSIONS.has(version)).map(([version]) => version);
  if (offByDefault && served.get(apiVersion)?.has(kind)) {
    const message = `Kubernetes ${release} serves ${apiVersion} only when its API server is started with --runtime-config=${apiVersion}=true`
      + `${/alpha/.test(apiVersion) ? ' and the feature gate of the alpha API' : ''}; off by default, it refuses the ${kind} (no matches for kind)`;
    return servedAs.length > 0
      ? { field: 'apiVersion', message, hint: `write ${kind} as apiVersion ${preferredVersion(servedAs)}, which Kubernetes ${release} serves` }
      : { field: 'apiVersion', message, hint: `leave the ${kind} out: Kubernetes ${release} serves it at no version it enables by default` };
  }
  const versionServed = served.has(apiVersion);
  const message = versionServed
    ? `Kubernetes ${release} has no kind ${kind} in ${apiVersion}`
    : `Kubernetes ${release} does not serve ${apiVersion}`;
  if (servedAs.length > 0) {
    return { field: 'apiVersion', message, hint: `write ${kind} as apiVersion ${preferredVersion(servedAs)}` };
  }
  const replaced = REMOVED_KINDS[kind];
  if (replaced !== undefined && !versionServed) {
    return { field: 'apiVersion', message: `${message}, and no version of it has a kind ${kind}: ${replaced.removed}`, hint: replaced.hint };
  }
  const versions = [...served.keys()].filter((version) => groupOf(version) === group && !OFF_BY_DEFAULT_VERSIONS.has(version));
  const kinds = versionServed ? [...served.get(apiVersion)!].filter((k) => !k.endsWith('List')).sort() : [];
  return {
    field: versionServed ? 'kind' : 'apiVersion',
    message: versionServed ? message : `${message}, and no version of it has a kind ${kind}`,
    hint: kinds.length > 0
      ? `check the kind's spelling; ${apiVersion} has ${kinds.join(', ')}`
      : versions.length > 0 ? `the group is served as ${versions.sort().join(', ')}` : 'the group is no longer served; see the Kubernetes deprecation guide',
  };
}

/**
 * Why a custom resource at `apiVersion` is refused when the CRD of its kind serves it only at `served`
 * (apiVersions, e.g. `traefik.io/v1alpha1`): the API server knows no such version of the kind. `crd` says
 * which CRD that is, e.g. `its CRD in the CRD files`. Undefined when `served` is empty
 * (no CRD is known) or holds `apiVersion`.
 */
export function unservedCustomVersion(apiVersion: string, kind: string, served: readonly string[], crd: string): UnservedKind | undefined {
  if (served.length === 0 || served.includes(apiVersion)) {
    return undefined;
  }
  return {
    field: 'apiVersion',
    message: `${kind} is served as ${served.join(', ')} only, by ${crd}; the API server has no version ${apiVersion} of it`,
    hint: `write ${kind} as apiVersion ${preferredVersion(served)}`,
  };
}

/** The version to suggest among those that serve a kind: a stable one before a beta, a beta before an alpha, newest first. */
function preferredVersion(apiVersions: readonly string[]): string {
  const rank = (apiVersion: string): [number, number, number] => {
    const match = /v(\d+)(?:(alpha|beta)(\d+))?$/.exec(apiVersion);
    if (!match) {
      return [0, 0, 0];
    }
    const stability = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
    return [stability, Number(match[1]), Number(match[3] ?? 0)];
  };
  return [...apiVersions].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
  })[0];
}
