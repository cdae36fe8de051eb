import * as kplus from 'cdk8s-plus-30';
import { parseCpu, parseSize } from './quantities';

/** Compute resources of the main container. */
export interface ResourcesProps {
  /** CPU the scheduler reserves, e.g. `100m`. @default '50m' */
  readonly cpuRequest?: string;
  /**
   * CPU ceiling. Unset by default on purpose: a CPU limit throttles bursty home-lab apps (transcodes,
   * page loads) while the host sits idle.
   * @default - no CPU limit
   */
  readonly cpuLimit?: string;
  /** Memory the scheduler reserves, e.g. `256Mi`. @default '128Mi' */
  readonly memoryRequest?: string;
  /** Memory ceiling; the container is OOM-killed above it. @default '512Mi' */
  readonly memoryLimit?: string;
}

/** The defaults: small requests that let many apps share a host, and a memory limit that contains leaks. */
export const DEFAULT_RESOURCES: Required<Omit<ResourcesProps, 'cpuLimit'>> = {
  cpuRequest: '50m',
  memoryRequest: '128Mi',
  memoryLimit: '512Mi',
};

/** Renders resources for cdk8s-plus, replacing its 1 CPU / 512Mi request and 1500m / 2Gi limit defaults. */
export function renderResources(props: ResourcesProps = {}): kplus.ContainerResources {
  const cpuLimit = props.cpuLimit ? parseCpu(props.cpuLimit) : undefined;
  return {
    cpu: { request: parseCpu(props.cpuRequest ?? DEFAULT_RESOURCES.cpuRequest), limit: cpuLimit },
    memory: {
      request: parseSize(props.memoryRequest ?? DEFAULT_RESOURCES.memoryRequest),
      limit: parseSize(props.memoryLimit ?? DEFAULT_RESOURCES.memoryLimit),
    },
  };
}
