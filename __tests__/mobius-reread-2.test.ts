import { ClusterChart, flux, HomeAssistantVm, traefik, type VmFirmware } from '../constructs';
import { defineMobius } from '../charts/mobius';
import { mobius, n5 } from '../hosts/mobius';
import { rows, simpleCommands } from './support/readme';
import { manifestsOf, synthInMemory } from './support/synth';

// A second reading of the mobius design against the synthesized output, as the owner bootstraps each cluster
// on bare machines with the README alone.

const result = synthInMemory(defineMobius);
const readme = (cluster: string) => result.files.get(`mobius/${cluster}/README.md`)!;
/** The owner steps of a cluster's README, in order, as [what, command]. */
const steps = (cluster: string) => rows(readme(cluster));
/** The index of the first step of `cluster` whose text contains `text` (-1 when none does). */
const stepIndex = (cluster: string, text: string) => steps(cluster).findIndex(([what]) => what.includes(text));

const CLUSTERS = [
  { cluster: 'homelab', workers: ['n5', 'm1-worker'] },
  { cluster: 'cloud', workers: ['vps'] },
  { cluster: 'sandbox', workers: ['n5'] },
] as const;

describe("mobius: a worker joins its k0smotron cluster with what the README makes, at N5's address", () => {
  test.each(CLUSTERS)("$cluster: the definition's externalAddress is N5's, which the kubeconfig and join tokens carry", ({ cluster }) => {
    const [create] = steps(cluster)[stepIndex(cluster, `create k0s workload cluster ${cluster} `)];
    expect(create).toContain(`a Cluster named ${cluster}-cluster (the design's name of the cluster) in namespace default`);
    expect(create).toContain("set spec.externalAddress to N5's address 192.168.4.5: k0smotron writes it into the kubeconfig and the join tokens");
    // The network provider is a field of the k0s configuration the definition carries.
    expect(create).toContain('spec.k0sConfig.spec.network.provider: kuberouter');
    expect(create).not.toContain('(spec.network.provider');
  });

  test.each(CLUSTERS)("$cluster: its kubeconfig is read from k0smotron's Secret, ahead of the management cluster's context", ({ cluster }) => {
    const [create] = steps(cluster)[stepIndex(cluster, `create k0s workload cluster ${cluster} `)];
    expect(create).toContain(`then write its kubeconfig, which the kubectl and flux commands below use: kubectl --context "$MANAGEMENT_CLUSTER" -n default get secret ${cluster}-cluster-kubeconfig `
      + `-o jsonpath='{.data.value}' | base64 -d > ${cluster}.kubeconfig && export KUBECONFIG="$PWD/${cluster}.kubeconfig:$HOME/.kube/config"`);
    // The context the commands name is the one the management cluster's step gives.
    expect(stepIndex(cluster, 'the commands below name its kubectl context $MANAGEMENT_CLUSTER')).toBe(stepIndex(cluster, "first, N5's k0s management cluster"));
  });

  test.each(CLUSTERS)("$cluster: the management cluster has a default StorageClass, where k0smotron claims the control plane's etcd", ({ cluster }) => {
    const [first] = steps(cluster)[stepIndex(cluster, "first, N5's k0s management cluster")];
    expect(first).toContain('with a default StorageClass (k0s ships none; local-path-provisioner is one)');
    expect(first).toContain(`${cluster}'s is etcd-data-kmc-${cluster}-cluster-etcd-0), which stays Pending without one, and the control plane with it`);
    // It comes before the cluster's definition, which k0smotron makes the claim for.
    expect(stepIndex(cluster, "first, N5's k0s management cluster")).toBeLessThan(stepIndex(cluster, `create k0s workload cluster ${cluster} `));
  });

  test.each(CLUSTERS)('$cluster: every worker runs k0s of its control plane\'s version, named once for the commands', ({ cluster }) => {
    expect(steps(cluster)[stepIndex(cluster, "first, N5's k0s management cluster")][0])
      .toContain("and $K0S_VERSION the k0s version the workload clusters' control planes run (spec.version of their definitions, as k0s releases spell it: vX.Y.Z+k0s.N)");
    const join = stepIndex(cluster, `as worker(s) of ${cluster}, each with a worker join token`);
    if (join >= 0) {
      // A machine of its own gets the k0s binary of that version before it installs the worker service.
      const install = stepIndex(cluster, "install k0s of the control plane's version on ");
      expect(install).toBeGreaterThanOrEqual(0);
      expect(install).toBeLessThan(join);
      expect(steps(cluster)[install][0]).toContain(': curl -f -s -S -L https://get.k0s.sh | K0S_VERSION="$K0S_VERSION" sh');
    } else {
      // A k0s container's image tag spells the release's + as -, which a tag cannot hold.
      const [container] = steps(cluster)[stepIndex(cluster, `run ${cluster}'s worker as a k0s container`)];
      expect(container).toContain('docker.io/k0sproject/k0s:"${K0S_VERSION/+/-}" k0s worker');
      expect(container).not.toContain("management cluster's k0s version");
    }
  });

  test.each(CLUSTERS)("$cluster: Docker, which runs the management cluster's k0s container on N5, outlives the old containers' decommissioning", ({ cluster }) => {
    const keep = "Docker on N5 runs that container: keep Docker installed when the design's phase 4 decommissions the containers N5 runs today";
    expect(steps(cluster)[stepIndex(cluster, "first, N5's k0s management cluster")][0]).toContain(`which a container takes only when it is made; ${keep})`);
    const container = stepIndex(cluster, `run ${cluster}'s worker as a k0s container`);
    if (container >= 0) {
      expect(steps(cluster)[container][0]).toContain(keep);
    }
  });

  test.each(CLUSTERS)("$cluster: the management cluster's container publishes every control plane's node ports when it is made", ({ cluster }) => {
    expect(steps(cluster)[stepIndex(cluster, "first, N5's k0s management cluster")][0])
      .toContain("so it runs as a k0s container there, in a cgroup namespace of its own (--cgroupns=private, ")
    expect(steps(cluster)[stepIndex(cluster, "first, N5's k0s management cluster")][0])
      .toContain("and each kubelet kills the pods whose cgroups it does not know), publishing on N5's address the control planes' node ports of every workload cluster, "
        + '31132, 31133, 31134, 31443, 31444, 31445, which a container takes only when it is made');
    expect(steps(cluster)[stepIndex(cluster, `create k0s workload cluster ${cluster} `)][0])
      .toContain("where its workers join (the management cluster's container publishes both there, as the step above says)");
  });

  test.each(CLUSTERS)('$cluster: a step makes the token file every worker joins with, before the first join', ({ cluster, workers }) => {
    const tokenFile = `/etc/k0s/${cluster}.token`;
    const at = stepIndex(cluster, `make a worker join token of ${cluster} on the management cluster`);
    expect(at).toBeGreaterThanOrEqual(0);
    const [what] = steps(cluster)[at];
    expect(what).toContain(`copy it to ${tokenFile} on ${workers.join(' and ')}`);
    const request = JSON.parse(/echo '([^']+)'/.exec(what)![1]);
    expect(request).toEqual({
      apiVersion: 'k0smotron.io/v1beta1', kind: 'JoinTokenRequest', metadata: { name: `${cluster}-worker-token` },
      spec: { clusterRef: { name: `${cluster}-cluster`, namespace: 'default' }, role: 'worker' },
    });
    expect(what).toContain(`wait --for=create --timeout=2m secret/${cluster}-worker-token && kubectl --context "$MANAGEMENT_CLUSTER" -n default get secret ${cluster}-worker-token -o jsonpath='{.data.token}' | base64 -d > ${cluster}.token`);
    // Every step that reads the token file comes after the one that makes it.
    const readers = steps(cluster).map(([w], i) => [w, i] as const).filter(([w]) => w.includes(tokenFile) && !w.startsWith('make a worker join token'));
    expect(readers.length).toBeGreaterThan(0);
    for (const [, i] of readers) {
      expect(i).toBeGreaterThan(at);
    }
    // The request is a shell command the owner copies: it parses into its pipeline's commands.
    expect(simpleCommands(what.slice(what.indexOf("echo '"))).map((words) => words[0])).toEqual(['echo', 'kubectl', 'kubectl', 'kubectl', 'base64']);
  });
});

