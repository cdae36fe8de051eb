import type { PropProblem } from '../validation/known-props';
import type { PodSecurityLevel } from '../app/security';
import type { Host, Taint } from '../inventory/host';
import type { ComponentResources } from './component-resources';
import type { ComponentNetwork } from './component-network';
import type { AddressPeer } from './network-policy';
import type { RolePlacement } from './node-role';
import type { BuiltInPodNetwork } from './policy-enforcement';
import type { HostPortRequest } from '../validation/host-port-use';
import type { OwnerAction } from '../synth/owner-action';

/** The three layers of a cluster folder, in the order an engine applies them. */
export type PlatformLayer = 'platform' | 'config' | 'apps';

/** Layers in apply order. */
export const LAYERS: readonly PlatformLayer[] = ['platform', 'config', 'apps'];

/** A Helm chart at an exact version. */
export interface HelmChartSource {
  /**
   * Where the chart is published: `https://…` for an HTTP Helm repository (not its `index.yaml`),
   * `oci://registry/path` for an OCI registry (the path without the chart name, which Flux's OCIRepository
   * URL would end with).
   */
  readonly repository: string;
  /** Chart name alone, e.g. `traefik` (not `traefik/traefik`, the name a `helm repo add` gave the repository). */
  readonly chart: string;
  /** Exact chart version, e.g. `37.1.1`; ranges are refused so output stays reproducible. */
  readonly version: string;
}

/** A port of a Service a component's chart makes: its number and name. */
export interface ServicePortMade {
  /** The Service port. */
  readonly port: number;
  /** Its name. */
  readonly name: string;
}

/** A component installed from a Helm chart. */
export interface HelmInstall {
  /** Discriminator: installed from a Helm chart. */
  readonly type: 'helm';
  /** The chart. */
  readonly chart: HelmChartSource;
  /** Helm release name. @default - the component name */
  readonly releaseName?: string;
  /** Values the library sets; everything else keeps the chart's default. */
  readonly values: Record<string, unknown>;
  /**
   * Whether installs and upgrades wait until the release's resources are ready. Off for a chart whose
   * resources get ready only once the `config` layer is applied, such as a LoadBalancer Service whose
   * address pool is a config object: waiting would hold the platform layer, and so the config, forever.
   * @default true
   */
  readonly waitForResources?: boolean;
  /**
   * Custom resources the chart renders itself from its values (an operator's own CR, e.g. `KubeVirt`),
   * by `apiVersion` and `kind`. A GitOps engine that waits for the release judges them by their own
   * conditions, which kstatus does not read: without this the release counts as ready before the
   * operator has started what the CR asks for.
   * @default - none
   */
  readonly renderedResources?: readonly { readonly apiVersion: string; readonly kind: string }[];
}

/** A component installed from plain manifests of an upstream Git repository, passed through as they are. */
export interface ManifestsInstall {
  /** Discriminator: installed from upstream manifests. */
  readonly type: 'manifests';
  /** Git repository (https clone URL). */
  readonly repository: string;
  /** Exact tag of the repository. */
  readonly tag: string;
  /** Folder of the repository that holds the files, e.g. `deploy`. */
  readonly path: string;
  /** The files of that folder to apply, e.g. `['local-path-storage.yaml']`. */
  readonly files: readonly string[];
  /**
   * Images to pin when the upstream files name a moving tag (`snapshot`, `latest`): each image of that
   * name is rewritten to `newTag`. Engines that cannot rewrite images report it.
   * @default [] — the files are applied as they are
   */
  readonly images?: readonly ImagePin[];
  /**
   * Settings for the first container of workloads of the upstream files: arguments they run without by
   * default (a device plugin's sharing), or resources that replace upstream's (a memory limit the
   * daemon outgrows). Engines that cannot patch upstream files report it.
   * @default [] — the files are applied as they are
   */
  readonly containerPatches?: readonly ContainerPatch[];
  /**
   * New values for keys of ConfigMaps of the upstream files, e.g. the node folder of a provisioner whose
   * default the nodes cannot write. Engines that cannot patch upstream files report it.
   * @default [] — the files are applied as they are
   */
  readonly configMapPatches?: readonly ConfigMapPatch[];
  /**
   * Whether `path` holds a `kustomization.yaml` whose resources are exactly `files`. An engine that applies
   * the folder as it is (Argo CD) can then render it with Kustomize, and so give `containerPatches`,
   * `configMapPatches` and `images`.
   * @default false
   */
  readonly kustomization?: boolean;
  /**
   * Whether the upstream files create the component's namespace themselves. The platform layer then
   * declares no Namespace of that name, since two owners of one object take each other's labels away on
   * every apply; the engine labels the namespace the files make with its Pod Security level instead
   * (`namespaceLabels`).
   * @default false
   */
  readonly createsNamespace?: boolean;
  /**
   * Labels the engine sets on the namespace the upstream files make (`createsNamespace`): its Pod Security
   * level. The platform fills them in from the component's level.
   * @default - none
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * Whether the engine waits until the workloads of the files are ready before it goes on to the layers
   * after them. Off for workloads of an optional node, whose absence must not hold the cluster back.
   * @default true
   */
  readonly waitForResources?: boolean;
}

