import { factValue, formatNodePortRange, leaveOwnerAction, leavePlaceholder, LOCAL_PATH_DEFAULT_ROOT, zfsSnapshotClass } from '../../constructs';
import type { ClusterChart, ControlPlaneMetricsPart, Placeholder, Preinstalled } from '../../constructs';
import { controlPlanePorts, n5 } from '../../hosts/mobius';

/** Where k0s keeps the kubelet's folder; CSI node plugins register their sockets below it. */
const K0S_KUBELET_DIR = '/var/lib/k0s/kubelet/';

/**
 * Adapts the ZFS driver of a k0s cluster: its node plugin registers with the kubelet under k0s' own
 * folder. With it come the volume snapshots the design lists among ZFS' features: the chart's
 * VolumeSnapshot CRDs and a VolumeSnapshotClass of the driver.
 */
export function zfsOnK0s(cluster: ClusterChart): void {
  const zfs = cluster.platform.get('openebs-zfs');
  if (!zfs) {
    return;
  }
  zfs.addValues({ zfsNode: { kubeletDir: K0S_KUBELET_DIR } });
  zfsSnapshotClass(cluster);
}

/**
 * KubeVirt on a k0s node, for a cluster that runs virtual machines there: virt-handler and its device
 * plugins (`/dev/kvm`) look for the kubelet in its usual folder, which k0s keeps elsewhere. Its chart has
 * no setting for that folder, so the node's own kubelet folder is mounted there too, an owner step.
 */
export function kubeVirtOnK0s(cluster: ClusterChart, nodeName: string): void {
  leaveOwnerAction(cluster, {
    kind: 'bootstrap',
    action: `on ${nodeName}, mount k0s' kubelet folder at /var/lib/kubelet as well (and keep the mount in /etc/fstab), before KubeVirt starts: `
      + "virt-handler and its /dev/kvm device plugin look for the kubelet there",
    command: `mkdir -p /var/lib/kubelet && mount --bind ${K0S_KUBELET_DIR} /var/lib/kubelet`,
    // The first sync installs KubeVirt.
    beforeFirstSync: true,
  });
}

/**
 * The parts of a k0s workload cluster's control plane its Prometheus leaves unscraped: the scheduler,
 * controller manager and etcd run in pods of N5's management cluster (k0smotron), never on this cluster's
 * nodes. kube-proxy stays: k0s runs it on the workers, with its metrics on every address (0.0.0.0:10249).
 */
export const HOSTED_CONTROL_PLANE_PARTS: readonly ControlPlaneMetricsPart[] = ['controllerManager', 'scheduler', 'etcd'];

/**
 * The name of a workload cluster's k0smotron Cluster on the management cluster: the design's
 * (`homelab-cluster`, `cloud-cluster`, `sandbox-cluster`, as its `clusters/` files are named), which also
 * names what k0smotron makes of it (Secret `<name>-kubeconfig`, StatefulSets `kmc-<name>`).
 */
export function k0smotronClusterName(clusterName: string): string {
  return `${clusterName}-cluster`;
}

/** Tells the owner where the parts its Prometheus leaves out ({@link HOSTED_CONTROL_PLANE_PARTS}) are watched. */
export function leaveHostedControlPlaneWatch(cluster: ClusterChart, clusterName: string): void {
  const statefulSet = `kmc-${k0smotronClusterName(clusterName)}`;
  leaveOwnerAction(cluster, {
    kind: 'manual',
    action: `${clusterName}'s scheduler, controller manager and etcd run in its control plane's pods on N5's management cluster (StatefulSet ${statefulSet}, and ${statefulSet}-etcd where etcd runs apart), `
      + "which this cluster's Prometheus does not scrape (it watches the API server, whose absence KubeAPIDown reports): watch them there, "
      + "where k0smotron's monitoring option (spec.monitoring.enabled of the cluster's definition) hands their metrics to a Prometheus of the management cluster",
    command: `kubectl get statefulsets --all-namespaces --context "$MANAGEMENT_CLUSTER" | grep ${statefulSet}`,
  });
}

/** Where a workload cluster's control plane answers: node ports of N5's management cluster (k0smotron's `spec.service`). */
export interface K0smotronPorts {
  /** Node port of its API server (`spec.service.apiPort`), which workers join through. */
  readonly api: Placeholder<number>;
  /** Node port of its konnectivity server (`spec.service.konnectivityPort`), which workers' agents dial. */
  readonly konnectivity: Placeholder<number>;
}

