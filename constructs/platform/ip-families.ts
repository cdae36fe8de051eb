import type { PoolAddress } from '../inventory/address-pool';
import { parseIpAddress } from '../inventory/ip-address';

/** The families of a Service (`spec.ipFamilies`, `spec.ipFamilyPolicy`), as Kubernetes dual-stack spells them. */
export interface ServiceIpFamilies {
  /** Families of the Service's cluster IPs, primary first. @default - the cluster's primary family */
  readonly ipFamilies?: ReadonlyArray<'IPv4' | 'IPv6'>;
  /** Whether the Service has one family or both. @default - 'SingleStack' */
  readonly ipFamilyPolicy?: 'SingleStack' | 'RequireDualStack';
}

/**
 * The families a Service needs to hold the load-balancer addresses it asks for: none stated for IPv4
 * alone (the cluster's default, as every IPv4-only Service has it); IPv6 alone as a single-stack IPv6
 * Service, which a dual-stack cluster with IPv4 first would not make by default; an IPv4 and an IPv6
 * address as a Service that requires both (the load balancer assigns no address of a family the Service
 * lacks). Pure.
 */
export function serviceIpFamilies(addresses: readonly string[]): ServiceIpFamilies {
  const families = new Set(addresses.map((address) => parseIpAddress(address)?.family));
  if (!families.has(6)) {
    return {};
  }
  return families.has(4) ? { ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' } : { ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' };
}

/**
 * Why a LoadBalancer's `ipv6Address` cannot stand beside its `address`: it is no IPv6 address of a pool,
 * or `address` is no IPv4 one to stand beside (a Service has at most one address of each family). Pure.
 */
export function dualStackProblem(props: { readonly address?: PoolAddress; readonly ipv6Address?: PoolAddress }): { field: string; message: string; hint: string } | undefined {
  if (props.ipv6Address === undefined) {
    return undefined;
  }
  const family = parseIpAddress(props.ipv6Address.address)?.family;
  if (family !== 6) {
    return {
      field: 'ipv6Address', message: `ipv6Address ${props.ipv6Address.address} is no IPv6 address`,
      hint: 'take it from an IPv6 pool of the site, e.g. site.pools.vips6.at(\'fd00:8::60\'), or give an IPv4 address as address',
    };
  }
  if (props.address === undefined || parseIpAddress(props.address.address)?.family !== 4) {
    return {
      field: 'ipv6Address', message: props.address === undefined ? 'ipv6Address is given without an IPv4 address beside it'
        : `ipv6Address stands beside an IPv4 address, but address ${props.address.address} is IPv6 too`,
      hint: 'give a dual-stack Service an IPv4 address and an IPv6 one; a single-stack IPv6 Service has its IPv6 address as address',
    };
  }
  return undefined;
}
