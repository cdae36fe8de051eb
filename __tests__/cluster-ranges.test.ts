import { cilium, k3s } from '../constructs';
import { ciliumValues } from '../constructs/platform/components/cilium';
import { distributionRanges } from '../constructs/platform/cluster-ranges';
import { podServiceOverlaps } from '../constructs/platform/cluster-range-overlaps';

test("each known distribution's defaults are the ranges in force until its declaration gives others", () => {
  expect(distributionRanges({ distribution: 'K3s' }).map((r) => r.cidr)).toEqual(['10.42.0.0/16', '10.43.0.0/16']);
  expect(distributionRanges({ distribution: 'k0s' }).map((r) => r.cidr)).toEqual(['10.244.0.0/16', '10.96.0.0/12']);
  expect(distributionRanges({ distribution: 'K0S', clusterRanges: { services: ['10.200.0.0/16'] } }).map((r) => r.cidr)).toEqual(['10.244.0.0/16', '10.200.0.0/16']);
  // Those declared by hand, by name, as their documentation gives them (kubeadm's pod range is the CNI's).
  expect(distributionRanges({ distribution: 'rke2' }).map((r) => r.cidr)).toEqual(['10.42.0.0/16', '10.43.0.0/16']);
  expect(distributionRanges({ distribution: 'MicroK8s' }).map((r) => r.cidr)).toEqual(['10.1.0.0/16', '10.152.183.0/24']);
  expect(distributionRanges({ distribution: 'kubeadm', clusterRanges: { pods: ['10.244.0.0/16'] } }).map((r) => r.cidr)).toEqual(['10.244.0.0/16', '10.96.0.0/12']);
  // A distribution the library does not know has the ranges its declaration gives, and no others.
  expect(distributionRanges({ distribution: 'Kubespray' })).toEqual([]);
});

test("K3s' ranges follow --cluster-cidr and --service-cidr among its extra flags", () => {
  const ranges = k3s({ extraServerFlags: ['--cluster-cidr=10.50.0.0/16,fd00:50::/56', '--service-cidr=10.51.0.0/16'] }).preinstalled.clusterRanges;
  expect(ranges).toEqual({ pods: ['10.50.0.0/16', 'fd00:50::/56'], services: ['10.51.0.0/16'] });
  expect(k3s().preinstalled.clusterRanges).toEqual({ pods: [], services: [] });
});

test("Cilium's cluster-pool ranges are rendered by family, and are the pod range in force", () => {
  expect(ciliumValues({ ipamMode: 'cluster-pool', clusterPoolPodCidrs: ['10.60.0.0/16', 'fd00:60::/104'] }).ipam).toEqual({
    mode: 'cluster-pool', operator: { clusterPoolIPv4PodCIDRList: ['10.60.0.0/16'], clusterPoolIPv6PodCIDRList: ['fd00:60::/104'] },
  });
  expect(ciliumValues({}).ipam).toEqual({ mode: 'kubernetes' });
  expect(cilium({ ipamMode: 'cluster-pool' }).podRanges?.map((r) => r.cidr)).toEqual(['10.0.0.0/8']);
  expect(cilium({ ipamMode: 'multi-pool' }).podRanges).toEqual([]);
  expect(cilium({}).podRanges).toBeUndefined();
});

test('a pod range inside the Service range is a problem on the range given; one around it is none', () => {
  const talosWith = (pods: string[]) => distributionRanges({ distribution: 'Talos Linux', clusterRanges: { pods } });
  expect(podServiceOverlaps(talosWith(['10.96.0.0/16'])).map((p) => p.range?.field)).toEqual(['podSubnets']);
  // kube-controller-manager leaves the Service range out of a pod range around it, as Cilium's default 10.0.0.0/8 holds 10.96.0.0/12.
  expect(podServiceOverlaps(talosWith(['10.0.0.0/8']))).toEqual([]);
  expect(podServiceOverlaps(distributionRanges({ distribution: 'K3s', clusterRanges: { services: ['10.42.0.0/15'] } })).map((p) => p.range?.field)).toEqual(['extraServerFlags']);
  // Two defaults are the distribution's own choice.
  expect(podServiceOverlaps(distributionRanges({ distribution: 'K3s' }))).toEqual([]);
});
