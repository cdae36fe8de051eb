import { AppVolume, HomelabApp } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user's team chat from the README alone: Mattermost, Rocket.Chat, Zulip and Element Web, each behind a route.
// These mistakes passed synthesis: copied from a compose file or a guide that publishes the container's port, the
// address each image is told people reach it at named a host no route serves, so the apps mailed links, signed in
// and served files elsewhere, or answered every request with 400 Bad Request; Zulip, not told its route's proxy,
// answered every request with 500; and Element Web, declared on the port an unprivileged nginx takes, listened on its
// own 80, where neither its Service nor its probes went. Its config.json mounted with a subPath beside the entry's
// mountPath was refused already, with a hint that only listed the props.

/** An App `id` of `image` in namespace `chat`, routed at `<id>.lab.test`, listening on `port`, told `env`. */
const chatApp = (id: string, image: string, port: number, env: Record<string, string>) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, id, {
  namespace: 'chat', image, ports: [{ name: 'http', port }], env, route: { host: id },
}));

export const CASES: BadInput[] = [
  {
    name: "Rocket.Chat's ROOT_URL left at its compose file's http://localhost:3000",
    build: chatApp('rocketchat', 'registry.rocket.chat/rocketchat/rocket.chat:6.13.0', 3000, { ROOT_URL: 'http://localhost:3000', PORT: '3000' }),
    layer: 'props', path: 'rocketchat', field: 'env.ROOT_URL', hint: /ROOT_URL: 'https:\/\/rocketchat\.lab\.test'/,
  },
  {
    name: "Mattermost's Site URL written at the node's address and the container's port",
    build: chatApp('mattermost', 'mattermost/mattermost-team-edition:10.5.2', 8065, { MM_SERVICESETTINGS_SITEURL: 'http://10.0.0.1:8065' }),
    layer: 'props', path: 'mattermost', field: 'env.MM_SERVICESETTINGS_SITEURL', hint: /MM_SERVICESETTINGS_SITEURL: 'https:\/\/mattermost\.lab\.test'/,
  },
  {
    name: "Zulip's SETTING_EXTERNAL_HOST left at its compose file's localhost.localdomain",
    build: chatApp('zulip', 'ghcr.io/zulip/zulip-server:10.4-0', 80, { SETTING_EXTERNAL_HOST: 'localhost.localdomain', DISABLE_HTTPS: 'true', LOADBALANCER_IPS: '10.42.0.0/16' }),
    layer: 'props', path: 'zulip', field: 'env.SETTING_EXTERNAL_HOST', hint: /SETTING_EXTERNAL_HOST: 'zulip\.lab\.test'/,
  },
  {
    name: "Zulip's SETTING_EXTERNAL_HOST written as a URL",
    build: chatApp('zulip', 'zulip/docker-zulip:9.4-0', 80, { SETTING_EXTERNAL_HOST: 'https://zulip.lab.test', DISABLE_HTTPS: 'true', LOADBALANCER_IPS: '10.42.0.0/16' }),
    layer: 'props', path: 'zulip', field: 'env.SETTING_EXTERNAL_HOST', message: /takes neither zulip\.lab\.test/, hint: /SETTING_EXTERNAL_HOST: 'zulip\.lab\.test'/,
  },
  {
    name: 'Zulip behind its route over plain HTTP without LOADBALANCER_IPS',
    build: chatApp('zulip', 'ghcr.io/zulip/zulip-server:10.4-0', 80, { SETTING_EXTERNAL_HOST: 'zulip.lab.test', DISABLE_HTTPS: 'true' }),
    layer: 'props', path: 'zulip', field: 'env.LOADBALANCER_IPS', message: /You have not configured any reverse proxies/, hint: /LOADBALANCER_IPS: '/,
  },
  {
    name: 'Element Web declared on 8080 without ELEMENT_WEB_PORT',
    build: chatApp('element', 'vectorim/element-web:v1.11.94', 8080, {}),
    layer: 'props', path: 'element', field: 'ports[0].port', hint: /ELEMENT_WEB_PORT/,
  },
  {
    name: "Element Web's config.json mounted with a subPath beside the entry's mountPath",
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'element', {
      namespace: 'chat', image: 'vectorim/element-web:v1.11.94', ports: [{ name: 'http', port: 80 }], route: { host: 'element' },
      persistence: { config: { volume: AppVolume.configMap('element'), mountPath: '/app/config.json', subPath: 'config.json', readOnly: true } },
    } as never)),
    layer: 'props', path: 'element', field: 'persistence.config.subPath', hint: /mounts: \[\{ mountPath: '\/app\/config\.json', subPath: 'config\.json' \}\], readOnly: true/,
  },
];
