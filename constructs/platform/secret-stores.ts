import { ApiObject } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { ClusterChart } from './cluster-chart';
import { leaveOwnerAction } from '../synth/owner-action';
import { externalSecretsOperator } from './components/external-secrets';
import { type PropProblem, rejectPropProblems, requireProps } from '../validation/known-props';
import { VAULT_CLUSTER_SECRET_STORE_PROPS_SHAPE } from '../validation/service-props-shapes';
import { vaultAddressProblems, vaultRoleProblems } from './vault-address';
import { reportFinding } from '../validation/finding';
import { ExternalSecret } from '../secrets/external-secret';
import { pemCertificateProblems } from '../validation/pem-certificates';

/** A ClusterSecretStore of External Secrets Operator backed by Vault or OpenBao. */
export interface VaultClusterSecretStoreProps {
  /** Store name that ExternalSecrets reference. */
  readonly name: string;
  /** Address with its scheme (`https://` or `http://`), e.g. `https://bao.example.org:8200`. */
  readonly server: string;
  /** Mount path of the KV engine, as Vault names it: without a leading slash (`secret`, `kv/lab`). @default 'secret' */
  readonly path?: string;
  /** Role of the store's Kubernetes auth method the operator logs in as. */
  readonly role: string;
  /** Mount path of the Kubernetes auth method. @default 'kubernetes' */
  readonly authMountPath?: string;
  /**
   * PEM of the CA that signs the server's TLS certificate, when no public CA does (a lab CA such as step-ca):
   * the operator then trusts these certificates alone for the server. @default - the system's public roots
   */
  readonly caBundle?: string;
}

/**
 * A cluster-wide store for ExternalSecrets on Vault or OpenBao (KV v2), logging in with the operator's
 * service account through the store's Kubernetes auth: no token in Git or in the cluster. Installs the
 * External Secrets Operator.
 */
export class VaultClusterSecretStore extends Construct {
  /** Store name. */
  public readonly storeName: string;
  /** Address of Vault or OpenBao, with its scheme. */
  public readonly server: string;
  /** Mount path of the Kubernetes auth method the store's bootstrap step enables. */
  public readonly authMountPath: string;

  constructor(scope: Construct, id: string, props: VaultClusterSecretStoreProps) {
    super(scope, id);
    requireProps(this, 'VaultClusterSecretStore', props, VAULT_CLUSTER_SECRET_STORE_PROPS_SHAPE, {
      required: [
        ['name', "name the store as ExternalSecrets reference it: name: 'vault'"],
        ['server', "give the address with its scheme: server: 'https://bao.example.org:8200'"],
        ['role', "name the role of the store's Kubernetes auth method: role: 'external-secrets'"],
      ],
    });
    rejectPropProblems(this, 'VaultClusterSecretStore', vaultStoreProblems(props));
    const cluster = ClusterChart.of(this);
    // Every store of the cluster is one object of the config layer, named by the store: a second store
    // of the name is this construct's mistake, not a clash of internal construct ids.
    const stores = cluster.platform.configScope('secret-stores');
    const taken = stores.node.tryFindChild(props.name);
    if (taken) {
      rejectPropProblems(this, 'VaultClusterSecretStore', [{
        field: 'name', message: `a ClusterSecretStore "${props.name}" is already declared (${storeOwner(taken)}); the two would overwrite each other`,
        hint: 'give each store a name of its own, or reference the one store from every ExternalSecret',
      }]);
    }
    const component = cluster.platform.require(externalSecretsOperator(cluster.componentResources.externalSecretsOperator));
    this.storeName = props.name;
    this.server = props.server;
    const mountPath = props.authMountPath ?? 'kubernetes';
    this.authMountPath = mountPath;
    const serviceAccount = { namespace: component.namespace, name: 'external-secrets' };
    const readers = () => cluster.node.findAll()
      .filter((c): c is ExternalSecret => c instanceof ExternalSecret && c.store?.name === props.name && (c.store?.kind ?? 'ClusterSecretStore') === 'ClusterSecretStore');
    const mount = props.path ?? 'secret';
    cluster.onPrepare(() => {
      for (const reader of readers()) {
        for (const [key, { remoteKey }] of Object.entries(reader.remoteRefs)) {
          const problem = remoteKeyProblem(remoteKey, mount, props.name);
          if (problem !== undefined) {
            reportFinding(reader, { layer: 'props', severity: 'error', field: `data.${key}.remoteKey`, ...problem });
          }
        }
      }
    });
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      action: `in Vault or OpenBao at ${props.server}: enable Kubernetes authentication at auth/${mountPath} for this cluster, a policy ${props.role} `
        + `that reads what the ExternalSecrets of store ${props.name} read, role ${props.role} bound to ServiceAccount `
        + `${serviceAccount.namespace}/${serviceAccount.name}, and let that ServiceAccount review tokens (the store logs in with its own token)`,
      // The first sync's pods wait for the Secrets this store syncs: it must log in by then.
      beforeFirstSync: true,
      // Read when the README is written, after every ExternalSecret of the cluster is declared.
      get command() {
        return vaultKubernetesAuthCommands({
          ...props, mountPath, serviceAccount,
          readPaths: readers().flatMap((reader) => reader.remoteKeys.map((key) => kvDataPath(props.path ?? 'secret', key))),
        });
      },
    });
    const store = new ApiObject(stores, props.name, {
      apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore',
      metadata: { name: props.name },
      spec: {
        provider: {
          vault: {
            server: props.server, path: props.path ?? 'secret', version: 'v2',
            ...(props.caBundle === undefined ? {} : { caBundle: Buffer.from(props.caBundle).toString('base64') }),
            auth: {
              kubernetes: {
                mountPath: props.authMountPath ?? 'kubernetes', role: props.role,
                serviceAccountRef: { name: 'external-secrets', namespace: component.namespace },
              },
            },
          },
        },
      },
    });
    OWNERS.set(store, this);
  }
}

