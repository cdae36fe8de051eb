import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterChart } from '../platform/cluster-chart';
import { crossplane, CROSSPLANE_RESTRICTED_RUNTIME } from '../platform/components/crossplane';
import { CROSSPLANE_PROVIDERS, restrictedRuntimeConfig } from '../platform/crossplane-providers';
import { storageClassNameOf } from '../platform/storage';
import { nfsTierProblem } from '../platform/component-tiers';
import { declareExternal } from '../validation/external';
import { SecretReference } from '../secrets/secret-reference';
import { referenceKey } from '../secrets/secret-keys';
import { reportFinding } from '../validation/finding';
import { rejectPropProblems, requireProps } from '../validation/known-props';
import { DNS1123_SUBDOMAIN, nameProblem } from '../validation/dns-names';
import { parseSize } from '../app/quantities';
import { CROSSPLANE_POSTGRES_PROPS_SHAPE, POSTGRES_CLAIM_PROPS_SHAPE } from '../validation/service-props-shapes';

/**
 * Pinned packages of the PostgreSQL composition (provider-kubernetes is `CROSSPLANE_PROVIDERS.kubernetes`).
 * Renovate reads the comment above each pin.
 */
export const CROSSPLANE_POSTGRES_PINS = {
  // renovate: datasource=docker depName=xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform
  functionPatchAndTransform: 'v0.8.2',
  // renovate: datasource=docker depName=postgres
  postgres: '15.14-alpine',
} as const;

/** Size of the server's /dev/shm: room for the parallel queries of a home lab's database, within its 1Gi memory limit. */
const POSTGRES_SHARED_MEMORY = '256Mi';

/**
 * The database server's probe: whether it accepts connections, asked as the claim's user of the claim's
 * database (the container's POSTGRES_USER and POSTGRES_DB, which the composition patches in).
 */
const PG_ISREADY_AS_CLAIM_USER = ['sh', '-c', 'pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB"'];

/** Keys of the connection Secret a claim gets. */
export const POSTGRES_CONNECTION_KEYS = ['database', 'host', 'password', 'port', 'username'] as const;

/** One key of the connection Secret. */
export type PostgresConnectionKey = typeof POSTGRES_CONNECTION_KEYS[number];

const PROVIDER_NAME = 'provider-kubernetes';
const FUNCTION_NAME = 'function-patch-and-transform';
const RUNTIME_CONFIG_NAME = 'provider-kubernetes';

/** Options of the self-service PostgreSQL platform: XRD, Composition, and the provider they need. */
export interface CrossplanePostgresProps {
  /** API group of the composite type, in a domain of the lab, e.g. `database.example.internal`. */
  readonly group: string;
  /** Name of the Composition claims select. @default 'postgresql' */
  readonly compositionName?: string;
  /**
   * Storage tier of the cluster for the database volumes. PostgreSQL is a single writer that needs
   * working `fsync` and POSIX locks: give it node-local disk even where other data lives on NFS.
   */
  readonly storageTier: string;
  /** Namespace Crossplane and its packages run in. @default 'crossplane-system' */
  readonly crossplaneNamespace?: string;
  /**
   * Namespaces claims may create databases in: provider-kubernetes gets rights there only.
   * @default - cluster-wide rights on the few kinds the composition makes
   */
  readonly claimNamespaces?: string[];
}

/** A claim for one database. */
export interface PostgresClaimProps {
  /** Namespace of the claim, its database and its connection Secret. */
  readonly namespace: string;
  /** Name of the database. */
  readonly dbName: string;
  /** Database user. */
  readonly dbUser: string;
  /** Volume size, a binary quantity such as `20Gi`. @default '10Gi' */
  readonly dbSize?: string;
  /**
   * The database user's password: a key of a Secret in the claim's namespace (sealed, or made by hand).
   * Never a literal: the composition reads it from the Secret and copies it into the connection Secret.
   */
  readonly password: SecretReference;
  /** Name of the connection Secret. @default - `<claim>-connection` */
  readonly connectionSecretName?: string;
}

