import { App as CdkApp } from 'cdk8s';
import { acmeHttp01, App, AppController, ClusterChart, existingStorageClass, flux, host, k3s, localPathStorage, placeholder, site, traefik } from '../../constructs';
import type { AppProps, ClusterChartProps, Fact, GitOpsEngine } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// First sites of one's own, written from scratch after the README: a NUC and a mini PC on K3s, each mistake
// the way a newcomer makes it while assembling the inventory, the cluster and its first apps.

/** Facts of the two machines a case may change. */
interface Machines {
  readonly nuc?: Record<string, unknown>;
  readonly mini?: Record<string, unknown>;
}

/** The site `first` (its `facts` changed) with a NUC and a mini PC, and its K3s cluster `first` with `cluster` applied; `apps` adds to it. */
function firstSite(machines: Machines = {}, cluster: Partial<ClusterChartProps> = {}, apps: (c: ClusterChart) => void = () => undefined, facts: { domain?: Fact<string>; git?: { url: string }; pools?: Record<string, { first: string; last: string }> } = {}) {
  return guarded((_c: ClusterChart, app: CdkApp) => {
    const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', ...machines.nuc } as any);
    const mini = host('mini', { arch: 'amd64', roles: ['worker'], address: '192.168.1.11', ...machines.mini } as any);
    const first = site('first', { domain: 'first.example.com', hosts: [nuc, mini], git: { url: 'https://github.com/me/first.git' }, ...facts });
    apps(new ClusterChart(app, 'first', {
      site: first, hosts: [nuc, mini], preinstalled: [k3s()], routes: traefik({ hostPorts: true }),
      storage: { fast: localPathStorage() }, gitops: flux(), ...cluster,
    }));
  });
}

/** The site `first` with two single-node clusters, `home` on the NUC and `lab` on the mini PC, each synced by its engine. */
function twoClusters(home: GitOpsEngine, lab: GitOpsEngine) {
  return guarded((_c: ClusterChart, app: CdkApp) => {
    const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
    const mini = host('mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.11' });
    const first = site('first', { domain: 'first.example.com', hosts: [nuc, mini], git: { url: 'https://github.com/me/first.git' } });
    const cluster = (id: string, machine: typeof nuc, gitops: GitOpsEngine) => new ClusterChart(app, id, {
      site: first, hosts: [machine], preinstalled: [k3s()], routes: traefik({ hostPorts: true }), storage: { fast: localPathStorage() }, gitops,
    });
    cluster('home', nuc, home);
    cluster('lab', mini, lab);
  });
}

const app = (props: Partial<AppProps>) => (cluster: ClusterChart) => {
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
};