describe('mobius: the Home Assistant VM boots its existing zvol with the firmware of the VM it comes from', () => {
  const objects = (cluster: string) => manifestsOf(result, `mobius/${cluster}`);

  test("the firmware is a placeholder homelab's README lists, the design giving none, and the VM uses its stand-in", () => {
    const row = readme('homelab').split('\n').find((line) => line.startsWith('| placeholder | firmware the Home Assistant VM boots with (efi or bios): '));
    expect(row).toContain("set to the existing libvirt VM's, which its disk was installed under and alone boots with");
    expect(row).toContain('`virsh dumpxml "$LIBVIRT_VM" \\| grep -E "firmware=.efi.\\|loader"`');
    expect(row).toMatch(/\(now `efi`\) \|  \| mobius\/homelab\/homeassistant \|$/);
    const vm = objects('homelab').find((o) => o.kind === 'VirtualMachine' && o.metadata.name === 'homeassistant');
    expect(vm.spec.template.spec.domain.firmware).toEqual({ bootloader: { efi: { secureBoot: false } } });
  });

  test("a VM of firmware bios boots by KubeVirt's default BIOS, with no UEFI bootloader; efi stays the default", () => {
    const vmWith = (firmware?: VmFirmware) => {
      const built = synthInMemory((app) => {
        const cluster = new ClusterChart(app, 'main', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() });
        new HomeAssistantVm(cluster, 'homeassistant', { disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, firmware });
      });
      expect(built.findings.filter((f) => f.severity === 'error')).toEqual([]);
      return built.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((m) => m.kind === 'VirtualMachine');
    };
    expect(vmWith('bios').spec.template.spec.domain.firmware).toBeUndefined();
    expect(vmWith().spec.template.spec.domain.firmware).toEqual({ bootloader: { efi: { secureBoot: false } } });
  });
});

