import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AppVolume } from '../app/volumes';
import { ClusterChart } from './cluster-chart';
import { leaveOwnerAction } from '../synth/owner-action';
import { secretsStoreCsiDriver, vaultCsiProvider } from './components/secrets-store-csi';

/** One secret of the store, as a file of the mount. */
export interface VaultSecretObject {
  /** File name in the mount, e.g. `api-key` → `/mnt/secrets/api-key`. */
  readonly objectName: string;
  /** Path of the secret in the store, e.g. `secret/data/myapp` (KV v2). */
  readonly secretPath: string;
  /** Key inside the secret. */
  readonly secretKey: string;
}

/** A SecretProviderClass that reads from Vault or OpenBao. */
export interface VaultSecretProviderClassProps {
  /** Name of the SecretProviderClass. @default - the construct id */
  readonly name?: string;
  /** Namespace; pods mount it from their own namespace. */
  readonly namespace: string;
  /** Address of Vault or OpenBao, e.g. `https://bao.example.org`. */
  readonly vaultAddress: string;
  /** Role of the store's Kubernetes auth method that the pod's service account logs in as. */
  readonly roleName: string;
  /** The secrets to mount. */
  readonly objects: VaultSecretObject[];
}

/**
 * A `SecretProviderClass` of the Secrets Store CSI driver with the Vault provider: the listed secrets of
 * Vault or OpenBao appear as files in pods that mount it ({@link volume}), fetched live and never stored
 * as Kubernetes Secrets. Installs the driver and the provider.
 */
export class VaultSecretProviderClass extends Construct {
  /** Name of the SecretProviderClass. */
  public readonly name: string;
  /** Namespace of the SecretProviderClass. */
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: VaultSecretProviderClassProps) {
    super(scope, id);
    const cluster = ClusterChart.of(this);
    cluster.platform.require(secretsStoreCsiDriver());
    cluster.platform.require(vaultCsiProvider());
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    cluster.namespaces.ensure(props.namespace);
    const objects = props.objects
      .map((o) => `- objectName: "${o.objectName}"\n  secretPath: "${o.secretPath}"\n  secretKey: "${o.secretKey}"\n`)
      .join('');
    new ApiObject(this, 'resource', {
      apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass',
      metadata: { name: this.name, namespace: props.namespace },
      spec: { provider: 'vault', parameters: { vaultAddress: props.vaultAddress, roleName: props.roleName, objects } },
    });
    // The role and the values live in the store, outside the repository.
    const paths = [...new Set(props.objects.map((o) => o.secretPath))].sort();
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      action: `in Vault or OpenBao at ${props.vaultAddress}: a Kubernetes-auth role ${props.roleName} for the pods of namespace ${props.namespace} that mount `
        + `SecretProviderClass ${this.name}, reading ${paths.join(', ')}; write ${props.objects.map((o) => `${o.secretPath} key ${o.secretKey}`).join(', ')}`,
    });
  }

  /** The volume that mounts the secrets; use it in an app of the same namespace, e.g. at `/mnt/secrets`. */
  public get volume(): AppVolume {
    return AppVolume.secretsStore(this.name);
  }
}
