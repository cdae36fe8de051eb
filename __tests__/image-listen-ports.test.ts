import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, synthesize } from '../constructs';
import type { AppProps } from '../constructs';
import { labCluster } from './bad-input/lab';
import { listenPortProblems } from '../constructs/app/image-listen-ports';

// An image listens on its own port unless a variable, an argument or its configuration moves it: a container
// that declares other ports points its Service and probes at nothing.

const claim = AppVolume.claim({ tier: 'fast', size: '1Gi' });
const found = (props: Record<string, unknown>) => listenPortProblems(props, 'app').map(({ severity, field }) => `${severity} ${field}`);

describe('a port the image does not listen on', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['traefik/whoami on 8080', { image: 'traefik/whoami:v1.10.3', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Gotify on 8080', { image: 'ghcr.io/gotify/server:2.6.1', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Vaultwarden moved by ROCKET_PORT to 8081 and declared on 8080', { image: 'vaultwarden/server:1.32.0', env: { ROCKET_PORT: '8081' }, ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['ntfy moved by its flag to 9000 and declared on 8080', { image: 'binwiederhier/ntfy:v2.11.0', args: ['serve', '--listen-http=:9000'], ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Uptime Kuma on 8080 with nothing moving it', { image: 'louislam/uptime-kuma:1.23.16', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Jellyfin on 8080 with nothing at /config', { image: 'jellyfin/jellyfin:10.10.7', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['a UDP port first, on the first TCP port', { image: 'traefik/whoami:v1.10.3', ports: [{ name: 'discovery', port: 7359, protocol: 'UDP' }, { name: 'http', port: 8080 }] }, 'error ports[1].port'],
    ['Home Assistant on 80 with its configuration folder mounted', { image: 'ghcr.io/home-assistant/home-assistant:2024.6.0', ports: [{ name: 'http', port: 80 }], persistence: { config: { volume: claim, mountPath: '/config' } } }, 'warning ports[0].port'],
    ['Jellyfin on 8080 with its configuration folder mounted', { image: 'jellyfin/jellyfin:10.10.7', ports: [{ name: 'http', port: 8080 }], persistence: { config: { volume: claim, mountPath: '/config' } } }, 'warning ports[0].port'],
    ['Gotify on 8080 with a configuration file mounted', {
      image: 'gotify/server:2.6.1', ports: [{ name: 'http', port: 8080 }],
      persistence: { config: { volume: AppVolume.configMap('gotify'), mounts: [{ mountPath: '/etc/gotify/config.yml', subPath: 'config.yml' }] } },
    }, 'warning ports[0].port'],
    ['ntfy on 8080 given another configuration file', { image: 'binwiederhier/ntfy:v2.11.0', env: { NTFY_CONFIG_FILE: '/data/server.yml' }, args: ['serve'], ports: [{ name: 'http', port: 8080 }] }, 'warning ports[0].port'],
    ['the official nginx image on 8080 with its configuration folder mounted', {
      image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: { conf: { volume: AppVolume.configMap('nginx'), mountPath: '/etc/nginx/conf.d' } },
    }, 'warning ports[0].port'],
    ['the unprivileged nginx image on 80', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 80 }] }, 'error ports[0].port'],
    ['the unprivileged nginx image on 80 with a configuration file of its own', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 80 }],
      persistence: { conf: { volume: AppVolume.configMap('site'), mounts: [{ mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf' }] } },
    }, 'warning ports[0].port'],
    ['Grafana on 8080', { image: 'grafana/grafana-oss:11.1.0', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Grafana on 8080 with its grafana.ini mounted', {
      image: 'grafana/grafana:11.1.0', ports: [{ name: 'http', port: 8080 }], persistence: { ini: { volume: AppVolume.configMap('grafana'), mountPath: '/etc/grafana' } },
    }, 'warning ports[0].port'],
    ['n8n on 8080', { image: 'docker.io/n8nio/n8n:1.50.0', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['n8n on 8080 given a configuration file', { image: 'n8nio/n8n:1.50.0', env: { N8N_CONFIG_FILES: '/config/n8n.json' }, ports: [{ name: 'http', port: 8080 }] }, 'warning ports[0].port'],
    ['Node-RED on 8080', { image: 'nodered/node-red:4.0.2', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Node-RED on 8080 with its user folder, where settings.js is, mounted', {
      image: 'nodered/node-red:4.0.2', ports: [{ name: 'http', port: 8080 }], persistence: { data: { volume: claim, mountPath: '/data' } },
    }, 'warning ports[0].port'],
    ['Navidrome on 8080', { image: 'ghcr.io/navidrome/navidrome:0.53.3', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Audiobookshelf on 13378 without PORT', { image: 'ghcr.io/advplyr/audiobookshelf:2.17.5', ports: [{ name: 'http', port: 13378 }] }, 'error ports[0].port'],
    ["Syncthing's official image on 8080", { image: 'syncthing/syncthing:1.27.10', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Homepage on 8080', { image: 'ghcr.io/gethomepage/homepage:v1.2.0', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Mealie on 8080', { image: 'ghcr.io/mealie-recipes/mealie:v2.8.0', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['linkding on 8080', { image: 'sissbruecker/linkding:1.36.0', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['changedetection.io on 8080', { image: 'ghcr.io/dgtlmoon/changedetection.io:0.47.06', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ["Immich's machine learning on 8080", { image: 'ghcr.io/immich-app/immich-machine-learning:v1.135.3', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['Paperless-ngx on 8080', { image: 'ghcr.io/paperless-ngx/paperless-ngx:2.17.1', ports: [{ name: 'http', port: 8080 }] }, 'error ports[0].port'],
    ['code-server moved by --bind-addr to another port than it declares', {
      image: 'codercom/code-server:4.92.2', args: ['--bind-addr', '0.0.0.0:9000'], ports: [{ name: 'http', port: 8080 }],
    }, 'error ports[0].port'],
  ])('%s', (_what, props, finding) => {
    expect(found(props)).toEqual([finding]);
  });

  test('a sidecar is named by its place and moved by its own env', () => {
    const sidecar = { name: 'whoami', image: 'traefik/whoami:v1.10.3', ports: [{ name: 'whoami', port: 9000 }] };
    expect(found({ image: 'ghcr.io/acme/app:1.0.0', env: { WHOAMI_PORT_NUMBER: '9000' }, sidecars: [sidecar] })).toEqual(['error sidecars[0].ports[0].port']);
    expect(found({ image: 'ghcr.io/acme/app:1.0.0', sidecars: [{ ...sidecar, env: { WHOAMI_PORT_NUMBER: '9000' } }] })).toEqual([]);
  });

  test('the hint moves a port below 1024 above it, and keeps the number for clients', () => {
    const [problem] = listenPortProblems({ image: 'vaultwarden/server:1.32.0', ports: [{ name: 'http', port: 443 }] }, 'app');
    expect(problem.hint).toBe("listen on 8080: env.ROCKET_PORT: '8080' with { name: 'http', port: 8080, servicePort: 443 }");
  });
});

describe('a port the image listens on, or one it may', () => {
  test.each<[string, Record<string, unknown>]>([
    ['traefik/whoami moved by WHOAMI_PORT_NUMBER', { image: 'traefik/whoami:v1.10.3', env: { WHOAMI_PORT_NUMBER: '8080' } }],
    ['traefik/whoami moved by --port', { image: 'traefik/whoami:v1.10.3', args: ['--port', '8080'] }],
    ['ntfy moved by NTFY_LISTEN_HTTP', { image: 'binwiederhier/ntfy:v2.11.0', env: { NTFY_LISTEN_HTTP: '0.0.0.0:8080' }, args: ['serve'] }],
    ['Gotify moved by GOTIFY_SERVER_PORT', { image: 'gotify/server:2.6.1', env: { GOTIFY_SERVER_PORT: '8080' } }],
    ['Vaultwarden moved by ROCKET_PORT', { image: 'vaultwarden/server:1.32.0', env: { ROCKET_PORT: '8080' } }],
    ['Uptime Kuma moved by PORT', { image: 'louislam/uptime-kuma:1.23.16', env: { PORT: '8080' } }],
    ['a variable and a flag that disagree, whichever the image reads first', { image: 'binwiederhier/ntfy:v2.11.0', env: { NTFY_LISTEN_HTTP: ':9000' }, args: ['serve', '--listen-http=:8080'] }],
    ['a port given by a Secret', { image: 'vaultwarden/server:1.32.0', env: { ROCKET_PORT: { secret: 'vault', key: 'port' } } }],
    ['Jellyfin on its own port beside another', { image: 'jellyfin/jellyfin:10.10.7', ports: [{ name: 'http', port: 8096 }, { name: 'https', port: 8920 }] }],
    ['Home Assistant on its own port', { image: 'homeassistant/home-assistant:2024.6.0', ports: [{ name: 'http', port: 8123 }] }],
    ['a port below 1024 it does listen on, which the port check tells', { image: 'traefik/whoami:v1.10.3', ports: [{ name: 'http', port: 80 }] }],
    ['a replaced entrypoint', { image: 'traefik/whoami:v1.10.3', command: ['/bin/sh', '-c', 'sleep infinity'] }],
    ['UDP ports only', { image: 'traefik/whoami:v1.10.3', ports: [{ name: 'dns', port: 5353, protocol: 'UDP' }] }],
    ['another image of that name', { image: 'ghcr.io/acme/whoami:1.0.0' }],
    ['the unprivileged nginx image on its own port', { image: 'nginxinc/nginx-unprivileged:1.27.0-alpine' }],
    ['Grafana moved by GF_SERVER_HTTP_PORT', { image: 'grafana/grafana:11.1.0', env: { GF_SERVER_HTTP_PORT: '8080' } }],
    ['Grafana moved by a cfg: argument', { image: 'grafana/grafana:11.1.0', args: ['cfg:server.http_port=8080'] }],
    ['n8n moved by N8N_PORT', { image: 'n8nio/n8n:1.50.0', env: { N8N_PORT: '8080' } }],
    ['Node-RED moved by PORT', { image: 'nodered/node-red:4.0.2', env: { PORT: '8080' } }],
    ['Node-RED moved by --port', { image: 'nodered/node-red:4.0.2', args: ['--port', '8080'] }],
    ['Navidrome moved by ND_PORT', { image: 'deluan/navidrome:0.53.3', env: { ND_PORT: '8080' } }],
    ['Navidrome moved by -p', { image: 'deluan/navidrome:0.53.3', args: ['-p', '8080'] }],
    ['Audiobookshelf moved by PORT', { image: 'ghcr.io/advplyr/audiobookshelf:2.17.5', env: { PORT: '8080' } }],
    ["Syncthing's GUI moved by STGUIADDRESS", { image: 'syncthing/syncthing:1.27.10', env: { STGUIADDRESS: '0.0.0.0:8080' } }],
    ["Syncthing's official image on its sync port", { image: 'syncthing/syncthing:1.27.10', ports: [{ name: 'sync', port: 22000 }] }],
    ['Homepage moved by PORT', { image: 'ghcr.io/gethomepage/homepage:v1.2.0', env: { PORT: '8080' } }],
    ['Mealie moved by API_PORT', { image: 'ghcr.io/mealie-recipes/mealie:v2.8.0', env: { API_PORT: '8080' } }],
    ["Mealie's images before 1.0 on Docker Hub, which served its frontend on 80, not judged", { image: 'hkotel/mealie:v0.5.6' }],
    ['linkding moved by LD_SERVER_PORT', { image: 'sissbruecker/linkding:1.36.0', env: { LD_SERVER_PORT: '8080' } }],
    ['code-server on the port its entrypoint binds', { image: 'codercom/code-server:4.92.2' }],
    ['changedetection.io moved by PORT', { image: 'dgtlmoon/changedetection.io:0.47.06', env: { PORT: '8080' } }],
    ["Immich's machine learning moved by IMMICH_PORT", { image: 'ghcr.io/immich-app/immich-machine-learning:v1.135.3-cuda', env: { IMMICH_PORT: '8080' } }],
    ["Immich's server moved by IMMICH_PORT", { image: 'ghcr.io/immich-app/immich-server:v1.135.3', env: { IMMICH_PORT: '8080' } }],
    ["Immich's server of a release before 1.118, which listened on 3001, not judged", { image: 'ghcr.io/immich-app/immich-server:v1.117.0' }],
    ['Paperless-ngx moved by PAPERLESS_PORT', { image: 'paperlessngx/paperless-ngx:2.17.1', env: { PAPERLESS_PORT: '8080' } }],
    ['code-server moved by PORT', { image: 'codercom/code-server:4.92.2', env: { PORT: '9000' }, ports: [{ name: 'http', port: 9000 }] }],
  ])('none for %s', (_what, props) => {
    expect(listenPortProblems({ ports: [{ name: 'http', port: 8080 }], ...props }, 'app')).toEqual([]);
  });

  test.each<[string, Partial<AppProps>]>([
    ['traefik/whoami told its port', { image: 'traefik/whoami:v1.10.3', env: { WHOAMI_PORT_NUMBER: '8080' } }],
    ['ntfy told its listen address', { image: 'binwiederhier/ntfy:v2.11.0', args: ['serve', '--listen-http', ':8080'] }],
    ['Vaultwarden told its port, with its data folder mounted', { image: 'vaultwarden/server:1.32.0', env: { ROCKET_PORT: '8080' }, persistence: { data: { volume: claim, mountPath: '/data' } } }],
    ['the unprivileged nginx image on its own port', { image: 'nginxinc/nginx-unprivileged:1.27.0' }],
    ['Grafana told its port, with its data folder mounted', { image: 'grafana/grafana:11.1.0', env: { GF_SERVER_HTTP_PORT: '8080' }, persistence: { data: { volume: claim, mountPath: '/var/lib/grafana' } } }],
    ['Audiobookshelf told its port, with its folders mounted', {
      image: 'ghcr.io/advplyr/audiobookshelf:2.17.5', env: { PORT: '8080' },
      persistence: { config: { volume: claim, mountPath: '/config' }, metadata: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/metadata' } },
    }],
    ['Mealie told its port, with its data folder mounted', { image: 'ghcr.io/mealie-recipes/mealie:v2.8.0', env: { API_PORT: '8080' }, persistence: { data: { volume: claim, mountPath: '/app/data' } } }],
    ['Node-RED on 8080 by a settings.js on its claim (a warning)', { image: 'nodered/node-red:4.0.2', persistence: { data: { volume: claim, mountPath: '/data' } } }],
    ['Gotify on 8080 by a configuration file on its claim (a warning)', {
      image: 'gotify/server:2.6.1', persistence: {
        data: { volume: claim, mounts: [{ mountPath: '/app/data', subPath: 'data' }, { mountPath: '/etc/gotify', subPath: 'config' }] },
      },
    }],
  ])('%s synthesizes', (what, props) => {
    const cdkApp = new CdkApp();
    new App(labCluster(cdkApp), 'web', { ports: [{ name: 'http', port: 8080 }], ...props } as AppProps);
    const findings = synthesize(cdkApp, { outdir: 'unused', write: false }).findings;
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.field === 'ports[0].port').map((f) => f.severity)).toEqual(what.endsWith('(a warning)') ? ['warning'] : []);
  });
});
