import type { AppAutoscaling } from './autoscaling';
import type { AppServiceAccount } from './service-account';
import type { PoolAddress } from '../inventory/address-pool';
import type { AddressPeer, NetworkPeer } from '../platform/network-policy';
import type { ContainerProps, ImagePullPolicy } from './container';
import type { AppController } from './controller';
import type { AppDevice } from './devices';
import type { PlacementProps } from '../inventory/placement';
import type { RouteIntent } from '../platform/route-flavor';
import type { EnvValue } from './env';
import type { GpuRequest } from './gpu';
import type { PinStyle } from './placement';
import type { PinnedImage } from './image-platforms';
import type { ProbesProps } from './probes';
import type { ResourcesProps } from './resources';
import type { SecurityExemptions } from './security';
import type { PersistenceProps } from './volumes';

/** A port the app listens on. */
export interface AppPort {
  /** Port name (IANA-style, ≤ 15 chars), e.g. `http`, `dns-udp`. */
  readonly name: string;
  /** Port number the container listens on, which the Service also exposes. */
  readonly port: number;
  /** Transport protocol. @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
  /**
   * Port the app's Services expose, when clients expect another number than the container listens on
   * (a rootless SSH server on 2222 offered as 22). Routes name this number.
   * @default - the same as `port`
   */
  readonly servicePort?: number;
  /**
   * Also expose the port on every node at this number, through a NodePort Service `<app>-nodeport`. The
   * number must lie in the cluster's `nodePortRange`; needs the `nodePort` exemption with its reason.
   * @default - no node port
   */
  readonly nodePort?: number;
  /**
   * What the port speaks to clients: `https` for an app that serves TLS itself (the Unifi Network
   * Application on 8443, a UI with a certificate it signs itself). A route to the port then connects with
   * TLS, without verifying the certificate: the ingress dials the pod's address, for which no certificate
   * is issued, so the app needs `exemptions.unverifiedBackendTls` with its reason. Traefik renders a
   * ServersTransport with `insecureSkipVerify`, ingress-nginx the `backend-protocol: HTTPS` annotation;
   * Gateway API cannot skip verification (its BackendTLSPolicy always verifies) and is refused. HTTP
   * probes of the port use HTTPS, which the kubelet does not verify. Written to the Service port's
   * `appProtocol`.
   * @default - plain HTTP for routes and probes
   */
  readonly appProtocol?: 'http' | 'https';
}

/** Something an app admits traffic from, or sends traffic to: another app, or pods of a namespace. */
export type AppPeer = NetworkPeer | { readonly asNetworkPeer: () => NetworkPeer };

/** A metrics endpoint that prometheus-operator scrapes. */
export interface MetricsProps {
  /** Name of the port that serves metrics. */
  readonly port: string;
  /** HTTP path from the root, without a query (Prometheus would escape it into the path). @default '/metrics' */
  readonly path?: string;
  /** Scrape interval, e.g. `30s`. @default - Prometheus' */
  readonly interval?: string;
}

/** A LoadBalancer Service for some of the app's ports, given an address by the cluster's flavor. */
export interface LoadBalancerProps {
  /**
   * The address, taken from a pool: `site.pools.vips.at('192.168.8.60')`. Required by flavors that hand
   * out pool addresses (MetalLB).
   * @default - none: the flavor names the Service (Tailscale)
   */
  readonly address?: PoolAddress;
  /**
   * An IPv6 address beside an IPv4 `address`, from an IPv6 pool: `site.pools.vips6.at('fd00:8::60')`. The
   * Service is then dual-stack (`ipFamilyPolicy: RequireDualStack`, `ipFamilies: [IPv4, IPv6]`), which the
   * cluster must be. An IPv6 `address` alone makes a single-stack IPv6 Service.
   * @default - none: the Service has the family of `address` only
   */
  readonly ipv6Address?: PoolAddress;
  /**
   * Host name on networks that name load balancers (a tailnet). A flavor that gives addresses alone (MetalLB,
   * Cilium) names nothing and refuses it: a DNS name for the address is a `DnsRecord` or an entry of the lab's DNS.
   * @default - `<app>-lb` where the flavor names load balancers
   */
  readonly hostname?: string;
  /** Names of the app's ports to expose on it, at least one (a Service without ports is refused). @default - all of the app's ports, which must not be none */
  readonly ports?: string[];
  /**
   * Where traffic from outside the cluster may go: `Local` sends it only to the app's pods on the node that
   * received it, so the app sees each client's own address (a DNS server's per-client statistics and
   * blocklists, IP bans), and the load balancer announces the address from those nodes only; `Cluster` lets
   * any node forward it to any pod, replacing the client's address with the node's.
   * @default 'Cluster'
   */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
}