/** The construct that declared each store object, for the finding on a second store of its name. */
const OWNERS = new WeakMap<IConstruct, VaultClusterSecretStore>();

function storeOwner(store: IConstruct): string {
  const owner = OWNERS.get(store);
  return owner ? `by ${owner.node.path}` : 'in the cluster';
}

/**
 * What External Secrets Operator would take and fail on: a server without its scheme (the Vault client
 * needs the URL), a mount path with a leading slash (the operator reads `/<path>/data/…`, which Vault
 * does not serve), and an auth mount path so written or with `auth/` (it logs in at `auth/<path>/login`). Pure.
 */
function vaultStoreProblems(props: VaultClusterSecretStoreProps): PropProblem[] {
  return [
    ...vaultAddressProblems('server', props?.server, "the operator's Vault client"),
    ...vaultRoleProblems('role', props?.role),
    ...mountPathProblems('path', props?.path, 'a KV mount path', 'secret'),
    // The operator logs in at auth/<authMountPath>/login, and the owner's step enables the method there.
    ...mountPathProblems('authMountPath', props?.authMountPath, 'the mount path of an auth method', 'kubernetes', 'auth/'),
    ...pemCertificateProblems('caBundle', props?.caBundle),
  ];
}

/**
 * A mount path written other than as Vault names it: with a leading or trailing slash, empty, or with the
 * `prefix` Vault puts before it itself (`auth/` of an auth method's path). Pure.
 */
function mountPathProblems(field: string, given: unknown, what: string, fallback: string, prefix?: string): PropProblem[] {
  if (typeof given !== 'string') {
    return [];
  }
  const trimmed = given.replace(/^\/+|\/+$/g, '');
  const bare = prefix !== undefined && trimmed.startsWith(prefix) ? trimmed.slice(prefix.length) : trimmed;
  return bare === given && given !== '' ? [] : [{
    field, message: `${field} "${given}" is not ${what} as Vault names it: no leading or trailing slash${prefix !== undefined ? `, without ${prefix}, which Vault puts before it` : ''}`,
    hint: `write ${field}: '${bare || fallback}'`,
  }];
}

/**
 * What is wrong with `remoteKey`, read from a store on the KV v2 engine mounted at `mount`: a key is the
 * path below the mount, and the operator puts `<mount>/data/` before it itself. Written with a leading
 * slash or with the mount (`/secret/data/lab/db`, `secret/lab/db`, as `vault kv get` and the UI show
 * it), or with a field after a `#` (`lab/db#password`, as vals and helm-secrets write it), the operator reads
 * another path (or cuts the mount where the key happens to start with it), and
 * the policy the owner writes from the README grants the wrong one: the Secret is never written. Pure.
 */
