import { holdsData, holdsDatabase, isDataNamespace } from '../platform/data-holding';
import { keptWhenRemoved } from '../platform/engine-marks';
import type { Finding } from '../validation/finding';
import { clusterFolderOf, engineOfFiles, engineOfFolder } from './day-two-engines';
import type { DocumentEntry } from './documents';
import type { OwnerActionEntry } from './owner-action';

/**
 * Objects an engine that does not prune leaves running: GitLab CI applies each layer without pruning, so an
 * object that leaves the output (an app removed or renamed, a component turned off) keeps running in the
 * cluster; K3s deletes an object that leaves a file it still applies, but nothing of a file taken out of
 * its manifests folder. Claims, CloudNativePG Clusters and namespaces with data are left out: their own
 * warning says what to do with the data (a delete of a Cluster is no safe step). One warning per cluster, with the deletes as a step by hand.
 */

type Doc = Record<string, any>;

/** `kind.group/name` as kubectl names an object of any API group. */
function resourceOf(doc: Doc): string {
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
  const group = apiVersion.includes('/') ? `.${apiVersion.split('/')[0]}` : '';
  return `${String(doc.kind).toLowerCase()}${group}/${doc.metadata?.name}`;
}

function describe(doc: Doc): string {
  const namespace = doc.metadata?.namespace;
  return `${doc.kind} ${typeof namespace === 'string' ? `${namespace}/` : ''}${doc.metadata?.name}`;
}

/** The kubectl deletes of `docs`, one per namespace; objects of a Namespace deleted with them go with it. */
function deletes(docs: readonly Doc[]): string[] {
  const namespacesLeaving = new Set(docs.filter((doc) => doc.kind === 'Namespace').map((doc) => doc.metadata?.name));
  const byNamespace = new Map<string, string[]>();
  for (const doc of docs) {
    const namespace = typeof doc.metadata?.namespace === 'string' ? doc.metadata.namespace : '';
    if (namespace !== '' && namespacesLeaving.has(namespace)) {
      continue;
    }
    byNamespace.set(namespace, [...byNamespace.get(namespace) ?? [], resourceOf(doc)]);
  }
  return [...byNamespace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([namespace, resources]) => `kubectl${namespace ? ` -n ${namespace}` : ''} delete ${resources.join(' ')}`);
}

/** The warning and step for the objects that left the output of a cluster whose engine does not prune them. Pure. */
export function unprunedRemovals(
  old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, allCurrent: ReadonlyMap<string, string>,
  claimsIn: ReadonlySet<string>, chartPath: string,
): { finding: Finding; action: OwnerActionEntry } | undefined {
  const folder = clusterFolderOf(allCurrent);
  const engine = folder === undefined ? undefined : engineOfFiles(folder, allCurrent);
  if (engine === undefined || engineOfFolder(engine).prunes) {
    return undefined;
  }
  const leaving = [...old].filter(([id]) => !now.has(id));
  // K3s deletes what leaves a file it still applies: a Namespace so deleted takes its objects with it, unless it is kept for its data.
  const pruned = (entry: DocumentEntry) => engine === 'k3s-manifests' && allCurrent.has(entry.file);
  const deletedNamespaces = new Set(leaving.filter(([, entry]) => pruned(entry) && (entry.doc as Doc)?.kind === 'Namespace' && !keptWhenRemoved((entry.doc as Doc).metadata))
    .map(([, entry]) => (entry.doc as Doc).metadata?.name));
  const left = leaving.filter(([, entry]) => !pruned(entry)).map(([, entry]) => entry.doc as Doc)
    .filter((doc) => typeof doc?.kind === 'string' && typeof doc.metadata?.name === 'string' && !holdsData(doc) && !holdsDatabase(doc) && !isDataNamespace(doc, claimsIn)
      && doc.kind !== 'Kustomization' && !deletedNamespaces.has(doc.metadata?.namespace));
  if (left.length === 0) {
    return undefined;
  }
  const { name } = engineOfFolder(engine);
  const commands = deletes(left);
  const how = engine === 'k3s-manifests' ? 'which deletes nothing of a file taken out of its manifests folder' : 'which applies without pruning';
  return {
    finding: {
      layer: 'policy', severity: 'warning', constructPath: chartPath, field: '(removed)',
      message: `${left.map(describe).join(', ')} left the output, but ${name}, ${how}, leaves ${left.length === 1 ? 'it' : 'them'} running in the cluster`,
      hint: `once the change is synced, delete ${left.length === 1 ? 'it' : 'them'} by hand: ${commands.join('; ')}`,
    },
    action: {
      kind: 'manual', source: chartPath,
      action: `after the next sync, delete what left the output and ${name} leaves running: ${left.map(describe).join(', ')}`,
      command: commands.join(' && '),
    },
  };
}
