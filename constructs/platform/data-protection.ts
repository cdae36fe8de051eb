import { ApiObject } from 'cdk8s';
import { manifestOf } from '../interop/api-object-json';
import type { ClusterChart } from './cluster-chart';
import { dataClaimKinds, holdsData, isDataClaim, isDataNamespace, makesClaims, namespacesHoldingData, PlainObjectJson } from './data-holding';
import type { GitOpsEngine } from './gitops';
import { apiObjectsOf } from './triggers';

/**
 * What the data decision reads of a built object: its identity, and for a StatefulSet its manifest (whose
 * claim templates count). Only StatefulSets are rendered, and they are few.
 */
/** The kinds `data-holding.ts` can find data in: claims, volumes, StatefulSets and namespaces. */
const DATA_KINDS: ReadonlySet<string> = new Set(['PersistentVolumeClaim', 'PersistentVolume', 'StatefulSet', 'Namespace']);

/** The Crossplane kinds that tell which claim kinds compose data. */
const CROSSPLANE_DEFINITION_KINDS: ReadonlySet<string> = new Set(['Composition', 'CompositeResourceDefinition']);

function plainView(object: ApiObject): PlainObjectJson {
  if (object.kind === 'StatefulSet') {
    try {
      return manifestOf(object);
    } catch {
      // An object that cannot render is reported when the cluster is collected; meanwhile its namespace is kept.
      return { apiVersion: object.apiVersion, kind: object.kind, metadata: { namespace: object.metadata.namespace }, spec: { volumeClaimTemplates: [{}] } };
    }
  }
  return { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.name, namespace: object.metadata.namespace } };
}

/**
 * Marks the objects of `cluster` whose removal from the repository would delete data, so that `engine`
 * leaves them in the cluster when they leave `dist/`: claims and volumes, and the namespaces that hold a
 * claim or a StatefulSet with claim templates (deleting a namespace deletes its claims, the StatefulSet's
 * too). Crossplane claims whose Composition makes a claim or volume count as claims: deleting one deletes
 * the database or bucket it composed. An app removed, renamed or moved then leaves its data behind, for its owner to bind again or
 * delete by hand. The day-2 check warns about the same claims and namespaces when they leave.
 */
export function keepDataWhenRemoved(cluster: ClusterChart, engine: GitOpsEngine, objects: readonly ApiObject[] = apiObjectsOf(cluster)): void {
  if (engine.keepWhenRemoved === undefined) {
    return;
  }
  // Only these kinds can hold data or be a namespace that does; the rest need no view.
  const claimKinds = dataClaimKinds(objects.filter((object) => CROSSPLANE_DEFINITION_KINDS.has(object.kind)).map(manifestOf));
  const views = objects
    .filter((object) => DATA_KINDS.has(object.kind) || isDataClaim(object, claimKinds))
    .map((object) => ({ object, view: plainView(object) }));
  const holding = namespacesHoldingData(views.map((v) => v.view));
  for (const { view } of views.filter((v) => isDataClaim(v.view, claimKinds) && typeof v.view.metadata?.namespace === 'string')) {
    holding.add(view.metadata!.namespace as string);
  }
  for (const { object, view } of views) {
    if (holdsData(view) || isDataClaim(view, claimKinds) || isDataNamespace(view, holding)) {
      engine.keepWhenRemoved(object);
    }
  }
}

/**
 * Marks the StorageClasses of `cluster` so that `engine` makes one anew when its parameters change, which
 * the API server does not let it update; a class holds no data, and existing volumes keep what they were
 * made with.
 */
export function replaceStorageClassesWhenChanged(engine: GitOpsEngine, objects: readonly ApiObject[]): void {
  for (const object of objects) {
    if (object.kind === 'StorageClass' && object.apiVersion === 'storage.k8s.io/v1') {
      engine.replaceWhenChanged?.(object);
    }
  }
}

/** A claim that holds data, as a backup step names it. */
export interface DataClaim {
  /** Its namespace. */
  readonly namespace: string;
  /** The claim's name, or the StatefulSet's whose templates make one claim per pod. */
  readonly name: string;
  /** Whether `name` is a StatefulSet's, which makes its claims from templates. */
  readonly madeByStatefulSet: boolean;
  /** The StorageClass it names (a StatefulSet's first template's), `''` for a static volume. @default - the cluster's default class */
  readonly storageClassName?: string;
}

/**
 * The claims below `scope` that hold data, sorted by namespace and name: its PersistentVolumeClaims, and each
 * StatefulSet that makes claims from templates. Claims a Helm chart or a Crossplane composition makes are no
 * objects here, so a step that names what a backup must hold names those by hand.
 */
export function dataClaimsOf(scope: ClusterChart): DataClaim[] {
  const claims = apiObjectsOf(scope)
    .filter((object) => object.kind === 'PersistentVolumeClaim' || object.kind === 'StatefulSet')
    .map(manifestOf)
    .filter((object) => holdsData(object) || makesClaims(object))
    .map((object) => {
      const spec = object.kind === 'StatefulSet' ? object.spec.volumeClaimTemplates[0].spec : object.spec;
      return {
        namespace: String(object.metadata.namespace), name: String(object.metadata.name), madeByStatefulSet: object.kind === 'StatefulSet',
        ...(typeof spec?.storageClassName === 'string' ? { storageClassName: spec.storageClassName } : {}),
      };
    });
  return claims.sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
}
