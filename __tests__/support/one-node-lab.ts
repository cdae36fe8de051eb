import { host, localPathStorage, metalLb, site, talos, traefik } from '../../constructs';

/** A lab of one amd64 node that is control plane and worker, with a load-balancer pool and a Git URL. */
export const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.11' });

/** The site of {@link node}. */
export const lab = site('lab', {
  domain: 'lab.test', hosts: [node],
  pools: { lb: { first: '10.1.0.200', last: '10.1.0.210' } },
  git: { url: 'https://git.example.test/lab.git' },
});

/** local-path-provisioner's config on Talos, whose /opt is read-only: its volumes under /var. */
export const TALOS_LOCAL_PATH_CONFIG = '{"nodePathMap":[{"node":"DEFAULT_PATH_FOR_NON_LISTED_NODES","paths":["/var/local-path-provisioner"]}]}';

/** The cluster props of a one-node lab with Traefik, MetalLB and local-path, on Talos when `onTalos`. */
export function oneNodeLocalPathCluster(onTalos: boolean) {
  return {
    site: lab, hosts: [node],
    routes: traefik({ address: lab.pools.lb.at('10.1.0.200') }),
    loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    storage: { fast: localPathStorage() },
    preinstalled: onTalos ? [talos({ bootstrapNode: node, bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })] : [],
  };
}
