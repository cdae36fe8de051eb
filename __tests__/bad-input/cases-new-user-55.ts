import { App, ClusterChart } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// The network services of a home on a two-node cluster, from the README alone: AdGuard Home and Unbound behind one
// load-balancer address, the UniFi Network Application, a syslog collector, netboot.xyz, chrony, an SNMP exporter,
// a DHCP server on the host's network and a WireGuard endpoint. Earlier rounds refused a port range, a port as an
// array, `udp` and `UDP/TCP`, a port name given twice, an address outside its pool or taken, a host port, a
// capability without its reason or written `cap_net_admin`, an unsafe sysctl, two host-network pods on one port, a
// node port outside the range, a TCP probe of a UDP port and a WireGuard key inline (in env and in a ConfigMap);
// these were taken: TFTP and SNMP declared or opened for TCP alone.

/** An app of the lab: `props` override a small image with one HTTP port. */
const app = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  image: 'ghcr.io/netbootxyz/netbootxyz:0.7.3-nbxyz2', ports: [{ name: 'http', port: 3000 }], resources: { memoryLimit: '256Mi' }, ...props,
}));

export const CASES: BadInput[] = [
  {
    name: "netboot.xyz's TFTP port 69 declared without a protocol, so for TCP alone",
    build: app('netboot', {
      ports: [{ name: 'http', port: 3000 }, { name: 'tftp', port: 69 }],
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'TFTP is served on port 69' } },
      loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['tftp'] },
    }),
    layer: 'props', path: 'netboot', field: 'ports[1].protocol', message: /TFTP speaks UDP/, hint: /protocol: 'UDP'/,
  },
];
