import type { SynthesizedCluster } from '../synth/collect';
import { addressClaims } from './addresses';
import { imageConfigFiles } from './config-file-hosts';
import type { Finding } from './finding';
import { objectFinding } from './manifest';

// A DHCP server hands every device of the LAN the addresses of its DNS and NTP servers and of the TFTP server it boots
// from. Where such an address lies in an address pool of the site, it is meant to be a load balancer of the lab: one
// that no load balancer of the cluster holds, or that holds none of the service's port, leaves every device asking
// nobody (a neighbour of the address meant, or a load balancer whose `ports` left the service out).

/** Kea's DHCPv4 server image (ISC's `kea-dhcp4`, and images built of it under that name). */
const KEA_DHCP4_IMAGE = /(^|\/)kea-dhcp4(?=[:@]|$)/;

/** What a DHCP option (by Kea's name) or setting hands out, and the port its server answers on. */
interface HandedServer {
  readonly what: string;
  readonly port: string;
}

/** Kea's options that give servers by address, by name and by code. */
const SERVER_OPTIONS: ReadonlyMap<string, HandedServer> = new Map([
  ['domain-name-servers', { what: 'DNS server', port: 'UDP/53' }], ['6', { what: 'DNS server', port: 'UDP/53' }],
  ['ntp-servers', { what: 'NTP server', port: 'UDP/123' }], ['42', { what: 'NTP server', port: 'UDP/123' }],
]);

/** The address a PXE client fetches its boot file from by TFTP (`siaddr`). */
const NEXT_SERVER: HandedServer = { what: 'TFTP server (next-server)', port: 'UDP/69' };

/** An address a DHCP configuration hands out, where it is written and what it is for. */
interface HandedAddress {
  readonly address: string;
  readonly at: string;
  readonly server: HandedServer;
}

/** Kea's configuration text as JSON: it takes comments (`#`, `//`, `/* … *\/`), which JSON does not. Pure. */
function keaConfig(file: string): unknown {
  const stripped = file.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*(#|\/\/).*$/gm, '');
  try {
    return JSON.parse(stripped);
  } catch {
    return undefined;
  }
}

/** Every address the scopes of a Kea DHCPv4 configuration hand out as a DNS, NTP or TFTP server, with where it is written. Pure. */
function handedAddresses(node: unknown, at: string): HandedAddress[] {
  if (Array.isArray(node)) {
    return node.flatMap((item, i) => handedAddresses(item, `${at}[${i}]`));
  }
  if (node === null || typeof node !== 'object') {
    return [];
  }
  const record = node as Record<string, unknown>;
  const own: HandedAddress[] = [];
  if (typeof record['next-server'] === 'string') {
    own.push({ address: record['next-server'].trim(), at: `${at}.next-server`, server: NEXT_SERVER });
  }
  const options = Array.isArray(record['option-data']) ? record['option-data'] : [];
  options.forEach((option, i) => {
    const entry = option !== null && typeof option === 'object' ? option as Record<string, unknown> : {};
    const server = SERVER_OPTIONS.get(String(entry.name ?? entry.code ?? ''));
    if (server !== undefined && typeof entry.data === 'string') {
      own.push(...entry.data.split(',').map((address) => ({ address: address.trim(), at: `${at}.option-data[${i}]`, server })));
    }
  });
  const nested = Object.entries(record).filter(([key]) => key !== 'option-data').flatMap(([key, value]) => handedAddresses(value, `${at}.${key}`));
  return [...own, ...nested];
}

/**
 * Kea DHCPv4 configurations (a ConfigMap the server mounts) that hand the LAN a DNS, NTP or TFTP server at an address
 * of one of the site's pools: no load balancer of the cluster there is a warning (another cluster of the site may hold
 * it), one there that serves none of the service's port an error. On the ConfigMap's key.
 */
export function checkDhcpOptionServers(cluster: SynthesizedCluster): Finding[] {
  const pools = Object.values(cluster.chart.site.pools).filter((pool) => pool.bounded);
  const claims = addressClaims(cluster);
  return imageConfigFiles(cluster, KEA_DHCP4_IMAGE).flatMap(({ configMap, key, file }) => {
    const config = keaConfig(file);
    const dhcp4 = config !== null && typeof config === 'object' ? (config as Record<string, unknown>).Dhcp4 : undefined;
    return handedAddresses(dhcp4, 'Dhcp4').flatMap(({ address, at, server }): Finding[] => {
      const pool = pools.find((p) => p.contains(address));
      if (pool === undefined) {
        return [];
      }
      const there = claims.filter((claim) => claim.address === address);
      const serving = claims.filter((claim) => claim.ports?.includes(server.port)).map((claim) => `${claim.address} by ${claim.owner}`);
      const elsewhere = serving.length === 0 ? '' : `; ${server.port} is served at ${[...new Set(serving)].join(', ')}`;
      if (there.length === 0) {
        return [objectFinding(configMap, {
          layer: 'references', severity: 'warning', field: `data.${key}`,
          message: `${at} hands every device the ${server.what} ${address}, an address of pool "${pool.name}" that no load balancer of cluster "${cluster.chart.clusterName}" holds: unless another cluster's does, the devices ask nobody`,
          hint: `name the load balancer that serves ${server.port}${elsewhere || `, or give the server a load balancer at ${address}`}`,
        })];
      }
      if (there.some((claim) => claim.ports?.includes(server.port))) {
        return [];
      }
      return [objectFinding(configMap, {
        layer: 'references', severity: 'error', field: `data.${key}`,
        message: `${at} hands every device the ${server.what} ${address}, where ${there.map((claim) => claim.owner).join(' and ')} serves ${[...new Set(there.flatMap((claim) => claim.ports ?? []))].join(', ') || 'no port'}, `
          + `not ${server.port}: every device would ask there and get no answer`,
        hint: `expose ${server.port} on that load balancer (its ports), or name the address that serves it${elsewhere}`,
      })];
    });
  });
}
