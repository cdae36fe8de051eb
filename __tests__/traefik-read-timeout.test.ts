import { App as CdkApp } from 'cdk8s';
import { ClusterChart, Harbor, SecretReference, synthesize, traefik } from '../constructs';
import { labCluster } from './bad-input/lab';

// traefik({ readTimeout }): how long a client may take to send one request, which a registry's pushes need.

/** A lab cluster routed by `routes`, with a Harbor behind it; its Traefik values and the findings on Harbor. */
function harborBehind(routes: ReturnType<typeof traefik>) {
  const app = new CdkApp();
  const cluster: ClusterChart = labCluster(app, 'main', { routes });
  new Harbor(cluster, 'harbor', {
    route: { host: 'registry' }, storageTier: 'local', adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
    internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
  });
  const findings = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.constructPath === 'main/harbor');
  return { ports: cluster.platform.get('traefik')!.values.ports as Record<string, any>, findings };
}

describe('traefik({ readTimeout })', () => {
  test('sets the read timeout of the entry points web and websecure', () => {
    const { ports } = harborBehind(traefik({ readTimeout: '30m' }));
    for (const entryPoint of ['web', 'websecure']) {
      expect(ports[entryPoint].transport).toEqual({ respondingTimeouts: { readTimeout: '30m' } });
    }
  });

  test("a registry behind Traefik's own 60-second limit is a warning, as a push of a larger layer fails", () => {
    const { ports, findings } = harborBehind(traefik());
    expect(ports?.websecure?.transport).toBeUndefined();
    expect(findings).toEqual([expect.objectContaining({
      severity: 'warning', field: 'route',
      message: expect.stringContaining('Traefik ends a request after 60s (its readTimeout), and a docker push sends each image layer in one request'),
      hint: "give the cluster's routes a longer limit, e.g. routes: traefik({ readTimeout: '30m' })",
    })]);
    expect(harborBehind(traefik({ readTimeout: '0' })).findings).toEqual([]);
  });
});
