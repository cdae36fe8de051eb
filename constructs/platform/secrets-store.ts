import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { AppVolume } from '../app/volumes';
import { ClusterChart } from './cluster-chart';
import { leaveOwnerAction } from '../synth/owner-action';
import {
  secretsStoreCsiDriver, vaultCsiProvider, VAULT_CSI_TRUSTED_CA_CONFIGMAP, VAULT_CSI_TRUSTED_CA_DIRECTORY, vaultCsiProviderTrustedCaValues,
} from './components/secrets-store-csi';
import type { PlatformComponent } from './platform';
import { pemCertificateProblems } from '../validation/pem-certificates';
import { vaultAddressProblems, vaultRoleProblems } from './vault-address';
import { VaultClusterSecretStore, vaultKubernetesMethodCommands, vaultKubernetesRoleCommands } from './secret-stores';
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
  /**
   * ServiceAccount the pods that mount it run as, which the role is bound to and which reviews its own token
   * at login (the CSI provider logs in with the pod's ServiceAccount token).
   * @default 'default' - the namespace's, which a pod without a ServiceAccount of its own runs as
   */
  readonly serviceAccountName?: string;
  /**
   * PEM of the CA that signs the store's TLS certificate when no public CA does (a lab CA such as step-ca):
   * the CSI provider then trusts these certificates alone for this class's store. The provider reads them
   * from a file of its own pods (the class's `vaultCACertPath`), which ConfigMap `vault-csi-provider-trusted-ca`
   * of the provider's namespace holds, mounted into them through the Vault chart's values.
   * @default - the system's public roots
   */
  readonly caBundle?: string;
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
  /** Address of Vault or OpenBao. */
  public readonly vaultAddress: string;
  /** Role of the store's Kubernetes auth method the pods log in as. */
  public readonly roleName: string;
  /** ServiceAccount of the pods that mount it. */
  public readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** Paths in the store the mounted secrets come from. */
  public readonly secretPaths: readonly string[];

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
      ...pemCertificateProblems('caBundle', props.caBundle),
    ]);
    const cluster = ClusterChart.of(this);
    cluster.platform.require(secretsStoreCsiDriver(cluster.componentResources.secretsStoreCsiDriver));
    const provider = cluster.platform.require(vaultCsiProvider(cluster.componentResources.vaultCsiProvider));
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    cluster.namespaces.ensure(props.namespace);
    const objects = props.objects.map(objectEntry).join('');
    const caFile = props.caBundle === undefined ? undefined : trustedCaFile(cluster, provider, `${props.namespace}.${this.name}.pem`, props.caBundle);
    new ApiObject(this, 'resource', {
      apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass',
      metadata: { name: this.name, namespace: props.namespace },
      spec: {
        provider: 'vault',
        parameters: { vaultAddress: props.vaultAddress, roleName: props.roleName, ...(caFile === undefined ? {} : { vaultCACertPath: caFile }), objects },
      },
    });
    this.vaultAddress = props.vaultAddress;
    this.roleName = props.roleName;
    this.serviceAccount = { namespace: props.namespace, name: props.serviceAccountName ?? 'default' };
    this.secretPaths = [...new Set(props.objects.map((o) => o.secretPath))].sort();
    // The role and the values live in the store, outside the repository. Every class of one role shares its
    // policy and binding, so the first one's step writes them for all: a later write would replace them.
    const sharers = () => cluster.node.findAll()
      .filter((c): c is VaultSecretProviderClass => c instanceof VaultSecretProviderClass && c.vaultAddress === this.vaultAddress && c.roleName === this.roleName);
    // A ClusterSecretStore of the same server enables and configures the auth method in its own step.
    const methodEnabled = () => cluster.node.findAll()
      .some((c) => c instanceof VaultClusterSecretStore && c.server === this.vaultAddress && c.authMountPath === VAULT_CSI_AUTH_MOUNT_PATH);
    const self = this;
    const values = `write ${props.objects.map((o) => `${o.secretPath} key ${o.secretKey}`).join(', ')}`;
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      // The pods that mount it do not start until the provider has logged in and read every file.
      beforeFirstSync: true,
      get action() {
        const classes = sharers();
        const first = classes[0] === self;
        const role = first
          ? `a Kubernetes-auth role ${props.roleName} for the pods of namespace ${props.namespace} that mount SecretProviderClass ${self.name}`
            + `${classes.length > 1 ? ` (and ${classes.slice(1).map((c) => `${c.namespace}/${c.name}`).join(', ')})` : ''}, reading ${[...new Set(classes.flatMap((c) => c.secretPaths))].sort().join(', ')}, `
            + `bound to ${accountNames(classes)}, `
            + 'which may review tokens (the CSI provider logs in with the pod\'s own token, which the store reviews with that same token)'
          : `a Kubernetes-auth role ${props.roleName} for the pods of namespace ${props.namespace} that mount SecretProviderClass ${self.name}, reading ${self.secretPaths.join(', ')}, `
            + `as the step of SecretProviderClass ${classes[0].namespace}/${classes[0].name} writes it`;
        return `in Vault or OpenBao at ${props.vaultAddress}: ${role}; ${values}`;
      },
      get command() {
        const classes = sharers();
        if (classes[0] !== self) {
          return undefined;
        }
        const roleCommands = vaultKubernetesRoleCommands({
          mountPath: VAULT_CSI_AUTH_MOUNT_PATH, role: props.roleName,
          serviceAccounts: classes.map((c) => c.serviceAccount), readPaths: classes.flatMap((c) => c.secretPaths),
        });
        return methodEnabled() ? `export VAULT_ADDR=${props.vaultAddress}\n${roleCommands}` : `${vaultKubernetesMethodCommands(props.vaultAddress, VAULT_CSI_AUTH_MOUNT_PATH)}\n${roleCommands}`;
      },
    });
  }

  /** The volume that mounts the secrets; use it in an app of the same namespace, e.g. at `/mnt/secrets`. */
  public get volume(): AppVolume {
    return AppVolume.secretsStore(this.name);
  }
}

/**
 * Puts `pem` into the provider's CA ConfigMap as file `file`, mounting that ConfigMap into the provider's pods
 * the first time, and returns the path the provider reads it at. The ConfigMap is a config object: the
 * provider's install does not wait for it, and the pods that mount a class come with the apps.
 */
function trustedCaFile(cluster: ClusterChart, provider: PlatformComponent, file: string, pem: string): string {
  const scope = cluster.platform.configScope('vault-csi-provider');
  let configMap = scope.node.tryFindChild('trusted-ca') as ApiObject | undefined;
  if (configMap === undefined) {
    provider.replaceValues(vaultCsiProviderTrustedCaValues());
    configMap = new ApiObject(scope, 'trusted-ca', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: VAULT_CSI_TRUSTED_CA_CONFIGMAP, namespace: provider.namespace }, data: {},
    });
  }
  configMap.addJsonPatch(JsonPatch.add(`/data/${file}`, pem));
  return `${VAULT_CSI_TRUSTED_CA_DIRECTORY}/${file}`;
}

/** The ServiceAccounts of the pods that mount any of `classes`, as a step names them. Pure. */
function accountNames(classes: readonly VaultSecretProviderClass[]): string {
  const accounts = [...new Set(classes.map((c) => `${c.serviceAccount.namespace}/${c.serviceAccount.name}`))];
  return `their ServiceAccount${accounts.length > 1 ? 's' : ''} ${accounts.join(', ')}`;
}

/** Mount path of the Kubernetes auth method the Vault CSI provider logs in at: its default, as the class names none. */
const VAULT_CSI_AUTH_MOUNT_PATH = 'kubernetes';

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
