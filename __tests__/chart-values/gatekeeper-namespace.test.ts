import { gatekeeper } from '../../constructs';
import { synthErrors } from './synth-errors';

// Gatekeeper's chart labels its own namespace at install: `admission.gatekeeper.sh/ignore` and the
// `restricted` pod security level (postInstall.labelNamespace.podSecurity). In kube-system that label would
// refuse the cluster's own privileged pods from then on, so the namespace is refused before anything is
// written.

test('Gatekeeper in kube-system is refused on its namespace option, with a namespace of its own as the hint', () => {
  const { errors, written, unchanged } = synthErrors((cluster) => cluster.platform.require(gatekeeper({ namespace: 'kube-system' })));
  expect(errors).toEqual([{ path: 'main/platform', field: 'components.gatekeeper.namespace', layer: 'props', hint: expect.stringMatching(/namespace of its own/) }]);
  expect(written).toBe(false);
  expect(unchanged).toBe(true);
});

test('Gatekeeper in a namespace of its own synthesizes', () => {
  expect(synthErrors((cluster) => cluster.platform.require(gatekeeper({ namespace: 'policy' }))).errors).toEqual([]);
});
