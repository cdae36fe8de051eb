import { Construct } from 'constructs';
import { ExternalSecret, leaveOwnerAction, SecretReference } from '../../constructs';

/** A random key one app of `infra` needs (a secret key, a master key), kept in OpenBao. */
export interface OpenBaoKeyProps {
  /** Path of the entry in OpenBao's `secret/` engine, e.g. `searxng/secret`. */
  readonly remoteKey: string;
  /** Property of the entry that holds the key; also the key of the Secret. */
  readonly property: string;
  /** What the key is to the app, as the owner's step says it, e.g. `SearXNG's secret_key, any random string`. */
  readonly meaning: string;
  /** The shell expression that makes a key the app accepts. @default '$(openssl rand -hex 32)' */
  readonly value?: string;
}

/**
 * A Secret of one key, synced from OpenBao by the store `openbao`, and the owner's step that writes a fresh
 * random key there before the first sync: the key never reaches the repository, and the app's `env` reads it
 * through the reference.
 */
export function openBaoKey(scope: Construct, id: string, props: OpenBaoKeyProps): SecretReference {
  const secret = new ExternalSecret(scope, id, {
    namespace: 'infra', store: { name: 'openbao' }, data: { [props.property]: { remoteKey: props.remoteKey, property: props.property } },
  });
  leaveOwnerAction(secret, {
    kind: 'manual',
    action: `the property ${props.property} of ${props.remoteKey} is ${props.meaning}`,
    command: `vault kv put secret/${props.remoteKey} ${props.property}="${props.value ?? '$(openssl rand -hex 32)'}"`,
    beforeFirstSync: true,
  });
  return secret.key(props.property);
}
