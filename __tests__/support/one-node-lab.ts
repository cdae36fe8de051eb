import { host, site } from '../../constructs';

/** A lab of one amd64 node that is control plane and worker, with a load-balancer pool and a Git URL. */
export const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.11' });

/** The site of {@link node}. */
export const lab = site('lab', {
  domain: 'lab.test', hosts: [node],
  pools: { lb: { first: '10.1.0.200', last: '10.1.0.210' } },
  git: { url: 'https://git.example.test/lab.git' },
});