/** Settings for the first container of one workload of upstream manifests. */
export interface ContainerPatch {
  /** Kind of the workload, e.g. `DaemonSet`. */
  readonly kind: string;
  /** Its name in the upstream files, e.g. `intel-gpu-plugin`. */
  readonly name: string;
  /** Arguments the container gets, e.g. `['-shared-dev-num=10']`. @default - upstream's */
  readonly args?: readonly string[];
  /** Requests and limits that replace upstream's, e.g. `{ limits: { memory: '256Mi' } }`. @default - upstream's */
  readonly resources?: { readonly requests?: Readonly<Record<string, string>>; readonly limits?: Readonly<Record<string, string>> };
}

/** New values for keys of one ConfigMap of upstream manifests; the keys not named keep upstream's. */
export interface ConfigMapPatch {
  /** Its name in the upstream files, e.g. `local-path-config`. */
  readonly name: string;
  /** Keys of its `data` and the whole value each one gets instead of upstream's, e.g. `{ 'config.json': '{…}' }`. */
  readonly data: Readonly<Record<string, string>>;
}

/** One image of upstream manifests pinned to an exact tag. */
export interface ImagePin {
  /** Image name as the upstream files spell it, without tag, e.g. `ghcr.io/k8snetworkplumbingwg/multus-cni`. */
  readonly name: string;
  /** Exact tag to use instead, e.g. `v4.3.1-thick`. */
  readonly newTag: string;
}

/** How a component is installed. */
export type ComponentInstall = HelmInstall | ManifestsInstall;

/** The custom resource kinds of one API group that a component installs CRDs for. */
export interface CrdGroup {
  /** API group, e.g. `traefik.io`. */
  readonly group: string;
  /** Kinds of that group, e.g. `['IngressRoute', 'Middleware']`. */
  readonly kinds: readonly string[];
  /**
   * Whether objects of these kinds live in a namespace (`Namespaced`) or not (`Cluster`), as the group's
   * CRDs say (`spec.scope`).
   * @default - the library's list of cluster-scoped kinds decides (namespaced unless listed); a Crossplane
   * managed resource of a group that says nothing is accepted with or without a namespace, with a warning
   */
  readonly scope?: 'Cluster' | 'Namespaced';
}

/** Names of cluster-wide things a component makes available to other objects. */
export interface ComponentProvides {
  /** StorageClass names. @default [] */
  readonly storageClasses?: readonly string[];
  /** RuntimeClass names. @default [] */
  readonly runtimeClasses?: readonly string[];
  /** PriorityClass names, beside Kubernetes' own `system-cluster-critical` and `system-node-critical`. @default [] */
  readonly priorityClasses?: readonly string[];
  /** IngressClass names. @default [] */
  readonly ingressClasses?: readonly string[];
  /** GatewayClass names. @default [] */
  readonly gatewayClasses?: readonly string[];
  /** cert-manager ClusterIssuer names. @default [] */
  readonly clusterIssuers?: readonly string[];
  /** Traefik ACME certificate resolver names. @default [] */
  readonly certResolvers?: readonly string[];
  /** Extended resources that device plugins advertise, e.g. `nvidia.com/gpu`. @default [] */
  readonly extendedResources?: readonly string[];
  /**
   * What gives LoadBalancer Services an address without a `loadBalancer` choice of the cluster, e.g.
   * `servicelb` (K3s) or a cloud's controller. @default []
   */
  readonly loadBalancers?: readonly string[];
  /**
   * Aggregated APIs it serves, by APIService name, e.g. `v1beta1.metrics.k8s.io` (metrics-server, K3s' packaged
   * one): an autoscaler that reads resource metrics needs it. @default []
   */
  readonly apiServices?: readonly string[];
}

