import { App as CdkApp } from 'cdk8s';
import { host, site, synthesize, traefik, vlan } from '../constructs';
import type { HostProps } from '../constructs';
import { goodDeployment, labCluster, raw } from './bad-input/lab';

// A Multus attachment on a VLAN is judged against the inventory where the site declares its VLANs: a host
// with a leg on the VLAN passes, and so does any attachment of a site that declares none.

const vlans = { lan: vlan('av-lan', { id: 1, cidr: '10.3.0.0/24' }), iot: vlan('av-iot', { id: 30, cidr: '10.3.30.0/24' }) };

function errorsOf(master: string, hostProps: Partial<HostProps>, withVlans = true): string[] {
  const app = new CdkApp();
  const box = host('av-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.3.0.5', ...hostProps });
  const own = site('av', { domain: 'av.test', hosts: [box], git: { url: 'https://git.av.test/lab.git' }, ...(withVlans ? { vlans } : {}) });
  const c = labCluster(app, 'av', { site: own, hosts: [box], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
  raw(c, 'nad', { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'iot', namespace: 'web' }, spec: { config: JSON.stringify({ cniVersion: '0.3.1', type: 'macvlan', master, ipam: { type: 'dhcp' } }) } });
  raw(c, 'web', goodDeployment('web', {}, {}, { 'k8s.v1.cni.cncf.io/networks': 'iot' }));
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error' && f.constructPath.includes('av/')).map((f) => `${f.constructPath} ${f.field}`);
}

test.each([
  ['a host interface on the VLAN', 'eth0.30', { vlanInterfaces: [{ vlan: vlans.iot, device: 'eth0.30' }] }, true],
  ['a host address on the VLAN', 'eth0.30', { address: '10.3.30.5', vlanInterfaces: [] }, true],
  ['a master that is no VLAN interface', 'eth0', {}, true],
  ['a site that declares no VLAN', 'eth0.30', {}, false],
])('a macvlan attachment with %s is no error', (_name, master, hostProps, withVlans) => {
  expect(errorsOf(master as string, hostProps as Partial<HostProps>, withVlans as boolean)).toEqual([]);
});

test('a macvlan attachment on a VLAN the host has no leg on is one error, on the definition', () => {
  expect(errorsOf('eth0.30', {})).toEqual(['av/nad spec.config']);
});
