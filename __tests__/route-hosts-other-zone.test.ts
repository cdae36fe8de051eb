import { App as CdkApp } from 'cdk8s';
import { App, host, SecretReference, ServiceRoute, synthesize, traefik } from '../constructs';
import type { ClusterChartProps } from '../constructs';
import { ownerActions } from '../constructs/synth/owner-action';
import { lab, labCluster } from './bad-input/lab';

// A route host of another zone on a cluster whose external-dns writes its records: external-dns keeps to the
// cluster's domain (domainFilters) and skips the name without a word, so the owner publishes it.

/** A cluster that writes its records into AdGuard Home with external-dns. */
const withDns: Partial<ClusterChartProps> = {
  dns: {
    publicTarget: host('zone-vps', { arch: 'amd64', address: '10.7.2.1', publicAddress: '203.0.113.7' }),
    adguard: {
      url: 'http://10.0.4.53:3000',
      username: SecretReference.external('external-dns', 'adguard', 'username'),
      password: SecretReference.external('external-dns', 'adguard', 'password'),
    },
  },
  routes: traefik({ address: lab.pools.vips.at('10.0.8.10') }),
};

/** The owner's steps about other zones, with the construct that left each, of a cluster with `routes` apps. */
function otherZoneSteps(props: Partial<ClusterChartProps>, build: (cluster: ReturnType<typeof labCluster>) => void): Array<{ source: string; action: string }> {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', props);
  build(cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return ownerActions(result.clusters[0]).filter((a) => a.action.includes('its own zone')).map(({ source, action }) => ({ source, action }));
}

const web = (cluster: ReturnType<typeof labCluster>, id: string, routeHost: string) => new App(cluster, id, {
  namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: routeHost },
});

describe('a route host outside the domain that external-dns writes', () => {
  test('leaves one step to publish it, naming the host, the domain and the cluster', () => {
    expect(otherZoneSteps(withDns, (c) => web(c, 'photos', 'photos.example.org'))).toEqual([{
      source: 'main/photos',
      action: expect.stringMatching(/^publish photos\.example\.org in its own zone's DNS, pointing at the address of cluster "main"'s ingress: it lies outside lab\.test.*domainFilters/),
    }]);
  });

  test('is listed once when two routes share the host', () => {
    const steps = otherZoneSteps(withDns, (c) => {
      web(c, 'photos', 'photos.example.org');
      new ServiceRoute(c, 'photos-api', { namespace: 'web', host: 'photos.example.org', path: '/api', serviceName: 'photos', port: 8080 });
    });
    expect(steps.map((s) => s.source)).toEqual(['main/photos']);
  });

  test('leaves no step for a host under the domain, or where the cluster writes no records', () => {
    expect(otherZoneSteps(withDns, (c) => {
      web(c, 'photos', 'photos');
      web(c, 'books', 'books.lab.test');
    })).toEqual([]);
    expect(otherZoneSteps({}, (c) => web(c, 'photos', 'photos.example.org'))).toEqual([]);
  });
});