/** A claim a component's chart makes on a storage tier the cluster names. */
export interface ComponentTierClaim {
  /** The cluster's storage tier, e.g. `fast`. */
  readonly tier: string;
  /** The dotted values key the tier's StorageClass name is written at. */
  readonly storageClassNameAt: string;
  /**
   * What the chart's claim asks for, e.g. `50Gi`, counted against the capacity of an NFS export the tier is on.
   * @default - not counted
   */
  readonly size?: string;
  /**
   * Hosts the pod that mounts the claim may run on: a tier on a ZFS pool of another host is reported, as
   * its volume could never be mounted there. @default - not checked
   */
  readonly podHosts?: readonly Host<any, any>[];
  /**
   * Why the claim's data may not live on NFS (a database that needs POSIX locks and a working fsync): a
   * tier of `nfsStorage()` is reported. @default - any tier
   */
  readonly notOnNfs?: string;
}

/** The keys a component reads of one Secret, and the option of its factory that names the Secret. */
export interface SecretKeysRead {
  /** The option that names the Secret (`tokenSecret`), which a finding names. */
  readonly option: string;
  /**
   * The sets of keys that serve, any one of which the Secret holds whole, the usual one first: e.g. a
   * token alone, or the three keys of a GitHub App.
   */
  readonly oneOf: readonly (readonly string[])[];
}

