import { ApiObject, JsonPatch } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppController, AppVolume, ClusterChart, existingStorageClass, flux, HomelabApp, host, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import { kubectlTarget } from '../constructs/validation/kubectl-targets';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// A newcomer's chores as the README leads them: a nightly pg_dumpall CronJob to an NFS share, a SQLite app restored and
// replicated by Litestream without a claim (the database lives in an emptyDir, brought back from S3 as the pod
// starts), a weekly cleanup script from a ConfigMap, a kubectl CronJob deleting finished pods of every namespace, a
// one-off migration Job, and an export CronJob of the app's own claim.

const node1 = host('nu120-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.120.10' });
const node2 = host('nu120-b', { arch: 'amd64', roles: ['worker'], address: '192.168.120.11' });
const lab = site('nu120', {
  domain: 'nu120.example.net', hosts: [node1, node2], git: { url: 'https://github.com/nu120/lab.git' },
  pools: { vips: { first: '192.168.120.200', last: '192.168.120.210' } },
  nfs: { backups: { server: '192.168.120.5', path: '/mnt/tank/backups' }, media: { server: '192.168.120.5', path: '/mnt/tank/media' } },
});
const RESOURCES = { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '256Mi' };
const S3 = { cidr: '0.0.0.0/0', ports: [{ port: 443 }] };

const defineLab = (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node1, node2], routes: traefik({ address: lab.pools.vips.at('192.168.120.200') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  const password = SecretReference.external('apps', 'postgres-auth', 'password');
  const postgres = new HomelabApp(cluster, 'postgres', {
    namespace: 'apps', image: 'postgres:16.4', controller: AppController.statefulSet(), runAsUser: 999, runAsGroup: 999, fsGroup: 999,
    ports: [{ name: 'postgres', port: 5432 }], env: { POSTGRES_PASSWORD: password, PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  new HomelabApp(cluster, 'pg-backup', {
    namespace: 'apps', image: 'postgres:16.4', runAsUser: 999, runAsGroup: 999, resources: RESOURCES, egress: [postgres],
    controller: AppController.cronJob({
      schedule: '30 2 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 600,
      backoffLimit: 2, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 5, ttlSecondsAfterFinished: 86400,
    }),
    command: ['sh', '-c', 'pg_dumpall -h postgres -U postgres | gzip > /backups/postgres-$(date +%F).sql.gz'],
    env: { PGPASSWORD: password },
    persistence: { backups: { volume: AppVolume.nfs(lab.nfs.backups, 'postgres'), mountPath: '/backups' } },
  });
  new ApiObject(cluster, 'litestream-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'litestream', namespace: 'apps' },
    data: { 'litestream.yml': 'dbs:\n  - path: /etc/linkding/data/db.sqlite3\n    replica:\n      url: s3://lab-backups/linkding\n' },
  });
  const litestream = (name: string, args: string[]) => ({
    name, image: 'litestream/litestream:0.3.13', args, resources: RESOURCES,
    env: { LITESTREAM_ACCESS_KEY_ID: SecretReference.external('apps', 'litestream-s3', 'access-key-id'), LITESTREAM_SECRET_ACCESS_KEY: SecretReference.external('apps', 'litestream-s3', 'secret-access-key') },
  });
  new HomelabApp(cluster, 'linkding', {
    namespace: 'apps', image: 'sissbruecker/linkding:1.36.0', ports: [{ name: 'http', port: 9090 }], route: { host: 'links' }, egress: [S3],
    persistence: {
      data: { volume: AppVolume.emptyDir(), mountPath: '/etc/linkding/data', containers: ['linkding', 'restore', 'litestream'] },
      config: { volume: AppVolume.configMap('litestream'), mounts: [{ mountPath: '/etc/litestream.yml', subPath: 'litestream.yml' }], containers: ['restore', 'litestream'] },
    },
    initContainers: [litestream('restore', ['restore', '-if-db-not-exists', '-if-replica-exists', '/etc/linkding/data/db.sqlite3'])],
    sidecars: [litestream('litestream', ['replicate'])],
  });
  new ApiObject(cluster, 'cleanup-script', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'media-cleanup', namespace: 'apps' },
    data: { 'cleanup.sh': '#!/bin/sh\nset -eu\nfind /media/downloads -type f -mtime +30 -print -delete\n' },
  });
  new HomelabApp(cluster, 'media-cleanup', {
    namespace: 'apps', image: 'alpine:3.20', command: ['/bin/sh', '/scripts/cleanup.sh'], resources: RESOURCES, egress: [],
    controller: AppController.cronJob({ schedule: '0 4 * * 0', timeZone: 'Europe/Berlin' }),
    persistence: {
      media: { volume: AppVolume.nfs(lab.nfs.media), mountPath: '/media' },
      scripts: { volume: AppVolume.configMap('media-cleanup'), mountPath: '/scripts' },
    },
  });
  new HomelabApp(cluster, 'pod-reaper', {
    namespace: 'maintenance', image: 'bitnami/kubectl:1.31.4', resources: RESOURCES, egress: [],
    command: ['kubectl', 'delete', 'pods', '--all-namespaces', '--field-selector=status.phase==Succeeded'],
    controller: AppController.cronJob({ schedule: '0 * * * *', concurrencyPolicy: 'Replace' }),
    serviceAccount: { reason: 'deletes finished pods', clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list', 'delete'] }] },
  });
  new HomelabApp(cluster, 'app-migrate', {
    namespace: 'apps', image: 'ghcr.io/nu120/app:2.0.0', command: ['/app/migrate', 'up'], resources: RESOURCES, egress: [postgres],
    controller: AppController.job({ backoffLimit: 1, activeDeadlineSeconds: 600 }), env: { PGHOST: 'postgres', PGPASSWORD: password },
  });
  new HomelabApp(cluster, 'app', {
    namespace: 'apps', image: 'ghcr.io/nu120/app:2.0.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'app' }, egress: [postgres],
    env: { PGHOST: 'postgres', PGPASSWORD: password },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
  });
  new HomelabApp(cluster, 'app-export', {
    namespace: 'apps', image: 'alpine:3.20', command: ['sh', '-c', 'tar czf /backups/app-$(date +%F).tgz -C /data .'], resources: RESOURCES, egress: [],
    controller: AppController.cronJob({ schedule: '0 1 * * *', timeZone: 'Europe/Berlin' }),
    persistence: {
      data: { volume: AppVolume.existingClaim('app-data'), mountPath: '/data' },
      backups: { volume: AppVolume.nfs(lab.nfs.backups, 'app'), mountPath: '/backups' },
    },
  });
};

describe("a newcomer's scheduled jobs and maintenance scripts", () => {
  const result = synthInMemory(defineLab);
  const objects = manifestsOf(result, 'nu120/main');

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test('the app whose sidecar replicates with Litestream is rolled out by stopping the old pod first, with no claim to ask for it', () => {
    const linkding = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'linkding');
    expect(linkding.spec.strategy).toEqual({ type: 'Recreate' });
  });
});

/**
 * A lab whose app keeps its data on a ReadWriteOnce claim of a class that attaches it to any one node (Longhorn), and a
 * nightly export CronJob of that claim that follows the app to its node with a required pod affinity.
 */
const defineFollowingExport = (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node1, node2], routes: traefik({ address: lab.pools.vips.at('192.168.120.200') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { block: existingStorageClass('longhorn') }, gitops: flux(),
    preinstalled: [{ source: 'longhorn', provides: { storageClasses: ['longhorn'] } }],
  });
  new HomelabApp(cluster, 'app', {
    namespace: 'apps', image: 'ghcr.io/nu120/app:2.0.0', ports: [{ name: 'http', port: 8080 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'block', size: '5Gi' }), mountPath: '/data' } },
  });
  const exporter = new HomelabApp(cluster, 'app-export', {
    namespace: 'apps', image: 'alpine:3.20', command: ['sh', '-c', 'tar czf /backups/app-$(date +%F).tgz -C /data .'], resources: RESOURCES, egress: [],
    controller: AppController.cronJob({ schedule: '0 1 * * *', timeZone: 'Europe/Berlin' }),
    persistence: {
      data: { volume: AppVolume.existingClaim('app-data'), mountPath: '/data' },
      backups: { volume: AppVolume.nfs(lab.nfs.backups, 'app'), mountPath: '/backups' },
    },
  });
  exporter.workload.addJsonPatch(JsonPatch.add('/spec/jobTemplate/spec/template/spec/affinity', { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
    { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'app' } }, topologyKey: 'kubernetes.io/hostname' },
  ] } }));
};

