import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import type { SynthesizedObject } from '../../constructs/synth/collect';
import { fields, labelSelectorMatches, list, namespaceOf, stringMap, text } from '../../constructs/validation/manifest';
import { withoutLabelSource } from '../../constructs/validation/namespace-policies';
import { indexOf, type ObjectIndex } from '../../constructs/validation/object-index';
import { containersOf, podTemplatesSelectedBy } from '../../constructs/validation/pod-spec';
import { type Admission, namespaceLabels, policyAdmission } from '../../constructs/validation/policy-admission';

// Whether a flow between pods gets through the NetworkPolicies and CiliumNetworkPolicies of a cluster's output:
// the egress policies of the client's pods and the ingress policies of the server's pods must both let it
// through, on the pod's port (a Service's targetPort, as policies match pods' ports, never Services').

/** Pods as policies see them: their namespace and their labels. */
export interface FlowPods {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Where a flow comes from: pods, or a Cilium entity (`ingress` for Cilium's own Gateway and Ingress proxy). */
export type FlowSource = FlowPods | { readonly entity: string };

/** The server's end of a flow: its pods and the port they receive it on. */
export interface FlowTarget {
  readonly pods: FlowPods;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP';
  /**
   * For a server on its host's network (the API server, a `hostNetwork` pod), the networks of the nodes it
   * runs on (`<address>/32`), which only address blocks match. @default - pods of the pod network
   */
  readonly nodeAddresses?: readonly string[];
}

/** What each end's policies answer. */
export interface FlowVerdict {
  /** The client's egress policies (always `admits` for an entity, which no policy governs). */
  readonly egress: Admission;
  /** The server's ingress policies. */
  readonly ingress: Admission;
}

/** The DNS pods every pod asks (CoreDNS, as every distribution of the sites labels it). */
export const CLUSTER_DNS_PODS: FlowPods = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };

/** The manifests of every YAML file under `dir` (a cluster's folder of `dist/`), as synthesis objects. */
export function objectsOfFolder(dir: string): SynthesizedObject[] {
  const files = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : e.name.endsWith('.yaml') ? [path.join(d, e.name)] : []));
  return files(dir).flatMap((file) => parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((doc) => doc.toJSON() as SynthesizedObject['manifest'] | null)
    .filter((manifest): manifest is SynthesizedObject['manifest'] => manifest !== null && typeof manifest === 'object' && typeof manifest.kind === 'string')
    .map((manifest) => ({ manifest, constructPath: file, file: path.basename(file, '.yaml') })));
}

/** The flows of one cluster's output. */
export class NetworkFlows {
  /** The flows of the objects of a cluster's folder of `dist/`. */
  public static ofFolder(dir: string): NetworkFlows {
    return new NetworkFlows(objectsOfFolder(dir));
  }

  private readonly index: ObjectIndex;
  /** The index as Cilium reads it for flows to and from nodes, when it matches no node by an address block. */
  private readonly nodeIndex: ObjectIndex;

  constructor(private readonly objects: readonly SynthesizedObject[]) {
    this.index = indexOf(objects);
    this.nodeIndex = ciliumMatchesNodesByCidr(objects) === false ? indexOf(objects.map(withoutAddressBlocks)) : this.index;
  }

  /** The Kubernetes API server, on its host's network at `addresses` (`<address>/32`), port `port`. */
  public static apiServer(addresses: readonly string[], port = 6443): FlowTarget {
    return { pods: { namespace: 'kube-system', labels: { component: 'kube-apiserver' } }, port, nodeAddresses: addresses };
  }

  /**
   * The pods behind Service `namespace/name` and the pod port its port `servicePort` forwards to (its
   * `targetPort`, by number or by the name of a container port). Throws when the Service or the port is missing.
   */
  public service(namespace: string, name: string, servicePort: number): FlowTarget {
    const service = this.index.find('Service', namespace, name);
    const selector = stringMap(fields(service?.manifest.spec).selector);
    const entry = list(fields(service?.manifest.spec).ports).find((p) => p.port === servicePort);
    if (service === undefined || entry === undefined || Object.keys(selector).length === 0) {
      throw new Error(`no Service ${namespace}/${name} with a selector and port ${servicePort}`);
    }
    const protocol = (text(entry.protocol) ?? 'TCP') as 'TCP' | 'UDP';
    const templates = podTemplatesSelectedBy(this.objects, namespace, selector);
    const targetPort = entry.targetPort ?? entry.port;
    const port = typeof targetPort === 'number' ? targetPort : templates.flatMap((t) => containersOf(t).flatMap((ref) => list(ref.container.ports)))
      .find((p) => p.name === targetPort && (text(p.protocol) ?? 'TCP') === protocol)?.containerPort;
    if (typeof port !== 'number') {
      throw new Error(`Service ${namespace}/${name} port ${servicePort} forwards to ${String(targetPort)}, which no pod it selects names`);
    }
    return { pods: { namespace, labels: templates[0]?.labels ?? selector }, port, protocol };
  }

  /** The labels of the pods of workload `kind` `namespace/name`, as its template writes them. */
  public podsOf(kind: string, namespace: string, name: string): FlowPods {
    const workload = this.index.find(kind, namespace, name);
    if (workload === undefined) {
      throw new Error(`no ${kind} ${namespace}/${name}`);
    }
    const spec = fields(workload.manifest.spec);
    const template = kind === 'CronJob' ? fields(fields(fields(spec.jobTemplate).spec).template) : fields(spec.template);
    return { namespace, labels: stringMap(fields(template.metadata).labels) };
  }

