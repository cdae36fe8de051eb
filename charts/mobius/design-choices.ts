/**
 * Where mobius' clusters depart from their design, or read a fact the design gives two ways: each cluster
 * README lists them (`designChoices`), so a reader of the output alone sees why each difference is there.
 */
const EVERY_CLUSTER: readonly string[] = [
  '**k0s, not k3s.** The design\'s sketch of the future state asks "k3s worker?" and "k3s control+worker?"; its '
    + 'decisions settle on k0s with k0smotron, a control plane per cluster as pods on N5\'s management cluster, '
    + 'which is what runs here.',
  '**N5\'s own k0s service is homelab\'s worker.** The design runs N5 as the management cluster\'s k0s controller and worker, '
    + 'and as a worker of homelab and of the sandbox besides. One machine holds one k0s service: two would share /var/lib/k0s, '
    + 'its containerd and the kubelet\'s port 10250. So N5\'s own k0s service is homelab\'s worker, whose VMs, ZFS volumes, '
    + 'bridge64 and VLAN 8 address need the host as it is, and the management cluster and the sandbox\'s worker run on N5 as '
    + 'k0s containers (k0s in Docker), each with a network and data folder of its own (the k0s steps below).',
  '**Each workload cluster runs its own Flux.** The design\'s bootstrap example runs `flux bootstrap github` on the '
    + 'management cluster, yet it places Flux\'s controllers on homelab\'s nodes (core Flux on N5, notification-controller '
    + 'on the M1 worker), where only a Flux installed in homelab runs: each workload cluster therefore runs its own Flux, '
    + 'bootstrapped by the steps below, which reconciles its own folder of `dist/mobius/` from inside.',
  '**Repository layout.** The design\'s monorepo keeps Flux\'s installation in `flux-system/`, shared and per-cluster '
    + 'infrastructure in `infrastructure/base/` and `infrastructure/overlays/<cluster>/`, apps in `apps/`, the k0smotron '
    + 'definitions in `clusters/` (`homelab-cluster.yaml`, `cloud-cluster.yaml`, `sandbox-cluster.yaml`) and the sealed secrets '
    + 'in `secrets/` (`homelab-secrets.yaml`, `cloud-secrets.yaml`). Here each '
    + 'cluster\'s folder `dist/mobius/<cluster>/` holds the Flux layers `platform/` (the infrastructure: storage, networking '
    + 'and, on homelab, KubeVirt), then `config/` (their first objects), then `apps/` (the apps, with the SealedSecrets beside what reads them), '
    + 'each waiting for the one before; Flux\'s own components are written by `flux bootstrap` under `flux-system/mobius/<cluster>/`, '
    + 'outside `dist/`; the k0smotron definitions are the owner\'s, applied to the management cluster only (the k0s steps below), '
    + 'since every object of `dist/` goes to a workload cluster\'s API server, which has no k0smotron kinds.',
  '**Promotion by per-stage pins.** The design promotes sandbox → cloud → homelab with "Flux dependencies and sync intervals '
    + 'per cluster". All three clusters follow the same branch, and each stage pins the versions of the apps it shares with the '
    + 'others: promoting is a commit that copies a version to the next stage, and synthesis fails when a stage pins, or runs, a '
    + 'version newer than the stage before it (the platform components the clusters share as well). Each stage fetches new '
    + 'commits at its own pace (sandbox every minute, the design\'s immediate sync; cloud and homelab less often, placeholders), '
    + 'and every cluster re-applies its layers and releases every 5 minutes, the design\'s recovery interval.',
  '**Routes are Traefik IngressRoutes.** The design\'s DNS example writes Home Assistant\'s route as an Ingress `home-assistant`; '
    + 'every route here is an IngressRoute of the cluster\'s own Traefik (the design\'s catch-all is one too), named after the app it '
    + 'serves (Home Assistant\'s is `vms/homeassistant`, beside its VM and Service), which external-dns, where it runs, reads through '
    + 'its `traefik-proxy` source as it reads Ingresses.',
];

/**
 * The design's topology sketch has both N5 and the M1 VM join homelab and the sandbox, while its cluster list
 * and the M1's own section give the sandbox N5 alone: the clusters the M1 VM works for say which reading runs.
 */
const M1_WORKS_FOR_HOMELAB: readonly string[] = [
  '**The M1 VM is homelab\'s worker only.** The design\'s topology sketch has N5 and the M1 VM join homelab and the sandbox; '
    + 'its cluster list gives the sandbox its workers on N5, and the M1 VM "joins homelab-cluster as worker node", its 6 GB '
    + 'kept for homelab\'s monitoring and CI/CD. So the sandbox\'s one worker is N5 (a k0s container there, as the choice above '
    + 'says), and m1-worker joins homelab alone.',
];