/**
 * Self-service PostgreSQL through Crossplane, as a composite type: provider-kubernetes and the
 * patch-and-transform function, a CompositeResourceDefinition with a `PostgreSQL` claim, and a
 * Composition that makes a StatefulSet (one replica), its claim and Service in the claim's namespace, and a
 * NetworkPolicy that lets only pods of that namespace connect (on 5432) and the server connect nowhere.
 * Claims get a connection Secret with `host`, `port`, `database`, `username` and `password`.
 */
export class CrossplanePostgres extends Construct {
  /** API group of the composite type. */
  public readonly group: string;
  /** Name of the Composition. */
  public readonly compositionName: string;
  /** Namespaces provider-kubernetes has rights in, when limited; claims elsewhere are never composed. */
  public readonly claimNamespaces?: readonly string[];

  constructor(scope: Construct, id: string, props: CrossplanePostgresProps) {
    super(scope, id);
    requireProps(this, 'CrossplanePostgres', props, CROSSPLANE_POSTGRES_PROPS_SHAPE, {
      required: [
        ['group', "give the API group of the composite type, in a domain of the lab, e.g. 'database.example.internal'"],
        ['storageTier', "name the cluster's storage tier the databases live on, e.g. 'fast'"],
      ],
    });
    // Crossplane names the definition `xpostgresqls.<group>` and needs a group with a dot (a domain).
    const groupProblem = nameProblem(props.group, DNS1123_SUBDOMAIN) ?? (props.group.includes('.') ? undefined : `"${props.group}" has no dot`);
    rejectPropProblems(this, 'CrossplanePostgres', groupProblem ? [{
      field: 'group', message: `the API group ${groupProblem}; an API group is a lower-case domain name`,
      hint: "name it in a domain of the lab, e.g. 'database.example.internal'",
    }] : []);
    const cluster = ClusterChart.of(this);
    this.group = props.group;
    this.compositionName = props.compositionName ?? 'postgresql';
    this.claimNamespaces = props.claimNamespaces;
    const crossplaneNamespace = props.crossplaneNamespace ?? 'crossplane-system';
    cluster.namespaces.ensure(crossplaneNamespace);
    // Crossplane itself; the kinds provider-kubernetes and the definition add count as provided by it.
    cluster.platform.requireFor(crossplane({
      providerCrds: [...(CROSSPLANE_PROVIDERS.kubernetes.crds ?? []), { group: this.group, kinds: ['PostgreSQL', 'XPostgreSQL'] }],
      resources: cluster.componentResources.crossplane,
    }));

    // The packages and types need Crossplane's CRDs, so they go to the config layer.
    const config = cluster.platform.configScope('crossplane-postgres');
    new ApiObject(config, 'runtime-config', {
      apiVersion: 'pkg.crossplane.io/v1beta1', kind: 'DeploymentRuntimeConfig',
      metadata: { name: RUNTIME_CONFIG_NAME },
      // A fixed service-account name, so the RBAC below can name it; the pods as restricted as every package's.
      spec: { serviceAccountTemplate: { metadata: { name: PROVIDER_NAME } }, deploymentTemplate: CROSSPLANE_RESTRICTED_RUNTIME },
    });
    new ApiObject(config, 'provider', {
      apiVersion: 'pkg.crossplane.io/v1', kind: 'Provider',
      metadata: { name: PROVIDER_NAME },
      spec: {
        // The same pin as the Provider of CrossplaneProviders: one version of a provider in the library.
        package: CROSSPLANE_PROVIDERS.kubernetes.package,
        packagePullPolicy: 'IfNotPresent',
        runtimeConfigRef: { name: RUNTIME_CONFIG_NAME },
      },
    });
    new ApiObject(config, 'function', {
      apiVersion: 'pkg.crossplane.io/v1', kind: 'Function',
      metadata: { name: FUNCTION_NAME },
      spec: {
        package: `xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:${CROSSPLANE_POSTGRES_PINS.functionPatchAndTransform}`,
        packagePullPolicy: 'IfNotPresent',
        runtimeConfigRef: { name: restrictedRuntimeConfig(cluster) },
      },
    });
    // Its kind exists once the Provider is healthy: the engine applies it after the Provider has settled.
    new ApiObject(cluster.platform.settledScope('crossplane-postgres'), 'provider-config', {
      apiVersion: 'kubernetes.crossplane.io/v1alpha1', kind: 'ProviderConfig',
      metadata: { name: 'default' },
      spec: { credentials: { source: 'InjectedIdentity' } },
    });
    this.renderRbac(config, crossplaneNamespace, props.claimNamespaces);
    this.renderDefinition(config);
    const tier = cluster.tier(props.storageTier);
    if (!tier) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'storageTier',
        message: `cluster "${cluster.clusterName}" has no storage tier "${props.storageTier}"`,
        hint: cluster.unknownTierHint(props.storageTier),
      });
    }
    const onNfs = tier && nfsTierProblem(props.storageTier, tier, 'PostgreSQL needs a working fsync and POSIX locks, which NFS does not promise: its data may be corrupted');
    if (onNfs) {
      reportFinding(this, { layer: 'references', severity: 'error', field: 'storageTier', ...onNfs });
    }
    this.renderComposition(config, tier ? storageClassNameOf(tier) : props.storageTier, crossplaneNamespace);
  }

  /** Claims a database; its connection Secret's keys are read through {@link PostgresClaim.key}. */
  public claim(scope: Construct, name: string, props: PostgresClaimProps): PostgresClaim {
    return new PostgresClaim(scope, name, { ...props, definition: this });
  }

  private renderRbac(scope: Construct, crossplaneNamespace: string, claimNamespaces: string[] | undefined): void {
    const rules = [
      { apiGroups: [''], resources: ['persistentvolumeclaims', 'services', 'secrets'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
      { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
      { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
    ];
    const subject = { kind: 'ServiceAccount', name: PROVIDER_NAME, namespace: crossplaneNamespace };
    new ApiObject(scope, 'cluster-role', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: { name: 'crossplane-provider-kubernetes-postgres' },
      rules,
    });
    if (!claimNamespaces) {
      new ApiObject(scope, 'cluster-role-binding', {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
        metadata: { name: 'crossplane-provider-kubernetes-postgres' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'crossplane-provider-kubernetes-postgres' },
        subjects: [subject],
      });
      return;
    }
    for (const namespace of [...claimNamespaces].sort()) {
      new ApiObject(scope, `role-binding-${namespace}`, {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
        metadata: { name: 'crossplane-provider-kubernetes-postgres', namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'crossplane-provider-kubernetes-postgres' },
        subjects: [subject],
      });
    }
  }

  private renderDefinition(scope: Construct): void {
    new ApiObject(scope, 'definition', {
      apiVersion: 'apiextensions.crossplane.io/v1', kind: 'CompositeResourceDefinition',
      metadata: { name: `xpostgresqls.${this.group}` },
      spec: {
        group: this.group,
        names: { kind: 'XPostgreSQL', plural: 'xpostgresqls' },
        claimNames: { kind: 'PostgreSQL', plural: 'postgresqls' },
        connectionSecretKeys: [...POSTGRES_CONNECTION_KEYS],
        defaultCompositionRef: { name: this.compositionName },
        versions: [{
          name: 'v1alpha1',
          served: true,
          referenceable: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    parameters: {
                      type: 'object',
                      properties: {
                        dbName: { type: 'string' },
                        dbUser: { type: 'string' },
                        dbSize: { type: 'string', default: '10Gi' },
                        passwordSecretRef: {
                          type: 'object',
                          description: 'Secret in the claim namespace that holds the password of dbUser.',
                          properties: { name: { type: 'string' }, key: { type: 'string' } },
                          required: ['name', 'key'],
                        },
                      },
                      required: ['dbName', 'dbUser', 'passwordSecretRef'],
                    },
                  },
                  required: ['parameters'],
                },
              },
            },
          },
        }],
      },
    });
  }

  private renderComposition(scope: Construct, storageClassName: string, crossplaneNamespace: string): void {
    new ApiObject(scope, 'composition', {
      apiVersion: 'apiextensions.crossplane.io/v1', kind: 'Composition',
      metadata: { name: this.compositionName, labels: { 'crossplane.io/xrd': `xpostgresqls.${this.group}` } },
      spec: {
        compositeTypeRef: { apiVersion: `${this.group}/v1alpha1`, kind: 'XPostgreSQL' },
        // Crossplane gives a composite a connection Secret only where its Composition names a namespace for
        // them; without it, the claim's Secret is never written and its pods wait for it for ever.
        writeConnectionSecretsToNamespace: crossplaneNamespace,
        mode: 'Pipeline',
        pipeline: [{
          step: 'patch-and-transform',
          functionRef: { name: FUNCTION_NAME },
          input: {
            apiVersion: 'pt.fn.crossplane.io/v1beta1', kind: 'Resources',
            resources: composedResources(storageClassName, crossplaneNamespace),
          },
        }],
      },
    });
  }
}

