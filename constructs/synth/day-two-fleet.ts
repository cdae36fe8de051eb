import type { Finding } from '../validation/finding';
import { claimsOf, DayTwoReport, removal } from './day-two';
import { holdsDatabase } from '../platform/data-holding';
import { cnpgClusterRemoval } from './day-two-cnpg-clusters';
import { documentEntries } from './documents';
import { EngineOfFolder, engineOfFiles, engineOfFolder } from './day-two-engines';
import { FLEET_PATH } from './fleet-checks';

/**
 * Day-2 changes across the clusters of one run: a cluster folder that leaves the output as a whole (a
 * cluster removed from the fleet, or renamed), and a claim that leaves one cluster while another cluster
 * makes one of its namespace and name (an app moved between clusters).
 */

/** A cluster folder of the previous output that the run no longer writes, and the warning said of it. */
export interface RemovedCluster {
  /** Folder, `<site>/<cluster>`. */
  readonly folder: string;
  /** The warning that names the folder, its claims and what the owner does about them. */
  readonly finding: Finding;
}

/** The documents of a cluster's previous output, none when a file was edited by hand into something that is no YAML. */
function documentsOf(files: ReadonlyMap<string, string>): Array<Record<string, any>> {
  try {
    return [...documentEntries(files).values()].map((entry) => entry.doc as Record<string, any>);
  } catch {
    return [];
  }
}

/** The claims (`namespace/name`) a cluster's previous output held or had a StatefulSet make, sorted. */
function claimsHeld(docs: ReadonlyArray<Record<string, any>>): string[] {
  return [...new Set(docs.flatMap(claimsOf))].sort();
}

/** The layer Kustomizations of a cluster's previous output under Flux: their names and namespace. */
interface FluxLayers {
  readonly names: readonly string[];
  readonly namespace: string;
}

/**
 * The Flux Kustomizations a cluster's previous output wrote (its layers), or undefined when it wrote none.
 * Deleting a Kustomization with `spec.prune` deletes what it applied (its finalizer, unless it is
 * suspended), so a renamed cluster's old layers, pruned by the root Kustomization once it reads the new
 * folder, would take the cluster's objects with them.
 */
function fluxLayersOf(folder: string, docs: ReadonlyArray<Record<string, any>>): FluxLayers | undefined {
  // A layer applies a folder of the cluster's output; a component's Kustomization (an upstream folder) is
  // one of the objects a layer applied, and stays with it.
  const layers = docs.filter((doc) => doc?.kind === 'Kustomization' && String(doc.apiVersion ?? '').startsWith('kustomize.toolkit.fluxcd.io/')
    && String(doc.spec?.path ?? '').includes(`/${folder}/`));
  if (layers.length === 0) {
    return undefined;
  }
  return { names: layers.map((doc) => String(doc.metadata?.name)), namespace: String(layers[0].metadata?.namespace ?? 'flux-system') };
}

/**
 * The warning for each folder of `previousFolders` that `currentFolders` does not hold: synth removes it,
 * while the GitOps engine of that cluster still syncs its path. `previousFiles` reads a folder's files as
 * the previous output holds them (only those of a removed folder are read). A folder new in this run, of
 * the same site first, is named as the cluster's possible new name.
 */
export function removedClusters(
  previousFolders: readonly string[], currentFolders: readonly string[], previousFiles: (folder: string) => ReadonlyMap<string, string>,
): RemovedCluster[] {
  const current = new Set(currentFolders);
  const previous = new Set(previousFolders);
  const added = currentFolders.filter((folder) => !previous.has(folder));
  return previousFolders.filter((folder) => !current.has(folder)).flatMap((folder) => {
    const files = previousFiles(folder);
    if (files.size === 0) {
      return [];
    }
    const site = folder.split('/')[0];
    const renamed = [...added.filter((f) => f.startsWith(`${site}/`)), ...added.filter((f) => !f.startsWith(`${site}/`))];
    const docs = documentsOf(files);
    const engineName = engineOfFiles(folder, files);
    const fluxLayers = engineName === 'flux' ? fluxLayersOf(folder, docs) : undefined;
    return [{ folder, finding: removedClusterFinding(folder, claimsHeld(docs), renamed, engineOfFolder(engineName), fluxLayers) }];
  });
}

/**
 * How to point Flux at a renamed cluster's folder without losing what runs: the new folder's layer
 * Kustomizations have new names, so the root Kustomization prunes the old ones, whose finalizer deletes
 * everything they applied that carries no `kustomize.toolkit.fluxcd.io/prune: disabled` (only claims,
 * volumes and the namespaces holding them do) before the new layers apply it again. A suspended
 * Kustomization is deleted without that, and one whose live object carries the annotation is not pruned at
 * all: the old layers stay, suspended, until `flux get kustomizations -A` shows that the new ones took over.
 */
