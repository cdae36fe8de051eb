import { NfsExport, placeholder } from '../constructs';
import type { SynthesizedCluster, SynthesizedObject } from '../constructs/synth/collect';
import { checkNfsExportCapacity, claimedBytes, nfsExportClaims } from '../constructs/validation/nfs-export-capacity';

// The claims on an NFS export, and what they ask for together: pure, over the objects of a cluster.

const GI = 2 ** 30;
const media = new NfsExport('media', { server: 'nas.lab.test', path: '/export/media', capacity: '1T' });

const object = (manifest: Record<string, unknown>): SynthesizedObject => ({ manifest: manifest as SynthesizedObject['manifest'], constructPath: `lab/main/${(manifest.metadata as { name: string }).name}`, file: 'x' });
const storageClass = (name: string, server: string, share: string) => object({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'nfs.csi.k8s.io', parameters: { server, share, subDir: '${pvc.metadata.name}' },
});
const claim = (name: string, size: string, spec: Record<string, unknown>) => object({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'web' }, spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: size } }, ...spec },
});
const volume = (name: string, capacity: string, path: string) => object({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: capacity }, accessModes: ['ReadWriteMany'], storageClassName: '', nfs: { server: 'nas.lab.test', path } },
});

describe('nfsExportClaims: the claims on an NFS export', () => {
  test('claims of a class on the export, claims bound to its volumes, a volume no claim binds and template claims per replica count; others do not', () => {
    const objects = [
      storageClass('nfs-csi', 'nas.lab.test', '/export/media'),
      storageClass('other-nas', 'other.lab.test', '/export/media'),
      claim('photos', '200Gi', { storageClassName: 'nfs-csi' }),
      claim('elsewhere', '900Gi', { storageClassName: 'other-nas' }),
      claim('local', '900Gi', { storageClassName: 'local-path' }),
      volume('library', '500Gi', '/export/media/library'),
      claim('library', '300Gi', { storageClassName: '', volumeName: 'library' }),
      volume('spare', '50Gi', '/export/media/spare'),
      volume('foreign', '800Gi', '/export/other'),
      object({
        apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'web' },
        spec: { replicas: 2, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'nfs-csi', resources: { requests: { storage: '10Gi' } } } }] },
      }),
    ];
    const claims = nfsExportClaims(objects, media, [
      { storageClassName: 'nfs-csi', size: '100Gi', field: 'registrySize', description: "Harbor's image store", constructPath: 'lab/main/harbor' },
      { storageClassName: 'local-path', size: '5Gi', field: 'databaseStorageTier', description: "Harbor's database", constructPath: 'lab/main/harbor' },
    ]);
    expect(claims.map((c) => [c.description, c.size])).toEqual([
      ['claim web/photos', '200Gi'], ['claim web/library', '300Gi'], ['2 claims data-db-<n>', '10Gi'], ['PersistentVolume spare', '50Gi'], ["Harbor's image store", '100Gi'],
    ]);
    expect(claimedBytes(claims)).toBe((200 + 300 + 2 * 10 + 50 + 100) * GI);
    expect(claims[0].target).toMatchObject({ constructPath: 'lab/main/photos', kind: 'PersistentVolumeClaim', namespace: 'web', name: 'photos' });
  });

  test('no claims ask for nothing', () => {
    expect(claimedBytes(nfsExportClaims([], media))).toBe(0);
  });
});

describe("an NFS export's capacity", () => {
  test('a size of either unit, in bytes; unknown when not given', () => {
    expect(media.capacityBytes).toBe(1e12);
    expect(new NfsExport('m', { server: 'nas', path: '/m', capacity: '900Gi' }).capacityBytes).toBe(900 * GI);
    expect(new NfsExport('m', { server: 'nas', path: '/m' }).capacityBytes).toBeUndefined();
  });

  test('a placeholder is listed and its stand-in used', () => {
    const pending = new NfsExport('m', { server: 'nas', path: '/m', capacity: placeholder('2T', { fact: 'capacity of the media export', owner: 'set to what its disk holds' }) });
    expect(pending.capacityIsPlaceholder).toBe(true);
    expect(pending.capacityBytes).toBe(2e12);
    expect(pending.placeholders.map((p) => p.where)).toEqual(['nfs m capacity']);
  });

  test('a size written as a disk is sold is refused with the Kubernetes spelling', () => {
    const written = new NfsExport('m', { server: 'nas', path: '/m', capacity: '1TB' });
    expect(written.problems).toEqual([expect.objectContaining({ field: 'capacity', hint: expect.stringContaining("capacity: '1T'") })]);
  });
});

describe('checkNfsExportCapacity: claims that fit in the export', () => {
  const clusterOf = (nfsExport: NfsExport, objects: SynthesizedObject[]) =>
    ({ chart: { tierNames: [], site: { nfs: { [nfsExport.name]: nfsExport } } }, objects, notes: [] }) as unknown as SynthesizedCluster;
  const objects = [storageClass('nfs-csi', 'nas.lab.test', '/export/media'), claim('photos', '600Gi', { storageClassName: 'nfs-csi' }), claim('videos', '400Gi', { storageClassName: 'nfs-csi' })];

  test('claims that together ask for more than the export holds are one warning, on the claim that takes the sum over', () => {
    const findings = checkNfsExportCapacity(clusterOf(new NfsExport('media', { server: 'nas.lab.test', path: '/export/media', capacity: '900Gi' }), objects));
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', name: 'videos', field: 'spec.resources.requests.storage', message: expect.stringContaining('ask for 1000Gi together') })]);
  });

  test('claims that fit, and an export of unknown capacity, are no finding', () => {
    // 1000Gi is more than 1T (10^12 bytes): the units are told apart.
    expect(checkNfsExportCapacity(clusterOf(media, objects))).toHaveLength(1);
    expect(checkNfsExportCapacity(clusterOf(new NfsExport('media', { server: 'nas.lab.test', path: '/export/media', capacity: '1000Gi' }), objects))).toEqual([]);
    expect(checkNfsExportCapacity(clusterOf(new NfsExport('media', { server: 'nas.lab.test', path: '/export/media' }), objects))).toEqual([]);
  });

  test("one claim larger than the whole export is an error, and a warning against a placeholder's stand-in", () => {
    const small = new NfsExport('media', { server: 'nas.lab.test', path: '/export/media', capacity: '500Gi' });
    expect(checkNfsExportCapacity(clusterOf(small, objects)).map((f) => [f.severity, f.name])).toEqual([['error', 'photos']]);
    const pending = new NfsExport('media', { server: 'nas.lab.test', path: '/export/media', capacity: placeholder('500Gi', { fact: 'capacity', owner: 'set it' }) });
    expect(checkNfsExportCapacity(clusterOf(pending, objects)).map((f) => [f.severity, f.name])).toEqual([['warning', 'photos']]);
  });
});
