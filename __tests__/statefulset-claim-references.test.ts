import { App } from 'cdk8s';
import { AppController, AppVolume, HomelabApp, SecretReference } from '../constructs';
import { labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// A StatefulSet's pods get their claims from its templates, named `<template>-<StatefulSet>-<ordinal>`: a
// backup Job that mounts one of them by that name mounts a claim that exists once the StatefulSet runs.

function withBackupOf(claimName: string) {
  return synthInMemory((scope) => {
    const cluster = labCluster(scope as App);
    new HomelabApp(cluster, 'postgres', {
      namespace: 'db', image: 'postgres:16.4', runAsUser: 999, runAsGroup: 999, ports: [{ name: 'postgres', port: 5432 }], controller: AppController.statefulSet(),
      env: { POSTGRES_PASSWORD: SecretReference.external('db', 'postgres-auth', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
      persistence: {
        data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
        run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
      },
    });
    new HomelabApp(cluster, 'pg-files-backup', {
      namespace: 'db', image: 'alpine:3.20.3', controller: AppController.cronJob({ schedule: '0 3 * * *' }), command: ['tar', 'czf', '/tmp/pg.tgz', '/pg'],
      persistence: { pg: { volume: AppVolume.existingClaim(claimName), mountPath: '/pg', readOnly: true } },
    });
  }).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
}

test("a CronJob that mounts the claim a StatefulSet's template makes for its pod 0 mounts a claim that exists", () => {
  expect(withBackupOf('data-postgres-0')).toEqual([]);
});

test('a claim of an ordinal the StatefulSet has no replica for is missing', () => {
  expect(withBackupOf('data-postgres-1')).toEqual([expect.stringMatching(/pg-files-backup persistence\.pg\.volume: claim "data-postgres-1" does not exist/)]);
});
