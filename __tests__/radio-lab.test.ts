import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { AppController, AppDevice, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import { shownFindings } from './support/lab-output';

// A radio lab a user writes from the README alone: readsb with tar1090 (ultrafeeder) on the dongle of a Raspberry Pi,
// FlightAware and Flightradar24 feeders reading its Beast port, rtl_433 publishing to Mosquitto with its credentials from
// a Secret, AIS-catcher on a second dongle, OpenWebRX, and receivers that read no dongle of their own pod. Each is a
// correct setup, and none deserves a finding.

/** The lab: a NUC and a Raspberry Pi with two RTL-SDR dongles; `brokerAdmits` are the namespaces Mosquitto lets in. */
function radioLab(scope: Construct, brokerAdmits = ['radio'], rtl433Dongle = ':00000433'): void {
  const pi = host('radio-pi', {
    arch: 'arm64', roles: ['worker'], address: '192.168.1.21',
    usbDevices: { adsb: { vendorId: '0bda', productId: '2838', model: 'FlightAware Pro Stick Plus' }, ais: { vendorId: '0bda', productId: '2838' } },
  });
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.20' });
  const lab = site('skylab', { domain: 'sky.jdoe.dev', hosts: [nuc, pi], git: { url: 'https://github.com/jdoe/skylab.git' }, pools: { lb: { first: '192.168.1.240', last: '192.168.1.249' } } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nuc, pi], routes: traefik({ address: lab.pools.lb.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), { source: 'generic-device-plugin', provides: { extendedResources: ['squat.ai/rtlsdr'] } }],
  });
  const dongle = { devices: [AppDevice.hostDevice('/dev/bus/usb')], placement: { host: pi }, exemptions: { hostPath: 'the RTL-SDR dongle', privileged: 'libusb opens the dongle' } };
  new ApiObject(cluster, 'mosquitto-conf', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mosquitto', namespace: 'iot' }, data: { 'mosquitto.conf': 'listener 1883\npassword_file /mosquitto/config/passwords\n' } });
  new HomelabApp(cluster, 'mosquitto', {
    namespace: 'iot', image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }], allowFrom: brokerAdmits.map((namespace) => ({ namespace })),
    persistence: { config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] } },
  });
  new HomelabApp(cluster, 'ultrafeeder', {
    namespace: 'adsb', image: 'ghcr.io/sdr-enthusiasts/docker-adsb-ultrafeeder:latest-build-712', route: { host: 'planes' }, allowFrom: [{ namespace: 'adsb' }],
    ports: [{ name: 'http', port: 80 }, { name: 'beast', port: 30005 }, { name: 'sbs', port: 30003 }],
    env: { READSB_DEVICE_TYPE: 'rtlsdr', READSB_RTLSDR_DEVICE: '00001090', READSB_GAIN: 'autogain', READSB_LAT: '51.5', READSB_LON: '-0.12', READSB_ALT: '30m' },
    ...dongle, exemptions: { ...dongle.exemptions, runAsRoot: 's6-overlay starts as root' },
  });
  for (const [id, image, key] of [['piaware', 'docker-piaware:latest-build-612', 'FEEDER_ID'], ['fr24', 'docker-flightradar24:latest-build-786', 'FR24KEY']]) {
    new HomelabApp(cluster, id, {
      namespace: 'adsb', image: `ghcr.io/sdr-enthusiasts/${image}`, ports: [{ name: 'http', port: 8080 }], egress: 'any', exemptions: { runAsRoot: 's6-overlay starts as root' },
      env: { BEASTHOST: 'ultrafeeder', BEASTPORT: '30005', [key]: SecretReference.external('adsb', 'feeders', id) },
    });
  }
  // rtl_433 reads the broker's credentials from MQTT_USERNAME and MQTT_PASSWORD; a second one reads a dongle served by rtl_tcp.
  new HomelabApp(cluster, 'rtl433', {
    namespace: 'radio', image: 'hertzg/rtl_433:25.02', args: ['-d', rtl433Dongle, '-F', 'mqtt://mosquitto.iot:1883,retain=1'], egress: [{ namespace: 'iot' }],
    env: { MQTT_USERNAME: 'rtl433', MQTT_PASSWORD: SecretReference.external('radio', 'mqtt', 'password') }, ...dongle,
  });
  new HomelabApp(cluster, 'rtl433-remote', {
    namespace: 'radio', image: 'hertzg/rtl_433:25.02', args: ['-d', 'rtl_tcp:192.168.1.30:1234', '-F', 'mqtt://mosquitto.iot:1883,user=rtl433,pass=$(MQTT_PASS)'], egress: 'any',
    env: { MQTT_PASS: SecretReference.external('radio', 'mqtt', 'password') },
  });
  // A receiver on every node with a dongle of its own, and one given its dongle by generic-device-plugin.
  new HomelabApp(cluster, 'rtl433-everywhere', {
    namespace: 'radio', image: 'hertzg/rtl_433:25.02', controller: AppController.daemonSet(), args: ['-F', 'mqtt://mosquitto.iot:1883'], egress: 'any',
    devices: [AppDevice.hostDevice('/dev/bus/usb')], exemptions: dongle.exemptions,
  });
  new HomelabApp(cluster, 'ais-catcher', {
    namespace: 'radio', image: 'ghcr.io/jvde-github/ais-catcher:v0.61', ports: [{ name: 'http', port: 8100 }], args: ['-d', '00000162', '-N', '8100'], route: { host: 'ships' },
    devices: [AppDevice.plugin('squat.ai/rtlsdr')], placement: { host: pi },
  });
  new HomelabApp(cluster, 'openwebrx', {
    namespace: 'radio', image: 'jketterl/openwebrx:1.2.2', ports: [{ name: 'http', port: 8073 }], route: { host: 'sdr' },
    persistence: { settings: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/openwebrx' } },
    ...dongle, exemptions: { ...dongle.exemptions, runAsRoot: 'the image runs as root' },
  });
}

test('the radio lab synthesizes without findings', () => {
  expect(shownFindings(radioLab)).toEqual([]);
});

test("rtl_433's MQTT output is a call of the broker, which its network policy must admit", () => {
  expect(shownFindings((scope) => radioLab(scope, ['iot']))).toEqual(expect.arrayContaining(['error main/rtl433 args[3]', 'error main/rtl433-everywhere args[1]']));
});

test("a receiver opening the dongle readsb opens on the same host is an error on its USB devices", () => {
  expect(shownFindings((scope) => radioLab(scope, ['radio'], ':00001090'))).toEqual(['error main/rtl433 devices[0]']);
});
