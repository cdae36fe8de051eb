import { defineMobius } from '../charts/mobius';
import { rows as ownerSteps, stepsOf } from './support/readme';
import { synthInMemory } from './support/synth';

// The mobius site walked once more from a bare cluster: what each step by hand leaves running on N5.

const result = synthInMemory(defineMobius);
const readme = (cluster: string) => result.files.get(`mobius/${cluster}/README.md`)!;

describe("mobius: the k0s containers on N5 keep their pods' cgroups apart from the kubelet of N5's own k0s service", () => {
  // N5 runs three kubelets: homelab's (N5's own k0s service), the management cluster's and the sandbox's
  // (k0s containers). A kubelet destroys every pod cgroup under its kubepods cgroup that it does not know,
  // killing what runs there; in the host's cgroup namespace, a container's kubelet (cgroupfs, no systemd in
  // the image) takes the host's top kubepods cgroup, the one a cgroupfs kubelet of the machine takes too.
  const steps = ownerSteps(readme('sandbox'));
  const [what] = steps[stepsOf(steps)("run sandbox's worker as a k0s container")];
  const dockerRun = what.slice(what.indexOf('docker run '));

  test("the sandbox's worker container runs in a cgroup namespace of its own, and the step says why", () => {
    expect(dockerRun).toContain(' --privileged --cgroupns=private ');
    expect(dockerRun).not.toContain('--cgroupns=host');
    expect(what).toContain("in a cgroup namespace of its own (--cgroupns=private, where k0s' entrypoint enables the nested cgroup controllers; "
      + "in the host's, its kubelet would share the host's top kubepods cgroup with the kubelet of the machine's own k0s service or of another k0s container, "
      + 'and each kubelet kills the pods whose cgroups it does not know)');
  });

  test.each(['homelab', 'cloud', 'sandbox'])("%s: the management cluster's k0s container on N5 is told the same", (cluster) => {
    const clusterSteps = ownerSteps(readme(cluster));
    const [first] = clusterSteps[stepsOf(clusterSteps)("first, N5's k0s management cluster")];
    expect(first).toContain("so it runs as a k0s container there, in a cgroup namespace of its own (--cgroupns=private, ");
    expect(readme(cluster)).not.toContain('--cgroupns=host');
  });
});