const HOMELAB: readonly string[] = [
  '**The Home Assistant VM\'s IoT interface is `iot-vlan`.** The design\'s VM example names its bridge interface '
    + '`services-vlan` and its network `iot-vlan`; KubeVirt pairs an interface with the network of the same name and '
    + 'refuses the VM otherwise, so both are `iot-vlan` here. Its `running: true` is written as `runStrategy: Always`, '
    + 'which replaces the deprecated field.',
  '**The Home Assistant zvol is `vms/homeassistant`.** The design keeps the existing zvol `vms/HomeAssistant` under a static '
    + 'PV. The OpenEBS ZFS driver finds a volume by its ZFSVolume object\'s name, which Kubernetes allows in lower case only, '
    + 'so the zvol is renamed `vms/homeassistant` before the cutover (a step below), keeping its data; the PV, the claim '
    + '`homeassistant-disk` and the VM then name it as the driver does.',
  '**No static PV `media-library`.** The design\'s 5Ti PersistentVolume on `tank/media-library` is its example of '
    + 'the static-PV option; no workload of the design mounts it, so it is not made. New claims are provisioned by the '
    + 'OpenEBS ZFS driver, the design\'s decision for new workloads, and the existing Home Assistant zvol is the one static PV.',
  '**The M1 worker\'s roles are label keys of their own.** The design labels the node `role=monitoring` and then '
    + '`role=ci-cd`; a node holds one value per label key, so the second label would replace the first. Each role is its '
    + 'own key instead, `role.homelab.dev/monitoring=true` and `role.homelab.dev/ci-cd=true`, and the design\'s `arch=arm64` '
    + 'is the built-in `kubernetes.io/arch=arm64`. The node is also tainted (`dedicated=monitoring-ci-cd:NoSchedule`), '
    + 'so N5\'s services never land on the worker the design calls non-critical and do not go down with it.',
  '**Weave GitOps shows homelab\'s Flux.** The design\'s one Weave GitOps shows the sync status of the Flux it runs beside. '
    + 'Here each workload cluster runs its own Flux, and Weave GitOps (at `gitops.jax-lab.dev`) runs in homelab, beside homelab\'s: '
    + 'it reads the Flux objects of the cluster it runs in, so cloud\'s and the sandbox\'s sync status is read with the Flux CLI '
    + 'against their own kubeconfigs (`flux get all -A`), not in its pages.',
  '**Pocket ID moves with Home Assistant.** The design\'s Home Assistant VM reaches Pocket ID for its OAuth logins from '
    + 'its pod interface, so Pocket ID moves from Dokploy into homelab beside it (its host name a placeholder, now `id.jax-lab.dev`; public like '
    + 'Home Assistant, as a browser opening Home Assistant from outside is sent there to log in).',
];

/** The split horizon is written by two clusters, so both READMEs say how the design's example maps onto them. */
const SPLIT_HORIZON: readonly string[] = [
  '**Each horizon from the cluster that writes it.** The design\'s example puts both addresses on one Ingress '
    + '(`external-dns.alpha.kubernetes.io/target: "85.31.234.30"` and `internal-target: "192.168.8.50"`); external-dns has no '
    + '`internal-target` annotation (only `hostname`, `internal-hostname` and `target`), and its two deployments run in different '
    + 'clusters: external-dns-adguard on homelab, external-dns-cloudflare on cloud. So homelab\'s routes carry `target: 192.168.8.50`, '
    + 'which external-dns-adguard writes as AdGuard Home rewrites, and cloud publishes the public names homelab serves '
    + '(`home.jax-lab.dev`, `id.jax-lab.dev`) as DNSEndpoints with target 85.31.234.30, which external-dns-cloudflare writes '
    + 'to Cloudflare (`home.jax-lab.dev A 85.31.234.30`), beside its own routes\' records.',
];

/** The catch-all runs on cloud, so its README says what it leaves out and why. */
const CLOUD: readonly string[] = [
  '**The catch-all leaves homelab\'s private names out.** The design proxies `*.jax-lab.dev` from the VPS to homelab\'s Traefik, '
    + 'and publishes explicit records only for the public names. A record is not what lets a request in: anyone may send a private '
    + 'name\'s Host header to the VPS\'s address, and a catch-all of every name would carry it over Twingate to homelab\'s admin UIs '
    + '(AdGuard Home, Grafana, KubeVirt Manager, Weave GitOps). So the catch-all forwards every name under `jax-lab.dev` except '
    + 'homelab\'s private routes, which it names (`!Host(...)`) and which get cloud\'s 404 from outside; inside, AdGuard Home\'s '
    + 'rewrites still take them to homelab\'s Traefik. A homelab route is public only when cloud.ts lists its host among the public ones.',
];

/** The choices against the design the README of mobius' cluster `cluster` lists. */
export function mobiusDesignChoices(cluster: 'homelab' | 'cloud' | 'sandbox'): string[] {
  return [...EVERY_CLUSTER, ...(cluster === 'cloud' ? [] : M1_WORKS_FOR_HOMELAB), ...(cluster === 'sandbox' ? [] : SPLIT_HORIZON), ...(cluster === 'homelab' ? HOMELAB : []), ...(cluster === 'cloud' ? CLOUD : [])];
}
