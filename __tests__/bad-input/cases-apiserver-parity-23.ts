import { App as CdkApp } from 'cdk8s';
import { ClusterChart, declareExternal, hostPlacement, kubePrometheusStack } from '../../constructs';
import type { BadInput } from './cases';
import { onK3s } from './cases-apiserver-parity-18';
import { besideWeb, gpu1, guarded, refusedAtW as at, raw, serviceManifest } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before: a Service's cluster IPs, address families
// and family policy as the API server reads them on creation (normalizeClusterIPs, then
// ValidateServiceClusterIPsRelatedFields and the allocator's initIPFamilyFields): clusterIPs without clusterIP,
// None beside other addresses, an entry that is no address, two addresses of one family, an address of another
// family than its ipFamilies entry, two addresses or two families under a SingleStack policy, written or taken
// for one left out, and RequireDualStack on a cluster of one family. And the topology annotation beside its old
// name saying another thing (ValidateService). And PrometheusRules the Prometheus operator's admission webhook
// (on in kube-prometheus-stack) refuses as Prometheus' rule loader does (rulefmt's Rule.Validate): a rule that is
// an alert and a recording rule at once, or neither, a recording name with braces, and a __name__ label. And
// MetalLB BGP peers and advertisements its webhook refuses (config.For: peerFromCR, parseTimers,
// bgpAdvertisementFromCR): a peer of no ASN or of two, eBGP multi-hop towards its own ASN, an address and an
// interface or neither, an address that is none, a password beside a password Secret, a hold time under 3 s or a
// keepalive above it; an advertisement naming a community or peer twice, an aggregation length longer than an
// address or shorter than a block of its pool (validateBGPAdvPerPool), and a community value MetalLB cannot read
// (a 4-byte ASN in a legacy community).

/** The Service `w` of `spec` and `metadata`, beside the good Deployment it selects. */
export const service = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => besideWeb(serviceManifest('w', spec, metadata));
const TOPOLOGY = 'service.kubernetes.io/topology-mode';
/** A Service of the K3s cluster `p18-k3s` (one Service range, 10.43.0.0/16) refused on its family policy. */
const onK3sPolicy = (name: string, spec: Record<string, unknown>): BadInput => ({
  name, build: onK3s(spec) as (c: ClusterChart, app: CdkApp) => void, layer: 'inventory', path: 'p18-k3s/dns', field: 'spec.ipFamilyPolicy', hint: /PreferDualStack/,
});

/** A PrometheusRule `w` in namespace `web`, of one group holding `rule`, in a cluster of kube-prometheus-stack. */
export const monitoredRule = (rule: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  raw(cluster, 'w', { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'web', namespace: 'web' }, spec: { groups: [{ name: 'web', rules: [rule] }] } });
});
const RULE = 'spec.groups[0].rules[0]';

/** A MetalLB BGPPeer `w` of the router 192.168.1.1 (ASN 64513) from ASN 64512, with `spec` laid over it. */
export const bgpPeer = (spec: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', { apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', metadata: { name: 'router', namespace: 'metallb-system' },
    spec: { myASN: 64512, peerASN: 64513, peerAddress: '192.168.1.1', ...spec } });
};
/** A MetalLB BGPAdvertisement `w` of the lab's pool `vips`, with `spec` laid over it. */
export const bgpAdvertisement = (spec: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', { apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: { name: 'vips', namespace: 'metallb-system' }, spec: { ipAddressPools: ['vips'], ...spec } });
};

