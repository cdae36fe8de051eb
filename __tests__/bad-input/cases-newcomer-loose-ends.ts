import { App as CdkApp } from 'cdk8s';
import { ClusterChart, externalHost, flux, host, metalLb, site, traefik, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Loose ends of a first site, written the way other tools shape them; each mistake is said once.

/** The parts a case's site props are written from. */
interface Parts { readonly lan: unknown; readonly nas: unknown; readonly nuc: unknown }

/** A one-node site `home` with a VLAN and a NAS, `change` applied to its props, built as cluster `home`. */
export function homeSite(change: (parts: Parts) => Record<string, unknown>) {
  return guarded((_c: ClusterChart, app: CdkApp) => {
    const lan = vlan('lan', { id: 10, cidr: '192.168.1.0/24', gateway: '192.168.1.1' });
    const nas = externalHost('nas', { address: '192.168.1.5' });
    const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
    const home: any = site('home', {
      domain: 'home.example.com', hosts: [nuc], externalHosts: { nas }, vlans: { lan }, git: { url: 'https://git.example.com/me/home.git' },
      pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } }, ...change({ lan, nas, nuc }),
    } as any);
    new ClusterChart(app, 'home', {
      site: home, hosts: [nuc], gitops: flux(), routes: traefik({ address: home.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [home.pools.vips] }),
    } as any);
  });
}

const onSite = (name: string, change: (parts: Parts) => Record<string, unknown>, field: string, hint?: RegExp): BadInput =>
  ({ name, build: homeSite(change), layer: 'inventory', path: 'inventory/site/home', field, hint });

export const CASES: BadInput[] = [
  onSite('external hosts given as a list', ({ nas }) => ({ externalHosts: [nas] }), 'externalHosts', /externalHosts: \{ nas \}/),
  onSite('VLANs given as a list', ({ lan }) => ({ vlans: [lan] }), 'vlans', /vlans: \{ lan \}/),
];

/** Cases whose mistake must be the only error. */
export const ONE_ERROR_CASES: readonly string[] = ['external hosts given as a list', 'VLANs given as a list'];

/** A lab App `web` with Kubernetes' scheduling field `prop` written on its props. */
const scheduledApp = (prop: string, value: unknown): BadInput => ({
  name: `App ${prop} written as in a pod spec`, build: guarded((c: ClusterChart) => labApp('web', { [prop]: value })(c)), layer: 'props', path: 'web', field: prop, hint: /placement: \{ host: nuc \}/,
});

CASES.push(
  scheduledApp('nodeSelector', { 'kubernetes.io/hostname': 'nuc' }),
  scheduledApp('nodeName', 'nuc'),
  scheduledApp('affinity', { nodeAffinity: {} }),
  scheduledApp('tolerations', [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }]),
);