/** Everything a general home-lab workload states about itself. */
export interface AppProps {
  /**
   * Container image with a pinned tag or digest, e.g. `adguard/adguardhome:v0.107.52`. `latest` is refused
   * unless `exemptions.floatingImage` says why. `pinnedImage(ref, ['amd64'])` records the architectures the tag is
   * published for, so the app's pods may run on no host of another (as a tag that names its architecture does).
   */
  readonly image: string | PinnedImage;
  /** When the kubelet pulls the image. @default - 'Always' for a moving tag (`latest`, none), else 'IfNotPresent' */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Namespace; the repository owns it as a Namespace object with its Pod Security level, so it is none
   * every cluster has (`default`, `kube-system`, `kube-public`, `kube-node-lease`). @default - the app's name
   */
  readonly namespace?: string;
  /** Pod replicas; leave it out with `autoscaling`. @default 1 */
  readonly replicas?: number;
  /**
   * Leaves the replica count of a Deployment or StatefulSet to an autoscaler, so the workload is written without
   * `spec.replicas`: `{ minReplicas, maxReplicas, cpuUtilization }` renders a HorizontalPodAutoscaler named like the
   * app, and `{ external: '<why>' }` says an autoscaler written beside the app (a KEDA ScaledObject) scales it.
   * Checks that count pods (single-writer claims, GPUs) count `maxReplicas`.
   * @default - no autoscaler: the workload runs `replicas` pods
   */
  readonly autoscaling?: AppAutoscaling;
  /** Ports the container listens on; the first one is the default for probes and routes. @default [] */
  readonly ports?: AppPort[];
  /** Environment variables by name. Secret values only through a SecretReference. @default {} */
  readonly env?: Record<string, EnvValue>;
  /** Entrypoint override. @default - the image's entrypoint */
  readonly command?: string[];
  /** Arguments. @default - the image's command */
  readonly args?: string[];
  /** Health checks. @default - TCP readiness and liveness on the first port */
  readonly probes?: ProbesProps;
  /** Compute resources. @default - 50m CPU and 128Mi requested, 512Mi memory limit, no CPU limit */
  readonly resources?: ResourcesProps;
  /** Volumes by name and where they are mounted. @default {} */
  readonly persistence?: Record<string, PersistenceProps>;
  /** Where the app may run, derived from the inventory. @default - anywhere in the cluster */
  readonly placement?: PlacementProps;
  /**
   * How the app is pinned when exactly one host qualifies: a `nodeSelector` on the host name (short;
   * a registry pinned to its dedicated host), or a required node affinity on host names, which reads the same as for
   * several hosts and carries the preferred host.
   * @default 'nodeSelector'
   */
  readonly pinWith?: PinStyle;
  /** A GPU, placed and requested per vendor. @default - no GPU */
  readonly gpu?: GpuRequest;
  /** User id the container runs as. @default 1000 */
  readonly runAsUser?: number;
  /** Group id the container runs as, and owner group of mounted volumes. @default 1000 */
  readonly runAsGroup?: number;
  /**
   * Owner group of mounted volumes (the pod's `fsGroup`), when it is not `runAsGroup`: the group an image
   * started as root gives its files (`www-data`, 33). The kubelet re-owns a volume whose root has another
   * group, walking the whole tree, at every start that finds it so.
   * @default - `runAsGroup`, else 1000
   */
  readonly fsGroup?: number;
  /** Extra groups (e.g. `render` and `video` for /dev/dri). @default [] */
  readonly supplementalGroups?: number[];
  /**
   * Kernel parameters of the pod's own namespaces (`securityContext.sysctls`), name → value, e.g.
   * `{ 'net.ipv4.ip_forward': '1' }` for a VPN or a subnet router. The safe ones of the Pod Security
   * Standards (`net.ipv4.ip_unprivileged_port_start`, `net.ipv4.ping_group_range`, …) pass as they are; any
   * other needs `exemptions.privileged`, and the kubelet of the node admits it only when listed in its
   * `--allowed-unsafe-sysctls`.
   * @default - none: the pod keeps the node's values
   */
  readonly sysctls?: Record<string, string>;
  /** Departures from the secure defaults, each with its reason. @default - none */
  readonly exemptions?: SecurityExemptions;
  /** Expose the app through the cluster's ingress. @default - no route */
  readonly route?: RouteIntent;
  /** Expose ports on a LoadBalancer Service with a fixed address. @default - none */
  readonly loadBalancer?: LoadBalancerProps;
  /** Rollout strategy. @default - `Recreate` when the app mounts a single-writer claim, serves ports on the host's network (`exemptions.hostNetwork`), or asks for GPUs that its hosts hold no more of than its replicas take (a surged pod would wait for one), else `RollingUpdate` */
  readonly strategy?: 'Recreate' | 'RollingUpdate';
  /** Extra labels on every object of the app; `app.kubernetes.io/name` is the app's id and stays so. @default {} */
  readonly labels?: Record<string, string>;
  /** The workload controller. @default AppController.deployment() */
  readonly controller?: AppController;
  /** Further main containers. @default [] */
  readonly containers?: ContainerProps[];
  /** Init containers that run to completion, in order, before the main containers. @default [] */
  readonly initContainers?: ContainerProps[];
  /** Native sidecars: init containers with `restartPolicy: Always`, started before and kept beside the main containers. @default [] */
  readonly sidecars?: ContainerProps[];
  /** Devices of the host the main container uses (`/dev/dri`, a device-plugin resource). @default [] */
  readonly devices?: AppDevice[];
  /**
   * Restart the app's pods when a ConfigMap or Secret they mount or read env from changes (a config file
   * committed anew, a Secret an operator refreshed), as app-template's `reloader.stakater.com/auto` annotation
   * does: the workload is so annotated and the cluster installs Stakater's Reloader. Files of a volume mounted
   * whole change in a running pod by themselves, within a minute or so; a `subPath` mount and env never do.
   * For a Deployment, StatefulSet or DaemonSet; a Job's pods read them as each starts.
   * @default false
   */
  readonly restartOnConfigChange?: boolean;
  /** Make the app's Service headless (`clusterIP: None`): DNS returns the pods' addresses. @default false */
  readonly headless?: boolean;
  /**
   * Apps and namespaces whose pods may connect to every port of this app. The cluster's ingress controller
   * is admitted on routed ports without being named.
   * @default [] — only the ingress controller
   */
  readonly allowFrom?: AppPeer[];
  /**
   * Where the app may connect besides DNS: anywhere, or only these apps, namespaces and addresses outside
   * the cluster (`{ cidr: '10.0.0.10/32', ports: [{ port: 1514 }] }`).
   * @default 'any'
   */
  readonly egress?: 'any' | Array<AppPeer | AddressPeer>;
  /** Metrics for prometheus-operator: a ServiceMonitor (or PodMonitor), an error on a cluster without the operator. @default - none */
  readonly metrics?: MetricsProps;
  /**
   * A ServiceAccount of the app's own, with what it may do, for an app that reads (or changes) the
   * Kubernetes API: a dashboard's service discovery, a controller. Its pods then run as it, with its token.
   * @default - the namespace's `default` account, without a token
   */
  readonly serviceAccount?: AppServiceAccount;
}
