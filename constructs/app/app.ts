import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { resolvePlacement } from '../inventory/placement';
import { ClusterChart } from '../platform/cluster-chart';
import { accessModesOf, storageClassNameOf } from '../platform/storage';
import { reportFinding } from '../validation/finding';
import { renderEnvVar } from './env';
import { renderGpu } from './gpu';
import { renderPlacement } from './placement';
import { renderProbe, resolveProbes } from './probes';
import type { AppPort, AppProps, LoadBalancerProps } from './props';
import { plainJson } from './plain';
import { parseSize } from './quantities';
import { APP_PROP_RULES, APP_PROPS_SHAPE } from '../validation/app-props-shape';
import { checkProps } from '../validation/known-props';
import { PropsRejected } from '../validation/input-error';
import { renderResources } from './resources';
import { exemptionAnnotations, requiredPodSecurityLevel, SecurityExemptions } from './security';
import { AppVolume, isSingleWriter, PersistenceProps } from './volumes';

/** Label that selects an app's pods; the one label every selector of this library uses. */
export const APP_NAME_LABEL = 'app.kubernetes.io/name';

/**
 * NFS volumes are outside Pod Security `restricted` (baseline allows them). Mounting an inventory export
 * is a deliberate choice, so it is recorded as a volume exemption with the export as its reason, unless
 * the app states one itself.
 */
function withNfsExemption(exemptions: SecurityExemptions, volumes: AppVolume[]): SecurityExemptions {
  const exports = [...new Set(volumes.flatMap((v) => (v.type === 'nfs' ? [`${v.export.server}:${v.path}`] : [])))].sort();
  if (exports.length === 0 || exemptions.nfsVolume !== undefined) {
    return exemptions;
  }
  return { ...exemptions, nfsVolume: `mounts NFS export ${exports.join(', ')}` };
}

/** The number a port has on the app's Services. */
function servicePortOf(port: AppPort | undefined): number | undefined {
  return port ? port.servicePort ?? port.port : undefined;
}

/**
 * A general home-lab workload: a Deployment with secure defaults, its Service, claims, route and
 * optional load balancer. The cluster it is added to decides how intent (route, tier, GPU) renders.
 *
 * Every field is stated here, typed with cdk8s-plus-30's Kubernetes types, so no library default
 * reaches the output unseen.
 */
export class App extends Construct {
  /** Object name of the app (Deployment, Service, route). */
  public readonly name: string;
  /** Namespace of all the app's objects. */
  public readonly namespace: string;
  /** The cluster the app runs in. */
  public readonly cluster: ClusterChart;
  /** The Deployment. */
  public readonly deployment: ApiObject;
  /** The ClusterIP Service, when the app has ports. */
  public readonly service?: ApiObject;
  /** Labels on every object of the app. */
  public readonly labels: Record<string, string>;
  /** Ports of the app. */
  public readonly ports: readonly AppPort[];
  private readonly volumes: k8s.Volume[] = [];
  private readonly mounts: k8s.VolumeMount[] = [];

  constructor(scope: Construct, id: string, props: AppProps) {
    super(scope, id);
    if (!checkProps(this, 'App', props, APP_PROPS_SHAPE, APP_PROP_RULES)) {
      throw new PropsRejected('the app'); // reported above; building on would only add errors that repeat it
    }
    this.cluster = ClusterChart.of(this);
    this.name = id;
    this.namespace = props.namespace ?? id;
    this.ports = props.ports ?? [];
    this.labels = { [APP_NAME_LABEL]: this.name, ...props.labels };
    const persistence = props.persistence ?? {};
    const exemptions = withNfsExemption(props.exemptions ?? {}, Object.values(persistence).map((p) => p.volume));
    const annotations = exemptionAnnotations(exemptions);
    const level = requiredPodSecurityLevel(exemptions);
    this.cluster.namespaces.ensure(this.namespace, {
      podSecurity: level,
      reason: level === 'restricted' ? undefined : `${this.name}: ${Object.values(annotations).join('; ')}`,
    });

    if (exemptions.writableRootFilesystem === undefined) {
      // A read-only root still needs somewhere for temp files; most images write to /tmp.
      this.volumes.push({ name: 'tmp', emptyDir: {} });
      this.mounts.push({ name: 'tmp', mountPath: '/tmp' });
    }
    for (const [volumeName, persistenceProps] of Object.entries(persistence)) {
      this.addPersistence(volumeName, persistenceProps);
    }

    const singleWriter = Object.values(persistence).some((p) => isSingleWriter(p.volume));
    const strategy = props.strategy ?? (singleWriter ? 'Recreate' : 'RollingUpdate');
    const metadata = { name: this.name, namespace: this.namespace, labels: this.labels, annotations: emptyToUndefined(annotations) };
    const deploymentSpec: k8s.DeploymentSpec = {
        replicas: props.replicas ?? 1,
        strategy: { type: strategy },
        selector: { matchLabels: { [APP_NAME_LABEL]: this.name } },
        template: {
          metadata: { labels: this.labels, annotations: metadata.annotations },
          spec: this.podSpec(props, exemptions),
        },
    };
    this.deployment = new ApiObject(this, 'deployment', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: plainJson(deploymentSpec),
    });

