import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import { cidrBlocks, ClusterRange, rangesOf } from './cluster-ranges';
import {
  CILIUM_CLUSTER_POOL_DEFAULT, CILIUM_GATEWAY_API_VERSION, CiliumCapabilities, CiliumCgroup, ciliumComponent, CiliumGatewayApi, CiliumHubble, CiliumOptions, ciliumValues,
} from './components/cilium';
import { ciliumOptionProblems } from './cilium-options';
import { checkGatewayApiChannel } from './gateway-api-channel';
import { PART_RESOURCES_SHAPE } from './part-resources';
import { GATEWAY_API_CRDS_COMPONENT, gatewayApiCrds } from './components/gateway-api-crds';
import { upstreamFileUrls } from './upstream-manifests';
import { BOOTSTRAP_FOLDER } from './platform';
import { runsTalos } from './distributions';
import { ciliumTalosProblem } from './cilium-talos';
import { toYamlDocument } from '../synth/yaml';
import { checkedChoice } from '../validation/choice-props';
import { oneOf, PropShape } from '../validation/known-props';

/**
 * The pod network of a cluster (its CNI), when the repository installs it. Without one, the cluster uses
 * what its distribution ships (K3s' flannel, …).
 */
export interface CniChoice {
  /** Short name, e.g. `cilium`. */
  readonly name: string;
  /** Adds the CNI's components to the cluster. Called once by the cluster. */
  bind(cluster: ClusterChart): void;
  /**
   * The pod ranges the CNI hands out itself, in the place of the distribution's (an empty list when they
   * are set outside the repository). @default - the distribution's, as each node's PodCIDR
   */
  readonly podRanges?: readonly ClusterRange[];
  /**
   * Whether it enforces the NetworkPolicies the library writes for every app and component: the cluster
   * warns of policies that nothing enforces. @default true
   */
  readonly enforcesNetworkPolicies?: boolean;
  /**
   * Whether it serves Services itself in the place of kube-proxy, which a distribution that can turn its own
   * kube-proxy off (Talos) then leaves off. @default false
   */
  readonly replacesKubeProxy?: boolean;
}

/**
 * Cilium as the CNI: its component, and with Gateway API on, the Gateway API CRDs ahead of it (standard
 * channel plus the experimental TLSRoute, at the release Cilium implements unless `crdsVersion` says
 * otherwise). The CNI must run before anything else can: the cluster's README tells the owner to install
 * the same release once by hand before the GitOps engine, which then adopts it.
 */
export class CiliumCni implements CniChoice {
  public readonly name = 'cilium';
  public readonly enforcesNetworkPolicies = true;

  constructor(public readonly options: CiliumOptions) {}

  /** Whether Cilium serves Services itself (`kubeProxyReplacement`, on unless turned off). */
  public get replacesKubeProxy(): boolean {
    return this.options.kubeProxyReplacement ?? true;
  }

  public bind(cluster: ClusterChart): void {
    const onTalos = runsTalos(cluster.platform.preinstalled);
    const talosProblem = onTalos ? ciliumTalosProblem(this.options, this.replacesKubeProxy) : undefined;
    if (talosProblem !== undefined) {
      reportFinding(cluster, { layer: 'references', ...talosProblem });
    }
    if (!onTalos && this.replacesKubeProxy && this.options.k8sServiceHost === undefined) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'cni.k8sServiceHost',
        message: 'Cilium replaces kube-proxy but names no API server address to reach without it',
        hint: `name the API server: cilium({ k8sServiceHost: '${cluster.hosts.find((h) => h.roles.includes('control-plane'))?.address ?? '<its address>'}', k8sServicePort: 6443 }) `
          + '(a VIP or DNS name of every control-plane node where there are several), or kubeProxyReplacement: false',
      });
    }
    if (this.options.gatewayApi) {
      const version = this.options.gatewayApi.crdsVersion ?? CILIUM_GATEWAY_API_VERSION;
      cluster.platform.require(gatewayApiCrds({ version, experimental: ['TLSRoute'] }));
      checkGatewayApiChannel(cluster, version, 'cni.gatewayApi.crdsVersion');
    }
    const component = cluster.platform.require(ciliumComponent(this.options));
    // Pods need the CNI before any engine can run, so the owner installs it once with the values the
    // engine will keep it at; Cilium enables its Gateway API only when the CRDs exist as it starts.
    const valuesFile = `${BOOTSTRAP_FOLDER}/${component.name}.values.yml`;
    cluster.platform.addBootstrapFile(`${component.name}.values.yml`, () => toYamlDocument(component.values));
    const crds = this.options.gatewayApi ? cluster.platform.get(GATEWAY_API_CRDS_COMPONENT) : undefined;
    const crdUrls = crds?.install.type === 'manifests' ? upstreamFileUrls(crds.install) : [];
    const install = component.install;
    const chart = install.type === 'helm' ? install.chart : undefined;
    cluster.platform.declarePreinstalled({
      source: 'CNI bootstrap',
      startsPodNetwork: true,
      brings: [`Cilium ${component.version}, the pod network, installed by hand once before the GitOps engine, which then adopts the release`],
      manualSteps: [
        `install Cilium ${component.version} once, before the GitOps engine: `
          + (crdUrls.length > 0 ? `kubectl apply ${crdUrls.map((url) => `-f ${url}`).join(' ')} (the Gateway API CRDs first), then ` : '')
          + `helm install ${component.name} ${chart?.chart ?? 'cilium'} --repo ${chart?.repository ?? 'https://helm.cilium.io'} --version ${component.version} `
          + `-n ${component.namespace} -f ${cluster.repositoryPath()}/${valuesFile}; the engine adopts the release`,
      ],
    });
  }

  /**
   * The pod ranges of cluster-pool IPAM (`clusterPoolPodCidrs`, else the chart's 10.0.0.0/8); none known with
   * multi-pool, whose pools are CiliumPodIPPool objects; the distribution's with 'kubernetes'.
   */
  public get podRanges(): readonly ClusterRange[] | undefined {
    const mode = this.options.ipamMode ?? 'kubernetes';
    if (mode === 'multi-pool') {
      return [];
    }
    return mode === 'cluster-pool'
      ? rangesOf('pod range', "Cilium's cluster-pool", [CILIUM_CLUSTER_POOL_DEFAULT], cidrBlocks(this.options.clusterPoolPodCidrs),
        { name: 'clusterPoolPodCidrs', write: 'cilium({ clusterPoolPodCidrs })', field: 'clusterPoolPodCidrs' })
      : undefined;
  }

  /** The Helm values the component installs with. */
  public get values(): Record<string, unknown> {
    return ciliumValues(this.options);
  }
}

