import type { Construct } from 'constructs';
import { App as CdkApp } from 'cdk8s';
import { App } from '../constructs';
import { labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

function synth(addApps: (cluster: ReturnType<typeof labCluster>) => void) {
  const result = synthInMemory((scope: Construct) => addApps(labCluster(scope as CdkApp)));
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return { errors: result.findings.filter((f) => f.severity === 'error'), manifests };
}

describe('ports added to the main container', () => {
  test('join the Service, created for them, as ports added to the app do', () => {
    const { errors, manifests } = synth((cluster) => {
      const app = new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0' });
      app.container.addPort({ name: 'http', port: 8080 });
      app.addRoute({ host: 'web' });
    });
    expect(errors).toEqual([]);
    const service = manifests.find((m) => m.kind === 'Service' && m.metadata.name === 'web');
    expect(service.spec.ports).toEqual([expect.objectContaining({ name: 'http', port: 8080 })]);
  });
});

describe('a probe the app copies', () => {
  test('a mistake in the readiness probe is reported once, not again on the liveness probe copied from it', () => {
    const { errors, manifests } = synth((cluster) => new App(cluster, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], probes: { readiness: { httpPath: 'health' } },
    }));
    expect(errors.map((e) => e.field)).toEqual(['probes.readiness.httpPath']);
    expect(manifests.find((m) => m.kind === 'Deployment').spec.template.spec.containers[0].livenessProbe).toBeUndefined();
  });

  test('a correct readiness probe is still copied to liveness', () => {
    const { errors, manifests } = synth((cluster) => new App(cluster, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], probes: { readiness: { httpPath: '/health' } },
    }));
    expect(errors).toEqual([]);
    const container = manifests.find((m) => m.kind === 'Deployment').spec.template.spec.containers[0];
    expect(container.livenessProbe).toEqual({ ...container.readinessProbe, failureThreshold: 6 });
  });

  test('an exec probe on a sidecar without ports is rendered', () => {
    const { errors, manifests } = synth((cluster) => new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] })
      .addSidecar({ name: 'side', image: 'busybox:1.36', probes: { readiness: { command: ['true'] } } }));
    expect(errors).toEqual([]);
    const side = manifests.find((m) => m.kind === 'Deployment').spec.template.spec.initContainers[0];
    expect(side.readinessProbe.exec).toEqual({ command: ['true'] });
  });
});

describe('node ports', () => {
  test('one node port for TCP and UDP in one Service is allowed, and reported nowhere', () => {
    const { errors } = synth((cluster) => new App(cluster, 'dns', {
      image: 'ghcr.io/acme/dns:1.0.0', exemptions: { nodePort: 'DNS for the LAN' },
      ports: [{ name: 'dns-tcp', port: 5353, nodePort: 30053 }, { name: 'dns-udp', port: 5353, protocol: 'UDP', nodePort: 30053 }],
    }));
    expect(errors).toEqual([]);
  });

  test('a clash is reported once, on the later port', () => {
    const { errors } = synth((cluster) => {
      new App(cluster, 'a', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080, nodePort: 31000 }], exemptions: { nodePort: 'LAN' } });
      new App(cluster, 'b', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080, nodePort: 31000 }], exemptions: { nodePort: 'LAN' } });
    });
    expect(errors.map((e) => `${e.constructPath} ${e.field}`)).toEqual(['main/b ports.http.nodePort']);
  });
});