  /** What the policies of both ends answer for a flow from `from` to `to`. */
  public verdict(from: FlowSource, to: FlowTarget): FlowVerdict {
    const target = { port: to.port, protocol: to.protocol ?? 'TCP' };
    const server = this.policyPod(to.pods);
    if ('entity' in from) {
      return { egress: 'admits', ingress: this.entityAdmission(from.entity, server, target) };
    }
    const client = this.policyPod(from);
    const index = to.nodeAddresses !== undefined ? this.nodeIndex : this.index;
    const callee = to.nodeAddresses !== undefined ? { ...server, hostAddresses: to.nodeAddresses } : server;
    return {
      egress: policyAdmission(index, 'egress', client, callee, target),
      ingress: policyAdmission(index, 'ingress', client, callee, target),
    };
  }

  /** Whether the policies of both ends surely let the flow through. */
  public allows(from: FlowSource, to: FlowTarget): boolean {
    const verdict = this.verdict(from, to);
    return verdict.egress === 'admits' && verdict.ingress === 'admits';
  }

  private policyPod(pods: FlowPods) {
    return { namespace: pods.namespace, namespaceLabels: namespaceLabels(this.index, pods.namespace), labels: { ...pods.labels } };
  }

  /**
   * A Cilium entity as the source: a CiliumNetworkPolicy admits it by `fromEntities` (the entity or `all`), a
   * Kubernetes NetworkPolicy by a rule without sources; a policy that selects the pods and admits neither refuses.
   */
  private entityAdmission(entity: string, server: { namespace: string; namespaceLabels: Record<string, string>; labels: Record<string, string> }, target: { port: number; protocol: string }): Admission {
    const ciliumLabels = { ...server.labels, 'io.kubernetes.pod.namespace': server.namespace };
    // A NetworkPolicy's port without a protocol is TCP's, a CiliumNetworkPolicy's any protocol's.
    const portTaken = (ports: Array<Record<string, unknown>>, defaultProtocol: string) => ports.length === 0 || ports.some((p) => {
      const protocol = text(p.protocol) ?? defaultProtocol;
      return (protocol === 'ANY' || protocol === target.protocol) && (p.port === undefined || Number(p.port) === target.port);
    });
    const answers = this.index.of('NetworkPolicy', 'CiliumNetworkPolicy').filter((policy) => namespaceOf(policy) === server.namespace).flatMap((policy): boolean[] => {
      const spec = fields(policy.manifest.spec);
      if (text(policy.manifest.kind) === 'NetworkPolicy') {
        const types = Array.isArray(spec.policyTypes) ? spec.policyTypes as unknown[] : ['Ingress'];
        if (!types.includes('Ingress') || !labelSelectorMatches(fields(spec.podSelector), server.labels)) {
          return [];
        }
        return [list(spec.ingress).some((rule) => list(rule.from).length === 0 && portTaken(list(rule.ports), 'TCP'))];
      }
      if (!labelSelectorMatches(withoutLabelSource(fields(spec.endpointSelector)), ciliumLabels) || spec.ingress === undefined) {
        return [];
      }
      return [list(spec.ingress).some((rule) => (Array.isArray(rule.fromEntities) ? rule.fromEntities as unknown[] : []).some((e) => e === entity || e === 'all')
        && portTaken(list(rule.toPorts).flatMap((entry) => list(entry.ports)), 'ANY'))];
    });
    return answers.length === 0 || answers.includes(true) ? 'admits' : 'refuses';
  }
}

/**
 * Whether the cluster's Cilium, when the objects install it (a Flux HelmRelease or an Argo CD Application of
 * its chart), selects nodes by an address block (`policyCIDRMatchMode: [nodes]`): without it only its entities
 * (`host`, `remote-node`, `kube-apiserver`) do, and a Kubernetes NetworkPolicy's ipBlock never takes a node.
 * Undefined where no Cilium is installed by the objects.
 */
export function ciliumMatchesNodesByCidr(objects: readonly SynthesizedObject[]): boolean | undefined {
  const values = objects.flatMap(({ manifest }) => {
    const spec = fields(manifest.spec);
    if (manifest.kind === 'HelmRelease' && [text(fields(fields(spec.chart).spec).chart), text(fields(spec.chartRef).name)].includes('cilium')) {
      return [fields(spec.values)];
    }
    const source = fields(spec.source);
    return manifest.kind === 'Application' && text(source.chart) === 'cilium' ? [fields(fields(source.helm).valuesObject)] : [];
  });
  return values.length === 0 ? undefined : values.some((v) => Array.isArray(v.policyCIDRMatchMode) && v.policyCIDRMatchMode.includes('nodes'));
}

/** A Kubernetes NetworkPolicy as Cilium reads it for nodes without its node mode: no ipBlock takes them. */
function withoutAddressBlocks(object: SynthesizedObject): SynthesizedObject {
  if (object.manifest.kind !== 'NetworkPolicy') {
    return object;
  }
  const spec = fields(object.manifest.spec);
  const rules = (direction: 'ingress' | 'egress', peers: 'from' | 'to') => list(spec[direction]).flatMap((rule) => {
    if (rule[peers] === undefined) {
      return [rule];
    }
    const kept = list(rule[peers]).filter((peer) => peer.ipBlock === undefined);
    // A rule left without peers would take every source: it takes none of the nodes.
    return kept.length > 0 ? [{ ...rule, [peers]: kept }] : [];
  });
  const manifest = {
    ...object.manifest,
    spec: { ...spec, ...(spec.ingress !== undefined ? { ingress: rules('ingress', 'from') } : {}), ...(spec.egress !== undefined ? { egress: rules('egress', 'to') } : {}) },
  };
  return { ...object, manifest };
}