/** Everything that defines one platform component. */
export interface PlatformComponentProps {
  /** Unique name in the cluster, e.g. `traefik`; a second request for the same name is the same component. */
  readonly name: string;
  /** Namespace the component runs in. */
  readonly namespace: string;
  /** Pod Security level its namespace must allow. @default 'restricted' */
  readonly podSecurity?: PodSecurityLevel;
  /** Why it needs more than `restricted`; required when it does. @default - none */
  readonly podSecurityReason?: string;
  /** How it is installed. */
  readonly install: ComponentInstall;
  /** The CRDs it installs. @default [] */
  readonly crds?: readonly CrdGroup[];
  /** Names of the components that must be installed and healthy first. @default [] */
  readonly dependsOn?: readonly string[];
  /**
   * Secrets of its namespace, by name, that its workloads read and that reach the cluster after the
   * platform layer (sealed, external or SOPS Secrets of the apps or config layer, or made by hand). Its
   * install then does not wait for its workloads to be ready: waiting would hold the platform layer, and
   * so the later layer that brings the Secret, for ever. One declared external on the component itself is
   * made by hand before the first sync, and is waited for. @default []
   */
  readonly readsSecrets?: readonly string[];
  /**
   * Those of {@link readsSecrets} that the owner makes by hand, with a step of their own in the cluster
   * README (a token only the owner can fetch): they need no SealedSecret or `declareExternal`. @default []
   */
  readonly secretsMadeByHand?: readonly string[];
  /**
   * What the owner must know or do by hand for it, each a step of the cluster README's list of steps by hand,
   * asked for by the component: a setting its software reads once only (at its first start), which a new
   * value of the Secret it comes from leaves as it was. @default []
   */
  readonly ownerSteps?: readonly OwnerAction[];
  /**
   * The keys its workloads read of each Secret of {@link readsSecrets}, by the Secret's name: a Secret the
   * repository makes without them passes the API server, and the pods then fail to start (a missing key
   * of a `secretKeyRef`) or start without the value (an `envFrom` Secret). @default - keys are not checked
   */
  readonly readsSecretKeys?: Readonly<Record<string, SecretKeysRead>>;
  /**
   * What is wrong with the release's values once `addValues` has added to them (`merged`, the component's own
   * and every addition), each reported on `addValues.<field>`: settings the software refuses as a whole
   * (Alertmanager's routing to a receiver its configuration lacks). @default - none
   */
  readonly valuesProblems?: (merged: Record<string, unknown>) => readonly PropProblem[];
  /**
   * The Services its chart makes in its namespace, by name, with their ports: a route into that namespace
   * (a `ServiceRoute`) must name one of them, or send its requests to nothing.
   * @default - not stated: a route to any Service of its namespace is taken on trust
   */
  readonly services?: Readonly<Record<string, readonly ServicePortMade[]>>;
  /** What it makes available to other objects. @default - nothing */
  readonly provides?: ComponentProvides;
  /**
   * Ports its pods bind on the nodes they run on (the host network or a hostPort), which the cluster's
   * pods reach at a node's address, e.g. node-exporter's 9100, TCP unless said otherwise: a firewall of the
   * nodes (`talos({ ingressFirewall })`) keeps them open to the nodes and their pods.
   * @default []
   */
  readonly hostPorts?: readonly HostPortRequest[];
  /**
   * Whether its pods call the nodes' kubelets (port 10250) and verify their serving certificates against the
   * cluster CA. A distribution whose kubelets sign their own serving certificates (Talos) then has them ask
   * the cluster CA for one, which `kubeletCsrApprover()` approves: otherwise every call fails its TLS check.
   * @default false
   */
  readonly verifiesKubeletCertificates?: boolean;
  /**
   * Where the options its factory was given put its pods, by option, e.g. `{ placement: rolePlacement(hosts, 'monitoring') }`.
   * Validation refuses a placement no host of the cluster matches: every pod of it would stay Pending.
   * @default - none
   */
  readonly placements?: Readonly<Record<string, RolePlacement>>;
  /**
   * StorageClasses the options its factory was given name, by option, e.g. `{ storageClass: 'local-path' }`.
   * Validation checks each against the classes the cluster provides, as it checks claims: the chart's
   * claim on any other stays Pending.
   * @default - none
   */
  readonly storageClassOptions?: Readonly<Record<string, string>>;
  /**
   * Claims its chart makes on a storage tier of the cluster, by the option that names the tier, e.g.
   * `{ prometheusStorage: { tier: 'fast', storageClassNameAt: 'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName' } }`.
   * `platform.require` writes the tier's StorageClass at that values key, and reports a tier the cluster
   * does not define.
   * @default - none
   */
  readonly storageTierOptions?: Readonly<Record<string, ComponentTierClaim>>;
  /**
   * Where its containers get requests and a memory limit, and why any keep the chart's own (written as the
   * annotation `security.homelab.dev/chart-default-resources` on its install). Required: its pods come from
   * a chart or upstream files, which the `resources` check of the output cannot see.
   * @default - none: an error on `components.<name>.resources`
   */
  readonly resources?: ComponentResources;
  /**
   * The ports its pods serve, which a NetworkPolicy of its namespace lets through while it denies the rest
   * (`servesPorts(…)`), or why its namespace has no policy (`noNetworkPolicy('…')`, written as an
   * annotation of the Namespace). Required where the repository declares its namespace.
   * @default - none: an error where the repository declares its namespace
   */
  readonly network?: ComponentNetwork;
  /** One line for people: what the component is for. */
  readonly description: string;
}

/**
 * One install an engine renders: a platform component, or an app's chart release in the apps layer.
 * Engines see only this, so a service never names an engine's kinds.
 */
export interface Installable {
  /** Release name, unique in the cluster. */
  readonly name: string;
  /** Namespace the release runs in. */
  readonly namespace: string;
  /** How it is installed. */
  readonly install: ComponentInstall;
  /** The Helm values to set (empty for manifests). */
  readonly values: Record<string, unknown>;
  /** Names of the components that must be healthy first. */
  readonly dependsOn: readonly string[];
}

