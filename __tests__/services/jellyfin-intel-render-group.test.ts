import { Jellyfin, JellyfinMedia, JellyfinTranscoding } from '../../constructs';
import { intelNode, lab, plainNode, synthCluster } from './support';

// The Intel device plugin hands the pod /dev/dri/renderD* with the host's owner and mode (commonly root:render,
// 0660). Jellyfin runs as a user of its own, so without the host's render group it cannot open the GPU.

const media = JellyfinMedia.nfs(lab.nfs.media);

function jellyfinWith(hardwareTranscoding: JellyfinTranscoding) {
  const { find, errors, result } = synthCluster((chart) => new Jellyfin(chart, 'jellyfin', { media, hardwareTranscoding }), { hosts: [intelNode, plainNode] });
  const renderGroupFindings = result.findings.filter((f) => f.field === 'hardwareTranscoding.renderGroup');
  return { pod: errors.length === 0 ? find('Deployment').spec.template.spec : undefined, errors, renderGroupFindings };
}

test("intelQsv({ renderGroup }) adds the host's render group beside the device plugin's GPU", () => {
  const { pod, errors, renderGroupFindings } = jellyfinWith(JellyfinTranscoding.intelQsv({ renderGroup: 104 }));
  expect(errors).toEqual([]);
  expect(renderGroupFindings).toEqual([]);
  expect(pod.containers[0].resources.limits['gpu.intel.com/i915']).toBe(1);
  expect(pod.securityContext.supplementalGroups).toEqual([104]);
});

test('intelQsv() without the render group is a warning that names the group to give', () => {
  const { pod, renderGroupFindings } = jellyfinWith(JellyfinTranscoding.intelQsv());
  expect(pod.securityContext.supplementalGroups).toBeUndefined();
  expect(renderGroupFindings.map((f) => [f.severity, f.constructPath])).toEqual([['warning', 'main/jellyfin']]);
  expect(renderGroupFindings[0].message).toContain('/dev/dri/renderD*');
  expect(renderGroupFindings[0].hint).toContain('in hardwareTranscoding.renderGroup, as `getent group render` prints it (e.g. renderGroup: 104)');
});

test('a runtime that gives devices the pod\'s owner needs no group, and says so', () => {
  const { pod, renderGroupFindings } = jellyfinWith(JellyfinTranscoding.intelQsv({ deviceOwnershipFromSecurityContext: true }));
  expect(renderGroupFindings).toEqual([]);
  expect(pod.securityContext.supplementalGroups).toBeUndefined();
});
