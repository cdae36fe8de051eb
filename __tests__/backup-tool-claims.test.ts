import type { Construct } from 'constructs';
import { AppController, AppVolume, ClusterChart, existingStorageClass, flux, HomelabApp, host, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { synthInMemory } from './support/synth';

// The claims a backup tool mounts: a database server's data folder, which it cannot copy consistently, the
// disk its repository lies on, and a claim it restores into while an app runs on it.

const nas = host('bt-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.6.0.1', zfsPools: { tank: { media: 'hdd' }, fast: { media: 'nvme' } } });
const lab = site('bt', { domain: 'bt.test', hosts: [nas], git: { url: 'https://git.example/bt.git' }, nfs: { offsite: { server: '10.6.0.9', path: '/backups' } } });

function findingsOf(add: (chart: ClusterChart) => void): string[] {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [nas], routes: traefik(), gitops: flux(), storage: { fast: nas.zfs.fast, bulk: nas.zfs.tank, longhorn: existingStorageClass('longhorn') },
      preinstalled: [{ source: 'k3s', provides: { loadBalancers: ['servicelb'] } }, { source: 'longhorn', provides: { storageClasses: ['longhorn'] } }],
    });
    add(chart);
  });
  return result.findings.filter((f) => f.severity === 'error' || f.layer === 'policy').filter((f) => f.severity === 'error' || /backup/.test(f.message))
    .map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`);
}

const NIGHTLY = AppController.cronJob({ schedule: '0 3 * * *' });
const restic = (chart: ClusterChart, props: Partial<AppProps>) => new HomelabApp(chart, 'backup', {
  image: 'restic/restic:0.17.3', namespace: 'db', args: ['backup', '/data'], controller: NIGHTLY, ...props,
});
const postgres = (chart: ClusterChart) => new HomelabApp(chart, 'postgres', {
  image: 'postgres:16.4', namespace: 'db', runAsUser: 999, runAsGroup: 999, fsGroup: 999, ports: [{ name: 'pg', port: 5432 }], probes: { readiness: { command: ['pg_isready'] } },
  env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi', claimName: 'pg-data' }), mountPath: '/var/lib/postgresql/data' },
    run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
  },
});

test("restic on the claim of PostgreSQL's data folder is one error, on its volume, whose hint dumps the database", () => {
  expect(findingsOf((chart) => {
    postgres(chart);
    restic(chart, { persistence: { data: { volume: AppVolume.existingClaim('pg-data'), mountPath: '/data', readOnly: true } } });
  })).toEqual([expect.stringMatching(/^error main\/backup persistence\.data\.volume: restic copies the files of claim "pg-data", where Deployment postgres keeps PostgreSQL's data folder/)]);
});

test('restic on a claim of dumps beside the database passes', () => {
  expect(findingsOf((chart) => {
    postgres(chart);
    restic(chart, { persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi', claimName: 'pg-dumps' }), mountPath: '/data', readOnly: true } } });
  })).toEqual([]);
});

test("a repository on the ZFS pool of the data it backs up is a warning on the repository's volume", () => {
  expect(findingsOf((chart) => restic(chart, {
    env: { RESTIC_REPOSITORY: '/repo/photos' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'bulk', size: '100Gi', claimName: 'photos' }), mountPath: '/data', readOnly: true },
      repo: { volume: AppVolume.claim({ tier: 'bulk', size: '200Gi', claimName: 'restic-repo' }), mountPath: '/repo' },
    },
  }))).toEqual([expect.stringMatching(/^warning main\/backup persistence\.repo\.volume: restic writes its backup \(\/repo\/photos\) to claim "restic-repo", of StorageClass zfs-tank/)]);
});

test('a repository on another pool, or on an NFS export of another machine, passes', () => {
  expect(findingsOf((chart) => restic(chart, {
    args: ['backup', '/data', '--repo', '/repo'],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'bulk', size: '100Gi', claimName: 'photos' }), mountPath: '/data', readOnly: true },
      repo: { volume: AppVolume.claim({ tier: 'fast', size: '200Gi', claimName: 'restic-repo' }), mountPath: '/repo' },
      offsite: { volume: AppVolume.nfs(lab.nfs.offsite, 'photos'), mountPath: '/offsite' },
    },
  }))).toEqual([]);
});

test("a restore Job written before the app, into the app's ReadWriteOnce Longhorn claim, is one error: the restore's", () => {
  expect(findingsOf((chart) => {
    restic(chart, {
      args: ['restore', 'latest', '--target', '/data'], controller: AppController.job(),
      persistence: { data: { volume: AppVolume.existingClaim('vault-data'), mountPath: '/data' } },
    });
    new HomelabApp(chart, 'vault', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'db', ports: [{ name: 'http', port: 8080 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'longhorn', size: '1Gi', claimName: 'vault-data' }), mountPath: '/data' } },
    });
  })).toEqual([expect.stringMatching(/^error main\/backup persistence\.data\.volume: restores a backup into claim "vault-data", which Deployment vault mounts while it runs/)]);
});