describe("mobius: homelab's README lists what it needs of N5's host, which no file here makes", () => {
  const outside = (cluster: string, source: string) => readme(cluster).slice(readme(cluster).indexOf('## What the cluster gets from outside')).split('\n## ')[0]
    .split('\n').find((line) => line.startsWith(`| ${source} | `)) ?? '';

  test("KVM, the ZFS pools and the Home Assistant zvol, bridge64 on eno1.64 with the IoT gateway, and the VLAN 8 leg", () => {
    const host = outside('homelab', "n5's host");
    const objects = manifestsOf(result, 'mobius/homelab');
    const attachment = objects.find((o) => o.kind === 'NetworkAttachmentDefinition');
    const classes = objects.filter((o) => o.kind === 'StorageClass' && o.provisioner === 'zfs.csi.openebs.io').map((o) => o.metadata.name).sort();
    expect(host).toContain('KVM (/dev/kvm), which KubeVirt runs the Home Assistant VM with');
    expect(classes).toEqual(['zfs-ai', 'zfs-tank', 'zfs-vms']);
    expect(host).toContain(`ZFS pools ai, vms, tank (StorageClasses zfs-ai, zfs-vms, zfs-tank), with the existing zvol vms/HomeAssistant the VM boots from (vms/homeassistant once renamed before the cutover)`);
    expect(host).toContain(`Linux bridge ${JSON.parse(attachment.spec.config).bridge} on eno1.64 (VLAN 64), holding the IoT gateway 192.168.64.1, `
      + `which NetworkAttachmentDefinition ${attachment.metadata.namespace}/${attachment.metadata.name} attaches the VM to`);
    expect(host).toContain('its VLAN 8 interface eno1.8, where MetalLB answers for 192.168.8.50 and the services pool');
    const check = steps('homelab').findIndex(([what]) => what.startsWith("check them on n5 before homelab's first sync: "));
    expect(steps('homelab')[check][0]).toContain('ls /dev/kvm && zpool list ai vms tank && zfs list -H -t volume -o name,volsize | grep -iE "^vms/homeassistant[[:space:]]" && ip -br addr show bridge64 && ip -br link show eno1.8');
    expect(check).toBeLessThan(stepIndex('homelab', 'flux bootstrap github --owner=jax-lab'));
  });

  test('cloud and the sandbox, which run no VM and claim no pool of N5 through ZFS, list none of it', () => {
    expect(outside('cloud', "vps's host")).toBe('');
    expect(outside('sandbox', "n5's host")).toBe('');
  });
});

