import { App as CdkApp } from 'cdk8s';
import { App } from '../constructs';
import { monitoring } from './bad-input/cases-new-user-10';
import { prepopulatedOutdir, synthFindings } from './bad-input/lab';

// One mistake of a first lab, one error, on the prop the user wrote.

test("an app's scrape interval Prometheus refuses is one error on metrics.interval, not one more on the ServiceMonitor", () => {
  const app = new CdkApp();
  monitoring({}, (cluster) => new App(cluster, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }], metrics: { port: 'metrics', interval: '1min' },
  }))(undefined as never, app);
  const errors = synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
  expect(errors).toEqual(['[props] nu10-mon/web metrics.interval']);
});
