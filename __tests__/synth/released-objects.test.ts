import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, ClusterChart, ClusterDefinition, host, site, synthesize, synthesizeFleet, traefik } from '../../constructs';
import { collectCluster } from '../../constructs/synth/collect';

// A fleet's run lets each cluster's tree go once the cluster is written, and the objects its apps rendered
// as soon as the cluster is collected: validation then runs without them. What it finds, and what it writes,
// must not change for it.

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-released-objects-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const big = host('big', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.8.0.1', memoryGigabytes: 32 });
const small = host('small', { arch: 'arm64', address: '10.8.0.2', memoryGigabytes: 8 });
const lab = site('mixed', { domain: 'mixed.test', hosts: [big, small], git: { url: 'https://git.mixed.test/lab.git' } });

/** A cluster whose app asks more memory than its host has: a finding of validation about a field the app's props wrote. */
function build(scope: Construct, id = 'a'): ClusterChart {
  const chart = new ClusterChart(scope, id, { site: lab, hosts: [big, small], routes: traefik(), storage: {} });
  new App(chart, 'pinned', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], placement: { host: small },
    resources: { memoryRequest: '12Gi', memoryLimit: '12Gi' },
  });
  return chart;
}

const definition = (folder: string, needs: string[] = [], seen?: (chart: ClusterChart) => void): ClusterDefinition => ({
  folder, source: 'released-objects.ts', needs,
  build: (scope, needed) => {
    needs.forEach((other) => seen?.(needed(other)));
    return build(scope, folder.split('/')[1]);
  },
});

test('collecting with releaseObjects takes the app\'s objects out of the tree, and keeps them in the manifests and in the app', () => {
  const chart = build(new CdkApp());
  const app = chart.node.findChild('pinned') as App;
  const cluster = collectCluster(chart, chart.node.path, { releaseObjects: true });
  expect(cluster.objects.map((o) => o.manifest.kind)).toEqual(expect.arrayContaining(['Deployment', 'Service', 'NetworkPolicy']));
  expect(app.node.children.filter((c) => c instanceof ApiObject)).toEqual([]);
  expect(app.workload).toBeInstanceOf(ApiObject);
});

test('collecting without it leaves the tree as it was built', () => {
  const chart = build(new CdkApp());
  collectCluster(chart, chart.node.path);
  expect(chart.node.findChild('pinned').node.children.some((c) => c instanceof ApiObject && c.kind === 'Deployment')).toBe(true);
});

test('a fleet finds what a synth of the whole tree finds, on the prop the user wrote', () => {
  const tree = new CdkApp();
  build(tree);
  const whole = synthesize(tree, { outdir: path.join(base, 'whole'), write: false }).findings;
  const fleet = synthesizeFleet(new CdkApp(), { clusters: [definition('mixed/a')] }, { outdir: path.join(base, 'fleet'), write: false }).findings;
  // A fleet builds each cluster under its site's construct: paths differ by that first step alone.
  const onProp = (findings: typeof whole) => findings.filter((f) => f.field === 'resources.memoryRequest')
    .map((f) => [f.constructPath.replace(/^mixed\//, ''), f.severity, f.message]);
  expect(onProp(fleet)).toEqual(onProp(whole));
  expect(onProp(fleet)).toEqual([['a/pinned', 'warning', expect.stringMatching(/^requests 12Gi of memory.*\(at spec\.template\.spec\.containers\[0\]\.resources\.requests\.memory of Deployment/)]]);
});

test('a cluster another still reads keeps its apps\' objects until that one is built', () => {
  let seen: string[] = [];
  synthesizeFleet(new CdkApp(), {
    clusters: [definition('mixed/a'), definition('mixed/b', ['mixed/a'], (a) => {
      seen = a.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.node.scope instanceof App).map((o) => o.kind).sort();
    })],
  }, { outdir: path.join(base, 'readers'), write: false });
  expect(seen).toEqual(expect.arrayContaining(['Deployment', 'NetworkPolicy', 'Service']));
});
