import { AppDevice, AppVolume, ClusterChart, HomelabApp, rootInitExemption } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A new user runs a 3D printing bench from the README alone: OctoPrint with the printer's serial port and a webcam,
// Klipper with Moonraker and Mainsail, Spoolman and a µStreamer camera stream, pinned to the host the printer and the
// camera hang on. Each mistake passed synthesis and then left the printer's page, its camera stream or its spools dark.

/** OctoPrint's main image on gpu1 with the printer's serial port and the webcam, its props changed by `props`. */
const octoprint = (props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'octoprint', {
  image: 'octoprint/octoprint:1.10.3', ports: [{ name: 'http', port: 80 }],
  devices: [AppDevice.hostDevice('/dev/ttyACM0'), AppDevice.hostDevice('/dev/video0')],
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/octoprint' } },
  placement: { host: gpu1 }, route: { host: 'octoprint' },
  ...props,
}));
/** Spoolman on a claim of its data folder, its props changed by `props`. */
const spoolman = (props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'spoolman', {
  image: 'ghcr.io/donkie/spoolman:0.22.1', ports: [{ name: 'http', port: 8000 }],
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/app/.local/share/spoolman' } },
  route: { host: 'spoolman' },
  ...props,
}));
/** An emptyDir at prind's folder of Klippy's socket, as compose's `run` volume is ported to each app. */
const RUN = { volume: AppVolume.emptyDir(), mountPath: '/opt/printer_data/run' };

export const CASES: BadInput[] = [
  {
    name: "OctoPrint's main image left to the non-root default on the read-only root",
    build: octoprint({ exemptions: { hostPath: 'the printer and the webcam' } }),
    layer: 'props', path: 'octoprint', field: 'image', hint: /runAsRoot: .*writableRootFilesystem: .*minimal/,
  },
  {
    name: 'Spoolman left to the non-root default, whose entrypoint switches users with gosu',
    build: spoolman({}),
    layer: 'props', path: 'spoolman', field: 'image', hint: /command: \['uvicorn', 'spoolman\.main:app', '--host', '0\.0\.0\.0', '--port', '8000'\]/,
  },
  {
    name: "Spoolman declared on the port its compose file publishes (7912:8000)",
    build: spoolman({
      ports: [{ name: 'http', port: 7912 }],
      exemptions: { runAsRoot: 'its entrypoint switches to PUID:PGID', addCapabilities: rootInitExemption('exec', 'switches to PUID:PGID') },
    }),
    layer: 'props', path: 'spoolman', field: 'ports[0].port', hint: /port: 8000, servicePort: 7912/,
  },
  {
    name: "µStreamer given the webcam's options as args, which replace the image's --host=0.0.0.0",
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'ustreamer', {
      image: 'mkuf/ustreamer:f11d390', ports: [{ name: 'http', port: 8080 }],
      args: ['--device=/dev/video0', '--resolution=1280x720', '--format=MJPEG'],
      devices: [AppDevice.hostDevice('/dev/video0')], placement: { host: gpu1 },
      exemptions: { hostPath: 'the webcam' }, route: { host: 'webcam' },
    })),
    layer: 'props', path: 'ustreamer', field: 'args', hint: /'--host=0\.0\.0\.0'\]/,
  },
  {
    name: 'Klipper and Moonraker as two apps, each with its own emptyDir where compose shared the run volume of the socket',
    build: guarded((cluster: ClusterChart) => {
      new HomelabApp(cluster, 'klipper', {
        namespace: 'printer', image: 'mkuf/klipper:v0.12.0-114-ga77d0790',
        args: ['-I', '/opt/printer_data/run/klipper.tty', '-a', '/opt/printer_data/run/klipper.sock', '/opt/printer_data/config/printer.cfg'],
        devices: [AppDevice.hostDevice('/dev/ttyACM0')], placement: { host: gpu1 }, exemptions: { hostPath: 'the printer board' },
        persistence: { run: RUN },
      });
      new HomelabApp(cluster, 'moonraker', {
        namespace: 'printer', image: 'mkuf/moonraker:v0.9.3-9-g2e9b5b3', ports: [{ name: 'http', port: 7125 }], args: ['-d', '/opt/printer_data'],
        persistence: { run: RUN },
      });
    }),
    layer: 'props', path: 'moonraker', field: 'image', hint: /containers: \[\{ name: 'moonraker'/,
  },
];
