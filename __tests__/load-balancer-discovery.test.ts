import { App as CdkApp } from 'cdk8s';
import { HomelabApp, synthesize } from '../constructs';
import type { AppProps } from '../constructs';
import { lab, labCluster } from './bad-input/lab';

// Leases and discovery go to broadcast or multicast addresses: a load balancer's address never hears them, nor a
// pod of the pod network.

function errorsOf(props: Partial<AppProps>) {
  const app = new CdkApp();
  new HomelabApp(labCluster(app), 'dhcp', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'dhcp', port: 67, protocol: 'UDP' }],
    loadBalancer: { address: lab.pools.vips.at('10.0.8.11') }, ...props,
  } as AppProps);
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error' && f.constructPath.endsWith('/dhcp')).map((f) => f.field);
}

test('a DHCP port among every port of the load balancer is one error on the load balancer', () => {
  expect(errorsOf({})).toEqual(['loadBalancer']);
});

test.each([
  ['an app on the host network, which hears the segment itself', { exemptions: { hostNetwork: 'serves DHCP to the LAN' } }],
  ['port 67 over TCP, which no lease is asked on', { ports: [{ name: 'http', port: 8080 }, { name: 'other', port: 67 }] }],
])('%s is no error', (_name, props) => {
  expect(errorsOf(props as Partial<AppProps>)).toEqual([]);
});

// Off the load balancer, the port still hears nothing of the segment: a pod of the pod network is no more on it.
test('a load balancer that leaves the DHCP port out is one error, on the port', () => {
  expect(errorsOf({ loadBalancer: { address: lab.pools.vips.at('10.0.8.11'), ports: ['http'] } })).toEqual(['ports[1]']);
});

test("mDNS' port is judged by its name: a DNS server's own 5353 is asked by unicast, an mdns port is discovery", () => {
  expect(errorsOf({ ports: [{ name: 'http', port: 8080 }, { name: 'dns-udp', port: 5353, protocol: 'UDP' }] })).toEqual([]);
  expect(errorsOf({ ports: [{ name: 'http', port: 8080 }, { name: 'mdns', port: 5353, protocol: 'UDP' }] })).toEqual(['loadBalancer']);
});
