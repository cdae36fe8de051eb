import { App as CdkApp } from 'cdk8s';
import { synthesize, tailscaleLoadBalancer } from '../constructs';
import { traefikTailnetName } from '../constructs/platform/traefik-setup';
import { labCluster } from './bad-input/lab';

// The clusters of a site share its tailnet, where machine names are unique: each cluster's Traefik takes
// a name of its own, and the cluster `main` keeps the plain `traefik`.

test('Traefik is `traefik` in the cluster main and `traefik-<cluster>` elsewhere', () => {
  expect(traefikTailnetName('main')).toBe('traefik');
  expect(traefikTailnetName('edge')).toBe('traefik-edge');
});

test('two clusters of one site with Traefik on the tailnet synthesize without a tailnet-name clash', () => {
  const app = new CdkApp();
  labCluster(app, 'main', { loadBalancer: tailscaleLoadBalancer() });
  labCluster(app, 'edge', { loadBalancer: tailscaleLoadBalancer() });
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => /tailnet machine name/.test(f.message))).toEqual([]);
  const names = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any))
    .filter((m) => m.kind === 'HelmRelease' && m.metadata.name === 'traefik')
    .map((m) => m.spec.values.service.annotations['tailscale.com/hostname']);
  expect(names.sort()).toEqual(['traefik', 'traefik-edge']);
});
