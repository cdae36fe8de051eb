import { App as CdkApp } from 'cdk8s';
import { App, AppController, AppVolume, Jellyfin, JellyfinMedia, leaveFirstVisitorStep, leaveOwnerAction, synthesize } from '../constructs';
import type { ClusterChart } from '../constructs';
import { propProblems } from '../constructs/validation/known-props';
import { JELLYFIN_PROPS_SHAPE } from '../constructs/validation/service-props-shapes';
import { lab, labCluster } from './bad-input/lab';
import { rows } from './support/readme';

// Apps that give their administrator to whoever opens them first: the owner claims it through a port
// forward, in the step right after the one that starts the first sync, before anyone reaches the route.

const media = JellyfinMedia.nfs(lab.nfs.share);

function synth(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  build(labCluster(app));
  const result = synthesize(app, { outdir: 'unused', write: false });
  const readme = result.files.get('lab/main/README.md') ?? '';
  return { errors: result.findings.filter((f) => f.severity === 'error'), steps: rows(readme) };
}

const web = (cluster: ClusterChart, props: Record<string, unknown> = {}) => new App(cluster, 'kuma', {
  image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'], ports: [{ name: 'http', port: 3001 }], route: { host: 'status' },
  persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/app/data' } }, ...props,
});
const indexOf = (steps: Array<[string, string]>, start: string) => steps.findIndex(([what]) => what.startsWith(start));

describe('the first visitor of an app', () => {
  test("Jellyfin leaves its startup wizard as the step right after flux bootstrap, through a port forward to its Deployment", () => {
    const { errors, steps } = synth((cluster) => {
      // A step the chart leaves first, in construct order, still comes after the wizard.
      leaveOwnerAction(cluster, { kind: 'manual', action: 'point *.lab.test at the load balancer' });
      new Jellyfin(cluster, 'jellyfin', { media, route: { host: 'tv' } });
    });
    expect(errors).toEqual([]);
    const wizard = indexOf(steps, "as soon as Jellyfin's pod runs, finish its startup wizard at http://localhost:8096 through the port forward here");
    expect(wizard).toBe(indexOf(steps, 'flux bootstrap') + 1);
    expect(wizard).toBeLessThan(indexOf(steps, 'point *.lab.test'));
    expect(steps[wizard][0]).toContain('before anyone else reaches its route (tv.lab.test): its first visitor makes the administrator; then add the libraries from folders under /media');
    expect(steps[wizard][1]).toBe('kubectl -n jellyfin port-forward deployment/jellyfin 8096:8096');
  });

  test('a Jellyfin whose config was brought along, with its administrator, leaves no wizard step; the reason must say something', () => {
    const migrated = synth((cluster) => new Jellyfin(cluster, 'jellyfin', { media, migratedConfig: 'the /config of the old server is restored before the first sync' }));
    expect(migrated.errors).toEqual([]);
    expect(migrated.steps.some(([what]) => what.includes('startup wizard'))).toBe(false);
    expect(propProblems('Jellyfin', { media, migratedConfig: ' ' }, JELLYFIN_PROPS_SHAPE).map((p) => p.field)).toEqual(['migratedConfig']);
  });

  test('an app a chart builds follows a chart step marked as the one that starts the first sync, not the engine\'s', () => {
    const { errors, steps } = synth((cluster) => {
      leaveOwnerAction(cluster, { kind: 'bootstrap', action: 'make the names resolve' });
      leaveOwnerAction(cluster, { kind: 'bootstrap', action: 'first sync: apply the layers by hand', startsFirstSync: true });
      leaveOwnerAction(cluster, { kind: 'manual', action: 'check the pods' });
      leaveFirstVisitorStep(web(cluster), { label: 'Uptime Kuma', task: 'create its administrator', claims: 'creates the administrator' });
    });
    expect(errors).toEqual([]);
    const first = indexOf(steps, "as soon as Uptime Kuma's pod runs, create its administrator at http://localhost:3001");
    expect(first).toBe(indexOf(steps, 'first sync: apply the layers by hand') + 1);
    expect(first).toBeLessThan(indexOf(steps, 'check the pods'));
    expect(indexOf(steps, 'make the names resolve')).toBeLessThan(first);
    expect(steps[first][1]).toBe('kubectl -n kuma port-forward deployment/kuma 3001:3001');
  });

  test('an app no port forward reaches by its controller is a finding, not a broken command', () => {
    const { errors } = synth((cluster) => leaveFirstVisitorStep(web(cluster, { controller: AppController.knative() }), {
      label: 'Uptime Kuma', task: 'create its administrator', claims: 'creates the administrator',
    }));
    // The lab has no Knative: its other findings say so.
    expect(errors.map((e) => [e.field, e.message])).toContainEqual(['leaveFirstVisitorStep', "Uptime Kuma's first visitor cannot be forestalled through a port forward: it runs as a KnativeService"]);
  });

  test('a step has one place: before the first sync, the step that starts it, or right after it', () => {
    const { errors } = synth((cluster) => {
      leaveOwnerAction(cluster, { kind: 'bootstrap', action: 'both', beforeFirstSync: true, rightAfterFirstSync: true });
      leaveOwnerAction(cluster, { kind: 'bootstrap', action: 'starts and follows', startsFirstSync: true, rightAfterFirstSync: true });
      leaveOwnerAction(cluster, { kind: 'bootstrap', action: 'typo', rightAfterFirstSync: 'yes' as any });
    });
    expect(errors.map((e) => e.field)).toEqual(['leaveOwnerAction.rightAfterFirstSync', 'leaveOwnerAction.rightAfterFirstSync', 'leaveOwnerAction.rightAfterFirstSync']);
  });

  test('a shared layout says where the libraries are', () => {
    const { steps } = synth((cluster) => new Jellyfin(cluster, 'jellyfin', {
      media: JellyfinMedia.shared(AppVolume.claim({ tier: 'local', size: '100Gi' })),
    }));
    expect(steps.find(([what]) => what.includes('startup wizard'))![0]).toContain('folders under /media, where the media/ folder of its shared volume is mounted');
  });
});