export const CASES: BadInput[] = [
  // The README's steps joined both machines as agents of "https://<server address>:6443", a server none of them was.
  {
    name: 'a K3s cluster whose hosts are all workers',
    build: firstSite({ nuc: { roles: ['worker'] } }),
    layer: 'inventory', path: 'first', field: 'hosts', hint: /roles: \['control-plane', 'worker'\].*hosts: nuc, mini/,
  },
  {
    name: 'a K3s cluster whose hosts were given no roles',
    build: firstSite({ nuc: { roles: undefined }, mini: { roles: undefined } }),
    layer: 'inventory', path: 'first', field: 'hosts', message: /no host of cluster "first" has the role control-plane/,
  },
  // The C library found no zone of that name and ran the app in UTC, without a word.
  {
    name: 'a TZ with a typo in the zone name',
    build: firstSite({}, {}, app({ env: { TZ: 'Europe/Londn' } })),
    layer: 'props', path: 'web', field: 'env.TZ', hint: /env: \{ TZ: 'Europe\/London' \}$/,
  },
  {
    name: 'a TZ written in lower case',
    build: firstSite({}, {}, app({ env: { TZ: 'europe/london' } })),
    layer: 'props', path: 'web', field: 'env.TZ', message: /case-sensitive: "europe\/london" is written "Europe\/London"/,
  },
  {
    name: "a sidecar's TZ with the C library's colon and a typo",
    build: firstSite({}, {}, app({ sidecars: [{ name: 'exporter', image: 'busybox:1.36.1', env: { TZ: ':America/New_Yrok' } }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].env.TZ', hint: /TZ: 'America\/New_York'/,
  },
  // POSIX reads UTC+2 as two hours west of Greenwich: the app ran four hours off, without a word.
  {
    name: 'a TZ written as an offset east of UTC',
    build: firstSite({}, {}, app({ env: { TZ: 'UTC+2' } })),
    layer: 'props', path: 'web', field: 'env.TZ', message: /2 hours behind UTC, not ahead of it/, hint: /env: \{ TZ: 'Etc\/GMT-2' \}/,
  },
  // The hint said only what a zone name looks like.
  {
    name: 'a CronJob time zone with a typo',
    build: firstSite({}, {}, app({ ports: [], controller: AppController.cronJob({ schedule: '@daily', timeZone: 'Europe/Berln' }) })),
    layer: 'props', path: 'web', field: 'controller.props.timeZone', hint: /timeZone: 'Europe\/Berlin'$/,
  },
  // Traefik registered the account with the blank, and Let's Encrypt refused it: no certificate, ever.
  {
    name: "a Traefik resolver's e-mail copied with a trailing blank",
    build: firstSite({}, { routes: traefik({ hostPorts: true, certResolver: 'le', acme: { le: acmeHttp01({ email: 'me@first.dev ' }) } }) }),
    layer: 'props', path: 'first', field: 'routes.acme.le.email', message: /^email "me@first\.dev " is not an e-mail address/,
  },
  {
    name: "a Traefik resolver's e-mail given as the user name alone",
    build: firstSite({}, { routes: traefik({ hostPorts: true, certResolver: 'le', acme: { le: acmeHttp01({ email: 'me' }) } }) }),
    layer: 'props', path: 'first', field: 'routes.acme.le.email',
  },
  // The hint named local-path, another class than the one meant.
  {
    name: 'an existing StorageClass named as its dashboard shows it',
    build: firstSite({}, { storage: { fast: existingStorageClass('Longhorn') } }),
    layer: 'props', path: 'first', field: 'storage.fast.storageClassName', hint: /existingStorageClass\('longhorn'\)$/,
  },
  // Both READMEs said flux bootstrap --path=clusters/home: the second bootstrap took the folder over.
  {
    name: 'two clusters of a site given one Flux bootstrapPath',
    build: twoClusters(flux({ bootstrapPath: 'clusters/home' }), flux({ bootstrapPath: 'clusters/home' })),
    layer: 'references', path: 'lab', field: 'gitops.bootstrapPath', hint: /bootstrapPath: 'clusters\/first-lab'/,
  },
  {
    name: "a Flux bootstrapPath inside another cluster's",
    build: twoClusters(flux({ bootstrapPath: 'clusters' }), flux({ bootstrapPath: 'clusters/lab' })),
    layer: 'references', path: 'lab', field: 'gitops.bootstrapPath', message: /a folder inside clusters\/,/,
  },
  {
    name: "a Flux bootstrapPath that holds another cluster's default one",
    build: twoClusters(flux(), flux({ bootstrapPath: 'flux-system' })),
    layer: 'references', path: 'lab', field: 'gitops.bootstrapPath', message: /a folder that holds flux-system\/first\/home\/,/,
  },
  // The hint said only what a domain looks like ("e.g. lab.example").
  {
    name: 'a site domain written as the wildcard record that points at the cluster',
    build: firstSite({}, {}, undefined, { domain: '*.first.example.com' }),
    layer: 'inventory', path: 'inventory/site/first', field: 'domain', hint: /^write it as domain: 'first\.example\.com', the name routes live under/,
  },
  {
    name: 'a cluster domain written as a wildcard',
    build: firstSite({}, { domain: '*.k8s.first.example.com' }),
    layer: 'props', path: 'first', field: 'domain', hint: /domain: 'k8s\.first\.example\.com'/,
  },
  // The hint made a host of the folder's first part: 'https://home/me/first'.
  {
    name: 'a Git URL that is the folder of the local clone',
    build: firstSite({}, {}, undefined, { git: { url: 'file:///home/me/first' } }),
    layer: 'inventory', path: 'inventory/site/first', field: 'git.url', hint: /git remote get-url origin/,
  },
  {
    name: 'a Git URL that is the path of the local clone',
    build: firstSite({}, {}, undefined, { git: { url: '~/src/first' } }),
    layer: 'inventory', path: 'inventory/site/first', field: 'git.url', message: /is a folder of the machine synth runs on/,
  },
  // The hint named vips, another name than the one meant.
  {
    name: 'an address pool keyed in capitals, as the router calls the range',
    build: firstSite({}, {}, undefined, { pools: { LB: { first: '192.168.1.240', last: '192.168.1.245' } } }),
    layer: 'inventory', path: 'inventory/site/first/pools/LB', field: 'name', hint: /e\.g\. lb$/,
  },
  // The hint listed the six names, none of them the one K3s' docs give the provisioner.
  {
    name: "K3s' local-path provisioner disabled by its own name",
    build: firstSite({}, { preinstalled: [k3s({ disable: ['traefik', 'servicelb', 'local-path'] })] }),
    layer: 'props', path: 'first', field: 'preinstalled[0].disable[2]', hint: /'local-storage'$/,
  },
  // The hint wrote domain: 'todo' back, a name no one owns.
  {
    name: 'a site domain left as the placeholder TODO',
    build: firstSite({}, {}, undefined, { domain: placeholder('TODO', { fact: 'the lab domain', owner: 'buy one' }) }),
    layer: 'inventory', path: 'inventory/site/first', field: 'domain', hint: /^give the domain routes live under, in lower case, e\.g\. lab\.example$/,
  },
];
