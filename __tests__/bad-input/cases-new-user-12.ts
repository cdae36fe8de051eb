import * as fs from 'fs';
import { App as CdkApp } from 'cdk8s';
import { ApiObject } from 'cdk8s';
import { AppVolume, externalHost, Forgejo, host, Ollama, site, traefik, vlan } from '../../constructs';
import type { ClusterChart, HostProps, SiteProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster } from './lab';

// First labs of someone who read the README and the TSDoc only, about the hardware inventory, a fleet and
// what the lab's code reads at synth time: text built from an environment variable that was not set (the
// API server took `undefined/me/web:1.0.0` and `www.undefined` as they were), an object written into text,
// a GPU's vendor copied beside another maker's model (the other maker's device plugin found no GPU), a VLAN
// interface or bridge uplink named for another VLAN than the one it is listed on, an app of another cluster
// named as a peer (the policy selected pods that were not there), a service's own variable moved with
// addEnv after construction, and a file read from a path relative to another folder (reported as the
// construct's own failure, with no word of the file). Each is one error naming the field.

/** An environment variable of the machine that runs synth that is not set, as `process.env.X` gives it. */
const unset = undefined as string | undefined;

/** A cluster `home` of a site of its own (one host), built beside the lab's, with the site's and the host's facts changed. */
function homeCluster(siteProps: Partial<SiteProps<string, string, string, string>> = {}, hostProps: Partial<HostProps> = {}) {
  return (_cluster: ClusterChart, app: CdkApp): ClusterChart => {
    const box = host('box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.5', ...hostProps });
    const home = site('home', { domain: 'home.test', hosts: [box], git: { url: 'https://git.home.test/lab.git' }, ...siteProps });
    return labCluster(app, 'home', { site: home, hosts: [box], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
  };
}

/** The networks of `homeCluster`'s site: the LAN of its host, and an IoT and a VIP VLAN. */
const homeVlans = {
  lan: vlan('home-lan', { id: 1, cidr: '10.1.0.0/24' }), iot: vlan('home-iot', { id: 64, cidr: '10.1.64.0/24' }), vips: vlan('home-vips', { id: 8, cidr: '10.1.8.0/24' }),
};

export const CASES: BadInput[] = [
  // Text built from a value that was not there: the API server takes it as it is.
  { name: 'a route host built from an unset environment variable', build: labApp('web', { route: { host: `${unset}` } }), layer: 'references', path: 'web/route', field: 'spec.routes[0].match', hint: /process\.env/ },
  { name: 'an image registry built from an unset environment variable', build: labApp('web', { image: `${unset}/me/web:1.0.0` }), layer: 'references', path: 'web', field: 'image', hint: /process\.env/ },
  { name: "an env URL whose host is an unset environment variable", build: labApp('web', { env: { API_URL: `http://${unset}:8080` } }), layer: 'references', path: 'web', field: 'env.API_URL' },
  { name: 'a number of workers read from an unset environment variable', build: labApp('web', { env: { WORKERS: `${Number(unset)}` } }), layer: 'references', path: 'web', field: 'env.WORKERS', hint: /Number/ },
  {
    name: "an inventory machine written into an env value where its address was meant",
    build: labApp('web', { env: { NAS: `${externalHost('nas', { address: '10.0.0.40' }) as unknown as string}:2049` } }),
    layer: 'references', path: 'web', field: 'env.NAS', hint: /host\.address/,
  },
  {
    name: 'a mount path built from an unset environment variable',
    build: (c) => labApp('web')(c).addVolume('data', AppVolume.emptyDir(), { mountPath: `/${unset}` }),
    layer: 'references', path: 'web/deployment', field: 'spec.template.spec.containers[0].volumeMounts[1].mountPath',
  },
  {
    name: "an app's route host read before addRoute gave it one",
    build: (c) => {
      const web = labApp('web')(c);
      labApp('client', { env: { WEB_URL: `https://${web.routeHostname}` } })(c);
      web.addRoute({ host: 'www' });
    },
    layer: 'references', path: 'client', field: 'env.WEB_URL', hint: /before addRoute/,
  },
  // Any text but '' is true where JavaScript tests it: a switch read from the environment is compared, not passed.
  { name: 'a switch given as the text an environment variable holds', build: guarded(labApp('web', { headless: 'false' })), layer: 'props', path: 'web', field: 'headless', hint: /headless: false; .*process\.env\.X === 'true'/ },
  { name: "a site's Git host from an unset environment variable", build: homeCluster({ git: { url: `https://${unset}/me/lab.git` } }), layer: 'references', path: 'home/flux/source', field: 'spec.url' },
  {
    name: "a site's domain from an unset environment variable",
    build: (c, app) => labApp('web', { route: { host: 'www' } })(homeCluster({ domain: `${unset}` })(c, app)),
    layer: 'references', path: 'home/web/route', field: 'spec.routes[0].match',
  },
  {
    name: 'a hand-written object whose name is an unset environment variable',
    build: (c) => new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `settings-${unset}`, namespace: 'default' }, data: { a: 'b' } }),
    layer: 'references', path: 'cm', field: 'metadata.name',
  },
  // The hint said to use the kubernetes.io/arch label value, which for a 32-bit Pi is 'arm', refused the same way.
  { name: 'a Raspberry Pi on a 32-bit system, as kubernetes.io/arch names it', build: homeCluster({}, { arch: 'arm' as 'arm64' }), layer: 'inventory', path: 'inventory/host/box', field: 'arch', hint: /64-bit/ },
  // The vendor picks the device plugin and the resource: the other maker's plugin found no GPU, and the pods stayed Pending.
  { name: "a GPU's vendor copied beside another maker's model", build: homeCluster({}, { gpus: [{ vendor: 'nvidia', model: 'AMD Radeon RX 6600' }] }), layer: 'inventory', path: 'inventory/host/box', field: 'gpus[0].vendor', hint: /vendor: 'amd'/ },
  { name: "an Intel GPU declared with an NVIDIA card's vendor", build: homeCluster({}, { gpus: [{ vendor: 'nvidia', model: 'Intel Arc A380' }] }), layer: 'inventory', path: 'inventory/host/box', field: 'gpus[0].vendor', hint: /vendor: 'intel'/ },
  // What used the interface (a bridge's VMs, MetalLB's announcements) was on another VLAN than the one written.
  {
    name: "a host's interface on a VLAN named for another VLAN",
    build: homeCluster({ vlans: homeVlans }, { vlanInterfaces: [{ vlan: homeVlans.vips, device: 'eno1.9' }] }),
    layer: 'inventory', path: 'inventory/host/box', field: 'vlanInterfaces[0].device', hint: /'eno1\.8'/,
  },
  {
    name: "a bridge's uplink named for another VLAN than the bridge's",
    build: homeCluster({ vlans: homeVlans }, { bridges: { br64: { vlan: homeVlans.iot, uplink: 'eno1.20' } } }),
    layer: 'inventory', path: 'inventory/host/box/bridges/br64', field: 'uplink', hint: /'eno1\.64'/,
  },
  // The policy rendered in one cluster selected pods of a namespace that only the other cluster has: the app's traffic stayed shut out.
  {
    name: 'an app named in the egress of an app of another cluster',
    build: guarded((c: ClusterChart, app: CdkApp) => labApp('web', { egress: [labApp('db', { image: 'ghcr.io/acme/db:1.0.0', ports: [{ name: 'pg', port: 5432 }] })(c)] })(homeCluster()(c, app))),
    layer: 'props', path: 'home/web', field: 'egress[0]', hint: /cidr/,
  },
  {
    name: 'an app of another cluster admitted with addAllowFrom',
    build: guarded((c: ClusterChart, app: CdkApp) => labApp('db', { image: 'ghcr.io/acme/db:1.0.0', ports: [{ name: 'pg', port: 5432 }] })(c).addAllowFrom(labApp('web')(homeCluster()(c, app)))),
    layer: 'props', path: 'main/db', field: 'addAllowFrom',
  },
  // Set after construction, the variable the service's Service, probes and route were built for moved: the pod never became ready.
  {
    name: "Ollama's OLLAMA_HOST set with addEnv on another port",
    build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'nvidia' }).addEnv('OLLAMA_HOST', '0.0.0.0:8080')),
    layer: 'props', path: 'ollama', field: 'addEnv.OLLAMA_HOST', hint: /leave OLLAMA_HOST out/,
  },
  {
    name: "Forgejo's HTTP_PORT set with addEnv on the main container",
    build: guarded((c: ClusterChart) => new Forgejo(c, 'git', { route: { host: 'git' } }).container.addEnv('FORGEJO__server__HTTP_PORT', '8080')),
    layer: 'props', path: 'git', field: 'addEnv.FORGEJO__server__HTTP_PORT',
  },
  // Reported as "building this construct failed: ENOENT …", with a hint about the construct's props.
  {
    name: 'a file of the lab read from a path relative to the module',
    build: guarded((c: ClusterChart) => labApp('web', { env: { SETTINGS: fs.readFileSync('./no-such-folder/settings.conf', 'utf8') } })(c)),
    layer: 'props', path: 'main', field: 'file ./no-such-folder/settings.conf', hint: /folder synth runs in/,
  },
  {
    name: "a file of the lab read beside __dirname, the bundle's folder",
    build: guarded(() => fs.readFileSync('/nonexistent-project/.build/settings.conf', 'utf8')),
    layer: 'props', path: 'main', field: 'file /nonexistent-project/.build/settings.conf', hint: /__dirname/,
  },
];
