import type { Construct } from 'constructs';
import { AppDevice, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { commandLineWildcards } from '../constructs/app/command-wildcards';
import { shownFindings } from './support/lab-output';

// A household's printing, scanning and offline libraries written from the README: CUPS sharing the USB printer of a
// Raspberry Pi with AirPrint on the host's network, scanservjs driving the USB scanner beside it with its scans on
// the NAS, Kiwix serving the ZIM files of the NAS, and Kolibri for the children's lessons.

/** The lab, its CUPS app given `cups` over the props it is written with. */
function printingLab(cups: Partial<AppProps> = {}): (scope: Construct) => void {
  return (scope) => {
    const server = host('server', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
    const printPi = host('printpi', { arch: 'arm64', roles: ['worker'], address: '192.168.1.11' });
    const home = site('home', {
      domain: 'home.example.org', hosts: [server, printPi], git: { url: 'https://github.com/jdoe/home.git' },
      pools: { services: { first: '192.168.1.200', last: '192.168.1.210' } },
      nfs: { nas: { server: '192.168.1.5', path: '/volume1/k8s' } },
    });
    const cluster = new ClusterChart(scope, 'main', {
      site: home, hosts: [server, printPi], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
      routes: traefik({ address: home.pools.services.at('192.168.1.200') }), loadBalancer: metalLb({ pools: [home.pools.services] }),
      storage: { fast: localPathStorage() }, gitops: flux(),
    });
    new HomelabApp(cluster, 'cups', {
      namespace: 'printing', image: 'anujdatar/cups:24.05.01', ports: [{ name: 'ipp', port: 631 }],
      env: { CUPSADMIN: 'admin', TZ: 'Europe/Berlin', CUPSPASSWORD: SecretReference.external('printing', 'cups-admin', 'password') },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/cups' } },
      devices: [AppDevice.hostDevice('/dev/bus/usb')], placement: { host: printPi },
      exemptions: {
        runAsRoot: 'its init starts cupsd as root', writableRootFilesystem: 's6-overlay writes its service tree under /run',
        hostNetwork: 'AirPrint printers are announced by mDNS on the LAN', hostPath: 'the USB printer', privileged: 'the USB backend opens the printer',
      },
      loadBalancer: { address: home.pools.services.at('192.168.1.201'), ports: ['ipp'] },
      ...cups,
    });
    new HomelabApp(cluster, 'scanservjs', {
      namespace: 'scanning', image: 'sbs20/scanservjs:v3.0.3', ports: [{ name: 'http', port: 8080 }],
      persistence: { output: { volume: AppVolume.nfs(home.nfs.nas, 'scans'), mountPath: '/usr/share/scanservjs/output' } },
      devices: [AppDevice.hostDevice('/dev/bus/usb')], placement: { host: printPi },
      exemptions: { runAsRoot: 'its image runs as root, as its docs say', hostPath: 'the USB scanner', privileged: 'SANE opens the USB scanner' }, route: { host: 'scan' },
    });
    new HomelabApp(cluster, 'kiwix', {
      namespace: 'library', image: 'ghcr.io/kiwix/kiwix-serve:3.7.0', args: ['*.zim'], ports: [{ name: 'http', port: 8080 }],
      persistence: { zim: { volume: AppVolume.nfs(home.nfs.nas, 'zim'), mountPath: '/data', readOnly: true } }, route: { host: 'wiki' },
    });
    new HomelabApp(cluster, 'kolibri', {
      namespace: 'learning', image: 'treehouses/kolibri:0.16.2', ports: [{ name: 'http', port: 8080 }],
      env: { KOLIBRI_HOME: '/kolibri', KOLIBRI_HTTP_PORT: '8080' },
      persistence: { home: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/kolibri' } }, route: { host: 'learn' },
    });
  };
}

describe('a household print server, scanner and offline libraries', () => {
  test('synthesize with no finding', () => {
    expect(shownFindings(printingLab())).toEqual([]);
  });

  test("anujdatar's CUPS image off the host's network is a warning: clients that add the printer by address still print", () => {
    expect(shownFindings(printingLab({ exemptions: { runAsRoot: 'cupsd', writableRootFilesystem: 's6', hostPath: 'usb', privileged: 'usb' } })))
      .toEqual(['warning main/cups exemptions.hostNetwork']);
  });
});

describe('a wildcard in a replaced entrypoint', () => {
  test.each([
    ['the image entrypoint, given args alone', undefined, ['*.zim']],
    ['a shell script', ['sh', '-c', 'exec kiwix-serve /data/*.zim'], undefined],
    ['a start script', ['/usr/local/bin/start.sh', '/data/*.zim'], undefined],
    ['the value of a pattern option', ['rsync', '--exclude', '/cache/*', '/src/', '/dst/'], undefined],
    ['a URL with a query', ['curl', 'http://example.org/a?b=1'], undefined],
    ['config files a program expands itself', ['vector', '--config', '/etc/vector/*.toml'], undefined],
  ])('is left alone in %s', (_name, command, args) => {
    expect(commandLineWildcards(command, args)).toEqual([]);
  });

  test('is refused on the word, whose hint runs the line through a shell', () => {
    expect(commandLineWildcards(['kiwix-serve'], ['--port=8080', '/data/*.zim', '--verbose'])).toEqual([expect.objectContaining({
      key: 'args', index: 1, hint: expect.stringContaining("command: ['sh', '-c', 'exec kiwix-serve --port=8080 /data/*.zim --verbose']"),
    })]);
  });
});