function remoteKeyProblem(remoteKey: string, mount: string, store: string): { message: string; hint: string } | undefined {
  // `lab/db#password`, as vals and helm-secrets name one field of a KV secret: the operator reads a path of that name.
  const fieldAt = remoteKey.indexOf('#');
  const path = fieldAt < 0 ? remoteKey : remoteKey.slice(0, fieldAt);
  const below = path.replace(/^\/+/, '');
  const withoutMount = below.startsWith(`${mount}/`) ? below.slice(mount.length + 1).replace(/^data\//, '') : below;
  if (withoutMount === remoteKey) {
    return undefined;
  }
  const forms = [
    ...(below !== path ? ['with a leading slash'] : []),
    ...(withoutMount !== below ? [`with the KV mount "${mount}"`] : []),
    ...(fieldAt >= 0 ? [`with the field "${remoteKey.slice(fieldAt + 1)}" after a #`] : []),
  ];
  return {
    message: `remote key "${remoteKey}" is written ${forms.join(' and ')}, `
      + `but a key of Vault store "${store}" is the path below the mount, which the operator reads as ${mount}/data/<key>${fieldAt >= 0 ? ', and a field of it is its property' : ''}`,
    hint: `write remoteKey: '${withoutMount}'${fieldAt >= 0 ? `, property: '${remoteKey.slice(fieldAt + 1)}'` : ''}`,
  };
}

/** What {@link vaultKubernetesAuthCommands} writes the commands for. */
export interface VaultKubernetesAuth {
  /** Address of Vault or OpenBao. */
  readonly server: string;
  /** Mount path of the Kubernetes auth method. */
  readonly mountPath: string;
  /** Role, and the name of its policy. */
  readonly role: string;
  /** ServiceAccount that logs in. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** Paths the policy lets it read (KV v2 data paths); none gives the whole KV mount of `path`. */
  readonly readPaths: readonly string[];
  /** KV mount path, for the policy when no read path is known. @default 'secret' */
  readonly path?: string;
}

/**
 * The commands, in the order they work, that let a ServiceAccount of the cluster read its paths in Vault
 * or OpenBao: the auth method, its config (API server address and CA from the current kubeconfig), a
 * read-only policy, the role, and the token-review right. Vault outside the cluster, with no
 * `token_reviewer_jwt`, checks the login JWT with the TokenReview API using that same JWT, so the
 * ServiceAccount needs `system:auth-delegator`. Pure.
 */
export function vaultKubernetesAuthCommands(auth: VaultKubernetesAuth): string {
  return [
    vaultKubernetesMethodCommands(auth.server, auth.mountPath),
    vaultKubernetesRoleCommands({ ...auth, serviceAccounts: [auth.serviceAccount], tokenReviewBinding: () => `${auth.serviceAccount.name}-tokenreview` }),
  ].join('\n');
}

/**
 * The commands that enable the Kubernetes auth method of Vault or OpenBao at `server` for this cluster, at
 * `mountPath`, with the API server's address and CA from the current kubeconfig. Pure.
 */
export function vaultKubernetesMethodCommands(server: string, mountPath: string): string {
  const kubeconfig = (field: string, raw: string) => `kubectl config view${raw} --minify -o jsonpath='{.clusters[0].cluster.${field}}'`;
  return [
    `export VAULT_ADDR=${server}`,
    `vault auth enable -path=${mountPath} kubernetes`,
    `vault write auth/${mountPath}/config kubernetes_host="$(${kubeconfig('server', '')})" `
      + `kubernetes_ca_cert="$(${kubeconfig('certificate-authority-data', ' --raw')} | base64 -d)"`,
  ].join('\n');
}

/** What {@link vaultKubernetesRoleCommands} writes the commands for. */
export interface VaultKubernetesRole {
  /** Mount path of the Kubernetes auth method, enabled and configured already. */
  readonly mountPath: string;
  /** Role, and the name of its policy. */
  readonly role: string;
  /** ServiceAccounts that log in as the role, at least one. */
  readonly serviceAccounts: ReadonlyArray<{ readonly namespace: string; readonly name: string }>;
  /** Paths the policy lets them read (KV v2 data paths); none gives the whole KV mount of `path`. */
  readonly readPaths: readonly string[];
  /** KV mount path, for the policy when no read path is known. @default 'secret' */
  readonly path?: string;
  /** Name of the ClusterRoleBinding that lets a ServiceAccount review tokens. @default `<namespace>-<name>-tokenreview` */
  readonly tokenReviewBinding?: (account: { readonly namespace: string; readonly name: string }) => string;
}

/**
 * The commands that give ServiceAccounts of the cluster a role of a Kubernetes auth method already enabled:
 * a read-only policy, the role bound to them, and each one's token-review right (Vault outside the cluster
 * reviews a login JWT with that same JWT). Pure.
 */
export function vaultKubernetesRoleCommands(auth: VaultKubernetesRole): string {
  const paths = auth.readPaths.length > 0 ? [...new Set(auth.readPaths)].sort() : [`${auth.path ?? 'secret'}/data/*`];
  const list = (values: string[]) => [...new Set(values)].sort().join(',');
  const binding = auth.tokenReviewBinding ?? ((account) => `${account.namespace}-${account.name}-tokenreview`);
  return [
    `vault policy write ${auth.role} - <<'EOF'`,
    ...paths.map((p) => `path "${p}" { capabilities = ["read"] }`),
    'EOF',
    `vault write auth/${auth.mountPath}/role/${auth.role} bound_service_account_names=${list(auth.serviceAccounts.map((a) => a.name))} `
      + `bound_service_account_namespaces=${list(auth.serviceAccounts.map((a) => a.namespace))} policies=${auth.role} ttl=1h`,
    ...[...new Map(auth.serviceAccounts.map((a) => [`${a.namespace}:${a.name}`, a])).values()].map((account) => `kubectl create clusterrolebinding ${binding(account)} --clusterrole=system:auth-delegator `
      + `--serviceaccount=${account.namespace}:${account.name}`),
  ].join('\n');
}

/** The KV v2 path Vault serves key `key` of mount `mount` at, as a policy names it. Pure. */
function kvDataPath(mount: string, key: string): string {
  return `${mount}/data/${key.replace(/^\/+/, '')}`;
}
