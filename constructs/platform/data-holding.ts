// Which objects hold data, and which namespaces hold it: one decision, over plain object JSON, for the
// engines' keep marks on built objects (data-protection.ts) and the day-2 check on parsed output (day-two.ts).

/** The fields of a Kubernetes object (plain JSON, as written or parsed) that the decision reads. */
export interface PlainObjectJson {
  /** The object's `apiVersion`, e.g. `v1`. */
  readonly apiVersion?: unknown;
  /** The object's `kind`, e.g. `PersistentVolumeClaim`. */
  readonly kind?: unknown;
  /** Its name and namespace. */
  readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown } | null;
  /** Its spec, of which only a StatefulSet's claim templates are read. */
  readonly spec?: { readonly volumeClaimTemplates?: unknown } | null;
}

/**
 * Whether deleting `object` deletes data: a core PersistentVolumeClaim (its volume goes with it when the
 * class reclaims with `Delete`) or PersistentVolume. Pure.
 */
export function holdsData(object: PlainObjectJson | null | undefined): boolean {
  return object?.apiVersion === 'v1' && (object.kind === 'PersistentVolumeClaim' || object.kind === 'PersistentVolume');
}

/**
 * Whether `object` makes claims of its own in its namespace: a StatefulSet with `volumeClaimTemplates`.
 * Its controller creates one claim per pod and template, which no file holds, so only deleting the
 * namespace deletes them. A StatefulSet without templates makes none (its pods' claims, if any, are
 * objects of the output). Any API group: OpenKruise's StatefulSet makes claims the same way. Pure.
 */
export function makesClaims(object: PlainObjectJson | null | undefined): boolean {
  const templates = object?.spec?.volumeClaimTemplates;
  return object?.kind === 'StatefulSet' && Array.isArray(templates) && templates.length > 0;
}

/**
 * The namespace whose deletion would delete data of `object`: that of a claim, or of a StatefulSet that
 * makes claims; `undefined` for anything else. Pure.
 */
export function dataNamespaceOf(object: PlainObjectJson | null | undefined): string | undefined {
  const namespace = object?.metadata?.namespace;
  return typeof namespace === 'string' && (holdsData(object) || makesClaims(object)) ? namespace : undefined;
}

/** The namespaces that hold data among `objects` (see {@link dataNamespaceOf}). Pure. */
export function namespacesHoldingData(objects: Iterable<PlainObjectJson | null | undefined>): Set<string> {
  const holding = new Set<string>();
  for (const object of objects) {
    const namespace = dataNamespaceOf(object);
    if (namespace !== undefined) {
      holding.add(namespace);
    }
  }
  return holding;
}

/** Whether `object` is a core Namespace named in `holding`. Pure. */
export function isDataNamespace(object: PlainObjectJson | null | undefined, holding: ReadonlySet<string>): boolean {
  const name = object?.metadata?.name;
  return object?.apiVersion === 'v1' && object.kind === 'Namespace' && typeof name === 'string' && holding.has(name);
}
