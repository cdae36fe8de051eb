import { readFileSync } from 'fs';
import { join } from 'path';
import { mobiusDesignChoices } from '../charts/mobius/design-choices';
import { k0smotronClusterName, k0sWorkloadCluster } from '../charts/mobius/k0s';
import { controlPlanePorts, n5 } from '../hosts/mobius';

// A fact-by-fact audit of the mobius design against its output: each fact the design states is either in
// dist/mobius as the design gives it, or a placeholder or choice its README explains. These are the facts the
// audit found different without a word. The charts' pure parts are read directly, and the committed READMEs
// from dist/, so the file stays fast.

const CLUSTERS = ['homelab', 'cloud', 'sandbox'] as const;
const readme = (cluster: string) => readFileSync(join(__dirname, '..', 'dist', 'mobius', cluster, 'README.md'), 'utf8');
const choices = (cluster: string) => readme(cluster).split('## Choices against the design')[1]?.split('\n## ')[0] ?? '';

describe("mobius: the k0smotron clusters carry the design's names, homelab-cluster, cloud-cluster and sandbox-cluster", () => {
  test.each(CLUSTERS)("%s: the definition, its kubeconfig Secret, its join token and its etcd claim carry the design's name", (cluster) => {
    const steps = k0sWorkloadCluster(cluster, controlPlanePorts[cluster], { native: [n5] }).manualSteps ?? [];
    const step = (start: string) => steps.find((s) => s.startsWith(start)) ?? '';
    const design = `${cluster}-cluster`;
    expect(k0smotronClusterName(cluster)).toBe(design);
    expect(step(`create k0s workload cluster ${cluster} `)).toContain(`a Cluster named ${design} (the design's name of the cluster) in namespace default`);
    expect(step(`create k0s workload cluster ${cluster} `)).toContain(`get secret ${design}-kubeconfig -o jsonpath`);
    expect(step('make a worker join token')).toContain(`"clusterRef":{"name":"${design}","namespace":"default"}`);
    expect(step("first, N5's k0s management cluster")).toContain(`${cluster}'s is etcd-data-kmc-${design}-etcd-0`);
    // The committed output says the same.
    expect(readme(cluster)).toContain(`a Cluster named ${design} (the design's name of the cluster)`);
    expect(readme(cluster)).not.toContain(`get secret ${cluster}-kubeconfig`);
  });

  test("homelab's control-plane watch names the design's cluster's StatefulSet", () => {
    expect(readme('homelab')).toContain('StatefulSet kmc-homelab-cluster, and kmc-homelab-cluster-etcd where etcd runs apart');
  });
});

describe("mobius: where the design's sketch and its tables disagree, or its example differs, the README says which runs", () => {
  test("the sketch's M1 VM joining the sandbox: homelab and the sandbox say it is homelab's worker only; cloud, which it never joins, is silent", () => {
    for (const cluster of ['homelab', 'sandbox']) {
      expect(mobiusDesignChoices(cluster as 'homelab' | 'sandbox').join('\n')).toContain("**The M1 VM is homelab's worker only.**");
      expect(choices(cluster)).toContain('"joins homelab-cluster as worker node"');
    }
    expect(choices('cloud')).not.toContain('**The M1 VM');
  });

  test.each(CLUSTERS)("%s: the design's Ingress home-assistant is an IngressRoute, named after its app", (cluster) => {
    expect(choices(cluster)).toContain("**Routes are Traefik IngressRoutes.** The design's DNS example writes Home Assistant's route as an Ingress `home-assistant`");
    expect(choices(cluster)).toContain("(Home Assistant's is `vms/homeassistant`, beside its VM and Service)");
  });
});