describe("mobius: the design's N5, a k0s controller and a worker of two clusters, is a departure each README explains", () => {
  test.each(CLUSTERS)("$cluster: the choices say N5's own k0s service is homelab's worker, the rest k0s containers on it", ({ cluster }) => {
    const choices = readme(cluster).slice(readme(cluster).indexOf('## Choices against the design')).split('\n## ')[0];
    const bullet = choices.split('\n').find((line) => line.startsWith("- **N5's own k0s service is homelab's worker.**")) ?? '';
    expect(bullet).toContain("The design runs N5 as the management cluster's k0s controller and worker, and as a worker of homelab and of the sandbox besides.");
    expect(bullet).toContain("the management cluster and the sandbox's worker run on N5 as k0s containers (k0s in Docker)");
    // What the bullet says is what the steps do: homelab joins N5 natively, the sandbox runs its worker in a container.
    expect(stepIndex('homelab', 'join n5 (192.168.4.5) and m1-worker (192.168.4.81) as worker(s) of homelab')).toBeGreaterThanOrEqual(0);
    expect(stepIndex('sandbox', "run sandbox's worker as a k0s container")).toBeGreaterThanOrEqual(0);
  });
});

describe("mobius: the design's Weave GitOps shows one Flux, homelab's", () => {
  test("homelab's choices say cloud's and the sandbox's sync status is read with the Flux CLI; Weave GitOps runs in homelab alone", () => {
    const choices = readme('homelab').slice(readme('homelab').indexOf('## Choices against the design')).split('\n## ')[0];
    expect(choices).toContain("- **Weave GitOps shows homelab's Flux.** The design's one Weave GitOps shows the sync status of the Flux it runs beside.");
    expect(choices).toContain("so cloud's and the sandbox's sync status is read with the Flux CLI against their own kubeconfigs (`flux get all -A`), not in its pages");
    for (const cluster of ['homelab', 'cloud', 'sandbox']) {
      const weave = manifestsOf(result, `mobius/${cluster}`).filter((o) => o.kind === 'HelmRelease' && o.metadata.name === 'weave-gitops');
      expect([cluster, weave.length]).toEqual([cluster, cluster === 'homelab' ? 1 : 0]);
    }
  });
});

describe("mobius: the Home Assistant zvol grows to the design's 256G before the rename that lets its VM start", () => {
  test("the libvirt VM stops, the zvol grows under its old name, then it is renamed to the name the driver finds", () => {
    const cutover = stepIndex('homelab', 'cutover of Home Assistant: before the zvol rename, shut the libvirt VM down');
    const grow = steps('homelab').findIndex(([, command]) => command.includes('zfs set volsize=256G'));
    const rename = steps('homelab').findIndex(([, command]) => command === 'zfs rename vms/HomeAssistant vms/homeassistant');
    expect(steps('homelab')[grow]).toEqual([
      'make the zvol vms/HomeAssistant at least 256G before the cutover, the size its PersistentVolume declares (a larger zvol stays as it is)',
      '[ "$(zfs get -Hp -o value volsize vms/HomeAssistant)" -ge 274877906944 ] || zfs set volsize=256G vms/HomeAssistant',
    ]);
    expect(cutover).toBeLessThan(grow);
    expect(grow).toBeLessThan(rename);
    // The driver finds the renamed zvol by the ZFSVolume's name, so the VM can start as soon as the rename is done.
    const volume = manifestsOf(result, 'mobius/homelab').find((o) => o.kind === 'ZFSVolume');
    expect(`${volume.spec.poolName}/${volume.metadata.name}`).toBe('vms/homeassistant');
  });
});

describe("mobius: the design's recovery of a lost management cluster brings the workers back too", () => {
  test.each(CLUSTERS)('$cluster: a control plane made anew has a new certificate authority, so its workers are reset and join with a new token', ({ cluster }) => {
    const [recovery] = steps(cluster)[stepIndex(cluster, `recovery of ${cluster} after its control plane is lost`)];
    expect(recovery).toContain(`(brought back from the backup, with ${cluster}'s etcd claim and the Secrets k0smotron keeps its certificates in, its workers reconnect as they are; `
      + 'made anew, it has a new certificate authority, so each worker is reset first, k0s stop && k0s reset on a machine, '
      + `docker rm -f -v k0s-${cluster}-worker for a k0s container, and joins again with a new token)`);
    // The container it names is the one the sandbox's step runs.
    if (cluster === 'sandbox') {
      expect(steps(cluster)[stepIndex(cluster, "run sandbox's worker as a k0s container")][0]).toContain('docker run -d --name k0s-sandbox-worker ');
    }
  });
});
