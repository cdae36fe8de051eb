import { Construct } from 'constructs';
import { ClusterChart, flux, host, k3s, localPathStorage, metalLb, site, tailscaleLoadBalancer, traefik } from '../constructs';
import type { TraefikProps } from '../constructs';
import { objectsOf, shownFindings } from './support/lab-output';

// A lab and a second site at the parents' house, each a cluster `main` behind Traefik on one tailnet, where the
// apps of each site reach the other's. Both Traefiks take the machine name `traefik` unless one is given another.

/** The two sites, the parents' Traefik given `parentsTraefik`. */
const twoSites = (parentsTraefik: TraefikProps) => (scope: Construct): void => {
  for (const [name, address, routes] of [['home', '192.168.1.10', traefik()], ['parents', '192.168.50.10', traefik(parentsTraefik)]] as const) {
    const node = host(`${name}-mini`, { arch: 'amd64', roles: ['control-plane', 'worker'], address });
    const lab = site(name, { domain: `${name}.jdoe.dev`, hosts: [node], git: { url: 'https://github.com/jdoe/lab.git' } });
    new ClusterChart(new Construct(scope, name), 'main', {
      site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes, loadBalancer: tailscaleLoadBalancer(),
      storage: { fast: localPathStorage() }, gitops: flux(),
    });
  }
};
const sameNames = twoSites({});
const ownNames = twoSites({ tailnetName: 'traefik-parents' });

test("a Traefik of a second site that takes the first site's tailnet name is a warning naming the option", () => {
  expect(shownFindings(sameNames)).toEqual(['warning parents/main/platform/installs/traefik/release spec.values.service.annotations.tailscale.com/hostname']);
});

test("each site's Traefik under a tailnet name of its own synthesizes clean, the name on its Service", () => {
  expect(shownFindings(ownNames)).toEqual([]);
  const release = objectsOf(ownNames, 'parents/main').find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'traefik');
  expect(release?.spec.values.service.annotations['tailscale.com/hostname']).toBe('traefik-parents');
});

test('a tailnet name for a Traefik that MetalLB exposes is a warning, as no tailnet sees it', () => {
  const lone = (scope: Construct): void => {
    const node = host('lone-mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.60.10' });
    const lab = site('lone', { domain: 'lone.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/lab.git' }, pools: { vips: { first: '192.168.60.240', last: '192.168.60.250' } } });
    new ClusterChart(new Construct(scope, 'lone'), 'main', {
      site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: lab.pools.vips.at('192.168.60.240'), tailnetName: 'traefik-lone' }),
      loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
    });
  };
  expect(shownFindings(lone)).toEqual(['warning lone/main routes.tailnetName']);
});