/** Patches that place a composed object in the claim's namespace under `<claim>-postgres`. */
function namePatches(suffix = ''): unknown[] {
  return [
    { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.claimRef.namespace', toFieldPath: 'spec.forProvider.manifest.metadata.namespace' },
    {
      type: 'FromCompositeFieldPath', fromFieldPath: 'spec.claimRef.name', toFieldPath: 'spec.forProvider.manifest.metadata.name',
      transforms: [{ type: 'string', string: { type: 'Format', fmt: `%s-postgres${suffix}` } }],
    },
  ];
}

function object(manifest: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', spec: { forProvider: { manifest } } };
}

/**
 * The composed objects: claim, StatefulSet, Service and NetworkPolicy of one PostgreSQL server, wrapped in
 * provider-kubernetes Objects.
 */
function composedResources(storageClassName: string, crossplaneNamespace: string): unknown[] {
  const labelPatch = (path: string) => ({ type: 'FromCompositeFieldPath', fromFieldPath: 'spec.claimRef.name', toFieldPath: path, transforms: [{ type: 'string', string: { type: 'Format', fmt: '%s-postgres' } }] });
  return [
    {
      name: 'data',
      base: object({
        apiVersion: 'v1', kind: 'PersistentVolumeClaim',
        spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: '20Gi' } } },
      }),
      patches: [
        ...namePatches('-data'),
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.dbSize', toFieldPath: 'spec.forProvider.manifest.spec.resources.requests.storage' },
      ],
    },
    {
      name: 'server',
      base: {
        ...object({
          apiVersion: 'apps/v1', kind: 'StatefulSet',
          spec: {
            replicas: 1,
            selector: { matchLabels: {} },
            template: {
              metadata: { labels: {} },
              spec: {
                automountServiceAccountToken: false,
                // The alpine image's postgres user; it owns the data directory.
                securityContext: { runAsNonRoot: true, runAsUser: 70, runAsGroup: 70, fsGroup: 70, seccompProfile: { type: 'RuntimeDefault' } },
                containers: [{
                  name: 'postgres',
                  image: `postgres:${CROSSPLANE_POSTGRES_PINS.postgres}`,
                  ports: [{ name: 'postgres', containerPort: 5432 }],
                  env: [
                    { name: 'POSTGRES_DB', value: 'defaultdb' },
                    { name: 'POSTGRES_USER', value: 'postgres' },
                    { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'unset', key: 'password' } } },
                    { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
                  ],
                  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
                  // As the claim's own user and database: a role the server lacks (postgres, once POSTGRES_USER is
                  // the claim's) still answers pg_isready, but logs a FATAL at every probe.
                  readinessProbe: { exec: { command: PG_ISREADY_AS_CLAIM_USER }, periodSeconds: 10 },
                  livenessProbe: { exec: { command: PG_ISREADY_AS_CLAIM_USER }, periodSeconds: 30, failureThreshold: 6 },
                  securityContext: {
                    allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
                  },
                  volumeMounts: [
                    { name: 'data', mountPath: '/var/lib/postgresql/data' },
                    { name: 'run', mountPath: '/var/run/postgresql' },
                    { name: 'tmp', mountPath: '/tmp' },
                    { name: 'shm', mountPath: '/dev/shm' },
                  ],
                }],
                volumes: [
                  { name: 'data', persistentVolumeClaim: { claimName: 'unset' } },
                  { name: 'run', emptyDir: {} },
                  { name: 'tmp', emptyDir: {} },
                  // PostgreSQL keeps the shared memory of parallel queries in /dev/shm, which the container runtime
                  // caps at 64MiB: once the database has grown, a parallel query then fails ("could not resize
                  // shared memory segment"). Charged to the container's memory, inside its limit.
                  { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: POSTGRES_SHARED_MEMORY } },
                ],
              },
            },
          },
        }),
      },
      patches: [
        ...namePatches(),
        labelPatch('spec.forProvider.manifest.spec.selector.matchLabels[app.kubernetes.io/name]'),
        labelPatch('spec.forProvider.manifest.spec.template.metadata.labels[app.kubernetes.io/name]'),
        labelPatch('spec.forProvider.manifest.spec.serviceName'),
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.dbName', toFieldPath: 'spec.forProvider.manifest.spec.template.spec.containers[0].env[0].value' },
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.dbUser', toFieldPath: 'spec.forProvider.manifest.spec.template.spec.containers[0].env[1].value' },
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.passwordSecretRef.name', toFieldPath: 'spec.forProvider.manifest.spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef.name' },
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.passwordSecretRef.key', toFieldPath: 'spec.forProvider.manifest.spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef.key' },
        {
          type: 'FromCompositeFieldPath', fromFieldPath: 'spec.claimRef.name', toFieldPath: 'spec.forProvider.manifest.spec.template.spec.volumes[0].persistentVolumeClaim.claimName',
          transforms: [{ type: 'string', string: { type: 'Format', fmt: '%s-postgres-data' } }],
        },
      ],
      connectionDetails: [
        { name: 'database', type: 'FromFieldPath', fromFieldPath: 'spec.forProvider.manifest.spec.template.spec.containers[0].env[0].value' },
        { name: 'username', type: 'FromFieldPath', fromFieldPath: 'spec.forProvider.manifest.spec.template.spec.containers[0].env[1].value' },
      ],
    },
    {
      name: 'service',
      base: object({
        apiVersion: 'v1', kind: 'Service',
        spec: { type: 'ClusterIP', selector: {}, ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }] },
      }),
      patches: [...namePatches(), labelPatch('spec.forProvider.manifest.spec.selector[app.kubernetes.io/name]')],
      connectionDetails: [
        // Clients live in the claim's namespace, where the Service name resolves on its own.
        { name: 'host', type: 'FromFieldPath', fromFieldPath: 'spec.forProvider.manifest.metadata.name' },
        { name: 'port', type: 'FromValue', value: '5432' },
      ],
    },
    {
      // The database answers its own namespace, where its clients read the connection Secret, and no one
      // else; it opens no connection itself. Where the pod network enforces no policy, it is written all the same.
      name: 'network-policy',
      base: object({
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
        spec: {
          podSelector: { matchLabels: {} },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 5432 }] }],
        },
      }),
      patches: [...namePatches(), labelPatch('spec.forProvider.manifest.spec.podSelector.matchLabels[app.kubernetes.io/name]')],
    },
    {
      // Observes the password Secret only to copy its value into the connection Secret.
      name: 'password',
      base: {
        apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object',
        spec: {
          managementPolicies: ['Observe'],
          forProvider: { manifest: { apiVersion: 'v1', kind: 'Secret' } },
          connectionDetails: [{ apiVersion: 'v1', kind: 'Secret', name: 'unset', namespace: 'unset', fieldPath: 'data.password', toConnectionSecretKey: 'password' }],
          writeConnectionSecretToRef: { name: 'unset', namespace: crossplaneNamespace },
        },
      },
      patches: [
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.claimRef.namespace', toFieldPath: 'spec.forProvider.manifest.metadata.namespace' },
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.passwordSecretRef.name', toFieldPath: 'spec.forProvider.manifest.metadata.name' },
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.claimRef.namespace', toFieldPath: 'spec.connectionDetails[0].namespace' },
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.passwordSecretRef.name', toFieldPath: 'spec.connectionDetails[0].name' },
        { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.passwordSecretRef.key', toFieldPath: 'spec.connectionDetails[0].fieldPath', transforms: [{ type: 'string', string: { type: 'Format', fmt: 'data.%s' } }] },
        {
          type: 'FromCompositeFieldPath', fromFieldPath: 'metadata.uid', toFieldPath: 'spec.writeConnectionSecretToRef.name',
          transforms: [{ type: 'string', string: { type: 'Format', fmt: '%s-postgres-password' } }],
        },
      ],
      connectionDetails: [{ name: 'password', type: 'FromConnectionSecretKey', fromConnectionSecretKey: 'password' }],
    },
  ];
}

