import { ApiObject } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { ClusterChart } from './cluster-chart';
import { leaveOwnerAction } from '../synth/owner-action';
import { externalSecretsOperator } from './components/external-secrets';
import { type PropProblem, rejectPropProblems, requireProps } from '../validation/known-props';
import { VAULT_CLUSTER_SECRET_STORE_PROPS_SHAPE } from '../validation/service-props-shapes';
import { vaultAddressProblems } from './vault-address';

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
}

/**
 * A cluster-wide store for ExternalSecrets on Vault or OpenBao (KV v2), logging in with the operator's
 * service account through the store's Kubernetes auth: no token in Git or in the cluster. Installs the
 * External Secrets Operator.
 */
export class VaultClusterSecretStore extends Construct {
  /** Store name. */
  public readonly storeName: string;

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
    const component = cluster.platform.require(externalSecretsOperator());
    this.storeName = props.name;
    const mountPath = props.authMountPath ?? 'kubernetes';
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      action: `in Vault or OpenBao at ${props.server}: enable Kubernetes authentication at auth/${mountPath} for this cluster, with role ${props.role} `
        + `bound to ServiceAccount ${component.namespace}/external-secrets and a policy that reads ${props.path ?? 'secret'}/data/* (store ${props.name})`,
      command: `vault write auth/${mountPath}/role/${props.role} bound_service_account_names=external-secrets `
        + `bound_service_account_namespaces=${component.namespace} policies=${props.role} ttl=1h`,
    });
    const store = new ApiObject(stores, props.name, {
      apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore',
      metadata: { name: props.name },
      spec: {
        provider: {
          vault: {
            server: props.server, path: props.path ?? 'secret', version: 'v2',
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
 * needs the URL) and a mount path with a leading slash (the operator reads `/<path>/data/…`, which Vault
 * does not serve). Pure.
 */
function vaultStoreProblems(props: VaultClusterSecretStoreProps): PropProblem[] {
  const problems: PropProblem[] = [...vaultAddressProblems('server', props?.server, "the operator's Vault client")];
  if (typeof props?.path === 'string' && (props.path.startsWith('/') || props.path.endsWith('/') || props.path === '')) {
    problems.push({
      field: 'path', message: `path "${props.path}" is not a KV mount path as Vault names it: no leading or trailing slash`,
      hint: `write path: '${props.path.replace(/^\/+|\/+$/g, '') || 'secret'}'`,
    });
  }
  return problems;
}
