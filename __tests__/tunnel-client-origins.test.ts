import { clientOrigins, tunnelClientOf } from '../constructs/validation/tunnel-client-origins';

// The origins frp's and rathole's clients send a VPS's traffic to, as their config files write them.

test('frpc and rathole are known by their images or the program they run', () => {
  expect(tunnelClientOf('fatedier/frpc:v0.61.1', undefined)).toBe('frpc');
  expect(tunnelClientOf('docker.io/snowdreamtech/frpc:0.61.1', undefined)).toBe('frpc');
  expect(tunnelClientOf('rapiz1/rathole:v0.5.0', undefined)).toBe('rathole');
  expect(tunnelClientOf('alpine:3.21', 'frpc')).toBe('frpc');
  expect(tunnelClientOf('fatedier/frps:v0.61.1', undefined)).toBeUndefined();
});

test("frpc's proxies in TOML, with localIP 127.0.0.1 unless given, skipping visitors, plugins and templated values", () => {
  const toml = [
    'serverAddr = "203.0.113.7"', 'auth.token = "{{ .Envs.FRP_TOKEN }}"', '[webServer]', 'port = 7400',
    '[[proxies]]', 'name = "ssh"', 'type = "tcp"', 'localPort = 22', 'remotePort = 6000',
    '[[proxies]]', 'name = "web"', 'type = "http"', 'localIP = "jellyfin.media"', 'localPort = 8096 # the web UI',
    '[[proxies]]', 'name = "files"', 'type = "tcp"', 'remotePort = 6001', '[proxies.plugin]', 'type = "static_file"',
    '[[proxies]]', 'name = "templated"', 'localIP = "{{ .Envs.TARGET }}"', 'localPort = 80',
    '[[visitors]]', 'name = "visitor"', 'bindPort = 9000',
  ].join('\n');
  expect(clientOrigins('frpc', toml)).toEqual([
    { setting: 'proxies[0] (ssh)', value: '127.0.0.1:22', hostKey: 'localIP' },
    { setting: 'proxies[1] (web)', value: 'jellyfin.media:8096', hostKey: 'localIP' },
  ]);
});

test("frpc's proxies in its older INI form and in YAML", () => {
  expect(clientOrigins('frpc', '[common]\nserver_addr = 203.0.113.7\n\n[jellyfin]\ntype = tcp\nlocal_port = 8096\nremote_port = 8096\n'))
    .toEqual([{ setting: 'proxies[0] (jellyfin)', value: '127.0.0.1:8096', hostKey: 'local_ip' }]);
  expect(clientOrigins('frpc', 'serverAddr: 203.0.113.7\nproxies:\n  - name: web\n    type: http\n    localIP: jellyfin.media\n    localPort: 8096\n'))
    .toEqual([{ setting: 'proxies[0] (web)', value: 'jellyfin.media:8096', hostKey: 'localIP' }]);
});

test("rathole's client services, not its server's", () => {
  const file = '[server]\nbind_addr = "0.0.0.0:2333"\n[server.services.a]\nbind_addr = "0.0.0.0:5202"\n[client]\nremote_addr = "vps:2333"\n[client.services.nas]\nlocal_addr = "nas.storage:22"\n';
  expect(clientOrigins('rathole', file)).toEqual([{ setting: 'client.services.nas.local_addr', value: 'nas.storage:22' }]);
});