/** A `PostgreSQL` claim of a {@link CrossplanePostgres} definition. */
export class PostgresClaim extends Construct {
  /** Namespace of the claim and its connection Secret. */
  public readonly namespace: string;
  /** Name of the connection Secret. */
  public readonly connectionSecretName: string;

  constructor(scope: Construct, name: string, props: PostgresClaimProps & { readonly definition: CrossplanePostgres }) {
    super(scope, name);
    requireProps(this, 'PostgresClaim', props, POSTGRES_CLAIM_PROPS_SHAPE, {
      required: [
        ['namespace', 'give the namespace of the claim and its connection Secret'],
        ['dbName', "name the database, e.g. dbName: 'nextcloud'"],
        ['dbUser', "name the role, e.g. dbUser: 'nextcloud'"],
        ['password', "pass the role's password as a SecretReference in the claim's namespace"],
      ],
    });
    // A size Kubernetes cannot read (10GB) fails the composed claim, long after this synthesized.
    const dbSize = parseSize(props.dbSize ?? '10Gi', 'dbSize');
    const cluster = ClusterChart.of(this);
    this.namespace = props.namespace;
    const allowed = props.definition.claimNamespaces;
    if (allowed !== undefined && !allowed.includes(props.namespace)) {
      // provider-kubernetes is bound only in claimNamespaces: it could not create the database here.
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'namespace',
        message: `provider-kubernetes has rights only in the claimNamespaces of CrossplanePostgres "${props.definition.node.id}" (${allowed.join(', ')}), not in "${props.namespace}", so the database is never made`,
        hint: `add '${props.namespace}' to claimNamespaces, or claim the database in one of: ${allowed.join(', ')}`,
      });
    }
    this.connectionSecretName = props.connectionSecretName ?? `${name}-connection`;
    cluster.namespaces.ensure(this.namespace);
    if (props.password.namespace !== props.namespace) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'password',
        message: `the password Secret is in namespace "${props.password.namespace}", the claim in "${props.namespace}"`,
        hint: 'the database reads its password from a Secret of the claim\'s namespace; move or copy the Secret there',
      });
    }
    if (props.password.origin === 'external' || props.password.origin === 'operator') {
      declareExternal(this, { secrets: [props.password] });
    }
    new ApiObject(this, 'claim', {
      apiVersion: `${props.definition.group}/v1alpha1`, kind: 'PostgreSQL',
      metadata: { name, namespace: this.namespace },
      spec: {
        parameters: {
          dbName: props.dbName,
          dbUser: props.dbUser,
          dbSize,
          passwordSecretRef: { name: props.password.secretName, key: props.password.key },
        },
        compositionRef: { name: props.definition.compositionName },
        writeConnectionSecretToRef: { name: this.connectionSecretName },
      },
    });
  }

  /** One key of the connection Secret, which Crossplane writes once the database is composed. */
  public key(key: PostgresConnectionKey): SecretReference {
    // A key the composition never writes would leave the pod that reads it waiting for the Secret's key.
    return referenceKey(this, { namespace: this.namespace, secretName: this.connectionSecretName, keys: POSTGRES_CONNECTION_KEYS }, key, 'operator');
  }
}
