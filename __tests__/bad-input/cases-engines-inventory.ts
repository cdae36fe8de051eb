import { App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// A new user's inventory, written without the README: the repository URL as kustomize, Terraform or npm
// write it, or a GitHub address of an account or a folder; an outside machine at a node's address, two
// VLANs of one name. Each passed, and is now one error on the field the user wrote.

/** A case on the `git.url` of a site `name` of its own, under Flux, whose hint must match `hint`. */
const onGitUrl = (name: string, site: string, url: string, hint: RegExp): BadInput => ({
  name, layer: 'inventory', path: `inventory/site/${site}`, field: 'git.url', hint,
  build: guarded((_c: ClusterChart, app: CdkApp) => {
    const node = homelab.host(`${site}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.6.1' });
    const own = homelab.site(site, { domain: `${site}.test`, hosts: [node], git: { url } });
    labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {}, gitops: homelab.flux() });
  }),
});

export const CASES: BadInput[] = [
  // The repository as other tools write it: Git sends whatever follows the repository to the server.
  onGitUrl("a Git URL with kustomize's ?ref=main", 'ei1', 'https://github.com/me/lab.git?ref=main', /url: 'https:\/\/github\.com\/me\/lab\.git', branch: 'main'/),
  onGitUrl("a Git URL with the branch after '#'", 'ei2', 'https://git.ei2.test/me/lab.git#prod', /url: 'https:\/\/git\.ei2\.test\/me\/lab\.git', branch: 'prod'/),
  onGitUrl("a kustomize remote with a folder after '//'", 'ei3', 'https://github.com/me/lab//clusters/lab?ref=main', /url: 'https:\/\/github\.com\/me\/lab', branch: 'main' \}; a folder inside it/),
  onGitUrl('a GitHub URL of the account alone', 'ei4', 'https://github.com/me', /'https:\/\/github\.com\/me\/<repository>\.git'/),
  onGitUrl('an ssh:// GitHub URL of the account alone', 'ei5', 'ssh://git@github.com/me', /'ssh:\/\/git@github\.com\/me\/<repository>\.git'/),
  onGitUrl('a GitHub URL that goes on into a folder of the repository', 'ei6', 'https://github.com/me/lab.git/clusters/lab', /url: 'https:\/\/github\.com\/me\/lab\.git' \}/),
  // The inventory: one address is one machine, one name one VLAN.
  {
    name: "an external host at a node's address", layer: 'inventory', path: 'inventory/site/ei7', field: 'externalHosts.nas.address', hint: /use host ei7-node/,
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const node = homelab.host('ei7-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.8.1' });
      const own = homelab.site('ei7', { domain: 'ei7.test', hosts: [node], externalHosts: { nas: homelab.externalHost('ei7-nas', { address: '10.9.8.1' }) } });
      labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {} });
    }),
  },
  {
    name: 'two VLANs of one name', layer: 'inventory', path: 'inventory/site/ei8', field: 'vlans.cameras', hint: /vlan\('cameras'/,
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const node = homelab.host('ei8-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.20.5' });
      const own = homelab.site('ei8', {
        domain: 'ei8.test', hosts: [node],
        vlans: { iot: homelab.vlan('ei8-iot', { id: 20, cidr: '10.9.20.0/24' }), cameras: homelab.vlan('ei8-iot', { id: 30, cidr: '10.9.30.0/24' }) },
      });
      labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {} });
    }),
  },
];