export const CASES: BadInput[] = [
  at('a Service of clusterIPs without clusterIP', service({ clusterIPs: ['10.43.0.50'] }), 'spec.clusterIPs', /clusterIP: "10\.43\.0\.50"/),
  at('a headless Service of None and an address', service({ clusterIP: 'None', clusterIPs: ['None', '10.43.0.50'] }), 'spec.clusterIPs', /clusterIPs: \[None\]/),
  at('a dual-stack Service whose second cluster IP is no address', service({ clusterIP: '10.43.0.50', clusterIPs: ['10.43.0.50', 'fd00:10:43::zz'], ipFamilyPolicy: 'PreferDualStack' }),
    'spec.clusterIPs[1]', /other family/),
  at('a dual-stack Service of two IPv4 cluster IPs', service({ clusterIP: '10.43.0.50', clusterIPs: ['10.43.0.50', '10.43.0.51'], ipFamilyPolicy: 'PreferDualStack' }),
    'spec.clusterIPs[1]', /keep 10\.43\.0\.50 alone/),
  at('an IPv4 cluster IP of a Service whose family is IPv6', service({ clusterIP: '10.43.0.50', ipFamilies: ['IPv6'] }), 'spec.clusterIP', /ipFamilies\[0\]: IPv4/),
  at('dual-stack families listed in the other order than the cluster IPs', service({ clusterIP: 'fd00:10:43::50', clusterIPs: ['fd00:10:43::50', '10.43.0.50'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' }),
    'spec.clusterIPs[0]', /ipFamilies\[0\]: IPv6/),
  at('two address families and no family policy', service({ ipFamilies: ['IPv4', 'IPv6'] }), 'spec.ipFamilyPolicy', /PreferDualStack/),
  at('two cluster IPs and no family policy', service({ clusterIP: '10.43.0.50', clusterIPs: ['10.43.0.50', 'fd00:10:43::50'] }), 'spec.ipFamilyPolicy', /PreferDualStack/),
  at('two cluster IPs under a SingleStack policy', service({ clusterIP: '10.43.0.50', clusterIPs: ['10.43.0.50', 'fd00:10:43::50'], ipFamilyPolicy: 'SingleStack' }),
    'spec.ipFamilyPolicy', /PreferDualStack/),
  at('a headless Service with a selector given two families and no policy', service({ clusterIP: 'None', ipFamilies: ['IPv4', 'IPv6'] }), 'spec.ipFamilyPolicy', /PreferDualStack/),
  onK3sPolicy('a Service that requires dual-stack on a cluster of IPv4 alone', { ipFamilyPolicy: 'RequireDualStack' }),
  onK3sPolicy('a headless Service with a selector that requires dual-stack on a cluster of IPv4 alone', { clusterIP: 'None', ipFamilyPolicy: 'RequireDualStack' }),
  at('a topology annotation beside its old name saying another thing', service({}, { annotations: { [TOPOLOGY]: 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Disabled' } }),
    `metadata.annotations.${TOPOLOGY}`, /drop service\.kubernetes\.io\/topology-aware-hints/),
  // The Prometheus operator's webhook (rulefmt).
  at('a rule that is an alert and a recording rule at once', monitoredRule({ alert: 'WebDown', record: 'job:up:sum', expr: 'sum by (job) (up) == 0' }), `${RULE}.record`, /split it in two rules/),
  at('a rule of neither alert nor record', monitoredRule({ expr: 'up{job="web"} == 0', for: '5m' }), RULE, /alert: 'WebDown'/),
  at('a recording rule named by its selector', monitoredRule({ record: 'http_requests_total{job="web"}:rate5m', expr: 'rate(http_requests_total{job="web"}[5m])' }), `${RULE}.record`, /job:http_requests:rate5m/),
  at('an alert that sets the __name__ label', monitoredRule({ alert: 'WebDown', expr: 'up == 0', labels: { __name__: 'web_down' } }), `${RULE}.labels.__name__`, /drop the label/),
  // MetalLB's webhook (config.For).
  at('a BGP peer of neither peerASN nor dynamicASN', bgpPeer({ peerASN: undefined }), 'spec.peerASN', /dynamicASN: internal/),
  at('a BGP peer of peerASN and dynamicASN', bgpPeer({ dynamicASN: 'external' }), 'spec.dynamicASN', /not both/),
  at('eBGP multi-hop towards a peer of the same ASN', bgpPeer({ peerASN: 64512, ebgpMultiHop: true }), 'spec.ebgpMultiHop', /drop ebgpMultiHop/),
  at('a BGP peer given an address and an interface', bgpPeer({ interface: 'eth0' }), 'spec.interface', /not both/),
  at('a BGP peer whose address is a CIDR', bgpPeer({ peerAddress: '192.168.1.1/24' }), 'spec.peerAddress', /no prefix length/),
  at('a BGP peer given a password and a password Secret', bgpPeer({ password: 'hunter2', passwordSecret: { name: 'bgp-password', namespace: 'metallb-system' } }), 'spec.password', /basic-auth/),
  at('a BGP hold time of one second', bgpPeer({ holdTime: '1s' }), 'spec.holdTime', /'3s'/),
  at('a BGP keepalive above the hold time', bgpPeer({ holdTime: '9s', keepaliveTime: '30s' }), 'spec.keepaliveTime', /a third of the hold time/),
  at('a BGP advertisement naming a community twice', bgpAdvertisement({ communities: ['65535:65282', '65535:65282'] }), 'spec.communities[1]', /once/),
  at('an IPv4 aggregation length of 33', bgpAdvertisement({ aggregationLength: 33 }), 'spec.aggregationLength', /at most 32/),
  at('an aggregation length wider than the blocks of the pool', bgpAdvertisement({ aggregationLength: 24 }), 'spec.aggregationLength', /at least 30/),
  at('a legacy community of a 4-byte ASN', bgpAdvertisement({ communities: ['4200000000:100'] }), 'spec.communities[0]', /large:4200000000/),
];
