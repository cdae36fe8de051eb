import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterChart } from './cluster-chart';
import { leaveOwnerAction } from '../synth/owner-action';
import { externalSecretsOperator } from './components/external-secrets';
import { type PropProblem, rejectPropProblems } from '../validation/known-props';
import { hostOf, isUrlWithScheme } from '../validation/urls';

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
    rejectPropProblems(this, 'VaultClusterSecretStore', vaultStoreProblems(props));
    const cluster = ClusterChart.of(this);
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
    new ApiObject(cluster.platform.configScope('secret-stores'), props.name, {
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
  }
}

/**
 * What External Secrets Operator would take and fail on: a server without its scheme (the Vault client
 * needs the URL) and a mount path with a leading slash (the operator reads `/<path>/data/…`, which Vault
 * does not serve). Pure.
 */
function vaultStoreProblems(props: VaultClusterSecretStoreProps): PropProblem[] {
  const problems: PropProblem[] = [];
  if (props?.server !== undefined && !isUrlWithScheme(props.server, ['https', 'http'])) {
    problems.push({
      field: 'server', message: `server "${String(props.server)}" is not a URL with its scheme; the operator's Vault client cannot reach it`,
      hint: `write it with its scheme: server: 'https://${typeof props.server === 'string' ? hostOf(props.server) : 'bao.example.org'}'`,
    });
  }
  if (typeof props?.path === 'string' && (props.path.startsWith('/') || props.path.endsWith('/') || props.path === '')) {
    problems.push({
      field: 'path', message: `path "${props.path}" is not a KV mount path as Vault names it: no leading or trailing slash`,
      hint: `write path: '${props.path.replace(/^\/+|\/+$/g, '') || 'secret'}'`,
    });
  }
  return problems;
}
