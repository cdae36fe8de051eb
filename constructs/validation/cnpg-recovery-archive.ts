import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

// A CloudNativePG Cluster made anew from the backups of the one it replaces (after a lost node, or to move it) reads
// them through an external cluster, whose folder in the object store is its server name, the entry's name unless
// `serverName` says. Where the new Cluster's own backups go to that same folder, the operator's check that its WAL
// archive starts empty fails ("Expected empty archive"), and the recovery never starts: the restore an owner needs most.

const layer = 'references' as const;

/** An object-store folder of one server: the store's path, without a trailing slash, and the server's name. */
function archiveOf(store: Record<string, unknown>, defaultServer: string): string | undefined {
  const path = text(store.destinationPath);
  return path === undefined ? undefined : `${path.replace(/\/+$/, '')}/${text(store.serverName) ?? defaultServer}`;
}

/** CloudNativePG Clusters that recover from the object-store folder their own backups go to: one error on the backups' server name. */
export function checkRecoveryArchives(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const pg of indexOf(cluster.objects).of('Cluster')) {
    if (!String(pg.manifest.apiVersion).startsWith('postgresql.cnpg.io/')) {
      continue;
    }
    const spec = fields(pg.manifest.spec);
    const name = text(fields(pg.manifest.metadata).name) ?? '';
    const own = fields(fields(spec.backup).barmanObjectStore);
    const source = text(fields(fields(spec.bootstrap).recovery).source);
    const external = list(spec.externalClusters).find((entry) => text(entry.name) === source);
    const read = external === undefined ? undefined : archiveOf(fields(external.barmanObjectStore), source!);
    const written = archiveOf(own, name);
    if (read === undefined || written === undefined || read !== written) {
      continue;
    }
    findings.push(objectFinding(pg, {
      layer, severity: 'error', field: 'spec.backup.barmanObjectStore.serverName',
      message: `the Cluster recovers from the backups at ${read} (external cluster ${source}) and would archive its own WAL there too: `
        + 'CloudNativePG checks that a new Cluster\'s WAL archive is empty before it starts, so the recovery stops with "Expected empty archive"',
      hint: `give its own backups a folder of their own: backup.barmanObjectStore.serverName: '${name}-${source === name ? 'restored' : 'new'}' (or another destinationPath); the recovery still reads ${source}'s`,
    }));
  }
  return findings;
}