/** Lists a workload cluster's control-plane ports among the placeholders of its README. */
export function leaveK0smotronPorts(cluster: ClusterChart, ports: K0smotronPorts): void {
  leavePlaceholder(cluster, ports.api);
  leavePlaceholder(cluster, ports.konnectivity);
}

/**
 * Docker on N5 runs Dokploy today, and the k0s containers here after it: the design's phase 4 decommissions
 * Dokploy, which must leave Docker itself in place.
 */
const KEEP_DOCKER = "Docker on N5 runs that container: keep Docker installed when the design's phase 4 decommissions the containers N5 runs today";

/**
 * A k0s container's kubelet, in its own cgroup namespace, keeps its pods' cgroups under the container's: k0s'
 * entrypoint enables the nested controllers there. In the host's namespace it would make the host's top
 * kubepods cgroup its own, the one a cgroupfs kubelet of the machine's k0s service (or of another container)
 * makes too, and each kubelet destroys the pod cgroups it does not know, killing the other's pods.
 */
const OWN_CGROUPS = "in a cgroup namespace of its own (--cgroupns=private, where k0s' entrypoint enables the nested cgroup controllers; "
  + "in the host's, its kubelet would share the host's top kubepods cgroup with the kubelet of the machine's own k0s service or of another k0s container, "
  + 'and each kubelet kills the pods whose cgroups it does not know)';

/** The node ports N5's management cluster publishes on N5 for the control planes of every workload cluster. */
export const CONTROL_PLANE_PORTS: readonly number[] = Object.values(controlPlanePorts)
  .flatMap((p) => [factValue(p.api), factValue(p.konnectivity)]).sort((a, b) => a - b);

/** Namespace of the management cluster that holds the workload clusters' k0smotron definitions and what k0smotron makes of them. */
const K0SMOTRON_NAMESPACE = 'default';

/** The management cluster's own API server port, k0s' default, which the owner's kubectl reaches on N5. */
const MANAGEMENT_API_PORT = 6443;

/** The management cluster, as the owner's kubectl reaches it. */
const MANAGEMENT_KUBECTL = `kubectl --context "$MANAGEMENT_CLUSTER" -n ${K0SMOTRON_NAMESPACE}`;

/**
 * Writes a workload cluster's admin kubeconfig from Secret `<k0smotron cluster>-kubeconfig`, which k0smotron makes
 * beside its definition, ahead of the owner's own kubeconfig, which keeps the management cluster's context.
 */
function kubeconfigCommand(clusterName: string): string {
  return `${MANAGEMENT_KUBECTL} get secret ${k0smotronClusterName(clusterName)}-kubeconfig -o jsonpath='{.data.value}' | base64 -d > ${clusterName}.kubeconfig `
    + `&& export KUBECONFIG="$PWD/${clusterName}.kubeconfig:$HOME/.kube/config"`;
}

/**
 * The worker join token a k0smotron cluster hands out: a JoinTokenRequest on the management cluster, which
 * k0smotron answers with a Secret of the same name holding the token; each worker reads it from `tokenFile`.
 */
function joinTokenStep(clusterName: string, workers: readonly K0sWorker[], tokenFile: string): string {
  const request = `${clusterName}-worker-token`;
  const manifest = JSON.stringify({
    apiVersion: 'k0smotron.io/v1beta1', kind: 'JoinTokenRequest', metadata: { name: request },
    spec: { clusterRef: { name: k0smotronClusterName(clusterName), namespace: K0SMOTRON_NAMESPACE }, role: 'worker' },
  });
  return `make a worker join token of ${clusterName} on the management cluster (k0smotron answers a JoinTokenRequest with Secret ${request}, key token) `
    + `and copy it to ${tokenFile} on ${workers.map((w) => w.nodeName).join(' and ')}, kept out of Git: anyone holding it may join a node to ${clusterName}: `
    + `echo '${manifest}' | ${MANAGEMENT_KUBECTL} apply -f - && ${MANAGEMENT_KUBECTL} wait --for=create --timeout=2m secret/${request} `
    + `&& ${MANAGEMENT_KUBECTL} get secret ${request} -o jsonpath='{.data.token}' | base64 -d > ${clusterName}.token`;
}

/** A worker of a k0s cluster, for its join step. */
interface K0sWorker {
  readonly nodeName: string;
  readonly address: string;
}

/** A worker that runs as a k0s container on a machine whose own k0s service is another cluster's. */
export interface K0sContainerWorker extends K0sWorker {
  /** Ports of the node that clients reach at the machine's address (the container has its own network). */
  readonly publishedPorts: readonly number[];
  /**
   * ZFS dataset of the machine (`pool/name`) that holds the worker's volumes: its folder is mounted where
   * the cluster's local-path provisioner keeps them, so they outlive the container and stay on the pool.
   */
  readonly volumeDataset: string;
}

