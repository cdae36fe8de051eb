import { Forgejo, MediaContainers, Ollama, WazuhAgent } from '../../constructs';
import type { ClusterChart, MediaContainer } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A first evening with popular images (Pi-hole, a Minecraft server, Uptime Kuma, Grafana, linuxserver.io's
// apps), written from the README alone: an exemption written as a switch, a load balancer written as one or
// with port numbers, and an nginx or ingress habit carried into a route, each answered on the prop with how
// to write it here.

const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
const media = (container: Record<string, unknown>) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings, containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14', listenPort: 8989, ...container } as MediaContainer },
}));
const dns = { ports: [{ name: 'http', port: 80 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }] };
const asText = /write the reason as text/;

export const CASES: BadInput[] = [
  // Exemptions written as switches: the hint writes the reason as text, on the prop, for every construct that takes them.
  { name: 'an app exemption hostNetwork: true', build: guarded(labApp('web', { exemptions: { hostNetwork: true } })), layer: 'props', path: 'web', field: 'exemptions.hostNetwork', hint: /hostNetwork: 'DHCP discovery needs the host network'/ },
  { name: 'an app exemption privileged: true', build: guarded(labApp('web', { exemptions: { privileged: true } })), layer: 'props', path: 'web', field: 'exemptions.privileged', hint: asText },
  { name: 'an app exemption privileged: false', build: guarded(labApp('web', { exemptions: { privileged: false } })), layer: 'props', path: 'web', field: 'exemptions.privileged', hint: /leave exemptions\.privileged out/ },
  { name: "a sidecar's exemption runAsRoot: true", build: guarded(labApp('web', { sidecars: [{ name: 'proxy', image: 'nginxinc/nginx-unprivileged:1.27.0', exemptions: { runAsRoot: true } }] })), layer: 'props', path: 'web', field: 'sidecars[0].exemptions.runAsRoot', hint: asText },
  { name: 'addCapabilities given as a bare list is one error', build: guarded(labApp('web', { exemptions: { addCapabilities: ['NET_ADMIN'] } })), layer: 'props', path: 'web', field: 'exemptions.addCapabilities', hint: /addCapabilities: \{ capabilities: \['NET_ADMIN'\], reason/ },
  { name: 'a media container privileged: true', build: media({ privileged: true }), layer: 'props', path: 'media', field: 'containers.sonarr.privileged', hint: asText },
  { name: 'a media container runAsRoot: true', build: media({ runAsRoot: true }), layer: 'props', path: 'media', field: 'containers.sonarr.runAsRoot', hint: asText },
  { name: 'a media container writableRoot: true', build: media({ writableRoot: true }), layer: 'props', path: 'media', field: 'containers.sonarr.writableRoot', hint: asText },
  { name: 'a media container privileged as empty text', build: media({ privileged: '' }), layer: 'props', path: 'media', field: 'containers.sonarr.privileged', hint: asText },
  { name: 'Ollama exemption hostNetwork: true', build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { exemptions: { hostNetwork: true } } as any)), layer: 'props', path: 'ollama', field: 'exemptions.hostNetwork', hint: asText },
  { name: 'Forgejo exemption runAsRoot: true', build: guarded((c: ClusterChart) => new Forgejo(c, 'forgejo', { exemptions: { runAsRoot: true } } as any)), layer: 'props', path: 'forgejo', field: 'exemptions.runAsRoot', hint: asText },
  { name: 'WazuhAgent exemption hostNetwork: true', build: guarded((c: ClusterChart) => new WazuhAgent(c, 'wazuh', { exemptions: { hostNetwork: true } } as any)), layer: 'props', path: 'wazuh', field: 'exemptions.hostNetwork', hint: asText },
  // A DNS server behind a load balancer.
  { name: 'a load balancer given as true', build: guarded(labApp('pihole', { ...dns, loadBalancer: true })), layer: 'props', path: 'pihole', field: 'loadBalancer', hint: /loadBalancer: \{ address: site\.pools/ },
  { name: 'a load balancer whose ports are numbers', build: guarded(labApp('pihole', { ...dns, loadBalancer: { ports: [53] } })), layer: 'props', path: 'pihole', field: 'loadBalancer.ports', hint: /ports: \['dns-tcp', 'dns-udp'\]/ },
  // Uptime Kuma's websockets, as an nginx or ingress setup asks for them.
  { name: 'a route with websocket: true', build: guarded(labApp('kuma', { route: { host: 'status', websocket: true } })), layer: 'props', path: 'kuma', field: 'route.websocket', hint: /websockets need no prop/ },
  {
    name: "a route setting Upgrade to nginx's $http_upgrade",
    build: guarded(labApp('kuma', { route: { host: 'status', rules: [{ path: '/', requestHeaders: { set: { Upgrade: '$http_upgrade', Connection: 'upgrade' } } }] } })),
    layer: 'props', path: 'kuma', field: 'route.rules[0].requestHeaders.set.Upgrade', hint: /leave the Upgrade header out/,
  },
  {
    name: "a route adding X-Real-IP from nginx's $remote_addr",
    build: guarded(labApp('grafana', { route: { host: 'grafana', rules: [{ path: '/', requestHeaders: { add: { 'X-Real-IP': '$remote_addr' } } }] } })),
    layer: 'props', path: 'grafana', field: 'route.rules[0].requestHeaders.add.X-Real-IP', hint: /X-Forwarded-For/,
  },
];
