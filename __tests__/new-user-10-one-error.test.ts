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

describe('a port below 1024 of an app that runs as its non-root user', () => {
  /** The warnings on `ports.*` of an app `web` of the lab given `props`. */
  function portWarnings(props: Record<string, unknown>): string[] {
    const app = new CdkApp();
    monitoring({}, (cluster) => new App(cluster, 'web', { image: 'ghcr.io/acme/app:1.0.0', ports: [{ name: 'http', port: 80 }], ...props }))(undefined as never, app);
    return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'warning' && f.field.startsWith('ports.')).map((f) => `${f.constructPath} ${f.field}: ${f.hint}`);
  }

  test('is a warning on the port, whose hint maps the Service port to the one a rootless image listens on', () => {
    expect(portWarnings({})).toEqual([expect.stringMatching(/^nu10-mon\/web ports\.http\.port: .*port: 8080, servicePort: 80 .*ip_unprivileged_port_start': '80'/)]);
  });

  test('is none where the port is opened to the user, by the sysctl or NET_BIND_SERVICE, or the app runs as root', () => {
    expect(portWarnings({ ports: [{ name: 'http', port: 8080, servicePort: 80 }] })).toEqual([]);
    expect(portWarnings({ sysctls: { 'net.ipv4.ip_unprivileged_port_start': '80' } })).toEqual([]);
    expect(portWarnings({ exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'serves HTTP on port 80' } } })).toEqual([]);
    expect(portWarnings({ exemptions: { runAsRoot: 'the image binds port 80 as root' } })).toEqual([]);
  });
});