test("an export CronJob that follows its app to the node of the app's ReadWriteOnce claim synthesizes clean", () => {
  expect(aboutTheLab(synthInMemory(defineFollowingExport).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
});

describe('the kubectl lines whose rights are read', () => {
  test('a rollout restart needs get and patch on its one workload', () => {
    expect(kubectlTarget(['kubectl', 'rollout', 'restart', 'deployment/web', '-n', 'media'])).toMatchObject({ group: 'apps', resource: 'deployments', name: 'web', namespace: 'media', verbs: ['get', 'patch'] });
  });

  test('a delete by selector needs list and delete, in every namespace with -A', () => {
    expect(kubectlTarget(['kubectl', 'delete', 'pods', '-A', '--field-selector', 'status.phase=Failed'])).toMatchObject({ resource: 'pods', allNamespaces: true, verbs: ['list', 'delete'] });
    expect(kubectlTarget(['kubectl', 'delete', 'jobs', '-l', 'app=backup', '-n', 'apps'])).toMatchObject({ group: 'batch', resource: 'jobs', namespace: 'apps', allNamespaces: false });
  });

  test('a delete of one named object, or a line with credentials of its own, is left alone', () => {
    expect(kubectlTarget(['kubectl', 'delete', 'pod', 'web-0'])).toBeUndefined();
    expect(kubectlTarget(['kubectl', 'delete', 'pods', '--all', '--token', '$(TOKEN)'])).toBeUndefined();
  });
});
