import { AppVolume } from '../constructs';
import { unusedExemptions } from '../constructs/app/unused-exemptions';
import { labErrors, webApp } from './support/lab-errors';

// Exemptions that permit a departure are kept where the app makes it: a stated nfsVolume beside an NFS
// volume, a hostPath beside a host folder, a nodePort beside a port that names one, floatingImage beside a
// moving tag; and where it does not, the one finding is on the exemption.

const errorsOf = labErrors;

const web = webApp;

const NO_USE = { hostPathVolume: false, nfsVolume: false, nodePort: false, images: ['nginxinc/nginx-unprivileged:1.27.0'] };

test('exemptions that switch a setting on are never unused; those that permit one are, without it', () => {
  const all = { runAsRoot: 'a', hostNetwork: 'b', privileged: 'c', hostPath: 'd', nfsVolume: 'e', nodePort: 'f', floatingImage: 'g' };
  expect(unusedExemptions(all, NO_USE).map((u) => u.prop)).toEqual(['hostPath', 'nfsVolume', 'nodePort', 'floatingImage']);
  expect(unusedExemptions(all, { hostPathVolume: true, nfsVolume: true, nodePort: true, images: ['nginx'] })).toEqual([]);
});

test('an app that uses each exemption it states is not refused', () => {
  expect(errorsOf((cluster) => web(cluster, {
    image: 'nginxinc/nginx-unprivileged:latest',
    ports: [{ name: 'http', port: 8080, nodePort: 30080 }],
    persistence: { host: { volume: AppVolume.hostPath('/srv/web'), mountPath: '/srv' } },
    exemptions: { hostPath: 'serves the host folder', nodePort: 'reached from the LAN', floatingImage: 'follows the latest build' },
  }))).toEqual([]);
});

test('a floatingImage exemption that covers a sidecar\'s moving tag is used', () => {
  expect(errorsOf((cluster) => web(cluster, { exemptions: { floatingImage: 'the sidecar follows its latest build' } })
    .addSidecar({ name: 'log', image: 'busybox:latest' }))).toEqual([]);
});

test('an unused hostPath exemption is one error, on the exemption', () => {
  expect(errorsOf((cluster) => web(cluster, { exemptions: { hostPath: 'reads /dev/dri' } }))).toEqual([
    expect.stringMatching(/^main\/web exemptions\.hostPath: .*no volume or device/),
  ]);
});