function fluxRenameSteps(added: readonly string[], layers: FluxLayers): string {
  const old = `${layers.names.join(' ')} -n ${layers.namespace}`;
  return `if the cluster was renamed to ${added.join(' or ')}, know that pointing Flux's root Kustomization at that folder `
    + 'makes it prune the old layer Kustomizations (the new ones have new names), and deleting a Kustomization with prune enabled '
    + 'deletes every object it applied except those marked kustomize.toolkit.fluxcd.io/prune: disabled (the claims, volumes and '
    + 'namespaces holding them), so the apps, their Secrets and the platform go down until the new layers apply them again; '
    + `to keep them running, first suspend the old layers (flux suspend kustomization ${old}), whose deletion then leaves their objects for the new layers to take over, `
    + `and keep the root Kustomization from deleting them before the new ones took over (kubectl annotate kustomization ${old} kustomize.toolkit.fluxcd.io/prune=disabled), `
    + 'then commit and point the root Kustomization at the new folder (its claims there are the same ones when namespace and name stay), '
    + `check that the new layers took over: flux get kustomizations -A shows each layer of ${added.join(' or ')} Ready, `
    + `and only then delete the old ones (kubectl delete kustomization ${old}); otherwise `;
}

function removedClusterFinding(folder: string, claims: readonly string[], added: readonly string[], engine: EngineOfFolder, fluxLayers?: FluxLayers): Finding {
  const data = claims.length > 0
    ? `; its last output held the claims ${claims.join(', ')}, whose data stays in that cluster${engine.prunes ? `, or goes with them when ${engine.name} prunes and the class reclaims with Delete` : ''}`
    : '';
  const renamed = added.length > 0 && fluxLayers !== undefined ? fluxRenameSteps(added, fluxLayers) : added.length > 0
    ? `if the cluster was renamed to ${added.join(' or ')}, point its engine at that folder instead (its claims there are new, empty ones unless the data is copied into them); otherwise `
    : '';
  return {
    layer: 'policy', severity: 'warning', constructPath: FLEET_PATH, field: '(removed)',
    message: `the cluster folder ${folder}/ left the output (the fleet no longer lists it), and synth removes it, `
      + `while ${engine.still}${data}`,
    hint: `${renamed}${engine.stop} before committing (once the path is gone, it ${engine.then})`
      + (claims.length > 0 ? `; copy the data of ${claims.join(', ')} out first if it is wanted, and delete the claims by hand once it is not` : ''),
  };
}

/**
 * `reports` (one per cluster of the run, by folder) where a claim (or CloudNativePG Cluster) that left one
 * cluster is made, of the same namespace and name, by another: its warning says the data stays in the old
 * cluster and is to be copied (a Cluster's restored from a backup), not bound again by claimName. Only the claims the day-2 checks already found are compared.
 */
export function withClaimsMovedAcross(
  reports: ReadonlyArray<{ readonly folder: string; readonly report: DayTwoReport | undefined }>,
): Array<DayTwoReport | undefined> {
  if (!reports.some(({ report }) => (report?.claimsLeaving ?? []).length > 0)) {
    return reports.map(({ report }) => report); // no claim left a cluster, so none moved
  }
  // Each arriving claim under its id and its namespace's (`namespace/`), with the folders that make it.
  const arriving = new Map<string, string[]>();
  const add = (id: string, folder: string) => arriving.set(id, [...new Set([...(arriving.get(id) ?? []), folder])]);
  reports.forEach(({ folder, report }) => report?.claimsArriving?.forEach((id) => {
    add(id, folder);
    add(`${id.split('/')[0]}/`, folder);
  }));
  const elsewhere = (id: string, folder: string) => (arriving.get(id) ?? []).filter((other) => other !== folder);
  return reports.map(({ folder, report }) => {
    const moved = (report?.claimsLeaving ?? []).filter((claim) => elsewhere(claim.id, folder).length > 0);
    if (!report || moved.length === 0) {
      return report;
    }
    const findings = new Map(report.findings.map((f) => [f, f]));
    const actions = new Map(report.actions.map((a) => [a, a]));
    for (const claim of moved) {
      const movedTo = elsewhere(claim.id, folder).join(', ');
      const said = holdsDatabase(claim.doc) ? cnpgClusterRemoval(claim.doc, claim.finding.constructPath, [], movedTo)
        : removal(claim.doc, claim.finding.constructPath, new Set([claim.id.split('/')[0]]), [], movedTo);
      findings.set(claim.finding, said!.finding);
      actions.set(claim.action, said!.action);
    }
    return { ...report, findings: [...findings.values()], actions: [...actions.values()] };
  });
}
