import { App } from 'cdk8s';
import {
  ClusterChart, host, isPlaceholder, leaveOwnerAction, metalLb, ownerActions, placeholder, site, synthesize, synthReport, traefik, toDoLines,
} from '../../constructs';
import type { GpuVendor, Placeholder } from '../../constructs';

const nfsAddress = placeholder('10.0.0.20', { fact: 'NFS server address', owner: "set to the NFS server's LAN address" });

function lab() {
  const known = host('known', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.11' });
  const guessed = host('guessed', {
    arch: 'amd64', address: placeholder('10.0.0.12', { fact: 'second node address', owner: 'set to the DHCP reservation' }),
    gpus: [{ vendor: placeholder<GpuVendor>('nvidia', { fact: 'GPU vendor', owner: 'set to the GPU maker' }) }],
  });
  const other = host('other', { arch: 'amd64', address: placeholder('10.0.0.13', { fact: 'other address', owner: 'not in this cluster' }) });
  const s = site('lab', {
    domain: placeholder('lab.example', { fact: 'domain', owner: 'set to a domain you own' }),
    hosts: [known, guessed, other],
    nfs: { media: { server: nfsAddress, path: '/export/media' } },
    pools: { vips: { first: '10.0.8.10', last: '10.0.8.20' } },
  });
  return { known, guessed, other, s };
}

describe('typed placeholders', () => {
  test('a placeholder reads as its value wherever the inventory takes the fact', () => {
    const { guessed, s } = lab();
    expect(guessed.address).toBe('10.0.0.12');
    expect(guessed.hasGpu('nvidia')).toBe(true);
    expect(s.domain).toBe('lab.example');
    expect(s.nfs.media.server).toBe('10.0.0.20');
    expect(isPlaceholder(nfsAddress)).toBe(true);
    expect(isPlaceholder('10.0.0.20')).toBe(false);
    expect(`${nfsAddress}`).toBe('10.0.0.20');
  });

  test('stays type-safe: a vendor placeholder must hold a known vendor', () => {
    // @ts-expect-error 'matrox' is not a GpuVendor
    const wrong: Placeholder<GpuVendor> = placeholder('matrox', { fact: 'GPU vendor', owner: 'x' });
    expect(wrong.value).toBe('matrox');
  });

  test('a site lists its placeholders; a cluster only those of its own hosts', () => {
    const { known, guessed, s } = lab();
    expect(s.placeholders().map((p) => p.where)).toEqual([
      'site lab domain', 'host guessed address', 'host guessed gpus[0].vendor', 'host other address', 'nfs media server',
    ]);
    expect(s.placeholders([known, guessed]).map((p) => p.where)).not.toContain('host other address');
  });

  test('an address taken from a pool may be a placeholder', () => {
    const { s } = lab();
    const address = s.pools.vips.at(placeholder('10.0.8.15', { fact: 'tailnet IP of the LB', owner: 'set after tailscale up' }));
    expect(address.address).toBe('10.0.8.15');
    expect(s.placeholders().map((p) => p.fact)).toContain('tailnet IP of the LB');
  });

  test('synth lists the placeholders and owner actions per cluster, as text and as JSON', () => {
    const { known, guessed, s } = lab();
    const app = new App();
    const chart = new ClusterChart(app, 'main', {
      site: s, hosts: [known, guessed], routes: traefik(), loadBalancer: metalLb({ pools: [s.pools.vips] }),
    });
    leaveOwnerAction(chart, { kind: 'rename', action: 'rename tank/Old to tank/old', command: 'zfs rename tank/Old tank/old' });
    const result = synthesize(app, { outdir: '/nonexistent', write: false });
    const actions = ownerActions(result.clusters[0]);
    expect(actions.map((a) => a.kind)).toEqual(['placeholder', 'placeholder', 'placeholder', 'placeholder', 'rename', 'bootstrap']);
    expect(actions[5].action).toMatch(/^install the NVIDIA driver and the NVIDIA Container Toolkit on /);
    const report = synthReport(result, 'dist');
    expect(report.clusters[0].placeholders).toHaveLength(4);
    expect(JSON.parse(JSON.stringify(report)).clusters[0].placeholders[0]).toEqual({
      where: 'site lab domain', value: 'lab.example', fact: 'domain', owner: 'set to a domain you own',
    });
    const lines = toDoLines(report);
    expect(lines[0]).toBe('lab/main: 4 placeholder(s) to fill in');
    expect(lines).toContain('  host guessed address = 10.0.0.12: second node address; set to the DHCP reservation');
    expect(lines).toContain('  rename (main): rename tank/Old to tank/old');
  });

  test("a step written as getters is read once the cluster is finished, and once for its outcome and README together", () => {
    const { known, s } = lab();
    const app = new App();
    const chart = new ClusterChart(app, 'main', { site: s, hosts: [known], routes: traefik(), loadBalancer: metalLb({ pools: [s.pools.vips] }) });
    const reads: number[] = [];
    leaveOwnerAction(chart, {
      kind: 'manual',
      get action() { return `label ${chart.node.findAll().length} constructs`; },
      get command() { reads.push(chart.node.findAll().length); return 'true'; },
    });
    chart.node.addMetadata('later', 'a construct added after the step');
    new ClusterChart(app, 'other', { site: s, hosts: [known], routes: traefik(), loadBalancer: metalLb({ pools: [s.pools.vips] }) });
    expect(reads).toEqual([]);
    const result = synthesize(app, { outdir: '/nonexistent', write: false });
    const finished = chart.node.findAll().length;
    expect(reads).toEqual([finished]);
    expect(ownerActions(result.clusters[0]).find((a) => a.kind === 'manual')?.action).toBe(`label ${finished} constructs`);
  });
});
