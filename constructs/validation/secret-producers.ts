import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { declaredExternalSecrets } from './external';
import type { Finding } from './finding';
import { fields, keyOf, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf, ObjectIndex } from './object-index';
import { sopsDecryptionSecret } from '../secrets/sops-decryption';

/** An object of the chart that makes a Secret in the cluster, and what it makes. */
export interface SecretProducer {
  /** The object: a Secret (SOPS-encrypted or not), a SealedSecret, an ExternalSecret, a cert-manager Certificate. */
  readonly object: SynthesizedObject;
  /** Namespace of the Secret it makes: the object's own, unless the object names another (Infisical's `secretNamespace`). */
  readonly namespace: string;
  /** Name of the Secret it makes. */
  readonly name: string;
  /** Field of the object that names the Secret. */
  readonly field: string;
  /** Keys the Secret will hold; undefined when not knowable (an ExternalSecret's `dataFrom`). */
  readonly keys: readonly string[] | undefined;
  /** Type of the Secret it makes. */
  readonly type: string;
}

/** Every object of the chart that makes a Secret, by kind. */
export function secretProducers(index: ObjectIndex): SecretProducer[] {
  const producers: SecretProducer[] = [];
  for (const secret of index.of('Secret')) {
    const keys = [...Object.keys(fields(secret.manifest.data)), ...Object.keys(fields(secret.manifest.stringData))];
    producers.push({ object: secret, namespace: namespaceOf(secret), name: text(secret.manifest.metadata.name) ?? '', field: 'metadata.name', keys, type: typeOf(secret.manifest.type) });
  }
  for (const sealed of index.of('SealedSecret')) {
    const spec = fields(sealed.manifest.spec);
    const templateName = text(fields(fields(spec.template).metadata).name);
    producers.push({
      object: sealed, namespace: namespaceOf(sealed), name: templateName ?? text(sealed.manifest.metadata.name) ?? '',
      field: templateName === undefined ? 'metadata.name' : 'spec.template.metadata.name', keys: Object.keys(fields(spec.encryptedData)),
      type: typeOf(fields(spec.template).type),
    });
  }
  for (const external of index.of('ExternalSecret')) {
    const spec = fields(external.manifest.spec);
    const targetName = text(fields(spec.target).name);
    producers.push({
      object: external, namespace: namespaceOf(external), name: targetName ?? text(external.manifest.metadata.name) ?? '',
      field: targetName === undefined ? 'metadata.name' : 'spec.target.name',
      keys: spec.dataFrom === undefined ? list(spec.data).map((d) => text(d.secretKey) ?? '') : undefined,
      type: typeOf(fields(fields(spec.target).template).type),
    });
  }
  for (const certificate of index.of('Certificate')) {
    producers.push({ object: certificate, namespace: namespaceOf(certificate), name: text(fields(certificate.manifest.spec).secretName) ?? '', field: 'spec.secretName', keys: ['tls.crt', 'tls.key', 'ca.crt'], type: 'kubernetes.io/tls' });
  }
  for (const database of index.of('Cluster')) {
    producers.push(...cloudNativePgSecrets(database));
  }
  for (const synced of index.of('InfisicalSecret')) {
    producers.push(...infisicalSecrets(synced));
  }
  for (const synced of index.of('BitwardenSecret')) {
    producers.push(...bitwardenSecrets(synced));
  }
  return producers;
}

/**
 * The Secrets Infisical's operator makes for an `InfisicalSecret`: `spec.managedSecretReference` (one Secret) and
 * each of `spec.managedKubeSecretReferences` (its newer list), each in its `secretNamespace`, the object's own
 * unless given. Their keys are the project's secrets, unknown here. Pure.
 */
function infisicalSecrets(synced: SynthesizedObject): SecretProducer[] {
  if (!text(synced.manifest.apiVersion)?.startsWith('secrets.infisical.com/')) {
    return [];
  }
  const spec = fields(synced.manifest.spec);
  const references: Array<[string, unknown]> = [
    ['spec.managedSecretReference', spec.managedSecretReference],
    ...list(spec.managedKubeSecretReferences).map((reference, i): [string, unknown] => [`spec.managedKubeSecretReferences[${i}]`, reference]),
  ];
  return references.flatMap(([at, reference]) => {
    const name = text(fields(reference).secretName);
    return name === undefined ? [] : [{
      object: synced, namespace: text(fields(reference).secretNamespace) ?? namespaceOf(synced), name, field: `${at}.secretName`,
      keys: undefined, type: typeOf(fields(reference).secretType),
    }];
  });
}

/**
 * The Secret Bitwarden's Secrets Manager operator makes for a `BitwardenSecret`: `spec.secretName` in the object's
 * namespace, holding the keys of `spec.map` alone with `onlyMappedSecrets: true`, and every secret of the machine
 * account by its id besides otherwise. Pure.
 */
function bitwardenSecrets(synced: SynthesizedObject): SecretProducer[] {
  const spec = fields(synced.manifest.spec);
  const name = text(spec.secretName);
  if (!text(synced.manifest.apiVersion)?.startsWith('k8s.bitwarden.com/') || name === undefined) {
    return [];
  }
  const mapped = list(spec.map).map((entry) => text(entry.secretKeyName) ?? '');
  return [{ object: synced, namespace: namespaceOf(synced), name, field: 'spec.secretName', keys: spec.onlyMappedSecrets === true ? mapped : undefined, type: 'Opaque' }];
}

/** The keys CloudNativePG writes in the Secrets it makes for a Cluster's users, over its releases. */
const CLOUDNATIVE_PG_SECRET_KEYS: readonly string[] = [
  'username', 'user', 'password', 'dbname', 'host', 'hostname', 'port', 'pgpass', 'uri', 'jdbc-uri', 'fqdn-uri', 'fqdn-jdbc-uri',
];