/** The options of `cilium()`, for callers the type checker does not see. */
const CILIUM_OPTIONS_SHAPE = {
  ipamMode: oneOf('kubernetes', 'cluster-pool', 'multi-pool'), clusterPoolPodCidrs: 'strings', kubeProxyReplacement: 'boolean', k8sServiceHost: 'string', k8sServicePort: 'port',
  capabilities: { ciliumAgent: 'strings', cleanCiliumState: 'strings' } satisfies Record<keyof CiliumCapabilities, PropShape>,
  cgroup: { autoMount: 'boolean', hostRoot: 'string' } satisfies Record<keyof CiliumCgroup, PropShape>,
  gatewayApi: { enableAlpn: 'boolean', enableAppProtocol: 'boolean', crdsVersion: 'string' } satisfies Record<keyof CiliumGatewayApi, PropShape>,
  l2Announcements: 'boolean', externalIPs: 'boolean', hostFirewall: 'boolean',
  // Nested options are shapes, not 'object': a typo inside them (`hubble: { relays: true }`) is reported.
  hubble: { relay: 'boolean', ui: 'boolean' } satisfies Record<keyof CiliumHubble, PropShape>,
  operatorReplicas: 'count', k8sClientQps: 'number', encryption: oneOf('wireguard', 'ipsec'), resources: PART_RESOURCES_SHAPE,
} as const satisfies Record<keyof CiliumOptions, PropShape>;

/** Cilium as the cluster's CNI. */
export function cilium(options: CiliumOptions = {}): CiliumCni {
  return checkedChoice(new CiliumCni(options), 'cilium()', options, CILIUM_OPTIONS_SHAPE, undefined, ciliumOptionProblems(options));
}

/**
 * What is wrong with a cluster's `cni` that is no CNI choice: a name written as other tools take it
 * (`cni: 'flannel'`, `'calico'`), or an object not made by a factory. Pure.
 */
export function notACniProblem(value: unknown): { message: string; hint: string } | undefined {
  const choice = value as Partial<CniChoice> | undefined;
  if (value === undefined || (typeof value === 'object' && value !== null && typeof choice!.bind === 'function' && typeof choice!.name === 'string')) {
    return undefined;
  }
  const byHand = "a CNI you install yourself is no cni but a preinstalled entry: { source: 'calico', podNetwork: { name: 'Calico', enforcesNetworkPolicies: true } }";
  return {
    message: typeof value === 'string' ? `cni is the text "${value}", not a CNI choice` : 'cni is not a CNI choice made by a factory',
    hint: typeof value === 'string' && value.trim().toLowerCase() === 'cilium'
      ? 'write cni: cilium({ … }) (on Talos: cilium({ ...ciliumOnTalos() }))'
      : `write cni: cilium({ … }), or leave cni out to keep the distribution's own network (Talos: talos({ bringYourOwnCni: false })); ${byHand}`,
  };
}
