import { App, AppVolume, ClusterChart, SecretReference, declareExternal } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user watches the cameras and the car from the README alone: MediaMTX relaying the cameras, Scrypted and
// Homebridge for HomeKit, Double Take with CompreFace, and TeslaMate beside its PostgreSQL, Grafana and Mosquitto.
// Each mistake passed synthesis and then restarted forever, never connected, or was never found by the Home app.

/** TeslaMate's settings as its docs write them, its secrets in the Secret `teslamate`. */
const TESLAMATE_ENV: NonNullable<AppProps['env']> = {
  ENCRYPTION_KEY: SecretReference.external('teslamate', 'teslamate', 'encryption-key'),
  DATABASE_USER: 'teslamate', DATABASE_PASS: SecretReference.external('teslamate', 'teslamate', 'db-password'),
  DATABASE_NAME: 'teslamate', DATABASE_HOST: 'teslamate-db', MQTT_HOST: 'mosquitto',
};
/** TeslaMate with `env` in place of its settings (the names given `undefined` left out). */
const teslamate = (env: Record<string, NonNullable<AppProps['env']>[string] | undefined>) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'teslamate', name: 'teslamate' }] });
  const merged = Object.fromEntries(Object.entries({ ...TESLAMATE_ENV, ...env }).filter(([, value]) => value !== undefined));
  new App(cluster, 'teslamate', {
    namespace: 'teslamate', image: 'teslamate/teslamate:1.32.0', ports: [{ name: 'http', port: 4000 }], env: merged as AppProps['env'],
  });
});

export const CASES: BadInput[] = [
  {
    name: "TeslaMate given the database password as DATABASE_PASSWORD, the postgres image's spelling, not DATABASE_PASS",
    build: teslamate({ DATABASE_PASS: undefined, DATABASE_PASSWORD: SecretReference.external('teslamate', 'teslamate', 'db-password') }),
    layer: 'props', path: 'teslamate', field: 'env', hint: /DATABASE_PASSWORD is read as DATABASE_PASS/,
  },
  {
    name: 'TeslaMate without MQTT_HOST, with no broker and MQTT not disabled',
    build: teslamate({ MQTT_HOST: undefined }),
    layer: 'props', path: 'teslamate', field: 'env', hint: /DISABLE_MQTT: 'true'/,
  },
  {
    name: "TeslaMate's DATABASE_HOST written with the port, as a compose file's connection string",
    build: teslamate({ DATABASE_HOST: 'teslamate-db:5432' }),
    layer: 'props', path: 'teslamate', field: 'env.DATABASE_HOST', hint: /DATABASE_HOST: 'teslamate-db', DATABASE_PORT: '5432'/,
  },
  {
    name: "TeslaMate's MQTT_HOST written as a broker URL",
    build: teslamate({ MQTT_HOST: 'mqtt://mosquitto:1883' }),
    layer: 'props', path: 'teslamate', field: 'env.MQTT_HOST', hint: /MQTT_HOST: 'mosquitto', MQTT_PORT: '1883'/,
  },
  {
    name: "MediaMTX's WebRTC media port 8189 declared without its protocol, so for TCP, as the HTTP ports beside it",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'mediamtx', {
      namespace: 'cameras', image: 'bluenviron/mediamtx:1.9.3',
      ports: [{ name: 'rtsp', port: 8554 }, { name: 'webrtc', port: 8889 }, { name: 'webrtc-ice', port: 8189 }, { name: 'hls', port: 8888 }],
    })),
    layer: 'props', path: 'mediamtx', field: 'ports[2].protocol', hint: /protocol: 'UDP'/,
  },
  {
    name: "Scrypted's management console routed as plain HTTP to its HTTPS port 10443",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'scrypted', {
      namespace: 'cameras', image: 'ghcr.io/koush/scrypted:v0.123.0-jammy-full', ports: [{ name: 'https', port: 10443 }], route: { host: 'scrypted' },
      exemptions: { hostNetwork: 'HomeKit finds the cameras it bridges by mDNS', runAsRoot: 'the image installs its plugins as root' },
    })),
    layer: 'references', path: 'scrypted', field: 'ports.https.appProtocol', hint: /plain HTTP port 11080/,
  },
  {
    name: "Homebridge on the pod network, where the Home app never finds its bridge",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'homebridge', {
      image: 'homebridge/homebridge:2024-12-19', ports: [{ name: 'http', port: 8581 }], route: { host: 'homebridge' },
      exemptions: { runAsRoot: 'the image starts its services as root' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/homebridge' } },
    })),
    layer: 'props', path: 'homebridge', field: 'exemptions.hostNetwork', hint: /hostNetwork: 'HomeKit finds and pairs the bridge by mDNS/,
  },
];
