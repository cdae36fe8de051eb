import { App as CdkApp } from 'cdk8s';
import { AppDevice, ExternalService, externalHost, Harbor, HomeAssistantVm, host, Jellyfin, JellyfinMedia, JellyfinTranscoding, MediaContainers, metalLb, Osquery, SecretReference, site, vlan, WazuhAgent } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp, labCluster, raw } from './lab';

// A home-lab user's first apps and services, written from the README alone, often as untyped JavaScript:
// values of another tool's form, a list given as one item, a URL where a path belongs. Each mistake is one
// error on the prop the user wrote, whose hint writes the value in the form that is taken.

const manager = () => externalHost('wazuh', { address: '10.0.0.50' });
const harbor = (route: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Harbor(cluster, 'harbor', {
  route: route as any, adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
  internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
}));
const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
const sonarr = (container: Record<string, unknown>, props: Record<string, unknown> = {}, setting: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings: { ...settings, ...setting } as any, containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.11', listenPort: 8989, ...container } as any }, ...props,
}));
/** A VM host of a site of its own, with the ZFS pool `vms` and a bridge on the IoT VLAN. */
const iot = vlan('nua-iot', { id: 20, cidr: '192.168.31.0/24', gateway: '192.168.31.1' });
const vmHost = host('nua-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.30.5', zfsPools: { vms: { media: 'ssd' } }, bridges: { br20: { vlan: iot } } });
const vmSite = site('nua', {
  domain: 'nua.test', hosts: [vmHost], vlans: { lan: vlan('nua-lan', { id: 10, cidr: '192.168.30.0/24', gateway: '192.168.30.1' }), iot },
  pools: { vips: { first: '192.168.30.240', last: '192.168.30.250' } }, git: { url: 'https://git.example/lab.git' },
});
const homeAssistant = (props: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) => new HomeAssistantVm(
  labCluster(app, 'edge', { site: vmSite, hosts: [vmHost], storage: { vms: vmHost.zfs.vms }, loadBalancer: metalLb({ pools: [vmSite.pools.vips] }) }),
  'home-assistant', { disk: vmHost.zfs.vms.existingVolume('ha', { size: '64Gi' }), iot: { bridge: vmHost.bridges.br20, address: '192.168.31.2' }, ...props },
));
const account = (rules: Array<Record<string, unknown>>) => guarded(labApp('web', { serviceAccount: { reason: 'lists the pods it shows', rules } }));
const wazuh = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new WazuhAgent(cluster, 'wazuh-agent', { manager: manager(), ...props } as any));

