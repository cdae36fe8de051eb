import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { App } from '../app/app';
import type { AppPolicyRule } from '../app/service-account';
import { AppVolume } from '../app/volumes';
import type { PlacementProps } from '../inventory/placement';
import { ClusterChart } from '../platform/cluster-chart';
import type { AddressPeer } from '../platform/network-policy';
import { kindBroughtByObjects } from '../platform/triggers';
import type { RouteIntent } from '../platform/route-flavor';
import type { SecretReference } from '../secrets/secret-reference';
import { ROUTE_HOST_REQUIRED } from '../validation/app-props-shape';
import { reportFinding } from '../validation/finding';
import { requireProps } from '../validation/known-props';
import { KUBEVIRT_MANAGER_PROPS_SHAPE } from '../validation/service-props-shapes';

/** Pinned release of KubeVirt Manager. Renovate reads the comment above each pin. */
export const KUBEVIRT_MANAGER_PINS = {
  // renovate: datasource=docker depName=kubevirtmanager/kubevirt-manager
  tag: '1.5.2',
} as const;

/** The port the UI's nginx serves on. */
export const KUBEVIRT_MANAGER_PORT = 8080;

/** nginx worker processes of the UI: it serves one user's browser, and each worker holds its own buffers. */
export const KUBEVIRT_MANAGER_NGINX_WORKERS = 2;

/**
 * The image's main nginx configuration with a fixed number of workers (`-g worker_processes` would be a
 * duplicate of the file's `auto`). Not root, nginx ignores `user`, so the file names none.
 */
const KUBEVIRT_MANAGER_NGINX_CONF = [
  `worker_processes ${KUBEVIRT_MANAGER_NGINX_WORKERS};`,
  'error_log /var/log/nginx/error.log notice;',
  'pid /var/run/nginx.pid;',
  'events {',
  '  worker_connections 1024;',
  '}',
  'http {',
  '  include /etc/nginx/mime.types;',
  '  default_type application/octet-stream;',
  '  log_format main \'$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"\';',
  '  access_log /var/log/nginx/access.log main;',
  '  sendfile on;',
  '  keepalive_timeout 65;',
  '  include /etc/nginx/conf.d/*.conf;',
  '}',
  '',
].join('\n');

/** The kind that tells KubeVirt is there: the UI manages VirtualMachines. */
const KUBEVIRT_VM = { group: 'kubevirt.io', kind: 'VirtualMachine' } as const;

/** Every verb on a resource, spelt out (a `*` would also grant verbs added later). */
const READ_WRITE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const READ = ['get', 'list', 'watch'];

/**
 * What the UI may do, cluster-wide: its VM, disk and pool pages. Upstream's role also writes Secrets,
 * ConfigMaps, Deployments, role bindings and Cluster API objects for its load-balancer, autoscaling and
 * cluster pages; a binding it could write would give it any right, so those pages stay read-only or empty.
 */
const KUBEVIRT_MANAGER_RULES: AppPolicyRule[] = [
  { apiGroups: [''], resources: ['nodes', 'namespaces', 'services'], verbs: READ },
  { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: READ_WRITE },
  { apiGroups: [''], resources: ['persistentvolumes'], verbs: READ },
  { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: READ },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: READ },
  { apiGroups: ['k8s.cni.cncf.io'], resources: ['network-attachment-definitions'], verbs: READ },
  { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'], verbs: READ },
  { apiGroups: ['kubevirt.io'], resources: ['virtualmachines', 'virtualmachineinstances', 'virtualmachineinstancemigrations'], verbs: READ_WRITE },
  { apiGroups: ['subresources.kubevirt.io'], resources: ['*'], verbs: ['get', 'list', 'update', 'patch'] },
  { apiGroups: ['instancetype.kubevirt.io'], resources: ['*'], verbs: READ },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes', 'datasources'], verbs: READ_WRITE },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['storageprofiles'], verbs: READ },
  { apiGroups: ['pool.kubevirt.io'], resources: ['virtualmachinepools'], verbs: READ_WRITE },
];

/** Options of KubeVirt Manager. */
export interface KubeVirtManagerProps {
  /** The UI's route, e.g. `{ host: 'kubevirt' }`. */
  readonly route: RouteIntent;
  /**
   * Who may log in: a key of a Secret in `namespace` holding an htpasswd file (`htpasswd -nB <user>`), which
   * the UI's nginx asks every request for. Required: the UI acts with its own rights over every VM and disk
   * for whoever reaches it, and has no login of its own.
   */
  readonly users: SecretReference;
  /** Namespace. @default 'kubevirt-manager' */
  readonly namespace?: string;
  /** Where the UI runs. @default - any node */
  readonly placement?: PlacementProps;
  /**
   * Further addresses the UI may reach besides the cluster's Kubernetes API, which its NetworkPolicy lets it
   * reach wherever the cluster says the API answers (a preinstalled declaration's `apiServer`, k0smotron's
   * node port), e.g. `[{ cidr: '192.168.4.5/32', ports: [{ port: 31443 }] }]`.
   * @default - the cluster's API server alone
   */
  readonly apiServer?: AddressPeer[];
}

