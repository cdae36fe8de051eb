import { AppDevice, AppVolume, ClusterChart, flux, HomelabApp, host, localPathStorage, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { synthInMemory } from './support/synth';
import { recordConstructionError } from '../constructs/validation/construction-errors';

// A device plugged into one machine (a Zigbee or Z-Wave stick, a Coral PCIe card) binds its app to that
// machine; devices every host has, and an app placed on the machine, pass.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.4.0.1' });
const pi = host('pi', { arch: 'arm64', address: '10.4.0.2' });
const lab = site('sticks', { domain: 'sticks.test', hosts: [nuc, pi], git: { url: 'https://git.example/sticks.git' } });

function errorsOf(props: Partial<AppProps>) {
  return synthInMemory((scope) => {
    const chart = new ClusterChart(scope, 'main', { site: lab, hosts: [nuc, pi], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });
    try {
      new HomelabApp(chart, 'zigbee2mqtt', { image: 'koenkk/zigbee2mqtt:1.42.0', ports: [{ name: 'http', port: 8080 }], exemptions: { hostPath: 'the stick', privileged: 'opens it' }, ...props } as AppProps);
    } catch (error) {
      // Props refused while the app is built are findings, as synth reports them.
      recordConstructionError(chart, error);
    }
  }).findings.filter((f) => f.severity === 'error');
}

test.each([
  ['a stick by id on the host it is plugged into', { devices: [AppDevice.hostDevice('/dev/serial/by-id/usb-ITead_Sonoff-if00-port0')], placement: { host: nuc } }],
  ['/dev/ttyUSB0 on an app of one architecture, which one host has', { devices: [AppDevice.hostDevice('/dev/ttyUSB0')], placement: { arch: 'arm64' as const } }],
  ['the USB buses, which every host has', { devices: [AppDevice.hostDevice('/dev/bus/usb')] }],
  ['the folder of serial names, which udev makes on every host', { devices: [AppDevice.hostDevice('/dev/serial/by-id')] }],
  ['/dev/net/tun', { devices: [AppDevice.hostDevice('/dev/net/tun')] }],
])('%s is no error', (_name, props) => {
  expect(errorsOf(props)).toEqual([]);
});

test('a stick free to run on either host is one error on the device, naming both hosts', () => {
  const errors = errorsOf({ devices: [AppDevice.hostDevice('/dev/ttyUSB0')] });
  expect(errors).toEqual([expect.objectContaining({ layer: 'inventory', field: 'devices[0]', message: expect.stringContaining('may run on any of nuc, pi') })]);
});

test('a Coral PCIe card and /dev/dri free to run on either host are one error: one placement answers both', () => {
  const errors = errorsOf({ devices: [AppDevice.hostDevice('/dev/apex_0'), AppDevice.dri()] });
  expect(errors).toEqual([expect.objectContaining({ field: 'devices[0]', message: expect.stringContaining('/dev/apex_0') })]);
});

// A variable that names the serial port the app opens: the container has only the devices it is given.
const DATA = { data: { volume: AppVolume.emptyDir(), mountPath: '/app/data' } };
test.each([
  ['the device given at that path', { devices: [AppDevice.hostDevice('/dev/ttyUSB0')], env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: '/dev/ttyUSB0' } }],
  ['a name under the folder of stable names given whole', { devices: [AppDevice.hostDevice('/dev/serial/by-id')], env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: '/dev/serial/by-id/usb-ITead_Sonoff-if00-port0' } }],
  ['a privileged container, which sees every device of its host', { devices: [AppDevice.hostDevice('/dev/bus/usb')], exemptions: { hostPath: 'the stick', privileged: 'opens the stick' }, env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: '/dev/ttyUSB0' } }],
  ['a network adapter, named by its address', { devices: [AppDevice.hostDevice('/dev/ttyUSB0')], env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: 'tcp://192.168.1.50:6638' } }],
])('a serial port in env with %s is no error', (_name, props) => {
  expect(errorsOf({ placement: { host: nuc }, exemptions: { hostPath: 'the stick' }, persistence: DATA, ...props } as Partial<AppProps>)).toEqual([]);
});

test("a serial port in env that a sidecar's device gives the sidecar alone is one error on the variable", () => {
  const errors = errorsOf({
    placement: { host: nuc }, exemptions: { hostPath: 'the stick' }, persistence: DATA, env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: '/dev/ttyUSB0' },
    sidecars: [{ name: 'ser2net', image: 'ghcr.io/jippi/docker-ser2net:4.6.2' }],
    devices: [AppDevice.hostDevice('/dev/ttyUSB0', { containers: ['ser2net'] })],
  });
  expect(errors.map((f) => f.field)).toEqual(['env.ZIGBEE2MQTT_CONFIG_SERIAL_PORT']);
});
