import { argoCd, ClusterChart, DnsRecord, flux, HomeAssistantVm, host, ingressNginx, IngressTls, metalLb, SecretReference, site, traefik, vlan, WeaveGitOps } from '../constructs';
import { nonPublicAddressKind } from '../constructs/inventory/public-address';
import { synthInMemory } from './support/synth';

// An ingress, a VM and DNS records on IPv6 and dual-stack networks; UIs and records whose controllers are there.

const iot6 = vlan('iot6', { id: 66, cidr: 'fd00:66::/64', gateway: 'fd00:66::1' });
const node = host('v6-node', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', ipv6Address: 'fd00:1::10',
  zfsPools: { vms: { media: 'ssd', sizeTerabytes: 1 } },
  bridges: { br66: { vlan: iot6, uplink: 'eno1.66' } },
});
const vlans = { lan: vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' }), lan6: vlan('lan6', { id: 6, cidr: 'fd00:1::/64', gateway: 'fd00:1::1' }), iot6 };
const lab = site('v6i', {
  domain: 'v6i.test', hosts: [node], vlans, git: { url: 'https://git.v6i.test/lab.git' },
  pools: { vips: { first: '192.168.1.50', last: '192.168.1.59' }, vips6: { first: 'fd00:1::50', last: 'fd00:1::59', vlan: 6 } },
});

type Props = Partial<ConstructorParameters<typeof ClusterChart>[2]>;
/** Synthesizes one cluster of the IPv6 site with `props`, then `build` in it. */
const synthLab = (props: Props, build: (chart: ClusterChart) => void = () => undefined) => synthInMemory((app) => {
  const chart = new ClusterChart(app, 'main', {
    site: lab, hosts: [node], routes: traefik({ nodePorts: true }), storage: { vm: node.zfs.vms }, gitops: flux(),
    loadBalancer: metalLb({ pools: [lab.pools.vips, lab.pools.vips6] }), ...props,
  });
  build(chart);
});
const objects = (result: ReturnType<typeof synthInMemory>) => result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
const errors = (result: ReturnType<typeof synthInMemory>) => result.findings.filter((f) => f.severity === 'error');
const releaseValues = (result: ReturnType<typeof synthInMemory>, name: string) =>
  objects(result).find((m) => m.kind === 'HelmRelease' && m.metadata.name === name).spec.values;

describe('an ingress controller on an IPv6 address', () => {
  test('Traefik gets a single-stack IPv6 Service', () => {
    const result = synthLab({ routes: traefik({ address: lab.pools.vips6.at('fd00:1::55') }) });
    expect(errors(result)).toEqual([]);
    expect(releaseValues(result, 'traefik').service).toMatchObject({ type: 'LoadBalancer', ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' });
  });
  test('Traefik on an IPv4 address keeps the cluster default', () => {
    const service = releaseValues(synthLab({ routes: traefik({ address: lab.pools.vips.at('192.168.1.55') }) }), 'traefik').service;
    expect(service.ipFamilies).toBeUndefined();
    expect(service.ipFamilyPolicy).toBeUndefined();
  });
  test('ingress-nginx replaces its chart\'s IPv4 default with IPv6', () => {
    const result = synthLab({ routes: ingressNginx({ address: lab.pools.vips6.at('fd00:1::56'), tls: IngressTls.none() }) });
    expect(errors(result)).toEqual([]);
    expect(releaseValues(result, 'ingress-nginx').controller.service).toMatchObject({ ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' });
  });
});

describe('public addresses', () => {
  test.each([
    ['fd00:1::10', 'a unique local (private) address'], ['fe80::1', 'a link-local address'], ['::1', 'the unspecified or loopback address'],
    ['2001:db8::1', 'a documentation address'], ['ff02::1', 'a multicast address'], ['192.168.1.10', 'a private address'],
  ])('%s is not public', (address, kind) => expect(nonPublicAddressKind(address)).toBe(kind));
  test.each(['2a01:4f8::1', '2606:4700::1111', '203.0.113.10', '1.1.1.1'])('%s is public', (address) => expect(nonPublicAddressKind(address)).toBeUndefined());
});

describe('a Home Assistant VM on an IPv6 IoT VLAN', () => {
  test('gets its IPv6 address, the VLAN\'s prefix and gateway in the guest\'s network data', () => {
    const result = synthLab({}, (chart) => new HomeAssistantVm(chart, 'home-assistant', {
      disk: node.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: node.bridges.br66, address: 'FD00:66::0002' },
    }));
    expect(errors(result).filter((f) => !(f.kind === 'Service' && f.field === 'spec.selector'))).toEqual([]);
    const vm = objects(result).find((m) => m.kind === 'VirtualMachine');
    const networkData: string = vm.spec.template.spec.volumes.find((v: any) => v.cloudInitNoCloud).cloudInitNoCloud.networkData;
    expect(networkData).toContain('- fd00:66::2/64');
    expect(networkData).toContain('via: fd00:66::1');
    expect(vm.spec.template.spec.domain.devices.interfaces.find((i: any) => i.name === 'iot-vlan').macAddress).toBe('02:00:00:00:00:02');
  });
});

describe('controllers declared outside the repository', () => {
  test('a DnsRecord on a cluster that declares external-dns preinstalled', () => {
    const result = synthLab({ preinstalled: [{ source: 'external-dns (own chart)', crds: [{ group: 'externaldns.k8s.io', kinds: ['DNSEndpoint'] }] }] },
      (chart) => new DnsRecord(chart, 'nas', { name: 'nas.v6i.test', targets: ['fd00:1::20'], recordType: 'AAAA' }));
    expect(errors(result)).toEqual([]);
    expect(objects(result).find((m) => m.kind === 'DNSEndpoint').spec.endpoints[0]).toMatchObject({ dnsName: 'nas.v6i.test', recordType: 'AAAA' });
  });
  test('Weave GitOps beside Argo CD on a cluster that declares Flux preinstalled', () => {
    const result = synthLab({
      gitops: argoCd(),
      preinstalled: [{ source: 'flux bootstrap (by hand)', crds: [{ group: 'kustomize.toolkit.fluxcd.io', kinds: ['Kustomization'] }, { group: 'helm.toolkit.fluxcd.io', kinds: ['HelmRelease'] }] }],
    }, (chart) => new WeaveGitOps(chart, 'gitops', { route: { host: 'gitops' }, adminPassword: SecretReference.external('flux-system', 'cluster-user-auth', 'password') }));
    expect(errors(result)).toEqual([]);
    expect(result.findings.filter((f) => f.constructPath.includes('gitops') && f.severity === 'error')).toEqual([]);
  });
});
