import { ApiObject } from 'cdk8s';
import { AppVolume, ClusterChart, HomelabApp, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user moves the smart home beside Home Assistant from the README alone: ESPHome's dashboard, the Matter
// Server, Music Assistant, go2rtc and Frigate with their cameras' passwords kept out of their configs. Each mistake
// synthesized clean, and the server started and then reached no device, or Frigate refused its config.

/** Frigate's config.yml with one camera whose stream URL is `path`, and `extra` lines at its top. */
const frigateConfig = (path: string, extra = '') => `${extra}mqtt:\n  enabled: false\ncameras:\n  door:\n    ffmpeg:\n      inputs:\n        - path: ${path}\n          roles: [detect]\n`;

/** Frigate with the config `file` in its ConfigMap, mounted at /config/config.yml, and `env`. */
const frigate = (file: string, env: AppProps['env'] = { FRIGATE_RTSP_PASSWORD: SecretReference.external('frigate', 'cameras', 'rtsp-password') }) => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('frigate');
  new ApiObject(cluster, 'frigate-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frigate', namespace: 'frigate' }, data: { 'config.yml': file } });
  new HomelabApp(cluster, 'frigate', {
    image: 'ghcr.io/blakeblackshear/frigate:0.14.1', ports: [{ name: 'http', port: 5000 }], env,
    persistence: {
      config: { volume: AppVolume.configMap('frigate'), mounts: [{ mountPath: '/config/config.yml', subPath: 'config.yml' }] },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '512Mi' }), mountPath: '/dev/shm' },
    },
    exemptions: { runAsRoot: 'its init starts as root', writableRootFilesystem: 'its init writes under /run' },
  });
});

/** go2rtc with its streams in `go2rtc.yaml`, its camera password in env `CAM_PASSWORD` from a Secret. */
const go2rtc = (stream: string) => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('go2rtc');
  new ApiObject(cluster, 'go2rtc-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'go2rtc', namespace: 'go2rtc' }, data: { 'go2rtc.yaml': `streams:\n  door: ${stream}\n` } });
  new HomelabApp(cluster, 'go2rtc', {
    image: 'alexxit/go2rtc:1.9.7', ports: [{ name: 'api', port: 1984 }, { name: 'rtsp', port: 8554 }],
    env: { CAM_PASSWORD: SecretReference.external('go2rtc', 'cameras', 'password') },
    persistence: { config: { volume: AppVolume.configMap('go2rtc'), mountPath: '/config' } },
  });
});

/** A home-automation server of `image` on the pod network, its data on a claim. */
const offTheLink = (id: string, image: string, port: number, dataPath: string) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, id, {
  image, ports: [{ name: 'http', port }], persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: dataPath } },
}));

export const CASES: BadInput[] = [
  // Frigate fills in only FRIGATE_ variables: the camera was asked with the text {RTSP_PASSWORD} as its password.
  {
    name: "Frigate's camera password given by a variable without FRIGATE_",
    build: frigate(frigateConfig('rtsp://admin:{RTSP_PASSWORD}@192.168.30.21:554/stream1'), { RTSP_PASSWORD: SecretReference.external('frigate', 'cameras', 'rtsp-password') }),
    layer: 'references', path: 'frigate-config', field: 'data.config.yml', hint: /FRIGATE_RTSP_PASSWORD/,
  },
  // A FRIGATE_ variable the container lacks stops Frigate with "Invalid substitution" as it reads its config.
  {
    name: "Frigate's config naming a FRIGATE_ variable its env does not set",
    build: frigate(frigateConfig('rtsp://admin:{FRIGATE_RTSP_PASSWORD}@192.168.30.21:554/stream1'), { TZ: 'Europe/Berlin' }),
    layer: 'references', path: 'frigate', field: /env$/, message: /\{FRIGATE_RTSP_PASSWORD\}/, hint: /FRIGATE_RTSP_PASSWORD: SecretReference/,
  },
  // Unquoted, `{FRIGATE_MQTT_PASSWORD}` is a YAML mapping, and Frigate refuses a password that is no text.
  {
    name: "Frigate's MQTT password written as the variable without quotes",
    build: frigate(frigateConfig('rtsp://admin:{FRIGATE_RTSP_PASSWORD}@192.168.30.21:554/stream1').replace('mqtt:\n  enabled: false\n', 'mqtt:\n  host: 192.168.1.20\n  user: frigate\n  password: {FRIGATE_RTSP_PASSWORD}\n')),
    layer: 'references', path: 'frigate-config', field: 'data.config.yml', hint: /password: "\{FRIGATE_RTSP_PASSWORD\}"/,
  },
  // go2rtc leaves a variable its environment lacks as written: the camera was asked with the text ${CAMERA_PASSWORD}.
  {
    name: "go2rtc's stream URL naming a variable its env does not set",
    build: go2rtc('rtsp://admin:${CAMERA_PASSWORD}@192.168.30.21:554/stream1'),
    layer: 'references', path: 'go2rtc', field: /env$/, message: /\$\{CAMERA_PASSWORD\}/, hint: /CAMERA_PASSWORD: SecretReference/,
  },
  // The Matter Server started and answered Home Assistant on 5580, and never found a device.
  {
    name: 'the Matter Server on the pod network',
    build: offTheLink('matter-server', 'ghcr.io/home-assistant-libs/python-matter-server:6.6.1', 5580, '/data'),
    layer: 'props', path: 'matter-server', field: 'exemptions.hostNetwork', message: /IPv6/,
  },
  // Music Assistant found no Chromecast or Sonos, and a player could not fetch a stream from the pod's address.
  {
    name: 'Music Assistant on the pod network',
    build: offTheLink('music-assistant', 'ghcr.io/music-assistant/server:2.3.3', 8095, '/data'),
    layer: 'props', path: 'music-assistant', field: 'exemptions.hostNetwork', hint: /exemptions: \{ hostNetwork: /,
  },
];
