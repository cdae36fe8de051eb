import type { NfsExport } from '../inventory/nfs-export';
import { NFS_CSI_PROVISIONER } from '../platform/components/csi-driver-nfs';
import { nfsExportOfTier } from '../platform/storage';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { chartClaims, ChartClaim } from './chart-claims';
import type { Finding } from './finding';
import { fields, findingTarget, list, namespaceOf, text } from './manifest';
import { isSize, quantityValue } from './quantity';

// NFS enforces no claim's size: the API server, csi-driver-nfs and the NFS server take claims that together
// ask for more than the export's disk holds, and every app on it keeps writing until the disk is full. Then
// they all fail at once, databases mid-write among them, far from the line that sized a claim.
//
// Claims that together ask for more are a warning: a claim's size is what it may grow to, not what it
// holds, and promising more than the disk holds is a choice an owner may make knowingly (thin provisioning)
// and watch the disk for. One claim that asks for more than the whole export is an error: no disk of that
// size ever holds it, so its size or the export's capacity is a mistake (a unit, a digit). Against a
// placeholder's stand-in, both are warnings: the stand-in is no fact to refuse a claim by.

/** A claim on an NFS export: a claim of a StorageClass on it, bound to a PersistentVolume of it, or made by a chart. */
export interface NfsExportClaim {
  /** Where the claim is written, for findings. */
  readonly target: Pick<Finding, 'constructPath' | 'kind' | 'namespace' | 'name'>;
  /** The field that sizes it. */
  readonly field: string;
  /** The claim in words, e.g. `claim services/nextcloud-html`. */
  readonly description: string;
  /** What it asks for, as written. */
  readonly size: string;
  /** What it asks for, in bytes (every replica's claim of a StatefulSet's template together). */
  readonly bytes: number;
}

/** Whether an NFS `server` and `path` are the export or a folder of it. Pure. */
function onExport(nfsExport: NfsExport, server: unknown, path: unknown): boolean {
  const root = String(nfsExport.path).replace(/\/$/, '');
  return server === nfsExport.server && typeof path === 'string' && (path.replace(/\/$/, '') === root || path.startsWith(`${root}/`));
}

/** The claim's request of storage, with its value in bytes, when it is a size. */
function requested(spec: Record<string, unknown>): { size: string; bytes: number } | undefined {
  const size = fields(fields(spec.resources).requests).storage;
  return isSize(size) ? { size, bytes: quantityValue(size)! } : undefined;
}

/**
 * The claims of `objects` (and of `notedClaims`, made by charts) on `nfsExport`: claims of a csi-driver-nfs
 * StorageClass whose share is the export or a folder of it, a StatefulSet's claim templates of such a class
 * (once per replica), claims bound to a PersistentVolume on it, and a PersistentVolume on it that no claim
 * of `objects` binds (a claim made elsewhere takes it whole). Pure.
 */
export function nfsExportClaims(
  objects: readonly SynthesizedObject[],
  nfsExport: NfsExport,
  notedClaims: ReadonlyArray<ChartClaim & { readonly constructPath: string }> = [],
): NfsExportClaim[] {
  const classes = new Set<string>();
  const volumes = new Map<string, SynthesizedObject>();
  for (let n = 0; n < objects.length; n++) {
    const manifest = objects[n].manifest;
    const spec = fields(manifest.spec);
    if (manifest.kind === 'StorageClass' && manifest.provisioner === NFS_CSI_PROVISIONER) {
      const parameters = fields(manifest.parameters);
      if (onExport(nfsExport, parameters.server, parameters.share)) {
        classes.add(String(fields(manifest.metadata).name));
      }
    } else if (manifest.kind === 'PersistentVolume') {
      const csi = fields(spec.csi);
      const nfs = csi.driver === NFS_CSI_PROVISIONER ? { server: fields(csi.volumeAttributes).server, path: fields(csi.volumeAttributes).share } : fields(spec.nfs);
      if (onExport(nfsExport, nfs.server, nfs.path)) {
        volumes.set(String(fields(manifest.metadata).name), objects[n]);
      }
    }
  }
  const claims: NfsExportClaim[] = [];
  const bound = new Set<string>();
  for (let n = 0; n < objects.length; n++) {
    const object = objects[n];
    const manifest = object.manifest;
    const spec = fields(manifest.spec);
    if (manifest.kind === 'PersistentVolumeClaim') {
      const volumeName = text(spec.volumeName);
      const onVolume = volumeName !== undefined && volumes.has(volumeName);
      const size = requested(spec);
      if (onVolume) {
        bound.add(volumeName);
      }
      if ((onVolume || classes.has(String(spec.storageClassName))) && size !== undefined) {
        claims.push({ target: findingTarget(object), field: 'spec.resources.requests.storage', description: `claim ${namespaceOf(object)}/${fields(manifest.metadata).name}`, ...size });
      }
    } else if (manifest.kind === 'StatefulSet') {
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      list(spec.volumeClaimTemplates).forEach((template, i) => {
        const size = requested(fields(template.spec));
        if (classes.has(String(fields(template.spec).storageClassName)) && size !== undefined && replicas > 0) {
          claims.push({
            target: findingTarget(object), field: `spec.volumeClaimTemplates[${i}].spec.resources.requests.storage`,
            description: `${replicas} claim${replicas === 1 ? '' : 's'} ${fields(template.metadata).name}-${fields(manifest.metadata).name}-<n>`, size: size.size, bytes: size.bytes * replicas,
          });
        }
      });
    }
  }
  for (const [name, volume] of volumes) {
    const capacity = fields(fields(volume.manifest.spec).capacity).storage;
    if (!bound.has(name) && isSize(capacity)) {
      claims.push({ target: findingTarget(volume), field: 'spec.capacity.storage', description: `PersistentVolume ${name}`, size: capacity, bytes: quantityValue(capacity)! });
    }
  }
  for (const noted of notedClaims) {
    if (classes.has(noted.storageClassName) && isSize(noted.size)) {
      claims.push({ target: { constructPath: noted.constructPath }, field: noted.field, description: noted.description, size: noted.size, bytes: quantityValue(noted.size)! });
    }
  }
  return claims;
}

