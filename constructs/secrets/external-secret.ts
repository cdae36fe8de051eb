import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ExternalSecretProps as ExternalSecretObjectProps, ExternalSecretSpecSecretStoreRefKind } from '../../imports/external-secrets.io';
import { leaveOwnerAction } from '../synth/owner-action';
import { referenceKey } from './secret-keys';
import { ISecretSource, SecretReference } from './secret-reference';
import { ensureSecretNamespace } from './secret-namespace';
import { type PropProblem, rejectPropProblems, requireProps } from '../validation/known-props';
import { missingTypedKeys, secretTypeProblem } from '../validation/kind-rules';
import { secretPropProblems } from './secret-props';
import { EXTERNAL_SECRET_PROPS_SHAPE } from '../validation/service-props-shapes';
import { noteSyncedSecret } from './store-value-changes';

/** The External Secrets Operator store an ExternalSecret reads from. */
export interface SecretStoreRef {
  /** Store name. */
  readonly name: string;
  /** A namespaced `SecretStore` or a `ClusterSecretStore`. @default 'ClusterSecretStore' */
  readonly kind?: 'SecretStore' | 'ClusterSecretStore';
}

/** Where one key of the Secret comes from in the store. */
export interface RemoteKey {
  /** Key (path, item name) in the store. */
  readonly remoteKey: string;
  /** Property of a structured remote value (a JSON field, a 1Password field). @default - the whole value */
  readonly property?: string;
}

/** A Secret that External Secrets Operator syncs from a store (Vault, 1Password, Bitwarden, …). */
export interface ExternalSecretProps {
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Name of the Secret (and the ExternalSecret). @default - the construct id */
  readonly name?: string;
  /** The store to read from. */
  readonly store: SecretStoreRef;
  /** Keys of the Secret and where each comes from. */
  readonly data: Record<string, RemoteKey>;
  /** How often the operator re-reads the store, as a Go duration; `0` (or `0s`) reads it once and never again. @default '1h' */
  readonly refreshInterval?: string;
  /**
   * Type of the Secret the operator writes, e.g. `kubernetes.io/dockerconfigjson` for an image pull
   * Secret (whose `data` holds `.dockerconfigjson`) or `kubernetes.io/tls`.
   * @default 'Opaque'
   */
  readonly type?: string;
}

/**
 * A built-in `type` written another way (`dockerconfigjson`), or the keys a Secret of built-in `type` needs that `data` does not map: the API server would refuse the
 * Secret the operator writes (an image pull Secret without `.dockerconfigjson`). Pure.
 */
function typedKeyProblems(type: string | undefined, data: Record<string, RemoteKey>): PropProblem[] {
  const misspelt = secretTypeProblem(type);
  if (misspelt) {
    return [{ field: 'type', ...misspelt }];
  }
  const missing = missingTypedKeys(type, (key) => data[key] !== undefined);
  return missing === undefined ? [] : [{
    field: 'data', message: `a Secret of type ${type} needs ${missing}, which data does not map; the API server would refuse the Secret the operator writes`,
    hint: type === 'kubernetes.io/dockerconfigjson'
      ? "map .dockerconfigjson to the registry configuration the store keeps (the JSON docker login writes): data: { '.dockerconfigjson': { remoteKey: '…' } }"
      : `map ${missing} under data to where the store keeps them, or drop the type`,
  }];
}

/**
 * What the store would look up other than meant for one key: an empty remote key, text around it a copy
 * took along (a blank, a line break: the store keeps no such key, so the Secret is never written), or an
 * empty `property`, which the operator reads as none and so writes the whole remote value (every field of
 * it, as JSON) into the key. Pure.
 */
function remoteRefProblems(key: string, remote: RemoteKey): PropProblem[] {
  const field = `data.${key}`;
  if (remote.remoteKey.trim() === '') {
    return [{ field: `${field}.remoteKey`, message: 'the remote key is empty, so the store has nothing to look up', hint: "give the key's path in the store, e.g. remoteKey: 'db/password'" }];
  }
  const problems: PropProblem[] = [];
  for (const [prop, value] of [['remoteKey', remote.remoteKey], ['property', remote.property]] as const) {
    if (typeof value === 'string' && value.trim() !== '' && (value !== value.trim() || /[\r\n\t]/.test(value))) {
      problems.push({
        field: `${field}.${prop}`, message: `${JSON.stringify(value)} has a blank or a line break ${value !== value.trim() ? 'at its end' : 'in it'}, which the store looks up as written; it keeps no such ${prop === 'remoteKey' ? 'key' : 'field'}, so the operator never writes the Secret`,
        hint: `write it without them: ${prop}: '${value.trim().replace(/\s*[\r\n\t]\s*/g, '')}'`,
      });
    }
  }
  if (remote.property !== undefined && remote.property.trim() === '') {
    problems.push({
      field: `${field}.property`, message: 'property is empty, which the operator reads as no property: it writes the whole remote value (every field of it, as JSON) into the key',
      hint: `name the field of ${remote.remoteKey} to read (property: 'password'), or leave property out to read the whole value`,
    });
  }
  return problems;
}