    if (this.ports.length > 0) {
      this.service = this.addService('service', this.name, 'ClusterIP', this.ports);
    }
    if (props.route) {
      this.addRoute(props.route.host, props.route.path, props.route.port);
    }
    if (props.loadBalancer) {
      this.addLoadBalancer(props.loadBalancer);
    }
  }
  /** Exposes the app through the cluster's ingress under `host` (a label under the cluster domain, or a FQDN). */
  public addRoute(host: string, path = '/', port?: number): void {
    const servicePort = port ?? servicePortOf(this.ports[0]);
    if (!this.service || servicePort === undefined) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'route', message: 'a route needs the app to have at least one port',
        hint: 'add the port the app serves HTTP on to `ports`',
      });
      return;
    }
    if (!this.ports.some((p) => servicePortOf(p) === servicePort)) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'route.port', message: `port ${servicePort} is not one of the app's ports`,
        hint: `use one of: ${this.ports.map((p) => servicePortOf(p)).join(', ')}`,
      });
      return;
    }
    this.cluster.routes.renderRoute(this, {
      name: this.name,
      namespace: this.namespace,
      hostname: this.cluster.hostname(host),
      path,
      serviceName: this.name,
      servicePort,
      labels: this.labels,
      annotations: this.cluster.dnsAnnotations(),
    });
  }

  /** Exposes ports on a LoadBalancer Service, addressed by the cluster's load-balancer flavor. */
  public addLoadBalancer(props: LoadBalancerProps): void {
    const flavor = this.cluster.loadBalancer;
    if (!flavor) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: 'loadBalancer',
        message: `cluster "${this.cluster.clusterName}" has no load-balancer flavor`,
        hint: 'set `loadBalancer: metalLb({ pools: [...] })` or `tailscaleLoadBalancer()` on the cluster',
      });
      return;
    }
    if (flavor.requiresAddress && !props.address) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: 'loadBalancer.address',
        message: `the ${flavor.name} load balancer of cluster "${this.cluster.clusterName}" needs a fixed address`,
        hint: 'take one from the inventory: site.pools.<pool>.at(...)',
      });
      return;
    }
    const serviceName = `${this.name}-lb`;
    const settings = flavor.serviceSettings({ serviceName, address: props.address, hostname: props.hostname });
    for (const name of props.ports ?? []) {
      if (!this.ports.some((p) => p.name === name)) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: 'loadBalancer.ports', message: `port "${name}" is not a port name of the app`,
          hint: this.ports.length > 0 ? `use one of: ${this.ports.map((p) => p.name).join(', ')}` : 'declare the port in ports',
        });
      }
    }
    const ports = props.ports ? this.ports.filter((p) => props.ports!.includes(p.name)) : this.ports;
    this.addService('load-balancer', serviceName, 'LoadBalancer', ports, settings.annotations, settings.loadBalancerClass);
  }

  /** A Service that selects the app's pods by name, exposing `ports` under their service numbers. */
  private addService(
    id: string, name: string, type: 'ClusterIP' | 'LoadBalancer', ports: readonly AppPort[],
    annotations?: Record<string, string>, loadBalancerClass?: string,
  ): ApiObject {
    const spec: k8s.ServiceSpec = {
      type,
      loadBalancerClass,
      selector: { [APP_NAME_LABEL]: this.name },
      ports: ports.map((p) => ({
        name: p.name, port: servicePortOf(p)!, targetPort: k8s.IntOrString.fromNumber(p.port), protocol: p.protocol ?? 'TCP',
      })),
    };
    return new ApiObject(this, id, {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name, namespace: this.namespace, labels: this.labels, annotations },
      spec: plainJson(spec),
    });
  }

  private addPersistence(volumeName: string, props: PersistenceProps): void {
    const volume = this.renderVolume(volumeName, props.volume);
    if (!volume) {
      return;
    }
    this.volumes.push(volume);
    const readOnly = props.readOnly ?? false;
    if (props.mountPath) {
      this.mounts.push({ name: volumeName, mountPath: props.mountPath, readOnly: readOnly || undefined });
    }
    for (const mount of props.mounts ?? []) {
      this.mounts.push({ name: volumeName, mountPath: mount.mountPath, subPath: mount.subPath, readOnly: (mount.readOnly ?? readOnly) || undefined });
    }
  }

  private renderVolume(name: string, source: AppVolume): k8s.Volume | undefined {
    switch (source.type) {
      case 'claim': {
        const claimName = this.addClaim(name, source.claim);
        return claimName ? { name, persistentVolumeClaim: { claimName } } : undefined;
      }
      case 'existingClaim':
        return { name, persistentVolumeClaim: { claimName: source.claimName } };
      case 'nfs':
        return { name, nfs: { server: source.export.server, path: source.path } };
      case 'hostPath':
        return { name, hostPath: { path: source.path, type: source.hostPathType } };
      case 'emptyDir':
        return {
          name,
          emptyDir: {
            medium: source.emptyDir.memory ? 'Memory' : undefined,
            sizeLimit: source.emptyDir.sizeLimit ? k8s.Quantity.fromString(parseSize(source.emptyDir.sizeLimit)) : undefined,
          },
        };
      case 'configMap':
        return { name, configMap: { name: source.configMapName } };
      case 'secret':
        return { name, secret: { secretName: source.secretName } };
    }
  }

  /** A new claim on a storage tier; returns its name, or undefined when the tier does not exist. */
  private addClaim(volumeName: string, claim: Extract<AppVolume, { type: 'claim' }>['claim']): string | undefined {
    const tier = this.cluster.tier(claim.tier);
    if (!tier) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `persistence.${volumeName}.volume.tier`,
        message: `cluster "${this.cluster.clusterName}" has no storage tier "${claim.tier}"`,
        hint: `use one of: ${this.cluster.tierNames.join(', ') || '(none defined)'}`,
      });
      return undefined;
    }
    const accessMode = claim.accessMode ?? 'ReadWriteOnce';
    if (!accessModesOf(tier).includes(accessMode)) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `persistence.${volumeName}.volume.accessMode`,
        message: `storage tier "${claim.tier}" does not support ${accessMode}`,
        hint: `the tier supports: ${accessModesOf(tier).join(', ')}`,
      });
    }
    const claimName = claim.claimName ?? `${this.name}-${volumeName}`;
    const spec: k8s.PersistentVolumeClaimSpec = {
      accessModes: [accessMode],
      resources: { requests: { storage: k8s.Quantity.fromString(parseSize(claim.size)) } },
      storageClassName: storageClassNameOf(tier),
    };
    new ApiObject(this, `claim-${volumeName}`, {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: claimName, namespace: this.namespace, labels: this.labels },
      spec: plainJson(spec),
    });
    return claimName;
  }

  /** The pod spec: secure defaults, the main container, and what the inventory derives (placement, GPU). */
  private podSpec(props: AppProps, exemptions: SecurityExemptions): k8s.PodSpec {
    const placement = resolvePlacement(this.cluster.hosts, { ...props.placement, gpu: props.gpu?.vendor ?? props.placement?.gpu });
    for (const requirement of placement.unmet) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: props.gpu ? 'gpu' : 'placement',
        message: `no host of cluster "${this.cluster.clusterName}" has ${requirement}`,
        hint: `hosts of this cluster: ${this.cluster.hosts.map((h) => h.name).join(', ')}`,
      });
    }
    const pinned = renderPlacement(placement, props.pinWith);
    const gpu = props.gpu ? renderGpu(props.gpu) : undefined;
    const asRoot = exemptions.runAsRoot !== undefined;
    const user = asRoot ? 0 : props.runAsUser ?? 1000;
    const group = asRoot ? 0 : props.runAsGroup ?? 1000;
    const hostNetwork = exemptions.hostNetwork !== undefined;
    const probes = resolveProbes(props.probes);
    const firstPort = this.ports[0]?.port;
    const env = Object.entries(props.env ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => renderEnvVar(this, key, value));
    return {
      automountServiceAccountToken: false,
      hostNetwork: hostNetwork || undefined,
      dnsPolicy: hostNetwork ? 'ClusterFirstWithHostNet' : undefined,
      runtimeClassName: gpu?.runtimeClassName,
      nodeSelector: pinned.nodeSelector,
      affinity: pinned.affinity as k8s.Affinity | undefined,
      tolerations: pinned.tolerations,
      securityContext: {
        runAsNonRoot: !asRoot,
        runAsUser: user,
        runAsGroup: group,
        fsGroup: props.runAsGroup ?? 1000,
        fsGroupChangePolicy: 'OnRootMismatch',
        supplementalGroups: props.supplementalGroups && props.supplementalGroups.length > 0 ? props.supplementalGroups : undefined,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [{
        name: this.name,
        image: props.image,
        imagePullPolicy: 'IfNotPresent',
        command: props.command,
        args: props.args,
        ports: this.ports.length > 0
          ? this.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' }))
          : undefined,
        env: env.length > 0 ? env : undefined,
        resources: renderResources(props.resources, gpu?.limits),
        readinessProbe: renderProbe(probes.readiness, firstPort),
        livenessProbe: renderProbe(probes.liveness, firstPort),
        startupProbe: renderProbe(probes.startup, firstPort),
        securityContext: {
          runAsNonRoot: !asRoot,
          runAsUser: user,
          runAsGroup: group,
          readOnlyRootFilesystem: exemptions.writableRootFilesystem === undefined,
          allowPrivilegeEscalation: exemptions.privilegeEscalation !== undefined,
          privileged: exemptions.privileged !== undefined,
          capabilities: { drop: ['ALL'], add: exemptions.addCapabilities?.capabilities },
          seccompProfile: { type: 'RuntimeDefault' },
        },
        volumeMounts: this.mounts.length > 0 ? this.mounts : undefined,
      }],
      volumes: this.volumes.length > 0 ? this.volumes : undefined,
    };
  }
}

function emptyToUndefined(record: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(record).length > 0 ? record : undefined;
}
