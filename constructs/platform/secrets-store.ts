import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AppVolume } from '../app/volumes';
import { ClusterChart } from './cluster-chart';
import { leaveOwnerAction } from '../synth/owner-action';
import { secretsStoreCsiDriver, vaultCsiProvider } from './components/secrets-store-csi';
import { vaultAddressProblems, vaultRoleProblems } from './vault-address';
import { type PropProblem, rejectPropProblems, requireProps } from '../validation/known-props';
import { VAULT_SECRET_PROVIDER_CLASS_PROPS_SHAPE } from '../validation/service-props-shapes';

/** One secret of the store, as a file of the mount. */
export interface VaultSecretObject {
  /** File name in the mount, relative and without `..`, e.g. `api-key` → `/mnt/secrets/api-key`. */
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
  /** Namespace: that of the pods that mount it (the CSI driver looks the class up in the pod's namespace). */
  readonly namespace: string;
  /** Address of Vault or OpenBao with its scheme, e.g. `https://bao.example.org`. */
  readonly vaultAddress: string;
  /** Role of the store's Kubernetes auth method that the pod's service account logs in as. */
  readonly roleName: string;
  /** The secrets to mount, at least one. */
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
    requireProps(this, 'VaultSecretProviderClass', props, VAULT_SECRET_PROVIDER_CLASS_PROPS_SHAPE, {
      required: [
        ['namespace', 'give the namespace of the pods that mount it: the CSI driver looks the class up in the pod\'s namespace'],
        ['vaultAddress', "give the address with its scheme: vaultAddress: 'https://bao.example.org:8200'"],
        ['roleName', "name the role of the store's Kubernetes auth method that the pods log in as: roleName: 'web'"],
        ['objects', "list the secrets to mount: objects: [{ objectName: 'api-key', secretPath: 'secret/data/myapp', secretKey: 'key' }]"],
        ['objects.*.objectName', "name the file in the mount: objectName: 'api-key'"],
        ['objects.*.secretPath', "give the secret's path in the store: secretPath: 'secret/data/myapp'"],
        ['objects.*.secretKey', "name the key inside the secret: secretKey: 'key'"],
      ],
    });
    rejectPropProblems(this, 'VaultSecretProviderClass', [
      ...vaultAddressProblems('vaultAddress', props.vaultAddress, 'the CSI provider\'s Vault client'),
      ...vaultRoleProblems('roleName', props.roleName),
      ...secretObjectProblems(props.objects),
    ]);
    const cluster = ClusterChart.of(this);
    cluster.platform.require(secretsStoreCsiDriver(cluster.componentResources.secretsStoreCsiDriver));
    cluster.platform.require(vaultCsiProvider(cluster.componentResources.vaultCsiProvider));
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    cluster.namespaces.ensure(props.namespace);
    const objects = props.objects.map(objectEntry).join('');
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

/**
 * One entry of the provider's `objects` parameter, a YAML list in a string. Each value is written as a
 * JSON string, which YAML reads as the same double-quoted scalar: a quote in a value stays in the value
 * and adds no entry of its own.
 */
function objectEntry(o: VaultSecretObject): string {
  return `- objectName: ${JSON.stringify(o.objectName)}\n  secretPath: ${JSON.stringify(o.secretPath)}\n  secretKey: ${JSON.stringify(o.secretKey)}\n`;
}

/**
 * What the CSI driver or its Vault provider would refuse or misread: no objects at all, a file name the
 * driver refuses (absolute, or leaving the mount with `..`), a path that climbs out of its mount in the
 * store, two files of one name, and line breaks or control characters in any value. Pure.
 */
function secretObjectProblems(objects: readonly VaultSecretObject[]): PropProblem[] {
  if (objects.length === 0) {
    return [{ field: 'objects', message: 'objects is empty, so the mount would hold no file', hint: "list the secrets to mount: objects: [{ objectName: 'api-key', secretPath: 'secret/data/myapp', secretKey: 'key' }]" }];
  }
  const problems: PropProblem[] = [];
  const seen = new Set<string>();
  objects.forEach((o, i) => {
    for (const prop of ['objectName', 'secretPath', 'secretKey'] as const) {
      if (/[\u0000-\u001f\u007f]/.test(o[prop])) {
        problems.push({
          field: `objects[${i}].${prop}`, message: `${prop} ${JSON.stringify(o[prop])} holds a line break or another control character`,
          hint: `write ${prop} on one line, as the store names it`,
        });
      }
    }
    if (o.objectName.startsWith('/') || o.objectName.split('/').includes('..') || o.objectName === '') {
      problems.push({
        field: `objects[${i}].objectName`, message: `objectName "${o.objectName}" is no file path inside the mount; the CSI driver refuses it`,
        hint: "name a file relative to the mount, without '..': objectName: 'api-key'",
      });
    } else if (seen.has(o.objectName)) {
      problems.push({
        field: `objects[${i}].objectName`, message: `objectName "${o.objectName}" is the file of an earlier object too; one would hide the other`,
        hint: 'give each object a file name of its own',
      });
    }
    seen.add(o.objectName);
    if (o.secretPath.split('/').includes('..')) {
      problems.push({
        field: `objects[${i}].secretPath`, message: `secretPath "${o.secretPath}" climbs out of its mount with '..'`,
        hint: "write the secret's path from the mount, e.g. secretPath: 'secret/data/myapp'",
      });
    }
  });
  return problems;
}
