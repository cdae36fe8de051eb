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
 * Whether `object` is a CloudNativePG `Cluster`: the operator makes its instances' claims, which no file
 * holds, and deletes them with the Cluster (they are owned by it), so deleting the Cluster deletes the
 * database. Pure.
 */
export function holdsDatabase(object: PlainObjectJson | null | undefined): boolean {
  return typeof object?.apiVersion === 'string' && object.apiVersion.startsWith('postgresql.cnpg.io/') && object.kind === 'Cluster';
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

/** A Crossplane claim kind, as `<group>/<Kind>`; a claim's `apiVersion` adds a version to the group. */
type ClaimKind = string;

function recordOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

/**
 * Whether a resource of a Composition makes a core PersistentVolumeClaim or PersistentVolume, itself or
 * as the manifest of a provider-kubernetes `Object`.
 */
function composesData(resource: unknown): boolean {
  const base = recordOf(recordOf(resource).base);
  const manifest = recordOf(recordOf(recordOf(base.spec).forProvider).manifest);
  return holdsData(base as PlainObjectJson) || holdsData(manifest as PlainObjectJson);
}

/**
 * The Crossplane claim kinds among `objects` whose Composition makes a claim or volume: a
 * CompositeResourceDefinition's claim kind, where a Composition of its composite type composes data
 * (in a patch-and-transform pipeline or as plain resources). Deleting such a claim deletes the composite,
 * what it composed, and with a class that reclaims with `Delete` the data. Pure.
 */
export function dataClaimKinds(objects: Iterable<unknown>): Set<ClaimKind> {
  const all = [...objects].map(recordOf);
  const composites = new Set<string>();
  for (const composition of all.filter((o) => o.kind === 'Composition' && String(o.apiVersion).startsWith('apiextensions.crossplane.io/'))) {
    const spec = recordOf(composition.spec);
    const pipelineResources = (Array.isArray(spec.pipeline) ? spec.pipeline : []).flatMap((step) => recordOf(recordOf(step).input).resources);
    const resources = [...(Array.isArray(spec.resources) ? spec.resources : []), ...pipelineResources];
    if (resources.some(composesData)) {
      const ref = recordOf(spec.compositeTypeRef);
      composites.add(`${String(ref.apiVersion).split('/')[0]}/${String(ref.kind)}`);
    }
  }
  const kinds = new Set<ClaimKind>();
  for (const definition of all.filter((o) => o.kind === 'CompositeResourceDefinition' && String(o.apiVersion).startsWith('apiextensions.crossplane.io/'))) {
    const spec = recordOf(definition.spec);
    const claimKind = recordOf(spec.claimNames).kind;
    if (typeof claimKind === 'string' && composites.has(`${String(spec.group)}/${String(recordOf(spec.names).kind)}`)) {
      kinds.add(`${String(spec.group)}/${claimKind}`);
    }
  }
  return kinds;
}

/** Whether `object` is a Crossplane claim of one of `kinds` (see {@link dataClaimKinds}). Pure. */
export function isDataClaim(object: PlainObjectJson | null | undefined, kinds: ReadonlySet<ClaimKind>): boolean {
  const apiVersion = object?.apiVersion;
  return typeof apiVersion === 'string' && apiVersion.includes('/')
    && kinds.has(`${apiVersion.slice(0, apiVersion.lastIndexOf('/'))}/${String(object?.kind)}`);
}
