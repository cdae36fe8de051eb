import { holdsDatabase } from '../platform/data-holding';
import type { SynthesizedObject } from '../synth/collect';
import { fields, list, namespaceOf, text } from './manifest';
import { quantityValue } from './quantity';

/**
 * A claim the repository makes: a PersistentVolumeClaim, a StatefulSet's claim template (one claim per replica), or
 * the data or WAL claims of a CloudNativePG Cluster (one per instance).
 */
export interface NamespaceClaim {
  /** The object that makes the claim. */
  readonly object: SynthesizedObject;
  /** The claim's namespace. */
  readonly namespace: string;
  /** The field of the claim's storage request (`spec.resources.requests.storage`). */
  readonly storageField: string;
  /** The storage requested, as written; undefined when none is. */
  readonly storage: unknown;
  /** The StorageClass named; undefined when the claim names none (the cluster's default then). */
  readonly storageClassName: string | undefined;
  /** How many claims it makes: 1, a StatefulSet's replicas, or a CloudNativePG Cluster's instances. */
  readonly count: number;
  /** How a reader knows it (`PersistentVolumeClaim media/data`, `StatefulSet media/db's claim data ×2`). */
  readonly label: string;
}

/**
 * The claims `objects` make: each v1 PersistentVolumeClaim, each claim template of an apps/v1
 * StatefulSet, which its controller creates once per replica (1 unless `replicas` says otherwise), and the
 * `storage` and `walStorage` of a CloudNativePG Cluster, whose operator creates a claim of each per instance
 * (1 unless `instances` says otherwise): the API server's quota and LimitRanger hold them as they hold any. Pure.
 */
export function namespaceClaims(objects: readonly SynthesizedObject[]): NamespaceClaim[] {
  return objects.flatMap((object): NamespaceClaim[] => {
    const { apiVersion, kind, metadata } = object.manifest;
    const namespace = namespaceOf(object);
    if (apiVersion === 'v1' && kind === 'PersistentVolumeClaim') {
      return [claimOf(object, namespace, fields(object.manifest.spec), 'spec', 1, `PersistentVolumeClaim ${namespace}/${metadata.name}`)];
    }
    if (apiVersion === 'apps/v1' && kind === 'StatefulSet') {
      const spec = fields(object.manifest.spec);
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      return list(spec.volumeClaimTemplates).map((template, i) => claimOf(object, namespace, fields(template.spec), `spec.volumeClaimTemplates[${i}].spec`, replicas,
        `StatefulSet ${namespace}/${metadata.name}'s claim ${text(fields(template.metadata).name) ?? i} ×${replicas}`));
    }
    if (holdsDatabase(object.manifest)) {
      return cnpgClusterClaims(object, namespace);
    }
    return [];
  });
}

/**
 * A CloudNativePG Cluster's claims: `size` and `storageClass` of its `storage` (and `walStorage`) where given, else
 * those of its `pvcTemplate`, as the operator reads them; one claim of each per instance.
 */
function cnpgClusterClaims(object: SynthesizedObject, namespace: string): NamespaceClaim[] {
  const spec = fields(object.manifest.spec);
  const instances = typeof spec.instances === 'number' ? spec.instances : 1;
  return (['storage', 'walStorage'] as const).flatMap((key): NamespaceClaim[] => {
    if (spec[key] === undefined || spec[key] === null) {
      return [];
    }
    const storage = fields(spec[key]);
    const template = fields(storage.pvcTemplate);
    const sized = storage.size !== undefined;
    return [{
      object, namespace, count: instances,
      label: `CloudNativePG Cluster ${namespace}/${object.manifest.metadata.name}'s ${key === 'storage' ? 'data' : 'WAL'} claim ×${instances}`,
      storageField: sized ? `spec.${key}.size` : `spec.${key}.pvcTemplate.resources.requests.storage`,
      storage: sized ? storage.size : fields(fields(template.resources).requests).storage,
      storageClassName: text(storage.storageClass) ?? text(template.storageClassName),
    }];
  });
}

function claimOf(object: SynthesizedObject, namespace: string, spec: Readonly<Record<string, unknown>>, at: string, count: number, label: string): NamespaceClaim {
  return {
    object, namespace, count, label,
    storageField: `${at}.resources.requests.storage`,
    storage: fields(fields(spec.resources).requests).storage,
    storageClassName: text(spec.storageClassName),
  };
}

/** The storage a claim requests, in bytes; 0 when it states none or no quantity. */
export function claimBytes(claim: NamespaceClaim): number {
  return quantityValue(claim.storage) ?? 0;
}
