import { App, AppDevice, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded } from './lab';

// A new user runs software-defined radio from the README alone: readsb with tar1090 (ultrafeeder) decoding ADS-B from
// an RTL-SDR dongle, FlightAware and Flightradar24 feeders reading its Beast port, rtl_433 publishing to MQTT. Each
// mistake passed synthesis and then decoded, fed or published nothing.

/** The dongle, the exemptions it needs and the host it is plugged into. */
const DONGLE = {
  devices: [AppDevice.hostDevice('/dev/bus/usb')], placement: { host: gpu1 },
  exemptions: { hostPath: 'the RTL-SDR dongle', privileged: 'libusb opens the dongle', runAsRoot: 's6-overlay starts as root' },
};
/** An App `id` in namespace `adsb` of the lab, of `props`. */
const radioApp = (id: string, props: Partial<AppProps> & Pick<AppProps, 'image'>) => guarded((cluster: ClusterChart) => new App(cluster, id, { namespace: 'adsb', ...props } as AppProps));
/** readsb with tar1090 reading the dongle of serial 00001090; `props` override. */
const ultrafeeder = (props: Partial<AppProps> = {}) => radioApp('ultrafeeder', {
  image: 'ghcr.io/sdr-enthusiasts/docker-adsb-ultrafeeder:latest-build-712', ports: [{ name: 'http', port: 80 }, { name: 'beast', port: 30005 }],
  env: { READSB_DEVICE_TYPE: 'rtlsdr', READSB_RTLSDR_DEVICE: '00001090', READSB_LAT: '51.5', READSB_LON: '-0.12' }, ...DONGLE, ...props,
});
/** rtl_433 reading the dongle of serial 00000433 and publishing to `output`; `props` override. */
const rtl433 = (output: string, props: Partial<AppProps> = {}) => radioApp('rtl433', {
  image: 'hertzg/rtl_433:25.02', args: ['-d', ':00000433', '-F', output], ...DONGLE, egress: 'any', ...props,
});

export const CASES: BadInput[] = [
  {
    name: 'readsb reading an RTL-SDR dongle it is given no USB device of',
    build: ultrafeeder({ devices: [], exemptions: { runAsRoot: 's6-overlay starts as root' } }),
    layer: 'props', path: 'ultrafeeder', field: 'image', hint: /AppDevice\.hostDevice\('\/dev\/bus\/usb'\)/,
  },
  {
    name: 'rtl_433 with the USB devices of whichever of two hosts it lands on',
    build: rtl433('mqtt://mosquitto.iot:1883,retain=1', { placement: { hosts: [gpu1, arm1] } }),
    layer: 'inventory', path: 'rtl433', field: 'devices[0]', hint: /placement: \{ host: gpu1 \}/,
  },
  {
    name: "a FlightAware feeder given readsb's Beast port in BEASTHOST",
    build: radioApp('piaware', {
      image: 'ghcr.io/sdr-enthusiasts/docker-piaware:latest-build-612', ports: [{ name: 'http', port: 8080 }], egress: 'any', exemptions: { runAsRoot: 's6-overlay starts as root' },
      env: { BEASTHOST: 'ultrafeeder:30005', FEEDER_ID: SecretReference.external('adsb', 'feeders', 'flightaware-id') },
    }),
    layer: 'props', path: 'piaware', field: 'env.BEASTHOST', hint: /BEASTHOST: 'ultrafeeder', BEASTPORT: '30005'/,
  },
  {
    name: "rtl_433's MQTT output with the broker's password written in it",
    build: rtl433('mqtt://mosquitto.iot:1883,user=rtl433,pass=Sky-Radio-2024'),
    layer: 'props', path: 'rtl433', field: 'args[3]', hint: /pass=\$\(NAME\)/,
  },
  {
    name: 'rtl_433 publishing to localhost, the Mosquitto of a compose host network',
    build: rtl433('mqtt://localhost:1883,retain=1'),
    layer: 'references', path: 'rtl433', field: 'args[3]', message: /pod's own loopback/,
  },
];