/** Things a cluster gets from outside the repository: a distribution's built-ins, an engine's bootstrap. */
export interface Preinstalled {
  /** Who provides them, for messages, e.g. `k3s`, `flux bootstrap`. */
  readonly source: string;
  /**
   * The Kubernetes distribution the cluster runs, when this declaration is one (`k3s()`, `talos()`, or one declared
   * by hand such as `RKE2`, `MicroK8s`, `kubeadm` or `k0s`, whose default ranges, pod network and API server port
   * the checks then know): a cluster runs one, so two declarations that each name one are an error.
   * @default - not a distribution
   */
  readonly distribution?: string;
  /**
   * The pod and Service ranges the distribution runs with, as CIDR blocks, when not its defaults (e.g. k0s'
   * `spec.network.podCIDR`): no VLAN of the site may lie in them.
   * @default - the distribution's defaults where the library knows it (Talos Linux, K3s, k0s, RKE2, MicroK8s, and
   * kubeadm's Service range), else none
   */
  readonly clusterRanges?: ClusterRangesDeclared;
  /** CRDs. @default [] */
  readonly crds?: readonly CrdGroup[];
  /** Namespaces. @default [] */
  readonly namespaces?: readonly string[];
  /** Classes and other names. @default - nothing */
  readonly provides?: ComponentProvides;
  /**
   * What the cluster uses of it that no object of the repository makes (a distribution's CoreDNS, an engine's
   * controllers, a Secret made by hand), one line each, for the README's list of what the cluster gets from
   * outside. @default [] - the README lists nothing for it
   */
  readonly brings?: readonly string[];
  /** What the owner does by hand for it, for the cluster's README (a bootstrap command, a secret to create). @default [] */
  readonly manualSteps?: readonly string[];
  /**
   * Its steps start the GitOps engine's first sync (`flux bootstrap` syncs at once): the README lists the
   * steps marked `beforeFirstSync` ahead of them. @default false
   */
  readonly startsFirstSync?: boolean;
  /**
   * Its steps install the pod network (a CNI the owner installs once, before the engine): the README lists
   * them right after the distribution's, ahead of every other preinstalled piece, whose pods need it.
   * @default false
   */
  readonly startsPodNetwork?: boolean;
  /**
   * Taints the distribution puts on every control-plane node (Talos' `node-role.kubernetes.io/control-plane:NoSchedule`
   * unless `allowSchedulingOnControlPlanes`): the scheduling checks count them beside the inventory's own.
   * @default [] - control-plane nodes carry only the inventory's taints
   */
  readonly controlPlaneTaints?: readonly Taint[];
  /**
   * Labels the distribution puts on every control-plane node, with the values it writes (K3s'
   * `node-role.kubernetes.io/control-plane: "true"` and `node-role.kubernetes.io/master: "true"`, where kubeadm and
   * Talos write the empty value): the scheduling checks match node selectors against these.
   * @default {} - a control-plane node carries `node-role.kubernetes.io/control-plane: ""`
   */
  readonly controlPlaneLabels?: Readonly<Record<string, string>>;
  /**
   * The host the nodes and kubectl reach the API server at when it is not a control-plane host's own (K3s'
   * `serverUrl` at a VIP or a DNS name), e.g. `192.168.10.5`: an address no host has is a VIP that something of
   * the lab must hold (kube-vip, keepalived), and a kube-vip release of the cluster is checked against it.
   * @default - none: the first control-plane host's address
   */
  readonly apiServerEndpoint?: string;
  /**
   * The pod network the distribution runs when the repository installs no `cni` (Talos' Flannel, K3s'
   * Flannel with its network-policy controller), or one the owner installs by hand (an entry of its own,
   * e.g. `{ source: 'calico', podNetwork: { name: 'Calico', enforcesNetworkPolicies: true } }`, which
   * replaces the distribution's), and whether it enforces NetworkPolicies: the cluster warns when it
   * writes policies that nothing enforces.
   * @default - the distribution's default where the library knows it (k0s: kube-router, which enforces
   * them), else not known: the README says so, and nothing is warned of
   */
  readonly podNetwork?: BuiltInPodNetwork;
  /**
   * Where the cluster's Kubernetes API answers its pods once the address of its Service is translated, when
   * not on port 6443 of the inventory's control-plane hosts: a control plane hosted elsewhere (k0smotron's,
   * on a node port of its management cluster), e.g. `[{ cidr: '192.168.4.5/32', ports: [{ port: 31443 }] }]`.
   * The NetworkPolicy of an app that reads the API under a listed `egress` lets it reach these.
   * @default - port 6443 of each control-plane host of the inventory (16443 under a declaration of distribution `MicroK8s`)
   */
  readonly apiServer?: readonly AddressPeer[];
}

