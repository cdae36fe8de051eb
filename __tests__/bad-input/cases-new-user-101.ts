import { AppDevice, AppVolume, HomelabApp } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// A new user's printing and offline libraries from the README alone: CUPS sharing a USB printer with AirPrint, a
// scanner, Kiwix and Kolibri. These mistakes passed synthesis: a CUPS image that adds its admin user and runs cupsd
// as root, left to the non-root default as its compose file suggests (or made privileged, which a process of another
// user than root gains nothing from), stopped as it started; the AirPrint relay whose docs ask for the host's network,
// run off it, announced no printer to the LAN; and kiwix-serve given its ZIM files by a wildcard in a replaced
// entrypoint looked for a file named `*.zim`.

/** CUPS from `image` in namespace `printing` on IPP's port, the USB bus mounted, with `exemptions` and `env`. */
const cups = (image: string, exemptions: Record<string, unknown>, env: Record<string, string> = { CUPSADMIN: 'admin' }) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'cups', {
  namespace: 'printing', image, ports: [{ name: 'ipp', port: 631 }], env,
  persistence: { config: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: image.includes('airprint') ? '/config' : '/etc/cups' } },
  devices: [AppDevice.hostDevice('/dev/bus/usb')], exemptions: { hostPath: 'the USB printer', ...exemptions },
} as never));

export const CASES: BadInput[] = [
  {
    name: "anujdatar's CUPS image left to the non-root default, as its compose file runs it",
    build: cups('anujdatar/cups:24.05.01', { hostNetwork: 'AirPrint is announced by mDNS' }, { CUPSADMIN: 'admin', TZ: 'Europe/Berlin' }),
    layer: 'props', path: 'cups', field: 'image', message: /adds CUPSADMIN to \/etc\/shadow/, hint: /runAsRoot: '/,
  },
  {
    name: "anujdatar's CUPS image made privileged for the USB printer, without runAsRoot",
    build: cups('anujdatar/cups:24.05.01', { hostNetwork: 'AirPrint is announced by mDNS', privileged: 'the backend opens the USB printer' }),
    layer: 'props', path: 'cups', field: 'image', hint: /writableRootFilesystem: 's6-overlay/,
  },
  {
    name: "chuckcharlie's AirPrint relay on the pod network behind a load balancer",
    build: cups('chuckcharlie/cups-avahi-airprint:2.0.1', { runAsRoot: 'cupsd stays root', writableRootFilesystem: 'its start script writes /etc/cups', privileged: 'the backend opens the USB printer' }),
    layer: 'props', path: 'cups', field: 'exemptions.hostNetwork', message: /announces no printer to the LAN/, hint: /hostNetwork: 'AirPrint printers are announced by mDNS/,
  },
  {
    name: 'kiwix-serve given its ZIM files by a wildcard in a replaced entrypoint',
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'kiwix', {
      namespace: 'library', image: 'ghcr.io/kiwix/kiwix-serve:3.7.0', command: ['kiwix-serve', '--port', '8080', '/data/*.zim'],
      ports: [{ name: 'http', port: 8080 }], route: { host: 'wiki' },
      persistence: { zim: { volume: AppVolume.nfs(lab.nfs.share, 'zim'), mountPath: '/data', readOnly: true } },
    } as never)),
    layer: 'props', path: 'kiwix', field: 'command[3]', message: /no shell runs|with no shell/, hint: /command: \['sh', '-c', 'exec kiwix-serve --port 8080 \/data\/\*\.zim'\]/,
  },
];
