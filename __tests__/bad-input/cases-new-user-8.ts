import type { App as CdkApp } from 'cdk8s';
import { ClusterChart, host, hostPlacement, kubePrometheusStack, renovate, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, guarded, labCluster } from './lab';

// First labs of someone who read the README and the TSDoc only: Renovate's platform written as the
// company spells it and its repositories as clone URLs or listed twice (Renovate's config took them and
// each run failed or worked twice), and an NFS export's path with a blank copied from a terminal or a
// `..` step (the mount was refused on the node, long after synth), a control-plane part kube-prometheus-stack
// leaves unscraped named as its process or the chart's values name it. Each is one error on the option or
// fact that wrote it, before anything is written.

const monitoring = hostPlacement(arm1);
const ask = (build: (cluster: ClusterChart) => unknown) => guarded((cluster: ClusterChart) => {
  build(cluster);
});
const bot = (options: Record<string, unknown>) => ask((cluster) => cluster.platform.require(renovate({ placement: monitoring, repositories: ['me/lab'], tokenSecret: 'renovate-token', ...options } as any)));
const nodeOf = (n: string) => host(`${n}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.43.0.5' });
const siteWith = (n: string, extra: Record<string, unknown>) => site(n, { domain: `${n}.test`, hosts: [nodeOf(n)], git: { url: `https://git.${n}.test/lab.git` }, ...extra } as any);
/** A cluster of site `s` alone. */
const onSite = (s: ReturnType<typeof siteWith>) => guarded((_c: ClusterChart, app: CdkApp) => {
  labCluster(app, s.name, { site: s, hosts: [...s.hosts], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
});

export const CASES: BadInput[] = [
  { name: "Renovate's platform as the company spells it", build: bot({ platform: 'GitHub' }), layer: 'props', path: 'platform', field: 'components.renovate.platform', hint: /'github'/ },
  { name: "a Renovate repository as its clone URL", build: bot({ repositories: ['https://github.com/me/lab.git'] }), layer: 'props', path: 'platform', field: 'components.renovate.repositories[0]', hint: /owner\/repo/ },
  { name: 'a Renovate repository listed twice', build: bot({ repositories: ['me/lab', 'me/lab'] }), layer: 'props', path: 'platform', field: 'components.renovate.repositories[1]' },
  { name: "an NFS export's path with a blank at its end", build: onSite(siteWith('nu8-nfs-sp', { nfs: { media: { server: 'nas.lab.test', path: '/export/media ' } } })), layer: 'inventory', path: 'nu8-nfs-sp/nfs/media', field: 'path' },
  { name: "an NFS export's path through '..'", build: onSite(siteWith('nu8-nfs-dd', { nfs: { media: { server: 'nas.lab.test', path: '/export/../etc' } } })), layer: 'inventory', path: 'nu8-nfs-dd/nfs/media', field: 'path' },
  // The parts of the control plane by the names other places give them: the hint says the part's own.
  {
    name: 'a control-plane part not scraped, named as its process is',
    build: guarded((cluster: ClusterChart) => cluster.platform.require(kubePrometheusStack({ placement: monitoring, grafanaAdminSecret: 'grafana-admin', unscrapedControlPlane: ['kube-scheduler'] } as never))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.unscrapedControlPlane[0]', hint: /'scheduler'/,
  },
  {
    name: "a control-plane part not scraped, named by the chart's values key",
    build: guarded((cluster: ClusterChart) => cluster.platform.require(kubePrometheusStack({ placement: monitoring, grafanaAdminSecret: 'grafana-admin', unscrapedControlPlane: ['kubeControllerManager'] } as never))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.unscrapedControlPlane[0]', hint: /'controllerManager'/,
  },
];
