import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { CrdGroup } from './component';
import { ClusterChart } from './cluster-chart';
import { crossplane, CROSSPLANE_RESTRICTED_RUNTIME } from './components/crossplane';
import { describeValue } from '../inventory/problems';
import { reportFinding } from '../validation/finding';
import { PropsRejected } from '../validation/input-error';
import { type PropProblem, rejectPropProblems } from '../validation/known-props';
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
 * Their kinds are cluster-scoped, as their CRDs say: they predate Crossplane's namespaced managed resources,
 * whose groups have an `m.` label.
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
 * name, a package without its registry or tag, which the API server refuses. Pure.
 */
export function providerPackageProblems(provider: CrossplaneProviderPackage, i: number): PropProblem[] {
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
  return problems;
}

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
    const cluster = ClusterChart.of(this);
    cluster.platform.requireFor(crossplane({ providerCrds: providers.flatMap((p) => p.crds ?? []), resources: cluster.componentResources.crossplane }));
    const packages = cluster.platform.configScope('crossplane-providers');
    const declared = DECLARED_PACKAGES.get(cluster) ?? new Map<string, readonly CrdGroup[]>();
    DECLARED_PACKAGES.set(cluster, declared);
    for (const provider of providers) {
      declared.set(provider.package, [...(declared.get(provider.package) ?? []), ...(provider.crds ?? [])]);
      new ApiObject(packages, provider.name, {
        apiVersion: 'pkg.crossplane.io/v1', kind: 'Provider',
        metadata: { name: provider.name },
        spec: {
          package: provider.package, packagePullPolicy: 'IfNotPresent', revisionActivationPolicy: 'Automatic',
          runtimeConfigRef: { name: restrictedRuntimeConfig(cluster) },
        },
      });
    }
    this.configs = cluster.platform.settledScope('crossplane-provider-configs');
  }

  /** Adds a ProviderConfig. */
  public addProviderConfig(props: ProviderConfigProps): void {
    new ApiObject(this.configs, props.name, {
      apiVersion: props.apiVersion, kind: 'ProviderConfig',
      metadata: { name: props.name, ...(props.namespace === undefined ? {} : { namespace: props.namespace }) },
      spec: props.spec,
    });
  }
}
