import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik,
} from '../constructs';
import { hostWithExtras, teslaMateEnvProblems } from '../constructs/app/teslamate-env';
import { shownFindings } from './support/lab-output';

// A lab that watches the cameras and the car, written from the README: MediaMTX relaying the cameras on a load
// balancer, Scrypted and Homebridge on the host's network for HomeKit, Double Take with CompreFace and CodeProject.AI,
// and TeslaMate with its PostgreSQL, Grafana and Mosquitto. Written as their docs set them up, it synthesizes clean.

function camerasAndCar(scope: Construct): void {
  const node = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.40.10' });
  const lab = site('driveway', {
    domain: 'driveway.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/driveway.git' },
    pools: { vips: { first: '192.168.40.100', last: '192.168.40.109' } },
  });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: lab.pools.vips.at('192.168.40.100') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'cameras', name: 'cams' }, { namespace: 'teslamate', name: 'teslamate' }] });
  const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
  const mediamtx = new HomelabApp(cluster, 'mediamtx', {
    namespace: 'cameras', image: 'bluenviron/mediamtx:1.9.3',
    ports: [
      { name: 'rtsp', port: 8554 }, { name: 'rtp', port: 8000, protocol: 'UDP' }, { name: 'rtcp', port: 8001, protocol: 'UDP' },
      { name: 'webrtc', port: 8889 }, { name: 'webrtc-ice', port: 8189, protocol: 'UDP' }, { name: 'hls', port: 8888 },
    ],
    env: { MTX_PATHS_DRIVEWAY_SOURCE: SecretReference.external('cameras', 'cams', 'driveway-url'), MTX_WEBRTCADDITIONALHOSTS: '192.168.40.101' },
    loadBalancer: { address: lab.pools.vips.at('192.168.40.101'), ports: ['rtsp', 'webrtc', 'webrtc-ice', 'hls'] },
    route: { host: 'cams', port: 8888 },
  });
  new HomelabApp(cluster, 'scrypted', {
    namespace: 'cameras', image: 'ghcr.io/koush/scrypted:v0.123.0-jammy-full',
    ports: [{ name: 'https', port: 10443, appProtocol: 'https' }],
    exemptions: { hostNetwork: 'HomeKit finds the cameras it bridges by mDNS', runAsRoot: 'the image installs its plugins as root', unverifiedBackendTls: 'the console signs its own certificate' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/server/volume' } }, route: { host: 'scrypted' },
  });
  const compreface = new HomelabApp(cluster, 'compreface', {
    namespace: 'faces', image: 'exadel/compreface:1.2.0', ports: [{ name: 'http', port: 80 }],
    exemptions: { runAsRoot: 'its nginx and PostgreSQL start as root' }, persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/postgresql/data' } },
  });
  const codeproject = new HomelabApp(cluster, 'codeproject-ai', { namespace: 'faces', image: 'codeproject/ai-server:2.9.5', ports: [{ name: 'http', port: 32168 }] });
  new HomelabApp(cluster, 'double-take', {
    namespace: 'faces', image: 'skrashevich/double-take:v1.13.11.8', ports: [{ name: 'http', port: 3000 }], egress: [compreface, codeproject, mediamtx],
    persistence: { data: { volume: claim('1Gi'), mountPath: '/.storage' } }, route: { host: 'faces' },
  });
  const password = SecretReference.external('teslamate', 'teslamate', 'db-password');
  const database = new HomelabApp(cluster, 'teslamate-db', {
    namespace: 'teslamate', image: 'postgres:17.2', ports: [{ name: 'pg', port: 5432 }], controller: AppController.statefulSet(), runAsUser: 999, fsGroup: 999,
    env: { POSTGRES_USER: 'teslamate', POSTGRES_DB: 'teslamate', POSTGRES_PASSWORD: password, PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
  new ApiObject(cluster, 'mosquitto-conf', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mosquitto', namespace: 'teslamate' },
    data: { 'mosquitto.conf': 'listener 1883\nallow_anonymous true\npersistence true\npersistence_location /mosquitto/data/\n' },
  });
  const broker = new HomelabApp(cluster, 'mosquitto', {
    namespace: 'teslamate', image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }], runAsUser: 1883, fsGroup: 1883,
    persistence: {
      data: { volume: claim('1Gi'), mountPath: '/mosquitto/data' },
      config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] },
    },
  });
  const databaseEnv = { DATABASE_USER: 'teslamate', DATABASE_PASS: password, DATABASE_NAME: 'teslamate', DATABASE_HOST: 'teslamate-db' };
  new HomelabApp(cluster, 'teslamate', {
    namespace: 'teslamate', image: 'teslamate/teslamate:1.32.0', ports: [{ name: 'http', port: 4000 }],
    env: { ENCRYPTION_KEY: SecretReference.external('teslamate', 'teslamate', 'encryption-key'), ...databaseEnv, MQTT_HOST: 'mosquitto', TZ: 'Europe/Berlin' },
    egress: [database, broker, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }], route: { host: 'tesla' },
  });
  new HomelabApp(cluster, 'grafana', {
    namespace: 'teslamate', image: 'teslamate/grafana:1.32.0', ports: [{ name: 'http', port: 3000 }], runAsUser: 472,
    env: databaseEnv, egress: [database], route: { host: 'tesla-grafana' },
  });
  new HomelabApp(cluster, 'homebridge', {
    namespace: 'homebridge', image: 'homebridge/homebridge:2024-12-19', ports: [{ name: 'http', port: 8581 }],
    exemptions: { hostNetwork: 'HomeKit finds and pairs the bridge by mDNS on the LAN', runAsRoot: 'the image starts its services as root' },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/homebridge' } }, route: { host: 'homebridge' },
  });
}

describe('cameras and the car', () => {
  test('the lab written as the apps\' docs set them up synthesizes without findings', () => {
    expect(shownFindings(camerasAndCar)).toEqual([]);
  });

  test("TeslaMate's host settings: a name or an IPv6 address alone is a host, a port or scheme in it is not", () => {
    expect(hostWithExtras('teslamate-db')).toBeUndefined();
    expect(hostWithExtras('fd00::5')).toBeUndefined();
    expect(hostWithExtras('db.teslamate.svc:5432')).toEqual({ host: 'db.teslamate.svc', port: '5432' });
    expect(hostWithExtras('mqtts://broker')).toEqual({ host: 'broker', port: undefined });
  });

  test('TeslaMate over a socket folder without MQTT needs no host settings, and a command of its own is not judged', () => {
    const over = (env: Record<string, string>, command?: string[]) => teslaMateEnvProblems([{ container: { image: 'teslamate/teslamate:1.32.0', env, command }, prefix: '', mountPaths: new Set() }]);
    expect(over({ DATABASE_SOCKET_DIR: '/run/postgresql', DATABASE_NAME: 'teslamate', DISABLE_MQTT: 'true', ENCRYPTION_KEY: 'k' })).toEqual([]);
    expect(over({}, ['bin/teslamate', 'eval', 'TeslaMate.Release.migrate'])).toEqual([]);
    expect(over({ DATABASE_NAME: 'teslamate', DISABLE_MQTT: 'true', ENCRYPTION_KEY: 'k' }).map((p) => p.message)).toEqual([expect.stringContaining('DATABASE_USER, DATABASE_PASS, DATABASE_HOST')]);
  });
});