/**
 * An ExternalSecret of External Secrets Operator, which it installs: only remote key names are committed;
 * the operator writes the Secret in the cluster. Apps read its keys through `key()`.
 */
export class ExternalSecret extends Construct implements ISecretSource {
  /** Namespace of the Secret. */
  public readonly namespace: string;
  /** Name of the Secret in the cluster. */
  public readonly secretName: string;
  /** Keys the Secret holds, sorted. */
  public readonly keys: readonly string[];
  /** The store it reads from. */
  public readonly store: SecretStoreRef;
  /** Keys (paths) it reads in the store, sorted, each once. */
  public readonly remoteKeys: readonly string[];
  /** Where each key of the Secret comes from in the store, by key. */
  public readonly remoteRefs: Readonly<Record<string, RemoteKey>>;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    // The operator reads a bare 0 (a metav1.Duration takes it) as "fetch once, never again", where the
    // shape's Go duration asks for a unit: it is checked as the 0s it means, and written as given.
    const shaped = props?.refreshInterval === '0' ? { ...props, refreshInterval: '0s' } : props;
    requireProps(this, 'ExternalSecret', shaped, EXTERNAL_SECRET_PROPS_SHAPE, {
      required: [
        ['namespace', "give the namespace of the Secret"],
        ['store', "name the store to read from: store: { name: 'vault' }"],
        ['data', "map each key of the Secret to where it comes from: data: { password: { remoteKey: 'db/password' } }"],
        ['store.name', "name the store to read from: store: { name: 'vault' }"],
        ['data.*.remoteKey', "give the key's path in the store: remoteKey: 'db/password' (and the field within it as property)"],
      ],
    });
    rejectPropProblems(this, 'ExternalSecret', [
      // The operator's webhook refuses an ExternalSecret that maps no key (neither data nor dataFrom).
      ...(Object.keys(props.data).length === 0
        ? [{ field: 'data', message: 'data maps no key, so the operator\'s webhook refuses the ExternalSecret', hint: "map each key of the Secret to where the store keeps it: data: { password: { remoteKey: 'db/password' } }" }]
        : []),
      ...secretPropProblems(id, props.name, Object.keys(props.data), 'data'),
      ...Object.entries(props.data).flatMap(([key, remote]) => remoteRefProblems(key, remote)),
      ...typedKeyProblems(props.type, props.data),
    ]);
    this.namespace = props.namespace;
    this.secretName = props.name ?? id;
    this.keys = Object.keys(props.data).sort();
    this.store = props.store;
    this.remoteRefs = props.data;
    this.remoteKeys = [...new Set(Object.values(props.data).map((remote) => remote.remoteKey))].sort();
    ensureSecretNamespace(this, this.namespace);
    // The operator that syncs it comes with its kind (see triggers.ts), unless the cluster declares it preinstalled.
    const external: ExternalSecretObjectProps = {
      metadata: { name: this.secretName, namespace: this.namespace },
      spec: {
        refreshInterval: props.refreshInterval ?? '1h',
        secretStoreRef: {
          name: props.store.name,
          kind: (props.store.kind ?? 'ClusterSecretStore') as ExternalSecretSpecSecretStoreRefKind,
        },
        target: { name: this.secretName, ...(props.type !== undefined ? { template: { type: props.type } } : {}) },
        data: this.keys.map((key) => ({
          secretKey: key,
          remoteRef: { key: props.data[key].remoteKey, property: props.data[key].property },
        })),
      },
    };
    // A value written anew into the store later reaches the pods that read this Secret only by a step.
    noteSyncedSecret(this, { namespace: this.namespace, name: this.secretName, refreshInterval: props.refreshInterval ?? '1h' });
    // A plain ApiObject, not the imported class: a bundle renames one of two classes called ExternalSecret,
    // and messages that name this construct's class would read ExternalSecret2.
    new ApiObject(this, 'resource', { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', ...external });
    // The values live in the store, outside the repository: the owner writes them there before the first
    // sync starts the pods that read the Secret (a deploy job's `helm --wait` fails on a pod without it).
    const entries = new Map<string, string[]>();
    for (const key of this.keys) {
      const { remoteKey, property } = props.data[key];
      entries.set(remoteKey, [...(entries.get(remoteKey) ?? []), ...(property === undefined ? [] : [property])]);
    }
    for (const [remoteKey, properties] of entries) {
      leaveOwnerAction(this, {
        kind: 'bootstrap',
        action: `write ${remoteKey}${properties.length > 0 ? ` with the propert${properties.length > 1 ? 'ies' : 'y'} ${properties.join(', ')}` : ''} `
          + `in the secret store ${props.store.name}, for Secret ${this.namespace}/${this.secretName}`,
        beforeFirstSync: true,
      });
    }
  }

  /** A reference to one key of the Secret, for an app's `env`; an unknown key is reported. */
  public key(name: string): SecretReference {
    return referenceKey(this, this, name, 'external-secret');
  }
}
