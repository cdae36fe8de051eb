import type { Construct } from 'constructs';
import { leaveOwnerAction, SealedSecret, SecretReference } from '../../constructs';
import { SEALED } from './sealed-values';

type Sealed = typeof SEALED;

/** The command that writes the cluster's sealing certificate to `<cluster>.pem`, which kubeseal seals with offline. */
function fetchCert(cluster: string): string {
  return `kubeseal --fetch-cert --controller-namespace sealed-secrets --controller-name sealed-secrets-controller > ${cluster}.pem`;
}

/** The SealedSecret `<namespace>/<name>` of a cluster, from the table of sealed values. */
export function sealedSecret<C extends keyof Sealed>(scope: Construct, cluster: C, secret: keyof Sealed[C] & string): SealedSecret {
  const [namespace, name] = secret.split('/');
  const sealed = new SealedSecret(scope, name, {
    namespace, name, encryptedData: SEALED[cluster][secret] as unknown as Record<string, string>,
  });
  // The table's ciphertext was not sealed with this cluster's key, which exists once its controller runs.
  leaveOwnerAction(sealed, {
    kind: 'placeholder',
    action: `ciphertext of SealedSecret ${namespace}/${name} (key(s) ${sealed.keys.join(', ')}): seal each value with this cluster's key once sealed-secrets runs, `
      + `replace it under ${cluster} in charts/mobius/sealed-values.ts and synthesize; back the controller's keys up each time you seal (kubectl -n sealed-secrets get secret -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml > sealed-secrets-key.${cluster}.yaml), kept outside Git: `
      + 'the controller adds a new sealing key every 30 days (its default key renewal) and kubeseal --fetch-cert seals with the newest, which a backup taken before it lacks',
    command: `${fetchCert(cluster)} && printf %s "$VALUE" | kubeseal --raw --cert ${cluster}.pem --namespace ${namespace} --name ${name}`,
  });
  return sealed;
}

/** What the owner seals as one key of a SealedSecret, and how the value is tried before it is sealed. */
export interface SealedValue {
  /** What the value is and what reads it, as the README says it. */
  readonly what: string;
  /** A shell test of `"$VALUE"` that succeeds only for a value that works where it is read. */
  readonly check: string;
}

/**
 * Says what key `key` of the cluster's SealedSecret `secret` (`<namespace>/<name>`) holds, for a value the
 * owner gets from elsewhere (an API token), and seals it only once the check accepts it: a token of the
 * wrong scope is otherwise found only when what reads it fails, in its log.
 */
export function leaveSealedValue(scope: Construct, cluster: keyof Sealed, secret: string, key: string, value: SealedValue): void {
  const [namespace, name] = secret.split('/');
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: `key ${key} of ${namespace}/${name} is ${value.what}; the command tries it and seals it only when it works`,
    command: `${value.check} && ${fetchCert(cluster)} && printf %s "$VALUE" | kubeseal --raw --cert ${cluster}.pem --namespace ${namespace} --name ${name}`,
  });
}

/** A check that a Cloudflare API token sees `zone`, which it finds by name before it writes a record there. */
export function cloudflareZoneCheck(zone: string): string {
  return `curl -fsS -H "Authorization: Bearer $VALUE" "https://api.cloudflare.com/client/v4/zones?name=${zone}" | grep -q '"name":"${zone}"'`;
}

/** A check that a GitHub token gets HTTP 200 from API path `path` (below https://api.github.com). */
export function githubApiCheck(path: string): string {
  return `[ "$(curl -sS -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $VALUE" https://api.github.com/${path})" = 200 ]`;
}

/**
 * The design's recovery of a cluster whose control plane was lost with N5's management cluster: the
 * cluster is rebuilt and bootstrapped from the same repository, and the sealing keys come back from their
 * latest backup (the controller adds a key every 30 days, and a value sealed since an older backup needs the newer key), so the SealedSecrets committed for it open again without resealing. Without the key, every
 * value of the cluster's table is sealed again. A cluster without a table of sealed values (the sandbox) needs no key back.
 */
export function clusterRecovery(scope: Construct, cluster: keyof Sealed | 'sandbox'): void {
  // A control plane made anew signs with a new certificate authority, which the workers joined to the lost one
  // do not trust; one brought back from the backup keeps the old, and its workers reconnect as they are.
  const rebuild = `recovery of ${cluster} after its control plane is lost (with N5's management cluster, the design's tradeoff): rebuild the management cluster and ${cluster} by the k0s steps above `
    + `(brought back from the backup, with ${cluster}'s etcd claim and the Secrets k0smotron keeps its certificates in, its workers reconnect as they are; made anew, it has a new certificate authority, `
    + `so each worker is reset first, k0s stop && k0s reset on a machine, docker rm -f -v k0s-${cluster}-worker for a k0s container, and joins again with a new token), `
    + 're-run the same flux bootstrap (same repository and path)';
  leaveOwnerAction(scope, !Object.prototype.hasOwnProperty.call(SEALED, cluster)
    ? { kind: 'manual', action: `${rebuild}; it holds no SealedSecret, so no sealing key comes back: Git rebuilds the rest` }
    : {
      kind: 'manual',
      action: `${rebuild}, then put back the sealing keys backed up from ${cluster}'s controller (the latest backup, taken after the last sealing, holds every key the committed SealedSecrets were sealed with) and restart the controller, `
        + `so the SealedSecrets committed for ${cluster} open again without resealing; Git rebuilds the rest`,
      command: `kubectl apply -f sealed-secrets-key.${cluster}.yaml && kubectl -n sealed-secrets rollout restart deployment/sealed-secrets-controller`,
    });
}

/**
 * A key of a sealed Secret of the table, for the cluster's own props (which are built before the cluster
 * can hold the SealedSecret); the chart renders the SealedSecret itself with {@link sealedSecret}, and
 * validation checks that it does.
 */
export function sealedKey<C extends keyof Sealed, S extends keyof Sealed[C] & string>(
  _cluster: C, secret: S, key: keyof Sealed[C][S] & string,
): SecretReference {
  const [namespace, name] = secret.split('/');
  return new SecretReference(namespace, name, key, 'sealed-secret');
}
