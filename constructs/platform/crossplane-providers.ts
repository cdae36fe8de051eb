import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { CrdGroup } from './component';
import { awsProviderEndpointProblems } from './aws-provider-endpoint';
import { ClusterChart } from './cluster-chart';
import { crossplane, CROSSPLANE_NAMESPACE, CROSSPLANE_PINS, CROSSPLANE_RESTRICTED_RUNTIME } from './components/crossplane';
import { CRD_GROUP_SHAPE, CRD_GROUPS_REQUIRED } from './component-props-shape';
import { clusterScopedGroup, crossplanePackageProblems, isNamespacedManagedGroup } from './crossplane-package-support';
import { EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { describeValue } from '../inventory/problems';
import { reportFinding } from '../validation/finding';
import { noteRenderedFor } from '../validation/rendered-for';
import { PropsRejected } from '../validation/input-error';
import { type PropProblem, type PropShape, propProblems, rejectPropProblems } from '../validation/known-props';
import { DNS1123_SUBDOMAIN, nameProblem } from '../validation/dns-names';

/** A Crossplane Provider package and the kinds it installs. */
export interface CrossplaneProviderPackage {
  /** Name of the Provider object, e.g. `provider-aws-s3`. */
  readonly name: string;
  /** OCI package with an exact tag, e.g. `xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0`. */
  readonly package: string;
  /**
   * The CRDs it installs once running: its ProviderConfig kinds and managed resources, each group with the
   * `scope` its CRDs give (a classic provider's are `Cluster`). @default []
   */
  readonly crds?: readonly CrdGroup[];
}

/**
 * Crossplane Provider packages of this library, with exact tags. Renovate reads the comment above each pin.
 * The kinds listed are cluster-scoped, as their CRDs say, the ones the Crossplane the library installs
 * reconciles: all but provider-kubernetes v1.2.1 predate Crossplane's namespaced managed resources, whose
 * groups have an `m.` label, and it serves those besides its cluster-scoped ones (see
 * `CROSSPLANE_PACKAGE_SUPPORT` for what each release needs of Crossplane).
 */
export const CROSSPLANE_PROVIDERS = {
  // renovate: datasource=docker depName=xpkg.upbound.io/upbound/provider-aws-s3
  awsS3: {
    name: 'provider-aws-s3', package: 'xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0',
    crds: [{ group: 'aws.upbound.io', kinds: ['ProviderConfig', 'ProviderConfigUsage'], scope: 'Cluster' }, { group: 's3.aws.upbound.io', kinds: ['Bucket', 'BucketPolicy', 'BucketACL'], scope: 'Cluster' }],
  },
  // renovate: datasource=docker depName=xpkg.upbound.io/upbound/provider-aws-iam
  awsIam: {
    name: 'provider-aws-iam', package: 'xpkg.upbound.io/upbound/provider-aws-iam:v1.21.0',
    crds: [{ group: 'iam.aws.upbound.io', kinds: ['Role', 'Policy', 'RolePolicyAttachment', 'OpenIDConnectProvider', 'User', 'AccessKey'], scope: 'Cluster' }],
  },
  // renovate: datasource=docker depName=xpkg.upbound.io/crossplane-contrib/provider-sql
  sql: {
    name: 'provider-sql', package: 'xpkg.upbound.io/crossplane-contrib/provider-sql:v0.11.0',
    crds: [{ group: 'postgresql.sql.crossplane.io', kinds: ['ProviderConfig', 'Database', 'Role', 'Grant', 'Extension'], scope: 'Cluster' }, { group: 'mysql.sql.crossplane.io', kinds: ['ProviderConfig', 'Database', 'User', 'Grant'], scope: 'Cluster' }],
  },
  // renovate: datasource=docker depName=xpkg.upbound.io/crossplane-contrib/provider-keycloak
  keycloak: {
    name: 'provider-keycloak', package: 'xpkg.upbound.io/crossplane-contrib/provider-keycloak:v2.1.0',
    crds: [{ group: 'keycloak.crossplane.io', kinds: ['ProviderConfig', 'ProviderConfigUsage'], scope: 'Cluster' }, { group: 'openidclient.keycloak.crossplane.io', kinds: ['Client'], scope: 'Cluster' }, { group: 'realm.keycloak.crossplane.io', kinds: ['Realm'], scope: 'Cluster' }],
  },
  // renovate: datasource=docker depName=xpkg.upbound.io/crossplane-contrib/provider-cloudflare
  cloudflare: {
    name: 'provider-cloudflare', package: 'xpkg.upbound.io/crossplane-contrib/provider-cloudflare:v0.1.0',
    crds: [{ group: 'cloudflare.crossplane.io', kinds: ['ProviderConfig'], scope: 'Cluster' }, { group: 'dns.cloudflare.crossplane.io', kinds: ['Record'], scope: 'Cluster' }],
  },
  // renovate: datasource=docker depName=xpkg.crossplane.io/crossplane-contrib/provider-kubernetes
  kubernetes: {
    name: 'provider-kubernetes', package: 'xpkg.crossplane.io/crossplane-contrib/provider-kubernetes:v1.2.1',
    crds: [{ group: 'kubernetes.crossplane.io', kinds: ['Object', 'ObservedObjectCollection', 'ProviderConfig', 'ProviderConfigUsage'], scope: 'Cluster' }],
  },
} satisfies Record<string, CrossplaneProviderPackage>;

/**
 * The entry of {@link CROSSPLANE_PROVIDERS} whose Provider installs kind `kind` of `group` (its
 * ProviderConfig, a managed resource), by its key, e.g. `cloudflare`; undefined for none. Pure.
 */
export function crossplaneProviderEntry(group: string, kind: string): keyof typeof CROSSPLANE_PROVIDERS | undefined {
  return (Object.keys(CROSSPLANE_PROVIDERS) as Array<keyof typeof CROSSPLANE_PROVIDERS>)
    .find((key) => CROSSPLANE_PROVIDERS[key].crds.some((crd) => crd.group === group && (crd.kinds as readonly string[]).includes(kind)));
}

/**
 * Name of the DeploymentRuntimeConfig that runs Provider and Function pods at the `restricted` level:
 * `default`, which Crossplane gives every package that names none, such as a provider family it installs
 * as a dependency.
 */
export const RESTRICTED_RUNTIME_CONFIG = 'default';

/**
 * The DeploymentRuntimeConfig that Providers and Functions of the cluster name in `runtimeConfigRef`, so
 * that their pods meet the `restricted` Pod Security level of Crossplane's namespace; made once per
 * cluster, in the config layer with the packages. Returns its name.
 */
export function restrictedRuntimeConfig(cluster: ClusterChart): string {
  const scope = cluster.platform.configScope('crossplane-runtime');
  if (scope.node.tryFindChild(RESTRICTED_RUNTIME_CONFIG) === undefined) {
    new ApiObject(scope, RESTRICTED_RUNTIME_CONFIG, {
      apiVersion: 'pkg.crossplane.io/v1beta1', kind: 'DeploymentRuntimeConfig',
      metadata: { name: RESTRICTED_RUNTIME_CONFIG },
      spec: { deploymentTemplate: CROSSPLANE_RESTRICTED_RUNTIME },
    });
  }
  return RESTRICTED_RUNTIME_CONFIG;
}

/** The packages each cluster's CrossplaneProviders declared, by package reference, with their kinds. */
const DECLARED_PACKAGES = new WeakMap<ClusterChart, Map<string, readonly CrdGroup[]>>();

/**
 * The CRDs a Provider of package `pkg` installs in `cluster`: those its CrossplaneProviders declared
 * (a package of the user's own included), else those of the library's package of that reference.
 */
export function providerPackageCrds(cluster: ClusterChart, pkg: string): readonly CrdGroup[] {
  return DECLARED_PACKAGES.get(cluster)?.get(pkg)
    ?? Object.values(CROSSPLANE_PROVIDERS).find((provider: CrossplaneProviderPackage) => provider.package === pkg)?.crds
    ?? [];
}

/** A package reference as Crossplane's Provider CRD takes it: a registry with a dot, a repository, and a tag or a digest. */
const FULLY_QUALIFIED_PACKAGE = /^[^./]+(\.[^./]+)+(\/[^/:@]+)+(:[^:@]+(@sha256.+)?|@sha256.+)$/;

/**
 * The problems of provider `i` of the list, on `providers[i].<field>`: a Provider name that is no object
 * name, a package without its registry or tag, which the API server refuses, and a known package that does
 * not work with the Crossplane release the library installs or serves none of the kinds declared for it. Pure.
 */
export function providerPackageProblems(provider: CrossplaneProviderPackage, i: number): PropProblem[] {
  if (typeof provider === 'string') {
    // A package reference alone, as `crossplane xpkg install provider <package>` takes it.
    const repository = (provider as string).replace(/[:@].*$/, '');
    return [{
      field: `providers[${i}]`, message: `providers[${i}] is the text ${describeValue(provider)}, not a provider package with its name`,
      hint: `give the Provider its name and package: { name: '${repository.slice(repository.lastIndexOf('/') + 1) || 'provider-aws-s3'}', package: ${describeValue(provider)} }, or use an entry of CROSSPLANE_PROVIDERS`,
    }];
  }
  const problems: PropProblem[] = [];
  const name = (provider as Partial<CrossplaneProviderPackage> | null)?.name;
  const invalid = typeof name === 'string' ? nameProblem(name, DNS1123_SUBDOMAIN) : `${describeValue(name)} is not text`;
  if (invalid !== undefined) {
    problems.push({ field: `providers[${i}].name`, message: `the Provider name ${invalid}`, hint: "give an object name, e.g. 'provider-aws-s3'" });
  }
  const pkg = (provider as Partial<CrossplaneProviderPackage> | null)?.package;
  if (typeof pkg !== 'string' || !FULLY_QUALIFIED_PACKAGE.test(pkg)) {
    problems.push({
      field: `providers[${i}].package`,
      message: `package ${describeValue(pkg)} is not a fully qualified package reference with its registry and an exact tag or digest, which the API server requires`,
      hint: "write the registry, the repository and the tag, e.g. 'xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0', or use an entry of CROSSPLANE_PROVIDERS",
    });
  }
  const tag = typeof pkg === 'string' && FULLY_QUALIFIED_PACKAGE.test(pkg) && !pkg.includes('@') ? pkg.slice(pkg.lastIndexOf(':') + 1) : undefined;
  if (tag !== undefined && !/\d/.test(tag)) {
    // With packagePullPolicy IfNotPresent, a moving tag is pulled once and never again: the version is whatever came first.
    problems.push({
      field: `providers[${i}].package`,
      message: `package ${describeValue(pkg)} has the moving tag "${tag}", not an exact version: Crossplane pulls it once and never updates it, and a rebuilt cluster gets another version`,
      hint: "give the release's tag, e.g. 'xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0', or a digest (@sha256:…)",
    });
  }
  // A group written as its name alone, or kinds as one word, would reach the checks and the platform that read them.
  const crdProblems = provider === null || typeof provider !== 'object' ? [] : propProblems(`provider ${describeValue(name)}`, provider, PROVIDER_PACKAGE_SHAPE, { required: CRD_GROUPS_REQUIRED })
    .map((problem) => ({ ...problem, field: `providers[${i}].${problem.field}` }));
  problems.push(...crdProblems);
  if (typeof pkg === 'string' && crdProblems.length === 0) {
    const crds = Array.isArray(provider.crds) ? provider.crds : [];
    problems.push(...crossplanePackageProblems(pkg, crds, CROSSPLANE_PINS.chart).map((problem) => ({ ...problem, field: `providers[${i}].${problem.field}` })));
  }
  return problems;
}

/** A provider package written by hand, for its `crds`: `name` and `package` are judged by themselves. */
const PROVIDER_PACKAGE_SHAPE = {
  name: 'any', package: 'any', crds: { '[]': CRD_GROUP_SHAPE },
} as const satisfies Record<keyof CrossplaneProviderPackage, PropShape>;

/**
 * Warns, on `providers[i].crds`, of namespaced managed resources (`m.` groups) declared for a Provider while
 * the library installs Crossplane 1: Upbound states that such providers install on Crossplane 1 and
 * reconcile their cluster-scoped kinds there, but that their namespaced managed resources are a Crossplane 2
 * feature, not usable on Crossplane 1.
 */
function warnNamespacedKindsOnCrossplaneV1(scope: Construct, provider: CrossplaneProviderPackage, i: number): void {
  const namespaced = (Array.isArray(provider.crds) ? provider.crds : []).map((crd) => crd.group).filter(isNamespacedManagedGroup);
  if (namespaced.length > 0 && Number(CROSSPLANE_PINS.chart.split('.')[0]) < 2) {
    reportFinding(scope, {
      layer: 'props', severity: 'warning', field: `providers[${i}].crds`,
      message: `${namespaced.join(', ')} ${namespaced.length === 1 ? 'is a group' : 'are groups'} of namespaced managed resources, a Crossplane 2 feature, and the cluster installs Crossplane ${CROSSPLANE_PINS.chart}`,
      hint: `write the cluster-scoped kinds (${[...new Set(namespaced.map(clusterScopedGroup))].join(', ')}), which Crossplane ${CROSSPLANE_PINS.chart} reconciles`,
    });
  }
}

/** The annotation that records why a Provider's pods act on the cluster with a ClusterRole. */
export const PROVIDER_IDENTITY_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}provider-identity`;

/** What a Provider's pods may do on the cluster itself, for its ProviderConfigs with `InjectedIdentity`. */
export interface ProviderIdentityProps {
  /** The ClusterRole they act with, e.g. `edit`, or `cluster-admin` for compositions that make any kind. */
  readonly clusterRole: string;
  /** Why the Provider needs that role; written on the ClusterRoleBinding as `security.homelab.dev/provider-identity`. */
  readonly reason: string;
}

const PROVIDER_CONFIG_SHAPE = { name: 'objectName', apiVersion: 'string', spec: 'object', namespace: 'namespace' } as const satisfies Record<keyof ProviderConfigProps, PropShape>;

const PROVIDER_IDENTITY_SHAPE = { clusterRole: 'string', reason: 'string' } as const satisfies Record<keyof ProviderIdentityProps, PropShape>;

/** A ProviderConfig: how one Provider reaches and authenticates to what it manages. */
export interface ProviderConfigProps {
  /** Name that managed resources reference in `providerConfigRef`, e.g. `ceph-rgw`. */
  readonly name: string;
  /** apiVersion of the Provider's ProviderConfig, e.g. `aws.upbound.io/v1beta1`. */
  readonly apiVersion: string;
  /** Its spec: credentials, endpoint, provider options. */
  readonly spec: Record<string, unknown>;
  /**
   * Namespace of a namespaced ProviderConfig kind (the `m.` groups of Crossplane's namespaced managed
   * resources, whose managed resources find it in their own namespace).
   * @default - none: a classic provider's ProviderConfig is cluster-scoped
   */
  readonly namespace?: string;
}

/**
 * Crossplane with its Providers, and the ProviderConfigs that point them at real systems. Providers go
 * into the config layer; the kinds a Provider installs count as provided by Crossplane, and the cluster's
 * engine applies its ProviderConfigs once the Providers are healthy: in the config layer again, or in the
 * apps layer under Flux, which refuses a layer holding a kind not installed yet.
 */
export class CrossplaneProviders extends Construct {
  private readonly configs: Construct;
  /**
   * Each Provider by name, with its `runtimeConfigRef`, held by the Provider object itself: a grant names
   * the Provider's own runtime config there, which the Provider writes when it is synthesized.
   */
  private readonly providers = new Map<string, { readonly object: ApiObject; readonly runtimeConfigRef: { name: string } }>();

  constructor(scope: Construct, id: string, providers: readonly CrossplaneProviderPackage[]) {
    super(scope, id);
    if (!Array.isArray(providers)) {
      // Unlike most constructs, this one takes the list itself rather than props.
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'providers',
        message: `the providers are ${providers !== null && typeof providers === 'object' ? 'an object' : describeValue(providers)}, not a list`,
        hint: 'pass the list of provider packages itself: new CrossplaneProviders(this, id, [CROSSPLANE_PROVIDERS.kubernetes, …])',
      });
      throw new PropsRejected('CrossplaneProviders');
    }
    rejectPropProblems(this, 'CrossplaneProviders', providers.flatMap(providerPackageProblems));
    providers.forEach((provider, i) => warnNamespacedKindsOnCrossplaneV1(this, provider, i));
    const cluster = ClusterChart.of(this);
    cluster.platform.requireFor(crossplane({ providerCrds: providers.flatMap((p) => p.crds ?? []), resources: cluster.componentResources.crossplane }));
    const packages = cluster.platform.configScope('crossplane-providers');
    const declared = DECLARED_PACKAGES.get(cluster) ?? new Map<string, readonly CrdGroup[]>();
    DECLARED_PACKAGES.set(cluster, declared);
    for (const provider of providers) {
      declared.set(provider.package, [...(declared.get(provider.package) ?? []), ...(provider.crds ?? [])]);
      const runtimeConfigRef = { name: restrictedRuntimeConfig(cluster) };
      const object = new ApiObject(packages, provider.name, {
        apiVersion: 'pkg.crossplane.io/v1', kind: 'Provider',
        metadata: { name: provider.name },
        spec: { package: provider.package, packagePullPolicy: 'IfNotPresent', revisionActivationPolicy: 'Automatic', runtimeConfigRef },
      });
      this.providers.set(provider.name, { object, runtimeConfigRef });
    }
    this.configs = cluster.platform.settledScope('crossplane-provider-configs');
  }

  /**
   * Lets the pods of Provider `providerName` act on this cluster with a ClusterRole, for its ProviderConfigs
   * with `credentials: { source: 'InjectedIdentity' }` (provider-kubernetes, provider-helm). Crossplane names
   * a Provider's ServiceAccount after its revision, which no binding can name: its pods run as ServiceAccount
   * `<providerName>` instead, through a DeploymentRuntimeConfig of that name (as restricted as every
   * package's), which ClusterRoleBinding `crossplane-<providerName>` binds to the role.
   */
  public grantClusterRole(providerName: string, props: ProviderIdentityProps): void {
    const provider = this.providers.get(providerName);
    const problems: PropProblem[] = propProblems('grantClusterRole', props, PROVIDER_IDENTITY_SHAPE, {
      required: [['clusterRole', "name a ClusterRole, e.g. clusterRole: 'edit'"], ['reason', 'say why the Provider acts on the cluster with this role']],
    });
    // The package itself (CROSSPLANE_PROVIDERS.kubernetes) given where its name belongs.
    const packageName = (providerName as unknown as Partial<CrossplaneProviderPackage> | null)?.name;
    if (provider === undefined) {
      problems.push({
        field: 'providerName',
        message: typeof providerName === 'string' ? `"${providerName}" is no Provider of these CrossplaneProviders` : `the Provider is named by ${describeValue(providerName)}, not by its name`,
        hint: typeof packageName === 'string' && this.providers.has(packageName)
          ? `give the Provider's name: grantClusterRole('${packageName}', …)` : `name one of: ${[...this.providers.keys()].join(', ') || '(none)'}`,
      });
    }
    const role = props?.clusterRole;
    if (typeof role === 'string' && nameProblem(role, DNS1123_SUBDOMAIN) !== undefined) {
      problems.push({ field: 'clusterRole', message: `${describeValue(role)} is no ClusterRole name`, hint: "name a ClusterRole, e.g. 'edit'" });
    }
    if (typeof props?.reason === 'string' && props.reason.trim() === '') {
      problems.push({ field: 'reason', message: 'the grant gives no reason', hint: 'say why the Provider acts on the cluster with this role' });
    }
    rejectPropProblems(this, 'CrossplaneProviders.grantClusterRole', problems);
    const scope = ClusterChart.of(this).platform.configScope('crossplane-providers');
    new ApiObject(scope, `${providerName}-runtime`, {
      apiVersion: 'pkg.crossplane.io/v1beta1', kind: 'DeploymentRuntimeConfig',
      metadata: { name: providerName },
      spec: { serviceAccountTemplate: { metadata: { name: providerName } }, deploymentTemplate: CROSSPLANE_RESTRICTED_RUNTIME },
    });
    provider!.runtimeConfigRef.name = providerName;
    new ApiObject(scope, `${providerName}-binding`, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
      metadata: { name: `crossplane-${providerName}`, annotations: { [PROVIDER_IDENTITY_ANNOTATION]: props.reason } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: props.clusterRole },
      subjects: [{ kind: 'ServiceAccount', name: providerName, namespace: CROSSPLANE_NAMESPACE }],
    });
  }

  /**
   * Adds a ProviderConfig. An AWS provider's custom endpoint (`spec.endpoint.url`) must list the services it
   * answers for (`spec.endpoint.services`): the provider sends only those there, every other call to AWS.
   */
  public addProviderConfig(props: ProviderConfigProps): void {
    // Written outside the type checker, a ProviderConfig without its apiVersion or name has no kind to render.
    rejectPropProblems(this, 'CrossplaneProviders.addProviderConfig', propProblems('addProviderConfig', props, PROVIDER_CONFIG_SHAPE, {
      required: [['name', "name it as managed resources' providerConfigRef does, e.g. name: 'default'"], ['apiVersion', "give its Provider's ProviderConfig version, e.g. apiVersion: 'kubernetes.crossplane.io/v1alpha1'"], ['spec', 'give its spec: its credentials, e.g. spec: { credentials: { source: \'InjectedIdentity\' } }']],
    }).map((problem) => ({ ...problem, field: `addProviderConfig.${problem.field}` })));
    rejectPropProblems(this, 'CrossplaneProviders.addProviderConfig', awsProviderEndpointProblems(props.apiVersion, props.spec, `addProviderConfig(${props.name})`));
    // Each Provider has its own ProviderConfig kind, so two may share a name (`default`, the one a managed
    // resource naming none uses).
    const id = this.configs.node.tryFindChild(props.name) === undefined ? props.name : `${props.name}.${props.apiVersion.split('/')[0]}`;
    const config = new ApiObject(this.configs, id, {
      apiVersion: props.apiVersion, kind: 'ProviderConfig',
      metadata: { name: props.name, ...(props.namespace === undefined ? {} : { namespace: props.namespace }) },
      spec: props.spec,
    });
    // Its kind is the apiVersion's: a Provider missing for it is reported on the call, not on the platform layer's object.
    noteRenderedFor(config, this, `addProviderConfig(${props.name}).apiVersion`);
  }
}