/**
 * KubeVirt Manager, a web UI for KubeVirt's VMs, disks and pools: its upstream image as an App behind
 * basic authentication, with a ServiceAccount limited to what those pages need and a route through the
 * cluster's ingress.
 */
export class KubeVirtManager extends Construct {
  /** The UI's app. */
  public readonly app?: App;

  constructor(scope: Construct, id: string, props: KubeVirtManagerProps) {
    super(scope, id);
    requireProps(this, 'KubeVirtManager', props, KUBEVIRT_MANAGER_PROPS_SHAPE, {
      required: [
        ['route', "give the UI's route: route: { host: 'kubevirt' }"],
        ['users', "pass the htpasswd file of its users as a SecretReference: users: sealedSecret.key('htpasswd')"],
        ROUTE_HOST_REQUIRED,
      ],
    });
    const cluster = ClusterChart.of(this);
    // Judged once the cluster is built: a VM of the lab, written before or after the UI, brings KubeVirt then.
    cluster.onPrepare(() => {
      if (!cluster.platform.providesKind(KUBEVIRT_VM.group, KUBEVIRT_VM.kind) && !kindBroughtByObjects(cluster, KUBEVIRT_VM.group, KUBEVIRT_VM.kind)) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: 'scope',
          message: `KubeVirt Manager is a UI of KubeVirt, but cluster "${cluster.clusterName}" runs no KubeVirt`,
          hint: 'require kubeVirtComponent() on the cluster\'s platform, write a VirtualMachine, or declare a KubeVirt installed outside this repository in preinstalled',
        });
      }
    });
    const namespace = props.namespace ?? 'kubevirt-manager';
    if (props.users.namespace !== namespace) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'users',
        message: `users is a key of Secret ${props.users.namespace}/${props.users.secretName}, but the UI mounts Secrets of its own namespace ${namespace} only`,
        hint: `seal the htpasswd file as a Secret of namespace ${namespace}`,
      });
      return;
    }
    // The image's nginx includes every file of auth.d in its locations; this one asks for the users' passwords.
    const authConfig = `${id}-auth`;
    new ApiObject(this, 'auth-config', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: authConfig, namespace },
      data: { 'basicauth.conf': `auth_basic "KubeVirt Manager";\nauth_basic_user_file /etc/nginx/secret.d/${props.users.key};\n` },
    });
    // The image's nginx.conf (nginx's Alpine image's) starts a worker per core: 24 on a large node, beside
    // kubectl proxy, outgrow the memory limit. A single user's UI needs two; the rest is the image's file.
    const mainConfig = `${id}-nginx`;
    new ApiObject(this, 'nginx-config', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: mainConfig, namespace },
      data: { 'nginx.conf': KUBEVIRT_MANAGER_NGINX_CONF },
    });
    this.app = new App(this, id, {
      image: `kubevirtmanager/kubevirt-manager:${KUBEVIRT_MANAGER_PINS.tag}`,
      namespace,
      // The image's nginx runs as this user and group (upstream's manifest).
      runAsUser: 10000,
      runAsGroup: 30000,
      ports: [{ name: 'http', port: KUBEVIRT_MANAGER_PORT }],
      // Every path asks for a password, so the probes only open the port.
      probes: { readiness: { tcp: true }, liveness: { tcp: true } },
      resources: { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' },
      persistence: {
        cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' },
        run: { volume: AppVolume.emptyDir(), mountPath: '/var/run' },
        auth: { volume: AppVolume.configMap(authConfig), mountPath: '/etc/nginx/auth.d', readOnly: true },
        nginx: { volume: AppVolume.configMap(mainConfig), mounts: [{ mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' }], readOnly: true },
        users: { volume: AppVolume.secret(props.users.secretName), mountPath: '/etc/nginx/secret.d', readOnly: true },
      },
      placement: props.placement,
      route: props.route,
      // It reaches nothing but the Kubernetes API, which it proxies the browser's calls to.
      egress: props.apiServer ?? [],
      serviceAccount: { reason: "the UI's nginx proxies the browser's calls to the Kubernetes API with this account", clusterRules: KUBEVIRT_MANAGER_RULES },
    });
  }
}
