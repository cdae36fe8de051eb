import type { Construct } from 'constructs';
import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, gatewayApi, RouteIntent } from '../constructs';
import { goodContainer, goodDeployment, lab, labCluster, raw } from './bad-input/lab';
import { synthInMemory } from './support/synth';

function synth(addApps: (cluster: ReturnType<typeof labCluster>) => void, gateway = false) {
  const result = synthInMemory((scope: Construct) => addApps(gateway
    ? labCluster(scope as CdkApp, 'main', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }) })
    : labCluster(scope as CdkApp)));
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return { findings: result.findings, errors: result.findings.filter((f) => f.severity === 'error'), manifests };
}

const web = (cluster: ReturnType<typeof labCluster>, id: string, props: Record<string, unknown> = {}) =>
  new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });

describe('a probe mistake on an app', () => {
  test.each([
    ['a path without its slash', { readiness: { httpPath: 'healthz' } }, 'probes.readiness.httpPath'],
    ['a port the app lacks', { readiness: { tcp: true, port: 9999 } }, 'probes.readiness.port'],
    ['a liveness port the app lacks', { liveness: { httpPath: '/healthz', port: 9999 } }, 'probes.liveness.port'],
  ])('%s is one error, on the probe prop', (_name, probes, field) => {
    const { errors } = synth((cluster) => web(cluster, 'web', { probes }));
    expect(errors.map((e) => `${e.layer} ${e.field}`)).toEqual([`props ${field}`]);
  });

  test('a sidecar probe mistake is named on the sidecar', () => {
    const { errors } = synth((cluster) => web(cluster, 'web').addSidecar({
      name: 'exporter', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'metrics', port: 9100 }], probes: { readiness: { httpPath: 'metrics' } },
    } as any));
    expect(errors.map((e) => e.field)).toEqual(['containers.exporter.probes.readiness.httpPath']);
  });
});

describe('addVolume', () => {
  test('of a volume no container mounts is warned about on the call', () => {
    const { errors, findings } = synth((cluster) => web(cluster, 'web').addVolume('cache', AppVolume.emptyDir()));
    expect(errors).toEqual([]);
    expect(findings.filter((f) => f.field.startsWith('addVolume')).map((f) => `${f.severity} ${f.field}`)).toEqual(['warning addVolume(cache)']);
  });

  test('mounted later, or into a sidecar, is no warning', () => {
    const { findings } = synth((cluster) => {
      web(cluster, 'web').addVolume('cache', AppVolume.emptyDir()).mount('cache', '/cache');
      web(cluster, 'api').addVolume('spool', AppVolume.emptyDir()).mount('spool', '/spool', { container: 'shipper' })
        .addSidecar({ name: 'shipper', image: 'nginxinc/nginx-unprivileged:1.27.0' } as any);
    });
    expect(findings.filter((f) => f.field.startsWith('addVolume'))).toEqual([]);
  });
});

describe('routes of one host and path', () => {
  const tenant = (value: string): RouteIntent => ({ host: 'shared', rules: [{ path: '/', headers: [{ name: 'X-Tenant', value }] }] });

  test.each([['Traefik', false], ['Gateway API', true]])('that differ by their header matches are both served under %s', (_flavor, gateway) => {
    const { errors } = synth((cluster) => {
      web(cluster, 'a', { route: tenant('a') });
      web(cluster, 'b', { route: tenant('b') });
      web(cluster, 'c', { route: { host: 'shared' } });
    }, gateway as boolean);
    // The bare Gateway API cluster here lacks its CRDs and certificate; only the routes are looked at.
    expect(errors.filter((e) => /routed already/.test(e.message))).toEqual([]);
    expect(gateway ? [] : errors).toEqual([]);
  });

  test('with the same header matches are one route too many, reported once', () => {
    const { errors } = synth((cluster) => {
      web(cluster, 'a', { route: tenant('a') });
      web(cluster, 'b', { route: tenant('a') });
    });
    expect(errors.map((e) => `${e.constructPath} ${e.field}`)).toEqual(['main/b route.rules[0].path']);
  });

  test('a path with a query string and no slash is one error', () => {
    const { errors } = synth((cluster) => {
      try {
        web(cluster, 'web', { route: { host: 'web', path: 'search?q=1' } });
      } catch {
        // The props are reported; the app is not built.
      }
    });
    expect(errors.map((e) => e.field)).toEqual(['route.path']);
  });
});

describe('missing probes of sidecars and hand-written pods', () => {
  const MISSING = 'security.homelab.dev/missing-probes';
  const template = (manifests: any[], name: string) => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name).spec.template;

  test("an App's sidecar without a port to probe is recorded in the annotation, by name", () => {
    const { errors, manifests } = synth((cluster) => web(cluster, 'web').addSidecar({ name: 'shipper', image: 'nginxinc/nginx-unprivileged:1.27.0' } as any));
    expect(errors).toEqual([]);
    expect(template(manifests, 'web').metadata.annotations[MISSING]).toBe('shipper: no readiness or liveness probe: no port to probe');
  });

  test('a sidecar with a port keeps its default probes and records nothing', () => {
    const { manifests } = synth((cluster) => web(cluster, 'web').addSidecar({ name: 'metrics', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'metrics', port: 9100 }] } as any));
    expect(template(manifests, 'web').metadata.annotations?.[MISSING]).toBeUndefined();
  });

  test('a hand-written pod whose native sidecar serves a Service without a readiness probe is refused, the annotation notwithstanding', () => {
    const sidecar = { ...goodContainer({ name: 'metrics', ports: [{ name: 'metrics', containerPort: 9100 }] }), readinessProbe: undefined, restartPolicy: 'Always' };
    const { errors } = synth((cluster) => {
      raw(cluster, 'w', goodDeployment('web', { initContainers: [sidecar] }, {}, { [MISSING]: 'metrics: no readiness probe: scraped only' }));
      raw(cluster, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'metrics', port: 9100, targetPort: 9100 }] } });
    });
    expect(errors.filter((e) => e.field.endsWith('readinessProbe')).map((e) => e.field)).toEqual(['spec.template.spec.initContainers[0].readinessProbe']);
  });
});
