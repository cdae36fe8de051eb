import { App as CdkApp } from 'cdk8s';
import { AppDevice, AppVolume, ClusterChart, ExternalService, externalHost, HomelabApp } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-new-user-apps.ts) cannot say: that a mistake is one error on the prop
// the user wrote rather than another on the object rendered from it, and the warnings of a volume mounted
// nowhere.

const IMAGE = 'nginxinc/nginx-unprivileged:1.27.0';

/** The findings of `severity` of the lab cluster after `build`, as `[layer] path field`. */
function findingsOf(build: (cluster: ClusterChart) => void, severity: 'error' | 'warning'): string[] {
  const app = new CdkApp();
  guarded(build)(labCluster(app));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === severity).map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
}

test.each([
  ['the GPU folder given twice as a device', (c: ClusterChart) => new HomelabApp(c, 'web', {
    image: IMAGE, ports: [{ name: 'http', port: 8080 }], devices: [AppDevice.dri(), AppDevice.dri()], exemptions: { hostPath: 'transcoding' },
  }), '[props] main/web devices[1]'],
  ["an ExternalService's port name in capitals", (c: ClusterChart) => new ExternalService(c, 'nas', {
    host: externalHost('nas', { address: '10.0.0.9', ports: { web: 5000 } }), service: 'web', portName: 'Web',
  }), '[props] main/nas portName'],
  ["an ExternalService's id in capitals", (c: ClusterChart) => new ExternalService(c, 'NAS', {
    host: externalHost('nas', { address: '10.0.0.9', ports: { NAS: 5000 } }),
  }), '[props] main/NAS id'],
  // Was two: one on the prop and one on the app's NodePort Service.
  ['a node port without its exemption', (c: ClusterChart) => new HomelabApp(c, 'web', {
    image: IMAGE, ports: [{ name: 'http', port: 8080, nodePort: 30080 }],
  }), '[policy] main/web exemptions.nodePort'],
])('%s is one error, on the prop', (_name, build, error) => {
  expect(findingsOf(build, 'error')).toEqual([error]);
});

describe('a persistence entry mounted nowhere', () => {
  const app = (persistence: Record<string, unknown>, more: Record<string, unknown> = {}) => (c: ClusterChart) =>
    new HomelabApp(c, 'web', { image: IMAGE, ports: [{ name: 'http', port: 8080 }], persistence: persistence as any, ...more });

  test('without mountPath or mounts is a warning on the entry', () => {
    expect(findingsOf(app({ data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }) } }), 'warning'))
      .toContain('[props] main/web persistence.data');
  });

  test("mounted through a container's mounts, or a later mount call, it is none", () => {
    const bySidecar = app({ data: { volume: AppVolume.emptyDir() } }, { sidecars: [{ name: 'sync', image: 'busybox:1.36.1', mounts: [{ volume: 'data', mountPath: '/data' }] }] });
    const byCall = (c: ClusterChart) => app({ data: { volume: AppVolume.emptyDir() } })(c).mount('data', '/data');
    for (const build of [bySidecar, byCall]) {
      expect(findingsOf(build, 'warning').filter((f) => f.includes('persistence.data'))).toEqual([]);
    }
  });
});
