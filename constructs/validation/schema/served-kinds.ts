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
  if (!KUBERNETES_GROUPS.has(group) || served.get(apiVersion)?.has(kind)) {
    return undefined;
  }
  const servedAs = [...served].filter(([, kinds]) => kinds.has(kind)).map(([version]) => version);
  const versionServed = served.has(apiVersion);
  const message = versionServed
    ? `Kubernetes ${release} has no kind ${kind} in ${apiVersion}`
    : `Kubernetes ${release} does not serve ${apiVersion}`;
  if (servedAs.length > 0) {
    return { field: 'apiVersion', message, hint: `write ${kind} as apiVersion ${preferredVersion(servedAs)}` };
  }
  const versions = [...served.keys()].filter((version) => groupOf(version) === group);
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
