import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import type { PoolAddress } from '../inventory/address-pool';
import { resolvePlacement } from '../inventory/placement';
import { ClusterChart } from '../platform/cluster-chart';
import { accessModesOf, storageClassNameOf } from '../platform/storage';
import { reportFinding } from '../validation/finding';
import { renderEnvValue } from './env';
import { renderGpu } from './gpu';
import { renderPlacement } from './placement';
import { renderProbe, resolveProbes } from './probes';
import type { AppPort, AppProps } from './props';
import { parseSize } from './quantities';
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
 */
export class App extends Construct {
  /** Object name of the app (Deployment, Service, route). */
  public readonly name: string;
  /** Namespace of all the app's objects. */
  public readonly namespace: string;
  /** The cluster the app runs in. */
  public readonly cluster: ClusterChart;
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The main container. */
  public readonly container: kplus.Container;
  /** The ClusterIP Service, when the app has ports. */
  public readonly service?: kplus.Service;
  /** Labels on every object of the app. */
  public readonly labels: Record<string, string>;
  /** Ports of the app. */
  public readonly ports: readonly AppPort[];

  constructor(scope: Construct, id: string, props: AppProps) {
    super(scope, id);
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

    const singleWriter = Object.values(persistence).some((p) => isSingleWriter(p.volume));
    const replicas = props.replicas ?? 1;
    const strategy = props.strategy ?? (singleWriter ? 'Recreate' : 'RollingUpdate');

    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: { name: this.name, namespace: this.namespace, labels: this.labels, annotations },
      replicas,
      strategy: strategy === 'Recreate' ? kplus.DeploymentStrategy.recreate() : kplus.DeploymentStrategy.rollingUpdate(),
      select: false,
      podMetadata: { labels: this.labels, annotations },
      automountServiceAccountToken: false,
      hostNetwork: exemptions.hostNetwork !== undefined,
      dns: exemptions.hostNetwork !== undefined ? { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET } : undefined,
      securityContext: {
        ensureNonRoot: exemptions.runAsRoot === undefined,
        user: exemptions.runAsRoot === undefined ? props.runAsUser ?? 1000 : 0,
        group: exemptions.runAsRoot === undefined ? props.runAsGroup ?? 1000 : 0,
        fsGroup: props.runAsGroup ?? 1000,
        fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
      },
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: { [APP_NAME_LABEL]: this.name } }));

    const firstPort = this.ports[0]?.port;
    const probes = resolveProbes(props.probes);
    const env: Record<string, kplus.EnvValue> = {};
    for (const [key, value] of Object.entries(props.env ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      env[key] = renderEnvValue(this, key, value);
    }
    this.container = this.deployment.addContainer({
      name: this.name,
      image: props.image,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      command: props.command,
      args: props.args,
      ports: this.ports.map((p) => ({
        name: p.name, number: p.port, protocol: p.protocol === 'UDP' ? kplus.Protocol.UDP : kplus.Protocol.TCP,
      })),
      envVariables: env,
      resources: renderResources(props.resources),
      readiness: renderProbe(probes.readiness, firstPort),
      liveness: renderProbe(probes.liveness, firstPort),
      startup: renderProbe(probes.startup, firstPort),
      securityContext: {
        ensureNonRoot: exemptions.runAsRoot === undefined,
        user: exemptions.runAsRoot === undefined ? props.runAsUser ?? 1000 : 0,
        group: exemptions.runAsRoot === undefined ? props.runAsGroup ?? 1000 : 0,
        readOnlyRootFilesystem: exemptions.writableRootFilesystem === undefined,
        allowPrivilegeEscalation: exemptions.privilegeEscalation !== undefined,
        privileged: exemptions.privileged !== undefined,
        capabilities: {
          drop: [kplus.Capability.ALL],
          add: exemptions.addCapabilities?.capabilities.map((c) => c as kplus.Capability),
        },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
    });

    if (exemptions.writableRootFilesystem === undefined) {
      // A read-only root still needs somewhere for temp files; most images write to /tmp.
      this.container.mount('/tmp', kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp'));
    }
    for (const [volumeName, persistenceProps] of Object.entries(persistence)) {
      this.addPersistence(volumeName, persistenceProps);
    }

    this.patchPodSpec(props);

    if (this.ports.length > 0) {
      this.service = this.addService('service', this.name, kplus.ServiceType.CLUSTER_IP, this.ports);
    }
    if (props.route) {
      this.addRoute(props.route.host, props.route.path, props.route.port);
    }
    if (props.loadBalancer) {
      this.addLoadBalancer(props.loadBalancer.address, props.loadBalancer.ports);
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

  /** Exposes ports on a LoadBalancer Service with a fixed inventory address. */
  public addLoadBalancer(address: PoolAddress, portNames?: string[]): void {
    const flavor = this.cluster.loadBalancer;
    if (!flavor) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: 'loadBalancer',
        message: `cluster "${this.cluster.clusterName}" has no load-balancer flavor`,
        hint: 'set `loadBalancer: metalLb({ pools: [...] })` on the cluster',
      });
      return;
    }
    const ports = portNames ? this.ports.filter((p) => portNames.includes(p.name)) : this.ports;
    this.addService('load-balancer', `${this.name}-lb`, kplus.ServiceType.LOAD_BALANCER, ports, flavor.serviceAnnotations(address));
  }

  /** A Service that selects the app's pods by name, exposing `ports` under the same numbers. */
  private addService(id: string, name: string, type: kplus.ServiceType, ports: readonly AppPort[], annotations?: Record<string, string>): kplus.Service {
    const service = new kplus.Service(this, id, {
      metadata: { name, namespace: this.namespace, labels: this.labels, annotations },
      type,
      ports: ports.map((p) => ({
        name: p.name, port: p.servicePort ?? p.port, targetPort: p.port,
        protocol: p.protocol === 'UDP' ? kplus.Protocol.UDP : kplus.Protocol.TCP,
      })),
    });
    service.selectLabel(APP_NAME_LABEL, this.name);
    // cdk8s-plus always renders an empty externalIPs list; drop the noise.
    ApiObject.of(service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    return service;
  }

  private addPersistence(volumeName: string, props: PersistenceProps): void {
    const volume = this.renderVolume(volumeName, props.volume);
    if (!volume) {
      return;
    }
    const readOnly = props.readOnly ?? false;
    if (props.mountPath) {
      this.container.mount(props.mountPath, volume, { readOnly });
    }
    for (const mount of props.mounts ?? []) {
      this.container.mount(mount.mountPath, volume, { subPath: mount.subPath, readOnly: mount.readOnly ?? readOnly });
    }
  }

  private renderVolume(volumeName: string, source: AppVolume): kplus.Volume | undefined {
    switch (source.type) {
      case 'claim': {
        const tier = this.cluster.tier(source.claim.tier);
        if (!tier) {
          reportFinding(this, {
            layer: 'references', severity: 'error', field: `persistence.${volumeName}.volume.tier`,
            message: `cluster "${this.cluster.clusterName}" has no storage tier "${source.claim.tier}"`,
            hint: `use one of: ${this.cluster.tierNames.join(', ') || '(none defined)'}`,
          });
          return undefined;
        }
        const accessMode = source.claim.accessMode ?? 'ReadWriteOnce';
        if (!accessModesOf(tier).includes(accessMode)) {
          reportFinding(this, {
            layer: 'references', severity: 'error', field: `persistence.${volumeName}.volume.accessMode`,
            message: `storage tier "${source.claim.tier}" does not support ${accessMode}`,
          });
        }
        const claim = new kplus.PersistentVolumeClaim(this, `claim-${volumeName}`, {
          metadata: { name: source.claim.claimName ?? `${this.name}-${volumeName}`, namespace: this.namespace, labels: this.labels },
          accessModes: [accessMode as kplus.PersistentVolumeAccessMode],
          storage: parseSize(source.claim.size),
          storageClassName: storageClassNameOf(tier),
        });
        return kplus.Volume.fromPersistentVolumeClaim(this, `volume-${volumeName}`, claim, { name: volumeName });
      }
      case 'existingClaim': {
        const claim = kplus.PersistentVolumeClaim.fromClaimName(this, `claim-${volumeName}`, source.claimName);
        return kplus.Volume.fromPersistentVolumeClaim(this, `volume-${volumeName}`, claim, { name: volumeName });
      }
      case 'nfs':
        return kplus.Volume.fromNfs(this, `volume-${volumeName}`, volumeName, { server: source.export.server, path: source.path });
      case 'hostPath':
        return kplus.Volume.fromHostPath(this, `volume-${volumeName}`, volumeName, {
          path: source.path, type: source.hostPathType as kplus.HostPathVolumeType,
        });
      case 'emptyDir':
        return kplus.Volume.fromEmptyDir(this, `volume-${volumeName}`, volumeName, {
          medium: source.emptyDir.memory ? kplus.EmptyDirMedium.MEMORY : undefined,
          sizeLimit: source.emptyDir.sizeLimit ? parseSize(source.emptyDir.sizeLimit) : undefined,
        });
      case 'configMap':
        return kplus.Volume.fromConfigMap(this, `volume-${volumeName}`,
          kplus.ConfigMap.fromConfigMapName(this, `config-${volumeName}`, source.configMapName), { name: volumeName });
      case 'secret':
        return kplus.Volume.fromSecret(this, `volume-${volumeName}`,
          kplus.Secret.fromSecretName(this, `secret-${volumeName}`, source.secretName), { name: volumeName });
    }
  }

  /** Pod-spec fields that cdk8s-plus does not model: placement, GPUs, runtime class, groups. */
  private patchPodSpec(props: AppProps): void {
    const patches: JsonPatch[] = [];
    const placement = resolvePlacement(this.cluster.hosts, { ...props.placement, gpu: props.gpu?.vendor ?? props.placement?.gpu });
    for (const requirement of placement.unmet) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: props.gpu ? 'gpu' : 'placement',
        message: `no host of cluster "${this.cluster.clusterName}" has ${requirement}`,
        hint: `hosts of this cluster: ${this.cluster.hosts.map((h) => h.name).join(', ')}`,
      });
    }
    const rendered = renderPlacement(placement, props.pinWith);
    const podSpec = '/spec/template/spec';
    if (rendered.nodeSelector) {
      patches.push(JsonPatch.add(`${podSpec}/nodeSelector`, rendered.nodeSelector));
    }
    if (rendered.affinity) {
      patches.push(JsonPatch.add(`${podSpec}/affinity`, rendered.affinity));
    }
    if (rendered.tolerations) {
      patches.push(JsonPatch.add(`${podSpec}/tolerations`, rendered.tolerations));
    }
    if (props.gpu) {
      const gpu = renderGpu(props.gpu);
      for (const [resource, count] of Object.entries(gpu.limits)) {
        // The L1 Deployment re-reads resource maps as k8s.Quantity after patches are applied.
        patches.push(JsonPatch.add(`${podSpec}/containers/0/resources/limits/${resource.replace(/\//g, '~1')}`, kplus.k8s.Quantity.fromNumber(count)));
      }
      if (gpu.runtimeClassName) {
        patches.push(JsonPatch.add(`${podSpec}/runtimeClassName`, gpu.runtimeClassName));
      }
    }
    if (props.supplementalGroups && props.supplementalGroups.length > 0) {
      patches.push(JsonPatch.add(`${podSpec}/securityContext/supplementalGroups`, props.supplementalGroups));
    }
    patches.push(JsonPatch.add(`${podSpec}/securityContext/seccompProfile`, { type: 'RuntimeDefault' }));
    // Pods are selected by APP_NAME_LABEL; cdk8s-plus's hash label would only make selectors unreadable.
    patches.push(JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'));
    ApiObject.of(this.deployment).addJsonPatch(...patches);
  }
}
