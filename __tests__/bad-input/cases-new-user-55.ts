import { App, AppController, ClusterChart, rootInitExemption } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, guarded, lab, raw } from './lab';

// The network services of a home on a two-node cluster, from the README alone: AdGuard Home and Unbound behind one
// load-balancer address, the UniFi Network Application, a syslog collector, netboot.xyz, chrony, an SNMP exporter,
// a DHCP server on the host's network and a WireGuard endpoint. Earlier rounds refused a port range, a port as an
// array, `udp` and `UDP/TCP`, a port name given twice, an address outside its pool or taken, a host port, a
// capability without its reason or written `cap_net_admin`, an unsafe sysctl, two host-network pods on one port, a
// node port outside the range, a TCP probe of a UDP port and a WireGuard key inline (in env and in a ConfigMap);
// these were taken: TFTP and SNMP declared or opened for TCP alone, a hand-written NetworkPolicy that admits a UDP
// port over TCP, two Services on one address without a sharing key (whose hint now writes one), or under one key
// but with a port both serve or traffic policies MetalLB keeps apart, a kernel module loaded or a kernel setting
// written by the command of a container that is not privileged, Pi-hole given itself as its upstream, a DHCP
// server's pod on the host's network with dnsPolicy ClusterFirst written out, a DHCP server run as several pods, and
// a hand-written NetworkPolicy that keeps the LAN off a DHCP server on the host's network, which no policy governs, and
// these spellings of a pod spec or a host's script answered with what does their work: dnsPolicy, a probe's exec
// and udp, exemptions.capAdd and exemptions.kernelModules.

/** An app of the lab: `props` override a small image with one HTTP port. */
const app = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  image: 'ghcr.io/netbootxyz/netbootxyz:0.7.3-nbxyz2', ports: [{ name: 'http', port: 3000 }], resources: { memoryLimit: '256Mi' }, ...props,
}));

/** A syslog collector written by hand in namespace `web`, listening on 5514 over UDP alone, and `policy`'s ingress. */
const syslogWithPolicy = (ingress: Record<string, unknown>[]) => (cluster: ClusterChart) => {
  raw(cluster, 'workload', goodDeployment('web', {
    containers: [goodContainer({ ports: [{ name: 'syslog', containerPort: 5514, protocol: 'UDP' }], readinessProbe: { exec: { command: ['syslog-ng-ctl', 'healthcheck'] } } })],
  }));
  raw(cluster, 'policy', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'syslog', namespace: 'web' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress },
  });
};

