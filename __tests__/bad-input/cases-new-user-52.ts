import { Chart } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, raw } from './lab';

// A programmer's lab generated from data, from the README alone: services read from a YAML or JSON file, apps
// made in loops with spread props, a `makeCluster()` called for each site. Earlier rounds refused most of their
// mistakes; these were taken: a value read from the clock or from Math.random() as synth runs, which makes
// another dist/ on every run, a Symbol key, which every walk of the props passes over, and dependencies among
// their constructs that lead back to where they start.

/** A ConfigMap `cfg` of namespace `web`, its metadata and data changed by `metadata` and `data`. */
const configMap = (metadata: Record<string, unknown>, data: Record<string, string> = { mode: 'on' }) => (c: ClusterChart) =>
  raw(c, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'web', ...metadata }, data });

const CHURN = /each run writes another value/;

export const CASES: BadInput[] = [
  {
    name: 'a label of the time of the deploy, String(Date.now()), on an app',
    build: guarded(labApp('web', { labels: { deployed: String(Date.now()) } })),
    layer: 'references', path: 'web', field: 'labels.deployed', message: CHURN, hint: /fixed value/,
  },
  {
    name: 'a label of new Date().toISOString() with its colons and dot replaced, as a label value takes it',
    build: guarded(labApp('web', { labels: { 'deployed-at': new Date().toISOString().replace(/[:.]/g, '-') } })),
    layer: 'references', path: 'web', field: 'labels.deployed-at', message: CHURN,
  },
  {
    name: 'an env variable of the build time, new Date().toISOString()',
    build: guarded(labApp('web', { env: { BUILD_TIME: new Date().toISOString() } })),
    layer: 'references', path: 'web', field: 'env.BUILD_TIME', message: CHURN,
  },
  {
    name: 'an env variable of the time in seconds, Math.floor(Date.now() / 1000)',
    build: guarded(labApp('web', { env: { DEPLOY_STAMP: String(Math.floor(Date.now() / 1000)) } })),
    layer: 'references', path: 'web', field: 'env.DEPLOY_STAMP', message: CHURN,
  },
  {
    name: 'a label of Math.random() to force a rollout',
    // As Math.random() gave it once: a run of one digit, which a computed fraction has, would make the case flaky.
    build: guarded(labApp('web', { labels: { build: '0.8836787578548373' } })),
    layer: 'references', path: 'web', field: 'labels.build', message: /Math\.random\(\)/, hint: /hash of those contents/,
  },
  {
    name: 'a ConfigMap named with a suffix of Date.now(), so its pods roll',
    build: guarded(configMap({ name: `cfg-${Date.now()}` })),
    layer: 'references', path: 'settings', field: 'metadata.name', message: CHURN,
  },
  {
    name: 'an annotation of new Date().toISOString() on a ConfigMap',
    build: guarded(configMap({ annotations: { 'lab.example/built-at': new Date().toISOString() } })),
    layer: 'references', path: 'settings', field: 'metadata.annotations.lab.example/built-at', message: CHURN,
  },
  {
    name: "a ConfigMap file of the build's time, new Date().toISOString()",
    build: guarded(configMap({}, { 'built.txt': new Date().toISOString() })),
    layer: 'references', path: 'settings', field: 'data.built.txt', message: CHURN,
  },
  {
    name: 'an env entry under a Symbol key',
    build: guarded(labApp('web', { env: { TZ: 'Europe/Oslo', [Symbol('DEBUG')]: 'true' } })),
    layer: 'props', path: 'web', field: 'env', message: /Symbol\(DEBUG\)/, hint: /'DEBUG'/,
  },
  {
    name: 'a label under a Symbol key',
    build: guarded(labApp('web', { labels: { [Symbol.for('team')]: 'media' } })),
    layer: 'props', path: 'web', field: 'labels', message: /would be dropped/,
  },
  {
    name: "an app id made from a service's title with a dot, 'Grafana.Dashboards'",
    build: guarded(labApp('Grafana.Dashboards')),
    layer: 'props', path: 'Grafana.Dashboards', field: 'id', hint: /'grafana-dashboards'/,
  },
  {
    name: "an app id made from a service's title with a blank, 'Home Assistant'",
    build: guarded(labApp('Home Assistant')),
    layer: 'props', path: 'Home Assistant', field: 'id', hint: /'home-assistant'/,
  },
  {
    name: 'two apps made in a loop, each given the other with addDependency',
    build: guarded((c: ClusterChart) => {
      const [db, web] = ['db', 'web'].map((id) => labApp(id)(c));
      web.node.addDependency(db);
      db.node.addDependency(web);
    }),
    layer: 'props', path: 'db', field: 'addDependency', message: /main\/db, which depends on main\/web, which depends on main\/db/, hint: /init container/,
  },
  {
    name: "three of the user's own Charts in a cluster whose addDependency calls go round",
    build: guarded((c: ClusterChart) => {
      const [base, data, apps] = ['base', 'data', 'apps'].map((id) => new Chart(c, id));
      data.addDependency(base);
      apps.addDependency(data);
      base.addDependency(apps);
    }),
    layer: 'props', path: 'base', field: 'addDependency', message: /cycle of dependencies/,
  },
  {
    name: 'two hand-written objects that depend on each other',
    build: guarded((c: ClusterChart) => {
      const first = configMap({ name: 'first' })(c);
      const second = raw(c, 'second', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'second', namespace: 'web' }, data: { mode: 'on' } });
      first.addDependency(second);
      second.addDependency(first);
    }),
    layer: 'props', path: 'settings', field: 'addDependency', message: /cycle of dependencies/,
  },
];