/** What `claims` ask for together, in bytes. Pure. */
export function claimedBytes(claims: readonly Pick<NfsExportClaim, 'bytes'>[]): number {
  return claims.reduce((sum, claim) => sum + claim.bytes, 0);
}

/** The NFS exports the cluster may put claims on: its site's, and those its `nfsStorage()` tiers name. */
function exportsOf(cluster: SynthesizedCluster): NfsExport[] {
  const chart = cluster.chart;
  const tiers = chart.tierNames.map((name) => nfsExportOfTier(chart.tier(name)!)).filter((e): e is NfsExport => e !== undefined);
  return [...new Set([...Object.values<NfsExport>(chart.site?.nfs ?? {}), ...tiers])];
}

/**
 * The claims on each NFS export of the cluster whose capacity the inventory states fit in it: one that asks
 * for more than the whole export is an error, claims that together do a warning (see above).
 */
export function checkNfsExportCapacity(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const nfsExport of exportsOf(cluster)) {
    const capacity = nfsExport.capacityBytes;
    if (capacity === undefined) {
      continue;
    }
    const claims = nfsExportClaims(cluster.objects, nfsExport, chartClaims(cluster));
    const where = `NFS export ${nfsExport.name} (${nfsExport.mountServer}:${nfsExport.path})`;
    const stated = `capacity ${nfsExport.capacity}${nfsExport.capacityIsPlaceholder ? ", a placeholder's stand-in" : ''}`;
    const capacityField = `nfs.${nfsExport.name}.capacity${nfsExport.siteName === undefined ? '' : ` of site ${nfsExport.siteName}`}`;
    const whole = claims.filter((claim) => claim.bytes > capacity);
    for (const claim of whole) {
      findings.push({
        ...claim.target, layer: 'inventory', severity: nfsExport.capacityIsPlaceholder ? 'warning' : 'error', field: claim.field,
        message: `${claim.description} asks for ${claim.size}, more than the whole ${where} holds (${stated})`,
        hint: `ask for at most ${nfsExport.capacity} (is the unit right?), or set ${capacityField} to what the export's disk holds`,
      });
    }
    const total = claimedBytes(claims);
    if (whole.length > 0 || total <= capacity) {
      continue;
    }
    // Named on the claim that takes the sum over, in output order: the one a reviewer of the change looks at.
    let running = 0;
    const over = claims.find((claim) => (running += claim.bytes) > capacity)!;
    findings.push({
      ...over.target, layer: 'inventory', severity: 'warning', field: over.field,
      message: `the claims on ${where} ask for ${formatBytes(total)} together, more than its ${stated}: `
        + `${claims.map((claim) => `${claim.description} ${claim.size}`).join(', ')}. NFS enforces none of them, so the apps on it fill its disk first`,
      hint: `lower a claim's size, move a claim to another storage tier, or give the export a larger disk (${capacityField})`,
    });
  }
  return findings;
}

/** An amount of bytes in the largest binary unit that keeps two decimals. */
function formatBytes(bytes: number): string {
  const units = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let value = bytes;
  let unit = '';
  for (const next of units) {
    if (value < 1024) {
      break;
    }
    value /= 1024;
    unit = next;
  }
  return `${Math.round(value * 100) / 100}${unit}`;
}