/**
 * Node ports a cluster's API server hands out, clear of the ports its machine holds for other clusters:
 * kube-proxy answers a Service's node port on every address of each worker, ahead of the ports Docker
 * publishes there, so a port both take reaches the wrong cluster.
 */
export interface K0sNodePorts {
  /** The API server's `--service-node-port-range`: the cluster's `nodePortRange`. */
  readonly range: { readonly first: number; readonly last: number };
  /** What holds the ports the range leaves out, and where, for the step (e.g. `N5 publishes 30443 for the sandbox`). */
  readonly clearOf: string;
}

/** How the workers of a k0s workload cluster join it. */
export interface K0sWorkers {
  /** Machines whose own k0s service is this cluster's worker (`k0s install worker`). */
  readonly native: readonly K0sWorker[];
  /**
   * Machines whose own k0s service is another cluster's, so this cluster's worker runs there as a k0s
   * container (k0s in Docker, as k0s documents it), with its own data folder, containerd and network
   * namespace. @default - none
   */
  readonly inContainer?: readonly K0sContainerWorker[];
  /** Why each native worker's k0s service is this cluster's, for the join step. @default - no reason given */
  readonly why?: string;
  /** Steps on a worker's machine before it joins: making it (a VM), or checking its way to the control plane. @default - none: the machines exist and reach it */
  readonly machineSteps?: readonly string[];
  /** A node-port range of its own, where a worker's machine publishes ports of other clusters. @default - k0s' own, 30000-32767 */
  readonly nodePorts?: K0sNodePorts;
}

/**
 * What a mobius cluster gets from k0s before this repository: a k0s workload cluster whose control plane
 * runs as pods on N5's management cluster (k0smotron, set up outside this repository), its workers joined
 * with a token, and kube-router, k0s' default CNI, which the design keeps and which enforces the
 * NetworkPolicies the repository writes.
 */
