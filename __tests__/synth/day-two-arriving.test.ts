import { claimsByFileOf, dayTwoChanges } from '../../constructs/synth/day-two';

const claim = (name: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'media' }, spec: {} });

test("a cluster new in the run names its arriving claims from the rendered objects, and keeps no file's text", () => {
  const claims = claimsByFileOf(new Map<string, object[]>([
    ['lab/edge/apps/jellyfin.yaml', [claim('jellyfin-config'), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'jellyfin' } }]],
    ['lab/edge/apps/web.yaml', [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }]],
  ]));
  expect([...claims]).toEqual([['lab/edge/apps/jellyfin.yaml', ['media/jellyfin-config']]]);

  // Text no YAML parser reads: the ids come from the objects, not from parsing the files again.
  const current = new Map([['lab/edge/apps/jellyfin.yaml', '{ not yaml'], ['lab/edge/apps/web.yaml', '{ not yaml']]);
  const report = dayTwoChanges({ chartPath: 'edge', previous: new Map(), current, allCurrent: current, constructPaths: new Map(), claimsByFile: claims });
  // A plain list: a report lives until the fleet ends, and a function over the files would keep every file with it.
  expect(report.claimsArriving).toEqual(['media/jellyfin-config']);
});
