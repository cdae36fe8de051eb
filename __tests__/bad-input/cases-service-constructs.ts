import { ClusterChart, externalHost, flux, Forgejo, HomeAssistantVm, ForgejoDatabase, Harbor, Ollama, Osquery, SecretReference, traefik, WazuhAgent, WeaveGitOps } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The service constructs as a new user wrote them: each synthesized before (or failed elsewhere, or named
// a prop the user never wrote) though Forgejo could not have worked with it.

const forgejo = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Forgejo(cluster, 'git', { route: { host: 'git' }, ...props } as any));
const dbPassword = SecretReference.external('forgejo', 'forgejo-db', 'password');
/** Home Assistant's VM on the IoT bridge of a site that has one; props override. */
const homeAssistant = (props: Record<string, unknown>) => guarded((_c: ClusterChart, app: any) => new HomeAssistantVm(
  new ClusterChart(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() }),
  'home-assistant', { disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, ...props } as any,
));

export const CASES: BadInput[] = [
  // Forgejo's image tag.
  { name: 'a Forgejo version written with a v', build: forgejo({ version: 'v11.0.6' }), layer: 'props', path: 'git', field: 'version', hint: /version: '11\.0\.6'/ },
  { name: 'a Forgejo version written with the -rootless suffix', build: forgejo({ version: '11.0.6-rootless' }), layer: 'props', path: 'git', field: 'version', hint: /version: '11\.0\.6'/ },
  // Forgejo's SSH.
  { name: 'a Forgejo SSH port of 0', build: forgejo({ ssh: { port: 0 } }), layer: 'props', path: 'git', field: 'ssh.port' },
  { name: 'a Forgejo SSH prop misspelt', build: forgejo({ ssh: { prot: 2222 } }), layer: 'props', path: 'git', field: 'ssh.prot' },
  { name: 'a Forgejo SSH domain written as a URL', build: forgejo({ ssh: { domain: 'ssh://git.lab.test' } }), layer: 'props', path: 'git', field: 'ssh.domain', hint: /domain: 'git\.lab\.test'/ },
  { name: 'a Forgejo SSH domain with a port', build: forgejo({ ssh: { domain: 'git.lab.test:2222' } }), layer: 'props', path: 'git', field: 'ssh.domain' },
  {
    name: 'a Forgejo SSH load balancer on a cluster with nothing to serve it',
    build: (_c, app) => new Forgejo(labCluster(app, 'bare', { loadBalancer: undefined }), 'git', { ssh: { loadBalancer: {} } }),
    layer: 'inventory', path: 'git', field: 'ssh.loadBalancer',
  },
  {
    name: 'a Forgejo SSH load balancer without the address MetalLB needs',
    build: (cluster) => new Forgejo(cluster, 'git', { ssh: { loadBalancer: {} } }),
    layer: 'inventory', path: 'git', field: 'ssh.loadBalancer.address',
  },
  {
    name: "a Forgejo SSH port written as Traefik's node port",
    build: (_c, app) => new Forgejo(labCluster(app, 'np', { routes: traefik({ nodePorts: true }) }), 'git', { route: { host: 'git' }, ssh: { port: 30022 } }),
    layer: 'references', path: 'git', field: 'ssh.port', hint: /set port: 22; clients still connect to node port 30022/,
  },
  { name: 'a Forgejo route on a path of a shared host', build: forgejo({ route: { host: 'apps', path: '/git' } }), layer: 'props', path: 'git', field: 'route.path' },
  // Forgejo's PostgreSQL server.
  {
    name: 'a Forgejo PostgreSQL host with its port',
    build: forgejo({ database: ForgejoDatabase.postgres({ host: 'pg.db.svc.cluster.local:5433', password: dbPassword }) }),
    layer: 'props', path: 'git', field: 'database.postgres.host', hint: /port: 5433/,
  },
  {
    name: 'a Forgejo PostgreSQL host written as a URL',
    build: forgejo({ database: ForgejoDatabase.postgres({ host: 'postgres://pg.db.svc.cluster.local', password: dbPassword }) }),
    layer: 'props', path: 'git', field: 'database.postgres.host',
  },
  // Ollama's accelerator.
  {
    name: 'an Ollama accelerator no host of the cluster has',
    build: (cluster) => new Ollama(cluster, 'llm', { accelerator: 'amd' }),
    layer: 'inventory', path: 'llm', field: 'accelerator', hint: /gpus: \[\{ vendor: 'amd' \}\]/,
  },
  // Node agents' folders of the node.
  { name: 'an osquery host folder written relative', build: guarded((c: ClusterChart) => new Osquery(c, 'osquery', { hostFolders: ['/etc', 'var/log'] })), layer: 'props', path: 'osquery', field: 'hostFolders[1]', hint: /'\/var\/log'/ },
  {
    name: 'a Wazuh agent watching a relative folder',
    build: guarded((c: ClusterChart) => new WazuhAgent(c, 'wazuh', { manager: externalHost('wazuh-manager', { address: '10.0.9.5' }), watchedFolders: ['etc'] })),
    layer: 'props', path: 'wazuh', field: 'watchedFolders[0]',
  },
  // Routes of services whose chart makes the route, or that answer at the root only.
  {
    name: 'basic auth on the route of Harbor, whose chart makes its own Ingress',
    build: guarded((c: ClusterChart) => new Harbor(c, 'harbor', {
      route: { host: 'registry', basicAuth: SecretReference.external('registry', 'auth', 'users') },
      adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
      internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
    })),
    layer: 'props', path: 'harbor', field: 'route.basicAuth',
  },
  {
    name: 'Weave GitOps on a path of a shared host',
    build: guarded((c: ClusterChart) => new WeaveGitOps(c, 'gitops', {
      route: { host: 'ops', path: '/flux' }, adminPassword: SecretReference.external('flux-system', 'cluster-user-auth', 'password'),
    })),
    layer: 'props', path: 'gitops', field: 'route.path',
  },
  // Home Assistant's VM.
  { name: "a Home Assistant VM address outside its bridge's VLAN", build: homeAssistant({ iot: { bridge: n5.bridges.bridge64, address: '192.168.1.20' } }), layer: 'props', path: 'home-assistant', field: 'iot.address' },
  { name: 'a Home Assistant VM memory written as docker writes it', build: homeAssistant({ memory: '4GB' }), layer: 'props', path: 'home-assistant', field: 'memory', hint: /'4Gi'/ },
  { name: 'a Home Assistant VM of no cores', build: homeAssistant({ cores: 0 }), layer: 'props', path: 'home-assistant', field: 'cores' },
];
