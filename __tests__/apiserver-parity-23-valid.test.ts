import { App as CdkApp } from 'cdk8s';
import { synthesize } from '../constructs';
import { onK3s } from './bad-input/cases-apiserver-parity-18';
import { bgpAdvertisement, bgpPeer, monitoredRule, service } from './bad-input/cases-apiserver-parity-23';
import { labCluster } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What the API server takes beside what it refuses: a cluster IP given as clusterIP alone (it fills clusterIPs
// from it), or as both fields that agree; two addresses or families under a dual-stack policy, in the order of
// the families; a headless Service without a selector given both families and no policy (which the API server
// makes RequireDualStack, and takes on a cluster of one family); PreferDualStack on a cluster of one family; and
// the topology annotation beside its old name saying the same. Alerts and recording rules of one kind each, of
// names without braces and labels other than __name__. MetalLB BGP peers of one ASN and one way to the peer, timers
// BGP takes, and advertisements of large communities, aliases and aggregation within an address and not wider
// than the blocks of their pool (10.0.8.10-10.0.8.20, whose widest block is a /30).

test("a Service's cluster IPs and families the API server takes are accepted", () => {
  for (const spec of [
    { clusterIP: '10.43.0.50' },
    { clusterIP: '10.43.0.50', clusterIPs: ['10.43.0.50'] },
    { clusterIP: 'None', clusterIPs: ['None'] },
    { clusterIP: '10.43.0.50', clusterIPs: ['10.43.0.50', 'fd00:10:43::50'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' },
    { clusterIP: 'fd00:10:43::50', clusterIPs: ['fd00:10:43::50', '10.43.0.50'], ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'RequireDualStack' },
    { ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' },
    { clusterIP: 'None', selector: undefined, ipFamilies: ['IPv4', 'IPv6'] },
  ]) {
    expect(labErrors(service(spec))).toEqual([]);
  }
});

test('a family policy a cluster of one Service range takes is accepted', () => {
  for (const spec of [{ ipFamilyPolicy: 'PreferDualStack' }, { clusterIP: 'None', selector: undefined, ipFamilyPolicy: 'RequireDualStack' }]) {
    const app = new CdkApp();
    onK3s(spec)(labCluster(app), app);
    // The K3s cluster shares the lab's hosts with the main one, which is an error of its own.
    const errors = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error' && f.constructPath.endsWith('p18-k3s/dns'));
    expect(errors.map((f) => `${f.field}: ${f.message}`)).toEqual([]);
  }
});

test('the topology annotation beside its old name saying the same is accepted', () => {
  expect(labErrors(service({}, { annotations: { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Auto' } }))).toEqual([]);
});

test('PrometheusRules of one alert or one recording rule each are accepted', () => {
  for (const rule of [
    { alert: 'WebDown', expr: 'up{job="web"} == 0', for: '5m', labels: { severity: 'critical' }, annotations: { summary: '{{ $labels.instance }} is down' } },
    { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))', labels: { team: 'web' } },
  ]) {
    expect(labErrors(monitoredRule(rule))).toEqual([]);
  }
});

test('MetalLB BGP peers and advertisements its webhook takes are accepted', () => {
  for (const spec of [{}, { peerASN: undefined, dynamicASN: 'external' }, { peerASN: 64512, ebgpMultiHop: false }, { holdTime: '90s' }, { keepaliveTime: '10s' }, { holdTime: '0s' },
    { passwordSecret: { name: 'bgp-password', namespace: 'metallb-system' } }, { peerAddress: 'fd00::1', sourceAddress: 'fd00::10', routerID: '192.168.1.10' }]) {
    expect(labErrors(bgpPeer(spec)).filter((e) => e.includes('main/w '))).toEqual([]);
  }
  for (const spec of [{ communities: ['65535:65282', 'large:4200000000:1:1', 'no-advertise'] }, { aggregationLength: 30, aggregationLengthV6: 64 }, { ipAddressPools: [], ipAddressPoolSelectors: [{ matchLabels: { bgp: 'yes' } }], aggregationLength: 24 }, { peers: ['router'] }]) {
    expect(labErrors(bgpAdvertisement(spec)).filter((e) => e.includes('main/w '))).toEqual([]);
  }
});
