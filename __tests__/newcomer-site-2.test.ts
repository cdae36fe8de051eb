import { App as CdkApp } from 'cdk8s';
import { homeParts, HomeChange, files, nasService } from './bad-input/cases-newcomer-site-2';
import { prepopulatedOutdir, synthFindings } from './bad-input/lab';
import { App, ClusterChart, localPathStorage } from '../constructs';

// What the bad-input corpus (cases-newcomer-site-2.ts) cannot say: that a mistake of a newcomer's site
// gives exactly one error, and no message with a list left empty.

/** The errors of the site `home` with `change`, as `[layer] path field: message`. */
function errorsOf(change: HomeChange): string[] {
  const app = new CdkApp();
  homeParts(app, change);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

test('a claim on the ZFS pool of a host outside the cluster is one error, on the StorageClass, naming the host', () => {
  const errors = errorsOf({ cluster: ({ nuc, nas }) => ({ storage: { fast: localPathStorage(), bulk: nuc.zfs.tank, archive: nas.zfs.big } }), apps: files('archive') });
  expect(errors).toEqual([expect.stringMatching(/^\[inventory\] home\/storage\/big parameters\.poolname: ZFS pool "big" is a pool of nas, which is no host of cluster "home"/)]);
});

describe('an app on an AMD GPU, whose device plugin the library does not install', () => {
  const amdApp = (cluster: ClusterChart) => new App(cluster, 'ollama', { image: 'ollama/ollama:0.5.7-rocm', ports: [{ name: 'http', port: 11434 }], gpu: { vendor: 'amd' } });
  const amdSite = (preinstalled: unknown[]): HomeChange => ({
    cluster: ({ nuc }) => ({ hosts: [nuc], preinstalled }),
    apps: amdApp,
  });
  /** The warnings on the app's gpu, with the nuc given an AMD GPU. */
  function gpuWarnings(change: HomeChange): string[] {
    const app = new CdkApp();
    homeParts(app, { ...change, nuc: { gpus: [{ vendor: 'amd' }] } });
    return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'warning' && f.field === 'gpu').map((f) => f.hint ?? '');
  }

  test('is a warning on its gpu while nothing declares the plugin, whose hint declares it', () => {
    expect(gpuWarnings(amdSite([]))).toEqual([expect.stringContaining("provides: { extendedResources: ['amd.com/gpu'] }")]);
  });

  test('is no warning once the plugin is declared preinstalled', () => {
    expect(gpuWarnings(amdSite([{ source: 'amd-gpu-device-plugin', provides: { extendedResources: ['amd.com/gpu'] } }]))).toEqual([]);
  });
});

test("an ExternalService naming a port its machine does not list is one error, on its service, and no Service of port 0", () => {
  expect(errorsOf(nasService('http'))).toEqual([expect.stringMatching(/^\[props\] home\/synology service: machine synology lists no port "http" among its ports \(nfs, web\)$/)]);
});
