import { ClusterChart, hostPlacement, renovate } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, guarded } from './lab';

// Renovate for a lab's own Gitea or Forgejo: a platform with no public service needs the server's API
// address, without which each run would fail to reach it; an address is an http(s) URL.

const bot = (options: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  cluster.platform.require(renovate({ placement: hostPlacement(arm1), repositories: ['me/lab'], tokenSecret: 'renovate-token', ...options } as never));
});

export const CASES: BadInput[] = [
  { name: 'Renovate for Gitea without its server', build: bot({ platform: 'gitea' }), layer: 'props', path: 'platform', field: 'components.renovate.endpoint', hint: /api\/v1/ },
  { name: 'Renovate for Bitbucket Server without its server', build: bot({ platform: 'bitbucket-server' }), layer: 'props', path: 'platform', field: 'components.renovate.endpoint' },
  { name: "Renovate's endpoint written as a host name", build: bot({ platform: 'gitea', endpoint: 'git.home.arpa' }), layer: 'props', path: 'platform', field: 'components.renovate.endpoint' },
];
