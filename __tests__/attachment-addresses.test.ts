import { App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../constructs';
import { host, site, synthesize, traefik, vlan } from '../constructs';
import { goodDeployment, labCluster, raw } from './bad-input/lab';

// Static addresses of a Multus attachment as a home lab writes them for Home Assistant on its IoT VLAN:
// a free address of the VLAN with its prefix and the VLAN's router, of either family, passes.

const vlans = {
  lan: vlan('aa-lan', { id: 1, cidr: '10.5.0.0/24' }),
  iot: vlan('aa-iot', { id: 30, cidr: '10.5.30.0/24', gateway: '10.5.30.1' }),
  iot6: vlan('aa-iot6', { id: 30, cidr: 'fd00:30::/64', gateway: 'fd00:30::1' }),
};

function errorsOf(addresses: Array<Record<string, unknown>>, workload: Record<string, unknown> = goodDeployment('web', {}, {}, { 'k8s.v1.cni.cncf.io/networks': 'iot' }), more: (c: ClusterChart) => void = () => undefined): string[] {
  const app = new CdkApp();
  const box = host('aa-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.5.0.5', vlanInterfaces: [{ vlan: vlans.iot, device: 'eth0.30' }] });
  const own = site('aa', { domain: 'aa.test', hosts: [box], git: { url: 'https://git.aa.test/lab.git' }, vlans, pools: { 'iot-vips': { first: '10.5.30.200', last: '10.5.30.250', vlan: 30, autoAssign: true } } });
  const c = labCluster(app, 'aa', { site: own, hosts: [box], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
  const ipam = { type: 'static', addresses, routes: [{ dst: '0.0.0.0/0' }, { dst: '192.168.0.0/16', gw: '10.5.30.1' }] };
  raw(c, 'nad', { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'iot', namespace: 'web' }, spec: { config: JSON.stringify({ cniVersion: '0.3.1', type: 'macvlan', master: 'eth0.30', mode: 'bridge', ipam }) } });
  raw(c, 'web', workload);
  more(c);
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error' && f.constructPath.includes('aa/')).map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
}

test('a free dual-stack address of the IoT VLAN with its router as gateway is no error', () => {
  expect(errorsOf([{ address: '10.5.30.20/24', gateway: '10.5.30.1' }, { address: 'fd00:30::20/64', gateway: 'fd00:30::1' }])).toEqual([]);
});

test('a DaemonSet with a static address on a cluster of one host is no error, as it runs one pod', () => {
  const deployment = goodDeployment('web', {}, {}, { 'k8s.v1.cni.cncf.io/networks': 'iot' });
  const daemonSet = { ...deployment, kind: 'DaemonSet' };
  const spec = { ...(deployment.spec as Record<string, unknown>) };
  delete spec.replicas;
  expect(errorsOf([{ address: '10.5.30.20/24', gateway: '10.5.30.1' }], { ...daemonSet, spec })).toEqual([]);
});

test('a bare address is one error on the definition, with its prefix in the hint', () => {
  expect(errorsOf([{ address: '10.5.30.20', gateway: '10.5.30.1' }])).toEqual([expect.stringMatching(/^aa\/nad spec\.config: ipam\.addresses\[0\]\.address 10\.5\.30\.20 has no prefix/)]);
});

test('the JSON form of the annotation naming the attachment, with its interface, is no error', () => {
  const workload = goodDeployment('web', {}, {}, { 'k8s.v1.cni.cncf.io/networks': JSON.stringify([{ name: 'iot', namespace: 'web', interface: 'net1' }]) });
  expect(errorsOf([{ address: '10.5.30.20/24', gateway: '10.5.30.1' }], workload)).toEqual([]);
});

test("a gateway outside its address's network is one error on the definition", () => {
  expect(errorsOf([{ address: '10.5.30.20/24', gateway: '10.5.0.1' }])).toEqual([expect.stringMatching(/gateway 10\.5\.0\.1 is outside 10\.5\.30\.0\/24/)]);
});

test('an address in a pool the load balancer hands out by itself is an error', () => {
  expect(errorsOf([{ address: '10.5.30.210/24', gateway: '10.5.30.1' }])).toEqual([expect.stringMatching(/pool iot-vips \(10\.5\.30\.200-10\.5\.30\.250\)/)]);
});

test('two attachments of one static address on one VLAN are an error on the second', () => {
  const second = (c: ClusterChart) => raw(c, 'nad2', {
    apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'iot-dns', namespace: 'web' },
    spec: { config: JSON.stringify({ cniVersion: '0.3.1', type: 'macvlan', master: 'eth0.30', ipam: { type: 'static', addresses: [{ address: '10.5.30.20/24' }] } }) },
  });
  expect(errorsOf([{ address: '10.5.30.20/24', gateway: '10.5.30.1' }], undefined, second)).toEqual([expect.stringMatching(/^aa\/nad2 spec\.config: .*web\/iot's static address on VLAN 30 already/)]);
});

test('one static attachment used by two single-replica workloads is an error', () => {
  const other = (c: ClusterChart) => raw(c, 'web2', goodDeployment('web2', {}, {}, { 'k8s.v1.cni.cncf.io/networks': 'iot' }));
  expect(errorsOf([{ address: '10.5.30.20/24', gateway: '10.5.30.1' }], undefined, other)).toEqual([expect.stringMatching(/web\/web \(1 replica\) and Deployment web\/web2 \(1 replica\) run more than one pod/)]);
});

test("a static address a Service's load-balancer annotation takes is an error", () => {
  const service = (c: ClusterChart) => raw(c, 'dns-svc', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'dns', namespace: 'web', annotations: { 'metallb.io/loadBalancerIPs': '10.5.30.53' } },
    spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }] },
  });
  expect(errorsOf([{ address: '10.5.30.53/24', gateway: '10.5.30.1' }], undefined, service).filter((e) => e.startsWith('aa/nad '))).toEqual([expect.stringMatching(/is the load-balancer address .* takes/)]);
});

test("a static attachment without addresses, each workload giving its own in the annotation's ips, is no error for two workloads", () => {
  const annotation = (ip: string) => ({ 'k8s.v1.cni.cncf.io/networks': JSON.stringify([{ name: 'iot', ips: [ip] }]) });
  const other = (c: ClusterChart) => raw(c, 'web2', goodDeployment('web2', {}, {}, annotation('10.5.30.21/24')));
  expect(errorsOf([], goodDeployment('web', {}, {}, annotation('10.5.30.20/24')), other)).toEqual([]);
});
