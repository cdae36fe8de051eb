import { App as CdkApp } from 'cdk8s';
import { cilium, ciliumOnTalos, ClusterChart, ClusterChartProps, host, k3s, metalLb, openTelemetryNodeCollector, site, talos, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// A cluster's pod range, its Service range and the load-balancer addresses of its site must lie apart, and
// the collectors' OTLP endpoint is a gRPC target: host and numeric port, no http://.

/**
 * A site `id` whose one node is at 192.168.30.5, on a LAN VLAN (192.168.30.0/24) unless `vlans` is false (a
 * site that declares none), with a MetalLB pool of `pool`, and the cluster `cluster` makes.
 */
function poolLab(id: string, cluster: Partial<ClusterChartProps>, pool = { first: '192.168.30.240', last: '192.168.30.250' }, vlans = true) {
  return guarded((_c: unknown, app: CdkApp) => {
    const lan = vlan(`${id}-lan`, { id: 10, cidr: '192.168.30.0/24', gateway: '192.168.30.1' });
    const node = host(`${id}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.30.5' });
    const written = site(id, { domain: `${id}.test`, hosts: [node], ...(vlans ? { vlans: { lan } } : {}), pools: { vips: pool }, git: { url: 'https://git.example/lab.git' } });
    labCluster(app, 'edge', { site: written, hosts: [node], storage: {}, loadBalancer: metalLb({ pools: [written.pools.vips] }), ...cluster });
  });
}

/** A Talos cluster with Cilium (`options`) and `props`. */
const talosLab = (id: string, props: Record<string, unknown>, options: Record<string, unknown> = {}, vlans = true) => poolLab(id, {
  cni: cilium({ ...ciliumOnTalos(), ...options }), preinstalled: [talos({ allowSchedulingOnControlPlanes: true, ...props })],
}, undefined, vlans);

/** The lab's cluster with the node collector exporting to `endpoint`. */
const otlpLab = (endpoint: string, insecure?: boolean) => (cluster: ClusterChart) => {
  cluster.platform.require(openTelemetryNodeCollector({ export: { endpoint, ...(insecure === undefined ? {} : { insecure }) } }));
};

export const CASES: BadInput[] = [
  {
    name: "Talos' podSubnets inside its Service range",
    build: talosLab('ov-talos', { podSubnets: ['10.96.0.0/16'] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].podSubnets', hint: /apart from 10\.96\.0\.0\/12/,
  },
  {
    name: "K3s' --cluster-cidr inside its --service-cidr",
    build: poolLab('ov-k3s', { preinstalled: [k3s({ extraServerFlags: ['--cluster-cidr=10.50.0.0/17', '--service-cidr=10.50.0.0/16'] })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].extraServerFlags', hint: /k3s\(\{ extraServerFlags/,
  },
  {
    name: "K3s' --cluster-cidr inside K3s' default Service range",
    build: poolLab('ov-k3s-default', { preinstalled: [k3s({ extraServerFlags: ['--cluster-cidr=10.43.0.0/17'] })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].extraServerFlags', hint: /10\.43\.0\.0\/16/,
  },
  {
    name: "a k0s declaration whose clusterRanges put pods in the Service range",
    build: poolLab('ov-k0s', { preinstalled: [{ source: 'k0s', distribution: 'k0s', clusterRanges: { pods: ['10.96.0.0/16'] } }] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].clusterRanges.pods',
  },
  {
    name: "Cilium's clusterPoolPodCidrs inside Talos' Service range",
    build: talosLab('ov-cilium', {}, { ipamMode: 'cluster-pool', clusterPoolPodCidrs: ['10.100.0.0/16'] }),
    layer: 'props', path: 'edge', field: 'cni.clusterPoolPodCidrs', hint: /cilium\(\{ clusterPoolPodCidrs \}\)/,
  },
  {
    name: "a MetalLB pool inside Talos' podSubnets, which hold no node, on a site that declares no VLAN",
    build: talosLab('ov-pool-pods', { podSubnets: ['192.168.30.128/25'] }, {}, false),
    layer: 'inventory', path: 'edge', field: 'site.pools.vips', hint: /outside 192\.168\.30\.128\/25, or give talos\(\{ podSubnets \}\)/,
  },
  {
    name: "a MetalLB pool inside K3s' default Service range",
    build: poolLab('ov-pool-svc', { preinstalled: [k3s()] }, { first: '10.43.0.240', last: '10.43.0.250' }),
    layer: 'inventory', path: 'edge', field: 'site.pools.vips', hint: /--service-cidr/,
  },
  {
    name: "a Talos clusterEndpoint VIP inside Talos' Service range",
    build: talosLab('ov-endpoint', { clusterEndpoint: '10.96.0.1' }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].clusterEndpoint', hint: /VIP on the control-plane nodes' network/,
  },
  {
    name: 'a Talos clusterEndpoint VIP inside the MetalLB pool',
    build: talosLab('ov-endpoint-pool', { clusterEndpoint: '192.168.30.245' }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].clusterEndpoint', hint: /outside every load-balancer pool/,
  },
  {
    name: 'an OTLP endpoint without a port',
    build: otlpLab('otel.lab.test'), layer: 'props', path: 'platform', field: 'components.otel-node-collector.export.endpoint', hint: /otel\.lab\.test:4317/,
  },
  {
    name: 'an OTLP endpoint written as an http:// URL on OTLP/HTTP\'s port',
    build: otlpLab('http://otel.lab.test:4318'), layer: 'props', path: 'platform', field: 'components.otel-node-collector.export.endpoint', hint: /'otel\.lab\.test:4317', and insecure: true/,
  },
  {
    name: 'an OTLP endpoint whose port is a name',
    build: otlpLab('otel.lab.test:grpc', true), layer: 'props', path: 'platform', field: 'components.otel-node-collector.export.endpoint', hint: /as a number/,
  },
  {
    name: 'an OTLP endpoint on OTLP/HTTP\'s port',
    build: otlpLab('otel.lab.test:4318', true), layer: 'props', path: 'platform', field: 'components.otel-node-collector.export.endpoint', hint: /4317/,
  },
  {
    name: 'an OTLP endpoint as an https:// URL beside insecure: true',
    build: otlpLab('https://otel.lab.test', true), layer: 'props', path: 'platform', field: 'components.otel-node-collector.export.endpoint', hint: /'otel\.lab\.test:4317'/,
  },
  {
    name: 'an OTLP endpoint with the OTLP/HTTP path',
    build: otlpLab('otel.lab.test:4317/v1/traces', true), layer: 'props', path: 'platform', field: 'components.otel-node-collector.export.endpoint', hint: /host and port alone/,
  },
];
