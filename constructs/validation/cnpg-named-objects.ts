import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf, ObjectIndex } from './object-index';

// A CloudNativePG Cluster names objects of its own namespace beside it: the ImageCatalog its image comes from
// (`imageCatalogRef`) and the Barman Cloud plugin's ObjectStore its WAL and base backups go to (`barmanObjectName`
// of a plugin or of an external cluster's plugin). The operator and the plugin look for them in the Cluster's
// namespace alone; one named wrong there leaves the Cluster without instances, or without backups.
// A name the namespace holds nothing of the kind for may be an object applied by hand: it is left alone.

const layer = 'references' as const;
const BARMAN_CLOUD_GROUP = 'barmancloud.cnpg.io/';

/** One name a Cluster gives of a kind of its namespace, at `field`. */
interface NamedObject {
  readonly kind: 'ImageCatalog' | 'ObjectStore';
  readonly group: string;
  readonly name: string;
  readonly field: string;
}

/** The ImageCatalog and ObjectStores a CloudNativePG Cluster's `spec` names. Pure. */
function namedObjects(spec: Record<string, unknown>): NamedObject[] {
  const named: NamedObject[] = [];
  const catalog = fields(spec.imageCatalogRef);
  const catalogName = text(catalog.name);
  if (catalogName !== undefined && text(catalog.kind) === 'ImageCatalog') {
    named.push({ kind: 'ImageCatalog', group: 'postgresql.cnpg.io/', name: catalogName, field: 'spec.imageCatalogRef.name' });
  }
  const stores = (plugin: Record<string, unknown>, field: string) => {
    const name = text(fields(plugin.parameters).barmanObjectName);
    if (name !== undefined && text(plugin.name) === 'barman-cloud.cloudnative-pg.io') {
      named.push({ kind: 'ObjectStore', group: BARMAN_CLOUD_GROUP, name, field: `${field}.parameters.barmanObjectName` });
    }
  };
  list(spec.plugins).forEach((plugin, i) => stores(plugin, `spec.plugins[${i}]`));
  list(spec.externalClusters).forEach((external, i) => stores(fields(external.plugin), `spec.externalClusters[${i}].plugin`));
  return named;
}

/** The objects of `kind` and API `group` in `namespace`, by name. */
function namesIn(index: ObjectIndex, kind: string, group: string, namespace: string): string[] {
  return index.of(kind).filter((o) => String(o.manifest.apiVersion).startsWith(group) && namespaceOf(o) === namespace)
    .map((o) => text(fields(o.manifest.metadata).name) ?? '');
}

/** Why `named` of Cluster `pg` finds nothing, or undefined when it is there or may be made by hand. */
function missingProblem(index: ObjectIndex, pg: SynthesizedObject, named: NamedObject): Finding | undefined {
  const namespace = namespaceOf(pg);
  const here = namesIn(index, named.kind, named.group, namespace);
  if (here.includes(named.name)) {
    return undefined;
  }
  const reader = named.kind === 'ImageCatalog' ? 'the operator creates no instance of the Cluster'
    : named.field.startsWith('spec.externalClusters') ? 'the Barman Cloud plugin finds no backup to recover from, and the Cluster never starts'
      : 'the Barman Cloud plugin archives no WAL and takes no backup of it';
  const elsewhere = index.of(named.kind).filter((o) => String(o.manifest.apiVersion).startsWith(named.group) && text(fields(o.manifest.metadata).name) === named.name)
    .map(namespaceOf);
  if (elsewhere.length > 0) {
    return objectFinding(pg, {
      layer, severity: 'error', field: named.field,
      message: `${named.kind} "${named.name}" is in namespace "${elsewhere[0]}", and CloudNativePG reads it from the Cluster's namespace "${namespace}" alone: ${reader}`,
      hint: `make ${named.kind} ${named.name} in namespace "${namespace}", beside the Cluster (one for each namespace that has a Cluster using it)`,
    });
  }
  const meant = closestName(named.name, here);
  return meant === undefined ? undefined : objectFinding(pg, {
    layer, severity: 'error', field: named.field,
    message: `namespace "${namespace}" has no ${named.kind} "${named.name}": ${reader}`,
    hint: `name the ${named.kind} of the namespace meant: ${named.field.split('.').pop()}: '${meant}'`,
  });
}

/** The major releases an ImageCatalog lists. */
function catalogMajors(catalog: SynthesizedObject): unknown[] {
  return list(fields(catalog.manifest.spec).images).map((image) => image.major);
}

/**
 * CloudNativePG Clusters whose ImageCatalog or Barman Cloud ObjectStore is not in their namespace under the name
 * given (another namespace has it, or a namespace's own of that kind has a name one typo away), and an ImageCatalog
 * of the output that lists no image of the `major` the Cluster asks for, which the operator cannot start.
 */
export function checkCnpgNamedObjects(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  for (const pg of index.of('Cluster')) {
    if (!String(pg.manifest.apiVersion).startsWith('postgresql.cnpg.io/')) {
      continue;
    }
    const spec = fields(pg.manifest.spec);
    for (const named of namedObjects(spec)) {
      const problem = missingProblem(index, pg, named);
      if (problem !== undefined) {
        findings.push(problem);
        continue;
      }
      const catalog = named.kind === 'ImageCatalog' ? index.find('ImageCatalog', namespaceOf(pg), named.name) : undefined;
      const major = fields(spec.imageCatalogRef).major;
      if (catalog !== undefined && major !== undefined && !catalogMajors(catalog).map(Number).includes(Number(major))) {
        const majors = catalogMajors(catalog).map(String).join(', ') || 'none';
        findings.push(objectFinding(pg, {
          layer, severity: 'error', field: 'spec.imageCatalogRef.major',
          message: `ImageCatalog "${named.name}" lists no image of PostgreSQL ${String(major)} (it lists ${majors}): the operator finds no image for the Cluster and creates no instance`,
          hint: `add { major: ${String(major)}, image: 'ghcr.io/cloudnative-pg/postgresql:${String(major)}…' } to the catalog's images, or ask for a major it lists`,
        }));
      }
    }
  }
  return findings;
}
