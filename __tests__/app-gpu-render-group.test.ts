import { App } from '../constructs';
import type { AppProps } from '../constructs';
import { amdNode, intelNode, nvidiaNode, plainNode, synthCluster } from './services/support';

// Intel's and AMD's device plugins hand the pod /dev/dri/renderD* with the host's owner and mode (commonly
// root:render, 0660): an app that runs as a user of its own opens the GPU only in the host's render group.

function appWith(props: Partial<AppProps>) {
  const { find, result } = synthCluster((chart) => new App(chart, 'transcoder', { image: 'ghcr.io/example/transcoder:1.2.3', ports: [{ name: 'http', port: 8080 }], ...props }),
    { hosts: [intelNode, amdNode, nvidiaNode, plainNode] });
  return {
    pod: find('Deployment').spec.template.spec,
    groupFindings: result.findings.filter((f) => /renderGroup$/.test(f.field ?? '')).map((f) => `${f.severity} ${f.field}`),
  };
}

test.each(['intel', 'amd'] as const)("an %s GPU without the host's render group is a warning on gpu.renderGroup", (vendor) => {
  const { pod, groupFindings } = appWith({ gpu: { vendor } });
  expect(groupFindings).toEqual(['warning gpu.renderGroup']);
  expect(pod.securityContext.supplementalGroups).toBeUndefined();
});

test("the render group joins the pod's other groups", () => {
  const { pod, groupFindings } = appWith({ gpu: { vendor: 'intel', renderGroup: 104 }, supplementalGroups: [44] });
  expect(groupFindings).toEqual([]);
  expect(pod.securityContext.supplementalGroups).toEqual([44, 104]);
});

test('groups given otherwise, a runtime that gives devices the pod\'s owner, a root app or an NVIDIA GPU draw no warning', () => {
  expect(appWith({ gpu: { vendor: 'intel' }, supplementalGroups: [303] }).groupFindings).toEqual([]);
  expect(appWith({ gpu: { vendor: 'amd', deviceOwnershipFromSecurityContext: true } }).groupFindings).toEqual([]);
  expect(appWith({ gpu: { vendor: 'intel' }, exemptions: { runAsRoot: 'its entrypoint drops to its own user' } }).groupFindings).toEqual([]);
  expect(appWith({ gpu: { vendor: 'nvidia' } }).groupFindings).toEqual([]);
});
