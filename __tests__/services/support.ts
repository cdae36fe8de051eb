import type { Construct } from 'constructs';
import { ClusterChart, ClusterChartProps, flux, host, localPathStorage, metalLb, RouteFlavor, site, traefik } from '../../constructs';
import { synthInMemory } from '../support/synth';

export const nvidiaNode = host('nvidia-node', { arch: 'amd64', address: '10.0.0.10', gpus: [{ vendor: 'nvidia' }] });
export const amdNode = host('amd-node', { arch: 'amd64', address: '10.0.0.11', gpus: [{ vendor: 'amd' }] });
export const intelNode = host('intel-node', { arch: 'amd64', address: '10.0.0.12', gpus: [{ vendor: 'intel' }] });
export const plainNode = host('plain-node', { arch: 'amd64', address: '10.0.0.13' });
export const lab = site('lab', {
  domain: 'lab.example',
  hosts: [nvidiaNode, amdNode, intelNode, plainNode],
  pools: { vips: { first: '10.0.8.10', last: '10.0.8.20' } },
  nfs: { media: { server: 'nas.lab.example', path: '/export/media' } },
  git: { url: 'https://git.example/lab.git' },
});

/** Synthesizes one test cluster with what `add` puts in it; returns its manifests and findings. */
export function synthCluster(add: (chart: ClusterChart) => void, props: Partial<ClusterChartProps> & { routes?: RouteFlavor } = {}) {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [nvidiaNode, plainNode], routes: traefik(),
      storage: { fast: localPathStorage() },
      loadBalancer: metalLb({ pools: [lab.pools.vips] }),
      gitops: flux(),
      ...props,
    });
    add(chart);
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  const errors = result.findings.filter((f) => f.severity === 'error');
  const find = (kind: string, name?: string) => manifests.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  return { result, manifests, errors, find };
}

/** Environment of the first container as a name → value (or valueFrom) map. */
export function envOf(deployment: any): Record<string, unknown> {
  return Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
}
