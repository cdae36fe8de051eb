import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, Fields, text } from './manifest';

// What the External Secrets Operator's webhook refuses in a SecretStore or ClusterSecretStore of the Vault provider
// although the CRD schema allows it (the provider's ValidateStore, called on create and update, so on a strict
// server-side dry-run too).

/** The Secret and ServiceAccount references of a Vault store's auth and client TLS, by path under `spec.provider.vault`. */
const VAULT_REFERENCES = [
  'auth.tokenSecretRef', 'auth.appRole.secretRef', 'auth.appRole.roleRef', 'auth.cert.clientCert', 'auth.cert.secretRef',
  'auth.jwt.secretRef', 'auth.jwt.kubernetesServiceAccountToken.serviceAccountRef', 'auth.kubernetes.serviceAccountRef',
  'auth.kubernetes.secretRef', 'auth.ldap.secretRef', 'auth.userPass.secretRef', 'auth.iam.jwt.serviceAccountRef',
  'auth.iam.secretRef.accessKeyIDSecretRef', 'auth.iam.secretRef.secretAccessKeySecretRef', 'auth.iam.secretRef.sessionTokenSecretRef',
  'tls.certSecretRef', 'tls.keySecretRef',
] as const;

/** The value at a dotted `path` under `root`, or undefined. */
function at(root: Fields, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => fields(value)[key], root);
}

/**
 * A SecretStore or ClusterSecretStore of the Vault provider as the operator's webhook reads it: a namespaced
 * store's references stay in its own namespace (ValidateReferentSecretSelector: a Secret or ServiceAccount of
 * another namespace is refused); an AppRole login names its role by `roleId` or `roleRef`; a JWT login has a
 * token, from a Secret or a ServiceAccount; client TLS gives its certificate and its key, or neither; and
 * check-and-set is for KV version 2. Pure: reports through `add`.
 */
export function checkVaultStore(object: SynthesizedObject, add: AddFinding): void {
  const vault = fields(fields(fields(object.manifest.spec).provider).vault);
  if (Object.keys(vault).length === 0) {
    return;
  }
  const base = 'spec.provider.vault';
  const namespace = text(fields(object.manifest.metadata).namespace);
  if (object.manifest.kind === 'SecretStore' && namespace !== undefined) {
    for (const path of VAULT_REFERENCES) {
      const other = text(fields(at(vault, path)).namespace);
      if (other !== undefined && other !== namespace) {
        add(`${base}.${path}.namespace`, `the SecretStore of namespace ${namespace} reads ${path.split('.').pop()} from namespace ${other}; the operator's webhook refuses a namespaced store's reference into another namespace`,
          `keep the Secret (or ServiceAccount) in namespace ${namespace} and drop namespace, or make the store a ClusterSecretStore`);
      }
    }
  }
  const auth = fields(vault.auth);
  const appRole = auth.appRole === undefined ? undefined : fields(auth.appRole);
  if (appRole !== undefined && (text(appRole.roleId) ?? '') === '' && appRole.roleRef === undefined) {
    add(`${base}.auth.appRole.roleId`, 'the AppRole login names no role: neither roleId nor roleRef, and the operator\'s webhook refuses the store',
      "give the role's ID, roleId: '<role id>' (no secret), or read it from a Secret: roleRef: { name: 'vault-approle', key: 'role-id' }");
  }
  const jwt = auth.jwt === undefined ? undefined : fields(auth.jwt);
  if (jwt !== undefined && jwt.secretRef === undefined && jwt.kubernetesServiceAccountToken === undefined) {
    add(`${base}.auth.jwt`, 'the JWT login has no token: neither secretRef nor kubernetesServiceAccountToken, and the operator\'s webhook refuses the store',
      "log in with a ServiceAccount's token: kubernetesServiceAccountToken: { serviceAccountRef: { name: 'external-secrets' } }, or read a JWT from a Secret: secretRef: { name, key }");
  }
  const tls = fields(vault.tls);
  if ((tls.certSecretRef === undefined) !== (tls.keySecretRef === undefined)) {
    const missing = tls.certSecretRef === undefined ? 'certSecretRef' : 'keySecretRef';
    add(`${base}.tls.${missing}`, `client TLS gives ${missing === 'certSecretRef' ? 'a key without its certificate' : 'a certificate without its key'}; the operator's webhook refuses either alone`,
      `give both certSecretRef and keySecretRef (e.g. of one kubernetes.io/tls Secret: keys tls.crt and tls.key), or drop tls`);
  }
  if (fields(vault.checkAndSet).required === true && vault.version === 'v1') {
    add(`${base}.checkAndSet.required`, 'check-and-set is a feature of KV version 2, and the store reads KV version 1; the operator\'s webhook refuses it',
      "set version: 'v2' for a KV v2 mount, or drop checkAndSet");
  }
}
