import { App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import { ChartRelease, servesPorts } from '../../constructs';
import type { ClusterChart, HelmChartSource } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';
import { GATEWAY_IMPLEMENTATION } from '../support/preinstalled';

// A new user's inventory, distribution and GitOps engine, written without the README: the repository URL as
// kustomize, Terraform or npm write it, or a GitHub address of an account or a folder; the age key's Secret
// named like the Git credential's that flux bootstrap makes; a bootstrap folder with a blank; a chart of what
// the distribution runs itself installed again; an outside machine at a node's address, two VLANs of one
// name, Talos installed onto a partition. Each passed, and is now one error on the field the user wrote.

/** A case on the `git.url` of a site `name` of its own, under Flux, whose hint must match `hint`. */
const onGitUrl = (name: string, site: string, url: string, hint: RegExp): BadInput => ({
  name, layer: 'inventory', path: `inventory/site/${site}`, field: 'git.url', hint,
  build: guarded((_c: ClusterChart, app: CdkApp) => {
    const node = homelab.host(`${site}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.6.1' });
    const own = homelab.site(site, { domain: `${site}.test`, hosts: [node], git: { url } });
    labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {}, gitops: homelab.flux() });
  }),
});

/** A case on the prop `field` of the Flux of a cluster `edge` of the lab, whose hint must match `hint`. */
const onFlux = (name: string, props: homelab.FluxProps, field: string, hint: RegExp, url?: string): BadInput => ({
  name, layer: 'props', path: 'edge', field, hint,
  build: guarded((_c: ClusterChart, app: CdkApp) => {
    if (url === undefined) {
      labCluster(app, 'edge', { gitops: homelab.flux(props) });
      return;
    }
    const node = homelab.host('fx-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.7.1' });
    const own = homelab.site('fx', { domain: 'fx.test', hosts: [node], git: { url } });
    labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {}, gitops: homelab.flux(props) });
  }),
});

const COREDNS: HelmChartSource = { repository: 'https://coredns.github.io/helm', chart: 'coredns', version: '1.36.0' };
const METRICS_SERVER: HelmChartSource = { repository: 'https://kubernetes-sigs.github.io/metrics-server', chart: 'metrics-server', version: '3.12.2' };
const LOCAL_PATH: HelmChartSource = { repository: 'oci://ghcr.io/rancher', chart: 'local-path-provisioner', version: '0.0.30' };
const TRAEFIK: HelmChartSource = { repository: 'https://traefik.github.io/charts', chart: 'traefik', version: '32.0.0' };

/** A case of a chart release `again` of `chart` on a cluster `edge` of the lab that runs `distribution`. */
const builtInAgain = (name: string, chart: HelmChartSource, distribution: () => homelab.K3s | homelab.Preinstalled, hint: RegExp, props: Record<string, unknown> = {}): BadInput => ({
  name, layer: 'references', path: 'edge/again', field: 'chart.chart', hint,
  build: guarded((_c: ClusterChart, app: CdkApp) => {
    const cluster = labCluster(app, 'edge', { preinstalled: [distribution()], ...props });
    new ChartRelease(cluster, 'again', { namespace: 'again', chart, network: servesPorts({ port: 8080, purpose: 'http' }) });
  }),
});
const k3sKeeping = (...kept: string[]) => () => homelab.k3s({ disable: ['coredns', 'traefik', 'servicelb', 'local-storage', 'metrics-server'].filter((c) => !kept.includes(c)) });

/** A case of a Talos cluster `edge` of the lab whose `installDisks` put gpu1 on `disk`. */
const talosDisk = (name: string, disk: string, hint: RegExp): BadInput => ({
  name, layer: 'props', path: 'edge', field: 'preinstalled[0].installDisks.gpu1', hint,
  build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', {
    preinstalled: [homelab.talos({ allowSchedulingOnControlPlanes: true, bringYourOwnCni: false, installDisks: { gpu1: disk } })],
  })),
});

export const CASES: BadInput[] = [
  // The repository as other tools write it: Git sends whatever follows the repository to the server.
  onGitUrl("a Git URL with kustomize's ?ref=main", 'ei1', 'https://github.com/me/lab.git?ref=main', /url: 'https:\/\/github\.com\/me\/lab\.git', branch: 'main'/),
  onGitUrl("a Git URL with the branch after '#'", 'ei2', 'https://git.ei2.test/me/lab.git#prod', /url: 'https:\/\/git\.ei2\.test\/me\/lab\.git', branch: 'prod'/),
  onGitUrl("a kustomize remote with a folder after '//'", 'ei3', 'https://github.com/me/lab//clusters/lab?ref=main', /url: 'https:\/\/github\.com\/me\/lab', branch: 'main' \}; a folder inside it/),
  onGitUrl('a GitHub URL of the account alone', 'ei4', 'https://github.com/me', /'https:\/\/github\.com\/me\/<repository>\.git'/),
  onGitUrl('an ssh:// GitHub URL of the account alone', 'ei5', 'ssh://git@github.com/me', /'ssh:\/\/git@github\.com\/me\/<repository>\.git'/),
  onGitUrl('a GitHub URL that goes on into a folder of the repository', 'ei6', 'https://github.com/me/lab.git/clusters/lab', /url: 'https:\/\/github\.com\/me\/lab\.git' \}/),
  // The age key's Secret and the Git credential's are two Secrets: bootstrap makes the one, the owner the other.
  onFlux('flux sopsSecretName the same as secretName', { secretName: 'git-auth', sopsSecretName: 'git-auth' }, 'gitops.sopsSecretName', /sopsSecretName: 'sops-age'/),
  onFlux("flux sopsSecretName 'flux-system' with an ssh:// repository", { sopsSecretName: 'flux-system' }, 'gitops.sopsSecretName', /sopsSecretName: 'sops-age'/, 'ssh://git@git.fx.test/me/lab.git'),
  // The bootstrap folder goes unquoted into the owner's shell commands.
  onFlux('flux bootstrapPath with a blank', { bootstrapPath: 'clusters/my lab' }, 'gitops.bootstrapPath', /'clusters\/my-lab'/),
  onFlux('flux bootstrapPath with a shell variable', { bootstrapPath: 'clusters/$CLUSTER' }, 'gitops.bootstrapPath', /'clusters\/CLUSTER'/),
  // What the distribution runs itself, installed again as a chart.
  builtInAgain("CoreDNS's chart on K3s, whose packaged CoreDNS stays on", COREDNS, k3sKeeping('coredns'), /disable: \[.*'coredns'\]/),
  builtInAgain("metrics-server's chart on K3s, whose packaged metrics-server stays on", METRICS_SERVER, k3sKeeping('metrics-server'), /disable: \[.*'metrics-server'\]/),
  builtInAgain("the local-path provisioner's chart on K3s, whose packaged one stays on", LOCAL_PATH, k3sKeeping('local-storage'), /disable: \[.*'local-storage'\]/),
  builtInAgain("Traefik's chart on K3s beside Gateway API routes, with K3s' Traefik on", TRAEFIK, k3sKeeping('traefik'), /disable: \[.*'traefik'\]/, {
    routes: homelab.gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }), preinstalled: [k3sKeeping('traefik')(), GATEWAY_IMPLEMENTATION],
  }),
  builtInAgain("CoreDNS's chart on Talos, which runs CoreDNS itself", COREDNS, () => homelab.talos({ allowSchedulingOnControlPlanes: true, bringYourOwnCni: false }), /cluster\.coreDNS/),
  // Talos installs onto a whole disk.
  talosDisk('Talos installDisks naming an NVMe partition', '/dev/nvme0n1p1', /'\/dev\/nvme0n1'/),
  talosDisk('Talos installDisks naming a by-id partition', '/dev/disk/by-id/ata-Samsung_SSD_870_S6P1-part2', /'\/dev\/disk\/by-id\/ata-Samsung_SSD_870_S6P1'/),
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
