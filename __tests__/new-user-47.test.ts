import { ApiObject, App as CdkApp } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { declareExternal, SealedSecret, SecretReference, tailscaleLoadBalancer } from '../constructs';
import type { ClusterChart, Finding } from '../constructs';
import { operatorObject } from './bad-input/cases-new-user-38';
import { micro } from './bad-input/cases-new-user-47';
import { labApp, labCluster, synthFindings } from './bad-input/lab';
import { aboutTheLab } from './support/synth';

// The new user's lab of three micro PCs, written right: the checks its mistakes met (see
// bad-input/cases-new-user-47.ts) leave it alone, and the one that is a warning stays one.

const SEALED = `Ag${'B'.repeat(720)}==`;

/** The findings of a fresh app whose cluster `micro` is built by `build`, but the warning of schemas missing here. */
function findingsOf(build: (c: ClusterChart) => void): Finding[] {
  const app = new CdkApp();
  micro(build)(undefined as unknown as ClusterChart, app);
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-47-')), 'dist');
  return aboutTheLab(synthFindings(app, outdir).findings);
}

/** Immich's database with its bootstrap Secret, its backups to MinIO, and its restore beside it after a node was lost. */
function immich(c: ClusterChart, spec: Record<string, unknown> = {}): void {
  labApp('immich', { namespace: 'immich', env: { DB_HOSTNAME: 'immich-pg-rw.immich.svc.cluster.local', DB_PORT: '5432' } })(c);
  new SealedSecret(c, 'immich-db', { namespace: 'immich', name: 'immich-db', encryptedData: { username: SEALED, password: SEALED } });
  declareExternal(c, { secrets: [{ namespace: 'immich', name: 'minio' }, { namespace: 'velero', name: 'minio' }] });
  operatorObject(c, 'immich-pg', 'immich', 'postgresql.cnpg.io/v1', 'Cluster', {
    instances: 1, storage: { size: '10Gi', storageClass: 'longhorn' },
    bootstrap: { initdb: { database: 'immich', owner: 'immich', secret: { name: 'immich-db' } } },
    backup: {
      retentionPolicy: '30d',
      barmanObjectStore: {
        destinationPath: 's3://cnpg/immich', endpointURL: 'http://10.47.0.5:9000',
        s3Credentials: { accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' } },
      },
    },
    ...spec,
  });
  operatorObject(c, 'default', 'velero', 'velero.io/v1', 'BackupStorageLocation', {
    provider: 'aws', objectStorage: { bucket: 'velero' }, credential: { name: 'minio', key: 'cloud' },
    config: { region: 'minio', s3Url: 'http://10.47.0.5:9000', s3ForcePathStyle: 'true' },
  });
  operatorObject(c, 'restore-immich', 'velero', 'velero.io/v1', 'Restore', {
    scheduleName: 'daily', includedNamespaces: ['immich'], namespaceMapping: { immich: 'immich-restore' },
  });
}

describe("a new user's lab of three micro PCs with CloudNativePG and Velero", () => {
  test('the lab written right synthesizes without errors or warnings', () => {
    const findings = findingsOf((c) => {
      immich(c);
      // Longhorn's replicas scaled down to 2 of the 3 PCs.
      new ApiObject(c, 'longhorn-2', {
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'longhorn-2' }, provisioner: 'driver.longhorn.io', parameters: { numberOfReplicas: '2' },
      });
      labApp('valheim', {
        namespace: 'games', image: 'lloesche/valheim-server:v0.7.1', ports: [{ name: 'game', port: 2456, protocol: 'UDP' }, { name: 'query', port: 2457, protocol: 'UDP' }],
        probes: { readiness: { command: ['pgrep', 'valheim_server'] } },
      })(c);
    });
    expect(findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test('a restore that names only the resources it lacks may restore into the namespace', () => {
    const findings = findingsOf((c) => {
      immich(c);
      operatorObject(c, 'restore-config', 'velero', 'velero.io/v1', 'Restore', { backupName: 'daily-20261201020000', includedNamespaces: ['immich'], includedResources: ['configmaps'] });
    });
    expect(findings.filter((f) => f.constructPath.endsWith('restore-config'))).toEqual([]);
  });

  test("two instances on one PC's ZFS pool, apart only where they can be, are one warning naming the host", () => {
    const findings = findingsOf((c) => immich(c, { instances: 2, storage: { size: '10Gi', storageClass: 'zfs-ssd' } }));
    expect(findings.map((f) => ({ severity: f.severity, path: f.constructPath, field: f.field, host: /host nu47-pc1/.test(f.message) }))).toEqual([
      { severity: 'warning', path: 'micro/immich-pg', field: 'spec.instances', host: true },
    ]);
  });

  test("an Ingress of the Tailscale operator's class tailscale, which its chart makes, is served to an app that admits the operator's proxies", () => {
    const app = new CdkApp();
    const c = labCluster(app, 'edge', {
      loadBalancer: tailscaleLoadBalancer({ oauth: { clientId: SecretReference.external('tailscale', 'operator-oauth', 'client_id'), clientSecret: SecretReference.external('tailscale', 'operator-oauth', 'client_secret') } }),
    });
    labApp('linkding', { namespace: 'linkding', allowFrom: [{ namespace: 'tailscale' }] })(c);
    new ApiObject(c, 'tailnet', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'linkding', namespace: 'linkding' },
      spec: { ingressClassName: 'tailscale', defaultBackend: { service: { name: 'linkding', port: { number: 8080 } } }, tls: [{ hosts: ['linkding'] }] },
    });
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-47-')), 'dist');
    expect(synthFindings(app, outdir).findings.filter((f) => f.constructPath.endsWith('tailnet'))).toEqual([]);
  });
});