export function k0sWorkloadCluster(clusterName: string, ports: K0smotronPorts, workers: K0sWorkers): Preinstalled {
  const joined = workers.native.map((w) => `${w.nodeName} (${w.address})`).join(' and ');
  const token = `/etc/k0s/${clusterName}.token`;
  // One machine holds one k0s worker service: a second `k0s install worker` is refused, and two kubelets
  // would share port 10250, /var/lib/k0s and containerd. The container's hostname is the node's name, so
  // placements stay the machine's. Its volumes come from local-path on a dataset of the machine: the ZFS
  // driver's node plugin runs the zfs command of its node's root filesystem (chroot), which in the k0s image
  // (Alpine) has none, and mounts under a kubelet folder that is not a shared mount there, so a ZFS claim
  // of this cluster would never be made.
  const containerSteps = (workers.inContainer ?? []).map((w) => `on ${w.nodeName} (${w.address}), whose own k0s service is another cluster's (a machine holds one k0s worker service; `
    + `a second k0s install worker is refused, and two kubelets would share port 10250, /var/lib/k0s and containerd), run ${clusterName}'s worker as a k0s container `
    + `(k0s in Docker) named after the node, its node ports published on the machine's address, its volumes in ZFS dataset ${w.volumeDataset} mounted where its local-path provisioner keeps them `
    + `(the ZFS driver cannot run in the container: its node plugin calls the zfs command of the node's root filesystem, which the k0s image has not), ${OWN_CGROUPS}, of its control plane's k0s version (its image tag writes the version's + as -; ${KEEP_DOCKER}): `
    + `zfs create -p ${w.volumeDataset} && docker run -d --name k0s-${clusterName}-worker --hostname ${w.nodeName} --restart unless-stopped `
    + `--privileged --cgroupns=private ${w.publishedPorts.map((p) => `-p ${p}:${p} `).join('')}-v /var/lib/k0s -v /var/log/pods --tmpfs /run `
    + `-v "$(zfs get -H -o value mountpoint ${w.volumeDataset})":${LOCAL_PATH_DEFAULT_ROOT} docker.io/k0sproject/k0s:"\${K0S_VERSION/+/-}" k0s worker "$(cat ${token})"`);
  return {
    source: 'k0s',
    distribution: 'k0s',
    // Its API server answers on N5's node port, where the kubernetes Service's address is translated to.
    apiServer: [{ cidr: `${n5.address}/32`, ports: [{ port: factValue(ports.api), protocol: 'TCP' }] }],
    brings: [
      `its control plane (API server, scheduler, controller manager, etcd) as pods of N5's management cluster (k0smotron), at N5's node ports ${factValue(ports.api)} (API server) `
        + `and ${factValue(ports.konnectivity)} (konnectivity)`,
      // kube-router, the pod network, is listed from the distribution's declaration itself.
      "k0s' defaults on its workers besides the pod network: kube-proxy; CoreDNS, the cluster's DNS (Service kube-dns in kube-system); the konnectivity agent; metrics-server",
    ],
    manualSteps: [
      // The design's management cluster is where every control plane lives; nothing in this repository makes it.
      "first, N5's k0s management cluster, outside this repository: k0s controller and worker on N5 with the k0smotron operator, whose pods hold the control plane of every workload cluster "
        + `(N5's own k0s worker service is homelab's, so it runs as a k0s container there, ${OWN_CGROUPS}, publishing on N5's address the control planes' node ports of every workload cluster, `
        + `${CONTROL_PLANE_PORTS.join(', ')}, which a container takes only when it is made; ${KEEP_DOCKER}), with a default StorageClass (k0s ships none; local-path-provisioner is one): `
        + `k0smotron keeps each workload cluster's etcd on a claim of it (1Gi, unless the definition's spec.etcd.persistence says otherwise; ${clusterName}'s is etcd-data-kmc-${k0smotronClusterName(clusterName)}-etcd-0), `
        + 'which stays Pending without one, and the control plane with it; '
        + "keep its state, those claims above all, and the workload clusters' definitions backed up: while it is down, no cluster has a control plane (the design's tradeoff); "
        + `the commands below name its kubectl context $MANAGEMENT_CLUSTER (whose server is its own API server at N5's address, https://${n5.address}:${MANAGEMENT_API_PORT}: `
        + `the container publishes port ${MANAGEMENT_API_PORT} there as well, and its k0s configuration lists N5's address among the names of its certificate, spec.api.sans, `
        + "which otherwise names the container's own addresses and localhost only), "
        + 'and $K0S_VERSION the k0s version the workload clusters\' control planes run '
        + '(spec.version of their definitions, as k0s releases spell it: vX.Y.Z+k0s.N), which their workers run too',
      `create k0s workload cluster ${clusterName} on N5's k0s management cluster with k0smotron (its control plane runs as pods there): `
        + `its k0smotron definition (kinds of k0smotron.io) is written by hand, kept out of dist/ and applied with kubectl to the management cluster, `
        + `never to ${clusterName}, whose API server has no k0smotron kinds: a Cluster named ${k0smotronClusterName(clusterName)} (the design's name of the cluster) in namespace ${K0SMOTRON_NAMESPACE}, which the commands below read; `
        + "keep the network provider kube-router, k0s' default (spec.k0sConfig.spec.network.provider: kuberouter); "
        + `give its control plane spec.service type NodePort, apiPort ${factValue(ports.api)} and konnectivityPort ${factValue(ports.konnectivity)} `
        + "(node ports are the management cluster's, so each workload cluster takes its own: k0smotron's defaults would give every one 30443 and 30132), "
        + "reachable at N5's address, where its workers join (the management cluster's container publishes both there, as the step above says); "
        + `set spec.externalAddress to N5's address ${n5.address}: k0smotron writes it into the kubeconfig and the join tokens, and with NodePort it would otherwise `
        + "take an address of a node of the management cluster, the container's own when its worker is one, which no worker reaches"
        + (workers.nodePorts
          ? `; give its API server the node-port range ${formatNodePortRange(workers.nodePorts.range)} (spec.k0sConfig.spec.api.extraArgs service-node-port-range), `
            + `which its Services' node ports (its LoadBalancer Services' too) are taken from: ${workers.nodePorts.clearOf}`
          : '')
        + `; then write its kubeconfig, which the kubectl and flux commands below use: ${kubeconfigCommand(clusterName)}`,
      ...(workers.machineSteps ?? []),
      joinTokenStep(clusterName, [...workers.native, ...(workers.inContainer ?? [])], token),
      ...(workers.native.length > 0
        ? [`install k0s of the control plane's version on ${workers.native.map((w) => w.nodeName).join(' and ')}: curl -f -s -S -L https://get.k0s.sh | K0S_VERSION="$K0S_VERSION" sh`,
          `join ${joined} as worker(s) of ${clusterName}, each with a worker join token of that cluster${workers.why ? ` (${workers.why})` : ''}: k0s install worker --token-file ${token} && k0s start`]
        : []),
      ...containerSteps,
    ],
  };
}
