import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { SealedSecretProps as SealedSecretObjectProps } from '../../imports/bitnami.com';
import { reportFinding } from '../validation/finding';
import { kubesealCiphertextProblem, notSealedFinding } from './kubeseal-ciphertext';
import { CheckedValues, referenceKey, valuesAt, VALUES_CHECKED_NOTE } from './secret-keys';
import { ISecretSource, SecretReference } from './secret-reference';
import { ensureSecretNamespace } from './secret-namespace';
import { PropProblem, rejectPropProblems, requireProps } from '../validation/known-props';
import { missingTypedKeys, secretTypeProblem } from '../validation/kind-rules';
import { secretPropProblems } from './secret-props';
import { SEALED_SECRET_PROPS_SHAPE } from '../validation/service-props-shapes';

/** Which names a sealed value may be unsealed under; it must match how `kubeseal` sealed it. */
export type SealingScope = 'strict' | 'namespace-wide' | 'cluster-wide';

/** A Secret sealed with `kubeseal` for the cluster's sealed-secrets controller. */
export interface SealedSecretProps {
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Name of the Secret. @default - the construct id */
  readonly name?: string;
  /** Sealed values by key, as `kubeseal --raw` or `kubeseal -o yaml` prints them (base64 ciphertext). */
  readonly encryptedData: Record<string, string>;
  /** Secret type. @default 'Opaque' */
  readonly type?: string;
  /** Scope the values were sealed with. @default 'strict' */
  readonly scope?: SealingScope;
}

const SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';

/**
 * A built-in `type` written another way (`dockerconfigjson`), or the keys a Secret of built-in `type` needs that `encryptedData` lacks: the API server would refuse the
 * Secret the controller unseals (an image pull Secret without `.dockerconfigjson`, a TLS one without
 * `tls.key`). Pure.
 */
function typedKeyProblems(type: string | undefined, encryptedData: Record<string, string>): PropProblem[] {
  const misspelt = secretTypeProblem(type);
  if (misspelt) {
    return [{ field: 'type', ...misspelt }];
  }
  const missing = missingTypedKeys(type, (key) => encryptedData[key] !== undefined);
  if (missing === undefined) {
    return [];
  }
  const pull = type === 'kubernetes.io/dockerconfigjson' || type === 'kubernetes.io/dockercfg';
  return [{
    field: 'encryptedData', message: `a Secret of type ${type} needs ${missing}, which encryptedData lacks; the API server would refuse the Secret unsealed from it`,
    hint: pull
      ? `seal the whole registry configuration under ${missing}: kubectl create secret docker-registry <name> --docker-server=… --docker-username=… --docker-password=… --dry-run=client -o yaml | kubeseal -o yaml`
      : `seal ${missing} into encryptedData, or drop the type`,
  }];
}

/**
 * A Bitnami SealedSecret: ciphertext that only the cluster's controller can decrypt, safe to commit.
 * Apps read its keys through `key()`, which returns a SecretReference.
 */
export class SealedSecret extends Construct implements ISecretSource {
  /** Namespace of the Secret. */
  public readonly namespace: string;
  /** Name of the Secret in the cluster. */
  public readonly secretName: string;
  /** Keys the Secret holds, sorted. */
  public readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: SealedSecretProps) {
    super(scope, id);
    requireProps(this, 'SealedSecret', props, SEALED_SECRET_PROPS_SHAPE, {
      required: [
        ['namespace', "give the namespace the values were sealed for"],
        ['encryptedData', "give the sealed values by key, as kubeseal --raw prints them: encryptedData: { password: 'AgB…' }"],
      ],
      // A Secret's own fields carry the values themselves, which a SealedSecret must never commit.
      foreign: ['data', 'stringData'].map((prop) => [prop,
        `seal each value of ${prop} and give the ciphertexts as encryptedData: { <key>: 'AgB…' } (kubeseal --raw --namespace <namespace> --name <name> --from-file=/dev/stdin prints one); a value of ${prop} would be committed in the clear`,
        'encryptedData'] as const),
    });
    rejectPropProblems(this, 'SealedSecret', [
      ...secretPropProblems(id, props.name, Object.keys(props.encryptedData), 'encryptedData'), ...typedKeyProblems(props.type, props.encryptedData),
    ]);
    this.namespace = props.namespace;
    this.secretName = props.name ?? id;
    this.keys = Object.keys(props.encryptedData).sort();
    ensureSecretNamespace(this, this.namespace);
    // Checked here, on the prop as written; the plaintext-secrets check then leaves the object to this note.
    this.node.addMetadata(VALUES_CHECKED_NOTE, valuesAt('spec.encryptedData', props.encryptedData) satisfies CheckedValues);
    for (const [key, value] of Object.entries(props.encryptedData)) {
      const problem = kubesealCiphertextProblem(value);
      if (problem !== undefined) {
        reportFinding(this, { layer: 'policy', severity: 'error', field: `encryptedData.${key}`, ...notSealedFinding(problem, this.namespace, this.secretName) });
      }
    }
    if (props.type === SERVICE_ACCOUNT_TOKEN) {
      // The API server refuses this type without the annotation naming the account, which no prop sets.
      reportFinding(this, {
        layer: 'policy', severity: 'error', field: 'type',
        message: `a Secret of type ${SERVICE_ACCOUNT_TOKEN} needs the annotation kubernetes.io/service-account.name, which a SealedSecret cannot give the Secret it makes, so the API server would refuse it`,
        hint: 'such a token holds nothing of yours to seal: write a plain Secret of that type with the annotation (the token controller fills the token in), or mint a token with kubectl create token',
      });
    }
    const sealingScope = props.scope ?? 'strict';
    const annotations = sealingScope === 'strict' ? undefined : { [`sealedsecrets.bitnami.com/${sealingScope}`]: 'true' };
    const sealed: SealedSecretObjectProps = {
      metadata: { name: this.secretName, namespace: this.namespace, annotations },
      spec: {
        encryptedData: Object.fromEntries(this.keys.map((key) => [key, props.encryptedData[key]])),
        template: {
          metadata: { name: this.secretName, namespace: this.namespace, annotations },
          type: props.type ?? 'Opaque',
        },
      },
    };
    // A plain ApiObject, not the imported class: a bundle renames one of two classes called SealedSecret,
    // and messages that name this construct's class would read SealedSecret2.
    new ApiObject(this, 'resource', { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', ...sealed });
  }

  /** A reference to one key of the Secret, for an app's `env`; an unknown key is reported. */
  public key(name: string): SecretReference {
    return referenceKey(this, this, name, 'sealed-secret');
  }
}