/** A LoadBalancer Service `name` of the pods of `web` at 10.0.8.15, `spec` its ports and more, `shareKey` MetalLB's sharing key. */
const dnsService = (name: string, spec: Record<string, unknown>, shareKey?: string) => ({
  apiVersion: 'v1', kind: 'Service',
  metadata: { name, namespace: 'web', annotations: { 'metallb.io/loadBalancerIPs': '10.0.8.15', ...shareKey === undefined ? {} : { 'metallb.io/allow-shared-ip': shareKey } } },
  spec: { type: 'LoadBalancer', selector: { app: 'web' }, ...spec },
});
const TCP_53 = { ports: [{ name: 'dns-tcp', port: 53, targetPort: 8053 }] };
const UDP_53 = { ports: [{ name: 'dns-udp', port: 53, targetPort: 8053, protocol: 'UDP' }] };
/** The lab's web Deployment with DNS beside it on 8053, behind the two hand-written Services given. */
const twoDnsServices = (first: Record<string, unknown>, second: Record<string, unknown>) => (cluster: ClusterChart) => {
  raw(cluster, 'workload', goodDeployment('web', {
    containers: [goodContainer({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns-tcp', containerPort: 8053 }, { name: 'dns-udp', containerPort: 8053, protocol: 'UDP' }] })],
  }));
  raw(cluster, 'first', first);
  raw(cluster, 'second', second);
};

/** A WireGuard endpoint as a compose file's host script starts it; `props` override. */
const wireguard = (props: Partial<AppProps>) => app('wireguard', {
  image: 'ghcr.io/linuxserver/wireguard:1.0.20210914', ports: [{ name: 'wg', port: 51820, protocol: 'UDP' }],
  probes: { readiness: { command: ['wg', 'show'] }, liveness: { command: ['wg', 'show'] } },
  exemptions: { runAsRoot: 'wg-quick configures the interface as root', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the wg0 interface' } },
  ...props,
});

/** Pi-hole 6 behind a load balancer at 10.0.8.14, `env` its variables. */
const pihole = (image: string, env: Record<string, string>) => app('pihole', {
  image, env: { FTLCONF_dns_listeningMode: 'all', ...env },
  ports: [{ name: 'http', port: 80 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
  exemptions: {
    runAsRoot: 'its start script sets capabilities on pihole-FTL', writableRootFilesystem: 'its start script writes under /etc',
    addCapabilities: { capabilities: ['NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'DNS on 53, and its start script' },
  },
  loadBalancer: { address: lab.pools.vips.at('10.0.8.14'), ports: ['dns-tcp', 'dns-udp'] },
});

/** An ISC DHCP server on the host's network; `props` override. */
const dhcpd = (props: Partial<AppProps>) => app('dhcpd', {
  image: 'networkboot/dhcpd:1.3.0', ports: [{ name: 'dhcp', port: 67, protocol: 'UDP' }],
  probes: { readiness: { command: ['pgrep', 'dhcpd'] }, liveness: { command: ['pgrep', 'dhcpd'] } },
  exemptions: {
    hostNetwork: 'DHCP answers broadcasts on the LAN',
    addCapabilities: { capabilities: ['NET_BIND_SERVICE', 'NET_RAW'], reason: 'binds 67 and sends on a raw socket' },
  },
  ...props,
});

export const CASES: BadInput[] = [
  {
    name: "netboot.xyz's TFTP port 69 declared without a protocol, so for TCP alone",
    build: app('netboot', {
      ports: [{ name: 'http', port: 3000 }, { name: 'tftp', port: 69 }],
      exemptions: {
        runAsRoot: 'its init adds its user, then supervisord runs dnsmasq as that user', writableRootFilesystem: 'its init script adds its user to /etc/passwd',
        addCapabilities: rootInitExemption('supervisor', 'supervisord runs dnsmasq as PUID:PGID', ['NET_BIND_SERVICE']),
      },
      loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['tftp'] },
    }),
    layer: 'props', path: 'netboot', field: 'ports[1].protocol', message: /TFTP speaks UDP/, hint: /protocol: 'UDP'/,
  },
  {
    name: 'a NetworkPolicy that admits the syslog port 5514 without a protocol, so over TCP, to pods that listen over UDP alone',
    build: syslogWithPolicy([{ ports: [{ port: 5514 }] }]),
    layer: 'policy', path: 'policy', field: 'spec.ingress[0].ports[0].protocol', message: /declare 5514 for UDP alone/, hint: /protocol: 'UDP'/,
  },
  {
    name: 'a NetworkPolicy that admits the named syslog port over TCP written out, to pods that declare it for UDP',
    build: syslogWithPolicy([{ from: [{ ipBlock: { cidr: '192.168.1.0/24' } }], ports: [{ port: 'syslog', protocol: 'TCP' }] }]),
    layer: 'policy', path: 'policy', field: 'spec.ingress[0].ports[0].protocol', hint: /port: 'syslog', protocol: 'UDP'/,
  },
  {
    name: 'DNS over TCP and over UDP as two LoadBalancer Services on one address without a sharing key',
    build: twoDnsServices(dnsService('dns-tcp', TCP_53), dnsService('dns-udp', UDP_53)),
    layer: 'inventory', path: 'second', field: 'metadata.annotations.metallb.io/loadBalancerIPs', message: /without a sharing key on both Services/, hint: /metallb\.io\/allow-shared-ip/,
  },
  {
    name: 'DNS over UDP with externalTrafficPolicy Local sharing an address with DNS over TCP of policy Cluster',
    build: twoDnsServices(dnsService('dns-tcp', TCP_53, 'dns'), dnsService('dns-udp', { ...UDP_53, externalTrafficPolicy: 'Local' }, 'dns')),
    layer: 'inventory', path: 'second', field: 'spec.externalTrafficPolicy', message: /whose externalTrafficPolicy is Cluster, and this one's is Local/,
  },
  {
    name: 'two Services under one sharing key that both serve 53 over TCP',
    build: twoDnsServices(dnsService('dns-tcp', TCP_53, 'dns'), dnsService('dns-both', { ports: [...TCP_53.ports, ...UDP_53.ports] }, 'dns')),
    layer: 'inventory', path: 'second', field: 'metadata.annotations.metallb.io/loadBalancerIPs', message: /serves TCP\/53 there already/,
  },
  {
    name: 'a WireGuard endpoint whose command loads the wireguard module with modprobe',
    build: wireguard({ command: ['sh', '-c', 'modprobe wireguard && exec wg-quick up wg0'] }),
    layer: 'props', path: 'wireguard', field: 'command', message: /loads the kernel module wireguard/, hint: /modules-load\.d\/wireguard\.conf/,
  },
  {
    name: 'an init container that turns on IP forwarding with sysctl -w',
    build: wireguard({ initContainers: [{ name: 'forwarding', image: 'busybox:1.37.0', command: ['sysctl', '-w', 'net.ipv4.ip_forward=1'] }] }),
    layer: 'props', path: 'wireguard', field: 'initContainers[0].command', hint: /sysctls: \{ 'net\.ipv4\.ip_forward': '1' \}/,
  },
  {
    name: "IP forwarding written to /proc/sys by the script in a container's args",
    build: wireguard({ command: ['/bin/sh', '-c'], args: ['echo 1 > /proc/sys/net/ipv4/ip_forward; exec wg-quick up wg0'] }),
    layer: 'props', path: 'wireguard', field: 'args', message: /writes the kernel setting net\.ipv4\.ip_forward/,
  },
  {
    name: "Pi-hole whose upstream is its own load balancer's address, so it forwards to itself",
    build: pihole('pihole/pihole:2025.03.0', { FTLCONF_dns_upstreams: '10.0.8.14' }),
    layer: 'props', path: 'pihole', field: 'env.FTLCONF_dns_upstreams', message: /own load balancer serves DNS on/, hint: /127\.0\.0\.1#5335/,
  },
  {
    name: 'Pi-hole 5 given 127.0.0.1 beside a public resolver as PIHOLE_DNS_, its own loopback on 53',
    build: pihole('pihole/pihole:2024.07.0', { DNSMASQ_LISTENING: 'all', PIHOLE_DNS_: '127.0.0.1;1.1.1.1' }),
    layer: 'props', path: 'pihole', field: 'env.PIHOLE_DNS_', message: /the pod's own loopback/, hint: /PIHOLE_DNS_: '1\.1\.1\.1'/,
  },
  {
    name: "a DHCP server's hand-written pod on the host's network with dnsPolicy ClusterFirst written out",
    build: (cluster: ClusterChart) => raw(cluster, 'workload', goodDeployment('web', {
      hostNetwork: true, dnsPolicy: 'ClusterFirst',
      containers: [goodContainer({ ports: [{ name: 'dhcp', containerPort: 67, protocol: 'UDP' }], readinessProbe: { exec: { command: ['pgrep', 'dhcpd'] } } })],
    }, {}, { 'security.homelab.dev/host-network': 'DHCP answers broadcasts on the LAN' })),
    layer: 'schema', path: 'workload', field: 'spec.template.spec.dnsPolicy', hint: /ClusterFirstWithHostNet/,
  },
  {
    name: 'a DHCP server on the host network given two replicas for high availability',
    build: dhcpd({ replicas: 2 }),
    layer: 'props', path: 'dhcpd', field: 'replicas', message: /hand one address to two devices/, hint: /replicas: 1/,
  },
  {
    name: 'a DHCP server on the host network run as a DaemonSet on every node',
    build: dhcpd({ controller: AppController.daemonSet({ everyNode: true }) }),
    layer: 'props', path: 'dhcpd', field: 'controller', message: /a pod on each of 2 hosts/,
  },
  {
    name: 'a DHCP server given dnsPolicy ClusterFirstWithHostNet as an App prop, as a pod spec writes it',
    build: dhcpd({ dnsPolicy: 'ClusterFirstWithHostNet' } as Partial<AppProps>),
    layer: 'props', path: 'dhcpd', field: 'dnsPolicy', hint: /sets dnsPolicy itself.*ClusterFirstWithHostNet on the host's network/,
  },
  {
    name: "chrony's probe written as a pod spec's exec",
    build: app('chrony', { image: 'dockurr/chrony:4.6', ports: [{ name: 'ntp', port: 1123, protocol: 'UDP' }], probes: { readiness: { exec: ['chronyc', 'tracking'] } } as AppProps['probes'] }),
    layer: 'props', path: 'chrony', field: 'probes.readiness.exec', hint: /command: \['…'\]/,
  },
  {
    name: 'a syslog collector given a udp probe, which the kubelet has not',
    build: app('syslog', { image: 'balabit/syslog-ng:4.8.0', ports: [{ name: 'syslog', port: 5514, protocol: 'UDP' }], probes: { liveness: { udp: true } } as AppProps['probes'] }),
    layer: 'props', path: 'syslog', field: 'probes.liveness.udp', hint: /listens over UDP alone is asked by a command/,
  },
  {
    name: "WireGuard's NET_ADMIN written as exemptions.capAdd",
    build: wireguard({ exemptions: { runAsRoot: 'wg-quick configures the interface as root', capAdd: ['NET_ADMIN'] } as AppProps['exemptions'] }),
    layer: 'props', path: 'wireguard', field: 'exemptions.capAdd', hint: /addCapabilities: \{ capabilities: \['NET_ADMIN'\], reason/,
  },
  {
    name: "WireGuard's kernel module asked for as exemptions.kernelModules",
    build: wireguard({ exemptions: { runAsRoot: 'wg-quick configures the interface as root', kernelModules: ['wireguard'] } as AppProps['exemptions'] }),
    layer: 'props', path: 'wireguard', field: 'exemptions.kernelModules', hint: /modules-load\.d/,
  },
  {
    name: "a NetworkPolicy that admits DHCP from the LAN alone to a hand-written DHCP server on the host's network",
    build: (cluster: ClusterChart) => {
      raw(cluster, 'workload', goodDeployment('web', {
        hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet',
        containers: [goodContainer({ ports: [{ name: 'dhcp', containerPort: 67, protocol: 'UDP' }], readinessProbe: { exec: { command: ['pgrep', 'dhcpd'] } } })],
      }, {}, { 'security.homelab.dev/host-network': 'DHCP answers broadcasts on the LAN' }));
      raw(cluster, 'policy', {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'dhcpd', namespace: 'web' },
        spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '192.168.1.0/24' } }], ports: [{ port: 67, protocol: 'UDP' }] }] },
      });
    },
    layer: 'policy', path: 'policy', field: 'spec.podSelector', message: /only pods on the host's network .*limit it sets on port 67/, hint: /host's firewall/,
  },
];
