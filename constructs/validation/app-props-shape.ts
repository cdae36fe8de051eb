import type { AppPort, AppProps, LoadBalancerProps } from '../app/props';
import type { ProbeProps, ProbesProps } from '../app/probes';
import type { ResourcesProps } from '../app/resources';
import type { SecurityExemptions } from '../app/security';
import type { PersistenceProps } from '../app/volumes';
import type { GpuRequest } from '../app/gpu';
import { AddressPool, PoolAddress } from '../inventory/address-pool';
import { Host } from '../inventory/host';
import type { PlacementProps } from '../inventory/placement';
import { ZfsPool } from '../inventory/zfs-pool';
import type { RouteIntent } from '../platform/route-flavor';
import { instanceOf, PropRules, PropShape } from './known-props';

/** A host of the inventory. */
export const HOST_SHAPE = instanceOf(Host, "a host of the inventory (declared with host('name', { … }))");

// `satisfies Record<keyof X, …>` keeps each list complete: a prop added to the interface must be added here.
const PROBE = {
  httpPath: 'string', tcp: 'boolean', command: 'strings', port: 'integer',
  initialDelaySeconds: 'integer', periodSeconds: 'integer', timeoutSeconds: 'integer', failureThreshold: 'integer',
} as const satisfies Record<keyof ProbeProps, PropShape>;

const PORT = { name: 'string', port: 'integer', protocol: 'string', servicePort: 'integer', nodePort: 'integer' } as const satisfies Record<keyof AppPort, PropShape>;

/** `PlacementProps`. */
export const PLACEMENT_SHAPE = {
  host: HOST_SHAPE, hosts: { '[]': HOST_SHAPE }, gpu: 'string', zfsPool: instanceOf(ZfsPool, 'a ZFS pool of the inventory (host.zfs.<pool>)'),
  workloadRole: 'string', arch: 'string', preferredHost: HOST_SHAPE,
} as const satisfies Record<keyof PlacementProps, PropShape>;

/** `SecurityExemptions`. */
export const EXEMPTIONS_SHAPE = {
  runAsRoot: 'string', writableRootFilesystem: 'string', hostNetwork: 'string', hostPath: 'string', nfsVolume: 'string',
  privileged: 'string', addCapabilities: { capabilities: 'strings', reason: 'string' }, privilegeEscalation: 'string',
  nodePort: 'string', networkPolicy: 'string',
} as const satisfies Record<keyof SecurityExemptions, PropShape>;

/** `PersistenceProps`. */
export const PERSISTENCE_SHAPE = { volume: 'object', mountPath: 'string', readOnly: 'boolean', mounts: 'any', containers: 'strings' } as const satisfies Record<keyof PersistenceProps, PropShape>;

/** An address taken from an inventory pool. */
export const POOL_ADDRESS_SHAPE = instanceOf(PoolAddress, 'an address taken from an inventory pool (site.pools.<pool>.at(…))');

/** An address pool of the inventory. */
export const ADDRESS_POOL_SHAPE = instanceOf(AddressPool, 'an address pool of the inventory (site.pools.<pool>)');

/** `ResourcesProps`; CPU may be a number of cores. */
export const RESOURCES_SHAPE = { cpuRequest: 'any', cpuLimit: 'any', memoryRequest: 'string', memoryLimit: 'string' } as const satisfies Record<keyof ResourcesProps, PropShape>;

/** `RouteIntent`. */
export const ROUTE_SHAPE = {
  host: 'string', name: 'string', path: 'string', port: 'integer', rules: { '[]': 'any' }, basicAuth: 'object',
} as const satisfies Record<keyof RouteIntent, PropShape>;

/** The props `App` takes, for callers the type checker does not see. */
export const APP_PROPS_SHAPE = {
  image: 'string', namespace: 'string', replicas: 'integer', ports: { '[]': PORT }, env: { '{}': 'any' }, command: 'strings', args: 'strings',
  probes: { readiness: PROBE, liveness: PROBE, startup: PROBE } satisfies Record<keyof ProbesProps, PropShape>,
  resources: RESOURCES_SHAPE,
  persistence: { '{}': PERSISTENCE_SHAPE }, placement: PLACEMENT_SHAPE, pinWith: 'string',
  gpu: { vendor: 'string', count: 'integer' } satisfies Record<keyof GpuRequest, PropShape>,
  runAsUser: 'integer', runAsGroup: 'integer', supplementalGroups: { '[]': 'integer' }, exemptions: EXEMPTIONS_SHAPE,
  route: ROUTE_SHAPE,
  loadBalancer: { address: POOL_ADDRESS_SHAPE, hostname: 'string', ports: 'strings' } satisfies Record<keyof LoadBalancerProps, PropShape>,
  strategy: 'string', labels: { '{}': 'string' },
  controller: 'object', containers: { '[]': 'any' }, initContainers: { '[]': 'any' }, sidecars: { '[]': 'any' },
  devices: { '[]': 'any' }, headless: 'boolean', allowFrom: { '[]': 'any' }, egress: 'any', metrics: 'any',
} as const satisfies Record<keyof AppProps, PropShape>;

/** Rules across App props: a probe has one handler. */
export const APP_PROP_RULES: PropRules = {
  required: [['image', "name the container image with its tag, e.g. image: 'ghcr.io/owner/app:1.2.3'"]],
  atMostOne: ['readiness', 'liveness', 'startup'].map((probe) => ({ at: `probes.${probe}`, props: ['httpPath', 'tcp', 'command'] })),
};
