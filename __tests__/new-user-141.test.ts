import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  argoCd, AppController, AppVolume, ChartRelease, ClusterChart, declareExternal, HomelabApp, host, hostPlacement, k3s, kubePrometheusStack,
  localPathStorage, metalLb, SecretReference, servesPorts, site, traefik,
} from '../constructs';
import { guarded } from './bad-input/lab';
import { dayTwoOfLab, shownFinding } from './support/day-two';
import { aboutTheLab, sitesInMemory, synthInMemory } from './support/synth';

// A new user's lab run over months with Argo CD, from the README alone: one site, two clusters each synced by its
// own Argo CD, the hub with the monitoring stack, a wiki on PostgreSQL (pinned by digest) with a nightly dump, and the
// edge cluster with Uptime Kuma and a chart. Written the obvious way it synthesizes with no finding; the mistakes a
// first Argo CD lab makes are each one finding on the field that holds them, and the day-two changes synthesized over
// the previous output say what they keep.

const GIT = 'https://github.com/jdoe/ops-lab.git';

/** The lab's two machines and its site of `name`, whose Git repository is `git` over the lab's own. */
const inventory = (name: string, git: Record<string, unknown> = {}) => {
  const hub1 = host(`${name}-hub`, {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.141.10', cores: 8, memoryGigabytes: 32, zfsPools: { tank: { media: 'ssd', sizeTerabytes: 2 } },
  });
  const edge1 = host(`${name}-edge`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.141.20', cores: 4, memoryGigabytes: 16 });
  const lab = site(name, {
    domain: 'ops.example.net', hosts: [hub1, edge1], git: { url: GIT, ...git },
    pools: { hub: { first: '192.168.141.240', last: '192.168.141.244' }, edge: { first: '192.168.141.245', last: '192.168.141.249' } },
  });
  return { hub1, edge1, lab };
};
const LAB = inventory('nu141');

/** The mistakes and day-two changes a test makes; each left out is the lab as first written. */
interface Changes {
  /** The inventory of another site, for a mistake in its facts. */
  readonly inventory?: ReturnType<typeof inventory>;
  readonly argoCd?: Record<string, unknown>;
  readonly dbImage?: string;
  readonly wikiImage?: string;
  readonly backupSchedule?: string;
  readonly retention?: string;
  readonly podinfoVersion?: string;
  /** What the wiki is made to depend on beside its database. */
  readonly wikiDependsOn?: (hub: ClusterChart, edge: ClusterChart) => unknown;
  /** The folder of the repository an Application written in the hub's chart syncs to the edge cluster. */
  readonly hubApplicationPath?: string;
  readonly wikiId?: string;
  readonly wikiNamespace?: string;
  readonly uptimeOn?: 'edge' | 'hub';
}

const defineLab = (changes: Changes = {}) => (scope: Construct) => {
  const { hub1, edge1, lab } = changes.inventory ?? LAB;
  const hub = new ClusterChart(scope, 'hub', {
    site: lab, hosts: [hub1], routes: traefik({ address: lab.pools.hub.at('192.168.141.240') }), loadBalancer: metalLb({ pools: [lab.pools.hub] }),
    storage: { fast: hub1.zfs.tank, scratch: localPathStorage() }, gitops: argoCd({ createProject: true, ...changes.argoCd }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  hub.platform.require(kubePrometheusStack({
    placement: hostPlacement(hub1), grafanaAdminSecret: 'grafana-admin', retention: changes.retention ?? '15d',
    prometheusStorage: { tier: 'fast', size: '20Gi' }, grafanaStorage: { tier: 'fast', size: '1Gi' },
  }));
  const wikiNamespace = changes.wikiNamespace ?? 'wiki';
  declareExternal(hub, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }, { namespace: 'wiki', name: 'wiki-db' }, { namespace: wikiNamespace, name: 'wiki-db' }] });
  const password = (namespace: string) => SecretReference.external(namespace, 'wiki-db', 'password');
  const db = new HomelabApp(hub, 'wiki-db', {
    namespace: 'wiki', image: changes.dbImage ?? `postgres:16.4@sha256:${'a'.repeat(64)}`, controller: AppController.statefulSet(),
    ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999,
    env: { POSTGRES_DB: 'wiki', POSTGRES_USER: 'wiki', POSTGRES_PASSWORD: password('wiki'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  const wiki = new HomelabApp(hub, changes.wikiId ?? 'wiki', {
    namespace: wikiNamespace, image: changes.wikiImage ?? 'ghcr.io/requarks/wiki:2.5.304', ports: [{ name: 'http', port: 3000 }], route: { host: 'wiki' },
    env: {
      DB_TYPE: 'postgres', DB_HOST: wikiNamespace === 'wiki' ? 'wiki-db' : 'wiki-db.wiki', DB_PORT: '5432', DB_USER: 'wiki', DB_NAME: 'wiki', DB_PASS: password(wikiNamespace),
    },
    persistence: { uploads: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/wiki/data' } },
  });
  db.addAllowFrom(wiki);
  wiki.node.addDependency(db);
  const backup = new HomelabApp(hub, 'backup', {
    namespace: 'wiki', image: 'postgres:16.4', controller: AppController.cronJob({ schedule: changes.backupSchedule ?? '30 2 * * *' }), runAsUser: 999,
    command: ['sh', '-c', 'pg_dump -h wiki-db -U wiki wiki > /backup/wiki-$(date +%F).sql'],
    env: { PGPASSWORD: password('wiki') },
    persistence: { backup: { volume: AppVolume.claim({ tier: 'scratch', size: '20Gi' }), mountPath: '/backup' } },
  });
  db.addAllowFrom(backup);

  const edge = new ClusterChart(scope, 'edge', {
    site: lab, hosts: [edge1], routes: traefik({ address: lab.pools.edge.at('192.168.141.245') }), loadBalancer: metalLb({ pools: [lab.pools.edge] }),
    storage: { fast: localPathStorage() }, gitops: argoCd(), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  new HomelabApp(changes.uptimeOn === 'hub' ? hub : edge, 'uptime-kuma', {
    image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'],
    env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' }, ports: [{ name: 'http', port: 3001 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/app/data' } },
    probes: { readiness: { httpPath: '/' } }, route: { host: 'uptime' },
  });
  new ChartRelease(edge, 'podinfo', {
    namespace: 'podinfo', chart: { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: changes.podinfoVersion ?? '6.7.1' },
    network: servesPorts({ port: 9898, purpose: 'podinfo web' }),
  });
  if (changes.wikiDependsOn) {
    wiki.node.addDependency(changes.wikiDependsOn(hub, edge) as Construct);
  }
  if (changes.hubApplicationPath !== undefined) {
    new ApiObject(hub, 'edge-app', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'edge', namespace: 'argocd' },
      spec: {
        project: 'default', source: { repoURL: GIT, path: changes.hubApplicationPath, targetRevision: 'main' },
        destination: { server: 'https://192.168.141.20:6443', namespace: 'argocd' },
      },
    });
  }
};

const shown = (changes: Changes = {}) => aboutTheLab(synthInMemory(guarded(defineLab(changes))).findings).map(shownFinding);

/** The findings of a second synth of `after` into the folder a first synth of the lab wrote, with its new steps by hand. */
const dayTwo = (after: Changes) => {
  const { written, findings, steps } = dayTwoOfLab(defineLab, after);
  return { written, shown: aboutTheLab(findings).map(shownFinding), steps };
};

/** The lab as first written, synthesized once for the tests that read it. */
const AS_WRITTEN = guarded(defineLab());

test('the lab written the obvious way synthesizes with no finding', () => {
  expect(aboutTheLab(sitesInMemory(AS_WRITTEN).findings).map(shownFinding)).toEqual([]);
});

test("each cluster's root Application syncs its own folder of the site's repository, in its project", () => {
  const objects = sitesInMemory(AS_WRITTEN).clusters.flatMap((c) => c.objects).map((o) => o.manifest)
    .filter((m) => m.kind === 'Application' && String(m.metadata.name).match(/^nu141-(hub|edge)$/));
  expect(objects.map((m) => [m.metadata.name, (m.spec as any).source.path, (m.spec as any).source.repoURL, (m.spec as any).project])).toEqual([
    ['nu141-hub', 'dist/nu141/hub', GIT, 'default'],
    ['nu141-edge', 'dist/nu141/edge', GIT, 'default'],
  ]);
});

describe("the newcomer's mistakes, each one finding on the field that holds it", () => {
  test("the repository's web page, and a branch as the clone names it", () => {
    expect(shown({ inventory: inventory('nu141-page', { url: 'https://github.com/jdoe/ops-lab/tree/main' }) })).toEqual([
      expect.stringMatching(/^error inventory\/site\/nu141-page git\.url: .*web page of branch "main".*\| .*git: \{ url: 'https:\/\/github\.com\/jdoe\/ops-lab\.git', branch: 'main' \}$/),
    ]);
    expect(shown({ inventory: inventory('nu141-branch', { branch: 'origin/main' }) })).toEqual([expect.stringMatching(/^error inventory\/site\/nu141-branch git\.branch: .*\| .*branch: 'main'$/)]);
  });

  test('the scp form of an SSH remote, without the key Argo CD clones it with', () => {
    expect(shown({ inventory: inventory('nu141-ssh', { url: 'git@github.com:jdoe/ops-lab.git' }) })).toEqual(['hub', 'edge'].map((c) =>
      expect.stringMatching(new RegExp(`^error ${c} gitops\\.repositoryCredential: Argo CD clones the SSH URL .*repositoryCredential: \\{ sshPrivateKey:`))));
  });

  test("Argo CD's sync options written the Argo way, prune as text, and a name with capitals", () => {
    expect(shown({ argoCd: { syncOptions: ['CreateNamespace=true'] } })).toEqual([expect.stringMatching(/^error hub gitops\.syncOptions: argoCd\(\) has no prop "syncOptions"/)]);
    expect(shown({ argoCd: { prune: 'false' } })).toEqual([expect.stringMatching(/^error hub gitops\.prune: .*\| write it as a switch, without quotes: prune: false/)]);
    expect(shown({ argoCd: { name: 'Ops Hub' } })).toEqual([expect.stringMatching(/^error hub gitops\.name: .*\| write it as name: 'ops-hub'$/)]);
  });

  test('an image tag latest, a digest cut short, and one without its algorithm', () => {
    expect(shown({ wikiImage: 'ghcr.io/requarks/wiki:latest' })).toEqual([expect.stringMatching(/^error hub\/wiki image: .*moving tag "latest".*\| pin a version tag/)]);
    expect(shown({ dbImage: 'postgres:16.4@sha256:abc123' })).toEqual([expect.stringMatching(/^error hub\/wiki-db image: .*sha256 digest of 6 hex digits/)]);
    expect(shown({ dbImage: `postgres:16.4@${'a'.repeat(64)}` })).toEqual([expect.stringMatching(/^error hub\/wiki-db image: .*\| a digest names its algorithm: 'postgres:16\.4@sha256:a{64}'$/)]);
  });

  test("the backup's schedule with seconds or a macro cron has not, and Prometheus' retention in words", () => {
    expect(shown({ backupSchedule: '0 30 2 * * *' })).toEqual([expect.stringMatching(/^error hub\/backup controller\.props\.schedule: .*has 6 .*schedule: '30 2 \* \* \*'$/)]);
    expect(shown({ backupSchedule: '@nightly' })).toEqual([expect.stringMatching(/^error hub\/backup controller\.props\.schedule: .*unknown macro "@nightly"/)]);
    expect(shown({ retention: '15 days' })).toEqual([expect.stringMatching(/^error hub\/platform components\.kube-prometheus-stack\.retention: .*\| write a number and a unit, largest unit first: '15d'/)]);
  });

  test('a chart version that is a range', () => {
    expect(shown({ podinfoVersion: '^6.7.0' })).toEqual(['error edge/podinfo chart.version: "^6.7.0" is not an exact version | pin an exact chart version, e.g. 1.2.3']);
  });

  test('a dependency on an app that does not exist is one error on addDependency, not a TypeError on another construct', () => {
    expect(shown({ wikiDependsOn: (hub) => hub.node.tryFindChild('wiki-dbb') })).toEqual([
      expect.stringMatching(/^error hub\/wiki node\.addDependency: node\.addDependency was given undefined, which is no construct: .*\| .*node\.tryFindChild\(id\) gives undefined for an id its scope has not/),
    ]);
  });

  test('a dependency on an app of the other cluster is an error: no order between clusters is kept', () => {
    expect(shown({ wikiDependsOn: (_, edge) => edge.node.findChild('podinfo') })).toEqual([
      "error hub/wiki addDependency: this construct of cluster nu141/hub depends on edge/podinfo, of cluster nu141/edge: each cluster's GitOps engine applies its own folder alone,"
        + ' so no order between clusters is kept | drop the addDependency; a pod that needs another app waits for it with an init container or its readiness probe, not with an order',
    ]);
  });

  test("an Application of the hub that syncs the edge cluster's folder, which the edge's own Argo CD syncs already", () => {
    expect(shown({ hubApplicationPath: 'dist/nu141/edge' })).toEqual([
      expect.stringMatching(/^error hub\/edge-app spec\.source\.path: Application edge applies "dist\/nu141\/edge" .*which is the folder of cluster "edge" .*two owners.*\| drop it: each cluster syncs its own folder/),
    ]);
    expect(shown({ hubApplicationPath: 'dist/nu141/egde' })).toEqual([
      expect.stringMatching(/^error hub\/edge-app spec\.source\.path: .*which the output does not have .*\| write the folder as the repository holds it: path: 'dist\/nu141\/edge'$/),
    ]);
  });
});

describe('day two, synthesized over the previous output', () => {
  test("the wiki moved to another namespace: its uploads' claim stays, and the hint keeps the namespace, not the database's StatefulSet", () => {
    const { shown: findings, written } = dayTwo({ wikiNamespace: 'docs' });
    expect(written).toBe(true);
    expect(findings).toEqual([
      'warning hub (removed): the claim wiki/wiki-uploads left the output: the GitOps engine leaves it in the cluster (it is marked to be kept when removed), with its data'
        + " | the new claim docs/wiki-uploads has its name, but is a new, empty one: a pod mounts claims of its own namespace only; to use this data, put the app in namespace wiki (namespace: 'wiki');"
        + ' when the data is not wanted, delete it by hand: kubectl -n wiki delete persistentvolumeclaim wiki-uploads',
    ]);
  });

  test('the wiki renamed: the hint binds the old claim again by its name', () => {
    expect(dayTwo({ wikiId: 'knowledge' }).shown).toEqual([
      expect.stringMatching(/^warning hub \(removed\): the claim wiki\/wiki-uploads left the output: .*\| to use the data again, give a claim in namespace wiki this name \(AppVolume\.claim\(\{ …, claimName: 'wiki-uploads' \}\)\)/),
    ]);
  });

  test('Uptime Kuma moved to the hub: its data stays on the edge, and the step copies it over', () => {
    const moved = dayTwo({ uptimeOn: 'hub' });
    expect(moved.shown).toEqual([
      expect.stringMatching(/^warning edge \(removed\): the claim uptime-kuma\/uptime-kuma-data left the output: .*\| the claim uptime-kuma\/uptime-kuma-data the app makes in cluster nu141\/hub is a new, empty one/),
      expect.stringMatching(/^warning edge \(removed\): the namespace uptime-kuma, which held claims, left the output: .*\| the app of namespace uptime-kuma moved to cluster nu141\/hub/),
    ]);
  });

  test("the chart bumped across a major release is a warning on the Application's targetRevision", () => {
    expect(dayTwo({ podinfoVersion: '7.0.0' }).shown).toEqual([
      expect.stringMatching(/^warning edge\/podinfo\/application spec\.source\.targetRevision: chart podinfo moves from 6\.7\.1 to 7\.0\.0, across a major release/),
    ]);
  });
});