/**
 * The Secrets CloudNativePG's operator makes for a `Cluster`: `<name>-app` with the application user's
 * credentials, unless the bootstrap names a Secret of its own, and `<name>-superuser` with `enableSuperuserAccess`,
 * unless `superuserSecret` names one. Their keys grew from release to release (`fqdn-uri` came late): every key any
 * release writes counts, so a key none writes (`url`, `database`) is refused while one a later release added is not. Pure.
 */
function cloudNativePgSecrets(database: SynthesizedObject): SecretProducer[] {
  if (!text(database.manifest.apiVersion)?.startsWith('postgresql.cnpg.io/')) {
    return [];
  }
  const name = text(database.manifest.metadata.name) ?? '';
  const spec = fields(database.manifest.spec);
  const bootstrap = fields(spec.bootstrap);
  const ownSecret = [bootstrap.initdb, bootstrap.recovery, bootstrap.pg_basebackup].some((method) => fields(method).secret !== undefined);
  const made = (suffix: string): SecretProducer => ({ object: database, namespace: namespaceOf(database), name: `${name}-${suffix}`, field: 'metadata.name', keys: CLOUDNATIVE_PG_SECRET_KEYS, type: 'kubernetes.io/basic-auth' });
  return [
    ...(ownSecret ? [] : [made('app')]),
    ...(spec.enableSuperuserAccess === true && spec.superuserSecret === undefined ? [made('superuser')] : []),
  ];
}

/** A Secret's type; the API server makes it Opaque when none is given. */
function typeOf(type: unknown): string {
  return text(type) ?? 'Opaque';
}

/**
 * The construct path the user wrote for a producer: a secret construct's (SealedSecret, SopsSecret, ExternalSecret),
 * which renders its object as its child `resource`, or the object's own.
 */
function writtenPath(object: SynthesizedObject): string {
  return object.constructPath.replace(/\/resource$/, '');
}

const ONE_PRODUCER_HINT = 'keep one source for each Secret: the sealed-secrets controller refuses a Secret it does not own, '
  + 'and External Secrets Operator, Flux and cert-manager overwrite each other, so the Secret flaps; give the other one another name';

/**
 * Each Secret has one producer: two objects that make one Secret (a SealedSecret and an ExternalSecret of one
 * name), or a Secret both made here and declared made outside, are reported on the second.
 */
export function checkSecretProducers(cluster: SynthesizedCluster): Finding[] {
  const first = new Map<string, SecretProducer>();
  const findings: Finding[] = [];
  // The one written later in the chart is the second, whatever its kind.
  const order = new Map(cluster.objects.map((object, i) => [object, i]));
  const producers = secretProducers(indexOf(cluster.objects)).sort((a, b) => (order.get(a.object) ?? 0) - (order.get(b.object) ?? 0));
  for (const producer of producers) {
    const secret = keyOf(producer.namespace, producer.name);
    const earlier = first.get(secret);
    if (earlier === undefined) {
      first.set(secret, producer);
    } else {
      findings.push(objectFinding(producer.object, {
        layer: 'references', severity: 'error', field: producer.field,
        message: `makes Secret ${secret}, which ${text(earlier.object.manifest.kind)} ${writtenPath(earlier.object)} makes as well`,
        hint: ONE_PRODUCER_HINT,
      }));
    }
  }
  const engine = cluster.chart.gitops;
  const ageKey = sopsDecryptionSecret(engine);
  const engineNamespace = (engine as { readonly namespace?: unknown } | undefined)?.namespace;
  const ageKeyProducer = ageKey === undefined ? undefined : first.get(keyOf(String(engineNamespace), ageKey));
  // A SOPS-encrypted copy of the key is reported where decryption is checked (sops-decryption.ts).
  if (engine !== undefined && ageKeyProducer !== undefined && ageKeyProducer.object.manifest.sops === undefined) {
    findings.push(objectFinding(ageKeyProducer.object, {
      layer: 'references', severity: 'error', field: ageKeyProducer.field,
      message: `makes Secret ${String(engineNamespace)}/${ageKey}, the age key the ${engine.name} engine decrypts SOPS files with, which the owner makes by hand before bootstrap (a step of the cluster README), `
        + 'so the Secret has two producers, and the engine needs the key before it applies anything of the repository',
      hint: 'leave the key to the owner step and drop this object, or give gitops.sopsSecretName another name if this Secret holds something else',
    }));
  }
  for (const declared of declaredExternalSecrets(cluster)) {
    const producer = first.get(keyOf(declared.namespace, declared.name));
    // A Secret declared controller-made that an operator's resource of the output makes (a CloudNativePG Cluster's
    // `<cluster>-app`, a Certificate's) is the same claim made twice: a controller makes it, and which one is written
    // here. Only a Secret written out whole contradicts it, as the engine and the controller would each write it.
    if (producer === undefined || (declared.madeBy === 'controller' && producer.object.manifest.kind !== 'Secret')) {
      continue;
    }
    const madeWhere = declared.madeBy === 'controller' ? 'made by a controller of the cluster' : 'made outside this repository';
    findings.push({
      layer: 'references', severity: 'error', constructPath: declared.constructPath, field: declared.field,
      message: `declares Secret ${declared.namespace}/${declared.name} ${madeWhere}, but ${text(producer.object.manifest.kind)} ${producer.object.constructPath} makes it`,
      hint: 'drop the declaration: the Secret is made here, and references to it resolve',
    });
  }
  return findings;
}
