import { App as CdkApp } from 'cdk8s';
import { AppVolume, ClusterChart, flux, HomelabApp, host, localPathStorage, site, synthesize, traefik } from '../constructs';
import type { AppProps } from '../constructs';

// Home Assistant on its host's network is reached at, and calls from, the address of its node: a policy's
// pod selector never matches it, an address block does when it holds that address.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
const lab = site('calls', { domain: 'calls.test', hosts: [nuc], git: { url: 'https://git.example/calls.git' } });
const MOSQUITTO_CONF = { config: { volume: AppVolume.emptyDir(), mountPath: '/mosquitto/config' } };

function errorsOf(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  build(new ClusterChart(app, 'main', { site: lab, hosts: [nuc], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux() }));
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`);
}

const homeAssistant = (cluster: ClusterChart, props: Partial<AppProps> = {}) => new HomelabApp(cluster, 'home-assistant', {
  image: 'ghcr.io/home-assistant/home-assistant:2024.12.1', ports: [{ name: 'http', port: 8123 }],
  exemptions: { hostNetwork: 'discovers devices over mDNS', runAsRoot: 'its s6-overlay runs as root', writableRootFilesystem: 's6-overlay writes /run' },
  persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } }, ...props,
});
const nodeRed = (cluster: ClusterChart, egress: AppProps['egress']) => new HomelabApp(cluster, 'node-red', {
  image: 'nodered/node-red:4.0.5', ports: [{ name: 'http', port: 1880 }], env: { HASS_URL: 'http://home-assistant.home-assistant:8123' },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } }, egress,
});

test("an app whose listed egress leaves out Home Assistant's node is one error on the variable that calls it", () => {
  expect(errorsOf((cluster) => {
    homeAssistant(cluster);
    nodeRed(cluster, [{ cidr: '192.168.20.0/24' }]);
  })).toEqual(['main/node-red env.HASS_URL']);
});

test.each([
  ['Home Assistant itself', (ha: HomelabApp) => [ha, { cidr: '192.168.20.0/24' }]],
  ["the LAN that holds Home Assistant's node", () => [{ cidr: '192.168.1.0/24' }]],
  ['anywhere', () => 'any' as const],
])('an egress listing %s lets the call through', (_name, egress) => {
  expect(errorsOf((cluster) => nodeRed(cluster, egress(homeAssistant(cluster)) as AppProps['egress']))).toEqual([]);
});

test('Home Assistant calling the broker from its node is refused by the broker policy until the broker admits it', () => {
  const broker = (cluster: ClusterChart, ha?: HomelabApp) => new HomelabApp(cluster, 'mosquitto', {
    image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }], persistence: MOSQUITTO_CONF, allowFrom: ha ? [ha] : [],
  });
  const env = { MQTT_URL: 'mqtt://mosquitto.mosquitto:1883' };
  expect(errorsOf((cluster) => {
    broker(cluster);
    homeAssistant(cluster, { env });
  })).toEqual(['main/home-assistant env.MQTT_URL']);
  expect(errorsOf((cluster) => broker(cluster, homeAssistant(cluster, { env })))).toEqual([]);
});
