import { ApiObject } from 'cdk8s';
import { cnpgClusterRemoval } from '../constructs/synth/day-two-cnpg-clusters';
import { withClaimsMovedAcross } from '../constructs/synth/day-two-fleet';
import { Build, dayTwo, LabProps } from './support/day-two';

// A CloudNativePG Cluster that leaves the output is pruned by the GitOps engine, and the operator deletes the claims of
// its instances with it: the database is lost. A renamed Cluster is a new one that starts empty. Each is a day-2
// warning like a removed claim's, with a safe step (keep the name, or restore a backup), never a delete.

const WITH_CNPG: LabProps = { preinstalled: [{ source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster'] }] }] };

/** A CloudNativePG Cluster `name` in `namespace` of `instances` on `storageClass`, its namespace made beside it. */
const pg = (name = 'app-db', namespace = 'db', storageClass = 'zfs-fast', instances = 1): Build => (cluster) => {
  cluster.namespaces.ensure(namespace);
  new ApiObject(cluster, `pg-${namespace}-${name}`, {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name, namespace },
    spec: { instances, imageName: 'ghcr.io/cloudnative-pg/postgresql:16.4', storage: { size: '5Gi', storageClass } },
  } as never);
};
const none: Build = () => undefined;
/** The lab's cluster with the namespace `db` kept, and what `build` adds. */
const inDb = (build: Build): Build => (cluster) => {
  cluster.namespaces.ensure('db');
  build(cluster);
};

const shown = (before: Build, after: Build) => dayTwo(before, after, WITH_CNPG).warnings
  .map((w) => `${w.severity} ${w.constructPath} ${w.kind} ${w.namespace ?? ''}/${w.name} ${w.field}: ${w.message} | ${w.hint ?? ''}`);

test('a Cluster removed while its namespace stays: a warning that the database and its volumes go with it, and a step that is no delete', () => {
  const { warnings, actions } = dayTwo(inDb(pg()), inDb(none), WITH_CNPG);
  expect(warnings).toEqual([expect.objectContaining({
    layer: 'policy', severity: 'warning', constructPath: 'main', kind: 'Cluster', namespace: 'db', name: 'app-db', field: '(removed)',
    message: 'the CloudNativePG Cluster db/app-db left the output: it carries no keep-when-removed mark, so an engine that prunes deletes it, '
      + 'and the operator deletes the database and the volumes of its instances with it',
  })]);
  expect(warnings[0].hint).toMatch(/^to keep the database, bring the Cluster db\/app-db back into the output .*a backup of it is taken .*bootstrap\.recovery/);
  expect(actions).toEqual([expect.objectContaining({ kind: 'manual', source: 'main' })]);
  expect(actions[0].command).toBeUndefined();
  expect(actions[0].action).toMatch(/take a backup of it before the next sync/);
});

test('a Cluster renamed: the new one starts empty, and the hint keeps the old name or restores a backup into the new one', () => {
  expect(shown(inDb(pg('app-db')), inDb(pg('app-pg')))).toEqual([
    'warning main Cluster db/app-db (removed): the CloudNativePG Cluster db/app-db left the output: it carries no keep-when-removed mark, so an engine that prunes deletes it, '
      + 'and the operator deletes the database and the volumes of its instances with it | Cluster db/app-pg is a new one, which starts with an empty database: '
      + 'keep the name \'app-db\' in namespace db to keep the data; to really move the database, keep this Cluster in the output until a backup of it is taken '
      + '(a Backup object, or kubectl cnpg backup), then bootstrap the new Cluster from that backup (bootstrap.recovery) and only then remove this one',
  ]);
});

test('a Cluster left unchanged is no finding, nor taken for the new name of one removed beside it', () => {
  expect(shown(inDb(pg()), inDb(pg()))).toEqual([]);
  const both: Build = (cluster) => { pg('app-db')(cluster); pg('wiki-db')(cluster); };
  const [removed, ...more] = shown(both, pg('wiki-db'));
  expect(more).toEqual([]);
  expect(removed).toMatch(/^warning main Cluster db\/app-db \(removed\): .* \| to keep the database, bring the Cluster db\/app-db back/);
});

test("a Cluster whose namespace leaves with it: one warning, the namespace's, which already covers the Cluster", () => {
  const { warnings } = dayTwo(pg(), none, WITH_CNPG);
  expect(warnings.map((w) => `${w.kind} ${w.name} ${w.field}`)).toEqual(['Namespace db (removed)']);
  expect(warnings[0].message).toMatch(/^the namespace db, which held claims, left the output/);
});

test('a Cluster moved to another cluster of the run: its warning says the new one starts empty there, and to restore a backup into it', () => {
  const doc = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'app-db', namespace: 'db' } };
  const left = cnpgClusterRemoval(doc, 'main', []);
  const [old] = withClaimsMovedAcross([
    { folder: 'lab/main', report: { findings: [left.finding], actions: [left.action], claimsLeaving: [{ id: 'db/app-db', doc, finding: left.finding, action: left.action }] } },
    { folder: 'edge/edge', report: { findings: [], actions: [], claimsArriving: ['db/app-db'] } },
  ]);
  expect(old!.findings.map((f) => f.hint)).toEqual([expect.stringMatching(/^the Cluster db\/app-db made in cluster edge\/edge is a new one, which starts with an empty database: .*bootstrap\.recovery/)]);
  expect(old!.actions[0].action).toMatch(/restore it into the new Cluster in cluster edge\/edge with bootstrap\.recovery/);
});

describe('a Cluster moved to another storage class', () => {
  test('of one instance: a warning that its volumes stay, with the way over through a second instance, and a step', () => {
    const { warnings, actions } = dayTwo(pg('app-db', 'db', 'zfs-fast'), pg('app-db', 'db', 'local-path'), WITH_CNPG);
    expect(warnings.map((w) => `${w.severity} ${w.kind} ${w.namespace}/${w.name} ${w.field}: ${w.message} | ${w.hint}`)).toEqual([
      'warning Cluster db/app-db spec.storage.storageClass: changes from zfs-fast to local-path: CloudNativePG takes the change and moves nothing, so the volumes of the '
        + "Cluster's instances stay on zfs-fast, and only an instance made anew gets one of local-path | a Cluster of one instance has no replica to move first: raise instances to 2, "
        + 'wait for the replica on local-path, promote it (kubectl cnpg promote -n db app-db <replica>), destroy the old instance (kubectl cnpg destroy -n db app-db <old instance>), '
        + 'then lower instances to 1; or keep the previous class',
    ]);
    expect(actions).toEqual([expect.objectContaining({ kind: 'manual', command: 'kubectl cnpg status -n db app-db' })]);
  });

  test('of three instances: the hint moves a replica first, then the primary after a switchover', () => {
    const [warning] = shown(pg('app-db', 'db', 'zfs-fast', 3), pg('app-db', 'db', 'local-path', 3));
    expect(warning).toMatch(/\| move the instances one at a time, a replica first \(kubectl cnpg destroy -n db app-db <instance>.*kubectl cnpg promote -n db app-db <replica>\)/);
  });
});