/** The pod and Service ranges of a distribution, as CIDR blocks. */
export interface ClusterRangesDeclared {
  /** Its pod ranges (`--cluster-cidr`, `podCIDR`). @default - the distribution's default */
  readonly pods?: readonly string[];
  /** Its Service ranges (`--service-cidr`, `serviceCIDR`). @default - the distribution's default */
  readonly services?: readonly string[];
}

/** A distribution that knows what it brings, e.g. `k3s()`: it stands for its {@link Preinstalled}. */
export interface PreinstalledSource {
  /** What the distribution brings. */
  readonly preinstalled: Preinstalled;
}

/** What a cluster's `preinstalled` list takes: a declaration, or a distribution that makes one. */
export type PreinstalledChoice = Preinstalled | PreinstalledSource;

/** The declaration a choice stands for. Pure. */
export function preinstalledOf(choice: PreinstalledChoice): Preinstalled {
  const source = choice as Partial<PreinstalledSource> & Partial<Preinstalled>;
  return source.source === undefined && source.preinstalled !== null && typeof source.preinstalled === 'object'
    ? source.preinstalled
    : choice as Preinstalled;
}

/**
 * The CRD groups of a preinstalled declaration (fields `<field>.crds[i]…`) that no object's `apiVersion` can
 * name, so they provide nothing, and the objects of the kinds meant are refused as provided by nothing: a group
 * with its version (`velero.io/v1`, an `apiVersion` copied whole), without a dot (the API server takes a CRD's
 * group only as a domain, and the core group has no CRDs), and a kind written otherwise than an object's
 * `kind:` (`schedule`, `schedules`, as `kubectl get` takes them). Pure.
 */
export function preinstalledCrdProblems(declaration: Partial<Preinstalled> | undefined, field: string): Array<{ field: string; message: string; hint: string }> {
  const groups = Array.isArray(declaration?.crds) ? declaration.crds : [];
  return groups.flatMap((crd, i) => {
    const at = `${field}.crds[${i}]`;
    if (crd === null || typeof crd !== 'object') {
      return []; // the props shape reports it
    }
    const problems: Array<{ field: string; message: string; hint: string }> = [];
    const group = crd.group;
    if (typeof group === 'string' && group.includes('/')) {
      const [name, version] = group.split('/', 2);
      problems.push({
        field: `${at}.group`, message: `group "${group}" carries the version ${version} of an apiVersion; a group is the part before the '/', so no object's kind is of this one`,
        hint: `write the group alone: group: '${name}' (every version of a group's kinds is provided with it)`,
      });
    } else if (typeof group === 'string' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(group)) {
      problems.push({
        field: `${at}.group`, message: `group ${JSON.stringify(group)} is no API group of a CRD: the API server takes a CRD's group only as a lower-case domain with a dot (velero.io), and no CRD adds kinds to the core group`,
        hint: "write the group as the objects' apiVersion names it before the '/', e.g. group: 'velero.io' for apiVersion velero.io/v1",
      });
    }
    const kinds: readonly unknown[] = Array.isArray(crd.kinds) ? crd.kinds : [];
    kinds.forEach((kind, j) => {
      if (typeof kind === 'string' && !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
        const word = kind.trim().replace(/[^A-Za-z0-9]/g, '');
        const meant = `${word.charAt(0).toUpperCase()}${word.slice(1)}`.replace(/(?<=[a-z])s$/, '');
        problems.push({
          field: `${at}.kinds[${j}]`, message: `kind ${JSON.stringify(kind)} is not written as an object's kind: a kind is one word that starts with a capital (Schedule, IngressRoute), so no object is of it`,
          hint: `write it as the objects' kind: field does (kubectl api-resources shows it under KIND), e.g. '${meant || 'Schedule'}'`,
        });
      }
    });
    return problems;
  });
}

/** Whether an exact version (no range, no `latest`). */
export function isExactVersion(version: string): boolean {
  return /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/.test(version);
}