export const CASES: BadInput[] = [
  // A list prop given one entry as text crashed the construct (`watchedFolders.join is not a function`).
  { name: "a Wazuh agent's watchedFolders as one folder", build: wazuh({ watchedFolders: '/etc' }), layer: 'props', path: 'wazuh-agent', field: 'watchedFolders', hint: /\['\/etc'\]/ },
  { name: "a Wazuh agent's jsonLogs as one file", build: wazuh({ jsonLogs: '/var/log/app.json' }), layer: 'props', path: 'wazuh-agent', field: 'jsonLogs', hint: /\['\/var\/log\/app\.json'\]/ },
  { name: "an Osquery host folder as a number", build: guarded((cluster: ClusterChart) => new Osquery(cluster, 'osquery', { hostFolders: [5] } as any)), layer: 'props', path: 'osquery', field: 'hostFolders[0]' },
  // Harbor's chart renders its own Ingress, which no check of objects sees: the chart got `https://https://…` as its externalURL.
  { name: "Harbor's route host as the registry's URL", build: harbor({ host: 'https://registry.lab.test' }), layer: 'props', path: 'harbor', field: 'route.host', hint: /host: 'registry\.lab\.test'/ },
  { name: "Harbor's route host in capitals", build: harbor({ host: 'Registry' }), layer: 'props', path: 'harbor', field: 'route.host', hint: /host: 'registry'/ },
  // A path written as the URL curl or a browser is given: the hint put a / before the whole URL.
  { name: "a readiness probe's httpPath as curl's URL", build: guarded(labApp('web', { probes: { readiness: { httpPath: 'http://localhost:8080/healthz' } } })), layer: 'props', path: 'web', field: 'probes.readiness.httpPath', hint: /without http:\/\/localhost:8080: \/healthz$/ },
  { name: "a route's path as the page's URL", build: guarded(labApp('web', { route: { host: 'web', path: 'https://web.lab.test/app' } })), layer: 'props', path: 'web', field: 'route.path', hint: /without https:\/\/web\.lab\.test: \/app$/ },
  // An interval in seconds as compose's healthcheck and Kubernetes' …Seconds count it: the hint wrote '30', which is refused in turn.
  { name: "a media container's health check interval as a number of seconds", build: sonarr({ healthCheck: { command: ['true'], interval: 30 } }), layer: 'props', path: 'media', field: 'containers.sonarr.healthCheck.interval', hint: /interval: '30s'/ },
  { name: "a media container's health check timeout as a number of seconds", build: sonarr({ healthCheck: { command: ['true'], timeout: 90 } }), layer: 'props', path: 'media', field: 'containers.sonarr.healthCheck.timeout', hint: /timeout: '1m30s'/ },
  // An address's ports have no name: the hint gave them the app port's `name: 'http'`, which is refused in turn.
  { name: "an egress address's ports as numbers", build: guarded(labApp('web', { egress: [{ cidr: '10.0.0.5/32', ports: [443] }] })), layer: 'props', path: 'web', field: 'egress[0].ports[0]', hint: /^write the port as an object: \{ port: 443 \}$/ },
  { name: "an egress address's port as compose's 514/udp", build: guarded(labApp('web', { egress: [{ cidr: '10.0.0.5/32', ports: ['514/udp'] }] })), layer: 'props', path: 'web', field: 'egress[0].ports[0]', hint: /\{ port: 514, protocol: 'UDP' \}$/ },
  // The name went unchecked into the Service, where the error named the rendered object's spec.ports[0].name.
  {
    name: "an ExternalService's port name in capitals",
    build: guarded((cluster: ClusterChart) => new ExternalService(cluster, 'nas', { host: externalHost('nas', { address: '10.0.0.9', ports: { web: 5000 } }), service: 'web', portName: 'Web' })),
    layer: 'props', path: 'nas', field: 'portName', hint: /portName: 'web'/,
  },
  // A VM's labels were judged on the rendered VirtualMachine (edge/home-assistant/vm metadata.labels.owner), not on the prop.
  { name: "a Home Assistant VM's label value with a blank", build: homeAssistant({ labels: { owner: 'the admin' } }), layer: 'props', path: 'edge/home-assistant', field: 'labels.owner' },
  // RBAC compares a rule's entries with a request's as written: each of these was taken and granted nothing.
  { name: "a service account rule's API group as apiVersion's apps/v1", build: account([{ apiGroups: ['apps/v1'], resources: ['deployments'], verbs: ['get'] }]), layer: 'props', path: 'web', field: 'serviceAccount.rules[0].apiGroups[0]', hint: /write 'apps'/ },
  { name: "a service account rule's core group as v1", build: account([{ apiGroups: ['v1'], resources: ['pods'], verbs: ['get'] }]), layer: 'props', path: 'web', field: 'serviceAccount.rules[0].apiGroups[0]', hint: /write ''/ },
  // The hint wrote 'pod', which grants nothing either.
  { name: "a service account rule's resource as the kind Pod", build: account([{ apiGroups: [''], resources: ['Pod'], verbs: ['get'] }]), layer: 'props', path: 'web', field: 'serviceAccount.rules[0].resources[0]', hint: /write 'pods'/ },
  { name: "a service account rule's resource in the singular", build: account([{ apiGroups: [''], resources: ['secret'], verbs: ['get'] }]), layer: 'props', path: 'web', field: 'serviceAccount.rules[0].resources[0]', hint: /write 'secrets'/ },
  { name: 'a service account rule for deployments under the core group', build: account([{ apiGroups: [''], resources: ['pods', 'deployments'], verbs: ['get'] }]), layer: 'props', path: 'web', field: 'serviceAccount.rules[0].resources[1]', hint: /add 'apps' to apiGroups/ },
  { name: "a service account's namespaced rule for nodes", build: account([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }]), layer: 'props', path: 'web', field: 'serviceAccount.rules[0].resources[0]', hint: /clusterRules/ },
  { name: "a service account rule's verb read", build: account([{ apiGroups: [''], resources: ['pods'], verbs: ['read'] }]), layer: 'props', path: 'web', field: 'serviceAccount.rules[0].verbs[0]', hint: /'get', 'list', 'watch'/ },
  // The same rules, judged on a Role written by hand.
  {
    name: 'a hand-written Role that grants nodes',
    build: (cluster: ClusterChart) => { raw(cluster, 'w', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'web' }, rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }] }); },
    layer: 'schema', path: 'w', field: 'rules[0].resources[0]', hint: /ClusterRole/,
  },
  // The port the container listens on, where the route names the Service's: "is not one of the app's ports" read as wrong.
  {
    name: "a route's port as the container port behind a servicePort",
    build: guarded(labApp('web', { ports: [{ name: 'http', port: 8080, servicePort: 80 }], route: { host: 'web', port: 8080 } })),
    layer: 'references', path: 'web', field: 'route.port', message: /container port of "http"/, hint: /^write port: 80$/,
  },
  // A device given twice was two errors on the rendered pod (two volumes dev-dri, /dev/dri mounted twice); a
  // plugin's resource twice was one limit, silently.
  { name: 'the GPU folder given twice as a device', build: guarded(labApp('web', { devices: [AppDevice.dri(), AppDevice.dri()], exemptions: { hostPath: 'transcoding' } })), layer: 'props', path: 'web', field: 'devices[1]' },
  { name: "a device plugin's resource given twice", build: guarded(labApp('web', { devices: [AppDevice.plugin('squat.ai/serial'), AppDevice.plugin('squat.ai/serial')] })), layer: 'props', path: 'web', field: 'devices[1]', hint: /AppDevice\.plugin\('squat\.ai\/serial', 2\)/ },
  // A blank after the name mounted a device no node has.
  { name: "a render node's name with a blank after it", build: guarded(labApp('web', { devices: [AppDevice.dri('renderD128 ')], exemptions: { hostPath: 'transcoding' } })), layer: 'props', path: 'web', field: 'devices[0].path', hint: /'\/dev\/dri\/renderD128'\)$/ },
  // Taken without a word: the media containers stayed on node ports, and Jellyfin was placed on the NVIDIA
  // host with /dev/dri, which NVIDIA's GPUs do not transcode through.
  { name: "the media containers' exposure as 'Ingress'", build: sonarr({}, { exposure: 'Ingress' }), layer: 'props', path: 'media', field: 'exposure', hint: /'ingress'/ },
  {
    name: "Jellyfin's /dev/dri transcoding of an NVIDIA GPU",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', {
      media: JellyfinMedia.nfs(lab.nfs.share), hardwareTranscoding: JellyfinTranscoding.dri({ vendor: 'nvidia' as any, renderGroup: 303, videoGroup: 26 }), exemptions: { hostPath: 'transcoding' },
    })),
    layer: 'props', path: 'jellyfin', field: 'hardwareTranscoding.vendor', hint: /JellyfinTranscoding\.nvidia\(\)/,
  },
  // Taken as they were: driDevices other than 'intel-plugin' mounted /dev/dri, a derived port range as text
  // gave node port NaN, and a tailnet's URL went into each upstream of the reverse proxy.
  { name: "the media containers' driDevices as 'intel'", build: sonarr({}, { driDevices: 'intel' }), layer: 'props', path: 'media', field: 'driDevices', hint: /intel-plugin/ },
  { name: "the media containers' derivedPortRange as text", build: sonarr({}, { derivedPortRange: '30000-32767' }), layer: 'props', path: 'media', field: 'derivedPortRange' },
  { name: "the media containers' tailnet as its URL", build: sonarr({}, { tailnet: 'https://bat-boa.ts.net' }), layer: 'props', path: 'media', field: 'tailnet', hint: /tailnet: 'bat-boa\.ts\.net'/ },
  // Untyped values of the media settings and a container's configDir: the construct crashed on them
  // (configDir.replace is not a function), or a number became the containers' TZ.
  { name: "a media container's configDir as true", build: sonarr({ configDir: true }), layer: 'props', path: 'media', field: 'containers.sonarr.configDir', hint: /configDir: false/ },
  { name: "the media settings' configDir as a number", build: sonarr({}, {}, { configDir: 5 }), layer: 'props', path: 'media', field: 'settings.configDir' },
  { name: "the media settings' time zone as a number", build: sonarr({}, {}, { tz: 1 }), layer: 'props', path: 'media', field: 'settings.tz', hint: /tz: 'Europe\/Berlin'/ },
  // Named on what the construct made of them: the agent's egress rule (egress[0].ports[0].port), and the
  // Service, its namespace and the namespace's object, three errors for an id in capitals.
  {
    name: "a Wazuh manager's events port as text",
    build: guarded((cluster: ClusterChart) => new WazuhAgent(cluster, 'wazuh-agent', { manager: externalHost('wazuh', { address: '10.0.0.50', ports: { events: '1514' } as any }) })),
    layer: 'props', path: 'wazuh-agent', field: 'manager.ports.events', hint: /events: 1514/,
  },
  {
    name: "an ExternalService's id in capitals",
    build: guarded((cluster: ClusterChart) => new ExternalService(cluster, 'NAS', { host: externalHost('nas', { address: '10.0.0.9', ports: { NAS: 5000 } }) })),
    layer: 'props', path: 'NAS', field: 'id', hint: /'nas'/,
  },
  // A firewall's word for open or shut egress: the hint listed peers, where the word meant was 'any' or [].
  { name: "an app's egress as 'Any'", build: guarded(labApp('web', { egress: 'Any' })), layer: 'props', path: 'web', field: 'egress', hint: /egress: 'any'/ },
  { name: "an app's egress as 'none'", build: guarded(labApp('web', { egress: 'none' })), layer: 'props', path: 'web', field: 'egress', hint: /egress: \[\]/ },
];
