import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, containerTexts, podTemplates } from './pod-spec';
import { statefulOrdinals } from './stateful-ordinals';
import { containerConfigMaps } from './config-file-hosts';

// The pods of a StatefulSet have DNS names of their own, `<statefulset>-<ordinal>.<serviceName>`, under the headless
// Service its `serviceName` names and no other: a database's seed list, etcd's initial cluster, NATS' routes and
// MinIO's drives name their peers so. A name of an ordinal the StatefulSet does not run, or under another Service,
// resolves nowhere: the API server takes it, and the peers never find each other. Vault's Helm chart names its pods
// under `<release>-internal`, so a raft `retry_join` copied from it (`http://openbao-0.openbao-internal:8200`) into an
// App, whose pods are named under `<app>-headless`, names a Service the namespace does not have at all.

const layer = 'references' as const;

/** A StatefulSet's pods as names know them: its name, the Service that names them and its ordinals. */
interface StatefulPods {
  readonly name: string;
  readonly namespace: string;
  readonly serviceName: string;
  readonly first: number;
  readonly replicas: number;
}

/**
 * A pod's name under a Service in text: `<name>-<ordinal>` or MinIO's range `<name>-{0...3}` (also written with two dots,
 * as a shell's), then `.<service>`, then maybe `.<namespace>`. The namespace label may also be `svc` or a domain's.
 */
const POD_NAME = /(?<![a-z0-9.-])([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-(\d+|\{(\d+)(\.{2,})(\d+)\})\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?))?/gi;

/** A problem of one pod name in a text, as {@link podNameProblems} finds it. */
export interface PodNameProblem {
  readonly message: string;
  readonly hint: string;
}

/**
 * The problems of the pod names `value` writes, read in namespace `namespace` against the cluster's StatefulSets
 * (`statefulSets`) and Services (`services`: namespace/name → whether headless). Pure.
 */
export function podNameProblems(value: string, namespace: string, statefulSets: readonly StatefulPods[], services: ReadonlyMap<string, boolean>): PodNameProblem[] {
  const problems: PodNameProblem[] = [];
  for (const match of value.matchAll(POD_NAME)) {
    const [written, set, ordinal, from, dots, to, service, third] = match;
    const thirdIsNamespace = third !== undefined && third.toLowerCase() !== 'svc' && services.has(`${third.toLowerCase()}/${service.toLowerCase()}`);
    const ns = thirdIsNamespace ? third.toLowerCase() : namespace;
    const pods = statefulSets.find((s) => s.namespace === ns && s.name === set.toLowerCase());
    const headless = services.get(`${ns}/${service.toLowerCase()}`);
    if (pods === undefined || (headless === undefined && !missingService(match, ns, services))) {
      continue;
    }
    const names = statefulOrdinals(pods.replicas).map((i) => `${pods.name}-${pods.first + i}`);
    const rightName = `${set}-${ordinal}.${pods.serviceName}${written.slice(set.length + ordinal.length + service.length + 2)}`;
    if (service.toLowerCase() !== pods.serviceName) {
      problems.push({
        message: `${written} names pod ${set}-${ordinal} under Service ${service}${headless === undefined ? `, which namespace ${ns} does not have` : ''}, but StatefulSet ${pods.name}'s pods have names under its headless Service ${pods.serviceName} alone (its serviceName): the name resolves nowhere`,
        hint: `write ${rightName}`,
      });
      continue;
    }
    if (dots !== undefined && dots.length !== 3) {
      problems.push({
        message: `${written} writes a range with ${dots.length} dots, which no DNS name holds: MinIO expands {x...y}, with three dots, and nothing expands a shell's {x..y} in a container's arguments`,
        hint: `write ${set}-{${from}...${to}}.${service}`,
      });
      continue;
    }
    const ordinals = from === undefined ? [Number(ordinal)] : [Number(from), Number(to)];
    const outside = ordinals.filter((n) => n < pods.first || n >= pods.first + pods.replicas);
    if (outside.length > 0) {
      problems.push({
        message: `${written} names pod ${pods.name}-${outside[0]}, which StatefulSet ${pods.name} does not run: its ${pods.replicas} replica${pods.replicas === 1 ? ' is' : 's are'} ${names.join(', ')}, so the name resolves nowhere and that peer is never found`,
        hint: from === undefined
          ? `name the pods it runs (${names.join(', ')}), or raise its replicas`
          : `write ${set}-{${pods.first}...${pods.first + pods.replicas - 1}}, the ordinals it runs`,
      });
    }
  }
  return problems;
}

/**
 * Whether a pod name ({@link POD_NAME}'s `match`) of a StatefulSet of namespace `namespace` is written under a Service
 * that namespace does not have, in a form that can only mean the cluster's own names: nothing after the Service but
 * `svc` or that namespace (a host of the network, `web-1.example.com`, is left alone), a Service's name (which begins
 * with a letter; `redis-7.2` is a version), and no namespace of that name with a Service named as the pod is.
 */
function missingService(match: RegExpMatchArray, namespace: string, services: ReadonlyMap<string, boolean>): boolean {
  const [, set, ordinal, , , , service, third] = match;
  const label = service.toLowerCase();
  return /^[a-z]/.test(label) && (third === undefined || ['svc', namespace].includes(third.toLowerCase()))
    && !services.has(`${label}/${set.toLowerCase()}-${ordinal}`);
}

/**
 * The env values, commands and arguments of the cluster's containers, and the files of the ConfigMaps they mount (an
 * OpenBao or Vault server's `retry_join`), that name a StatefulSet's pod it does not run, or a pod under another
 * Service than its own headless one: one error on the field (or the ConfigMap's key) that writes it.
 */
export function checkStatefulPodNames(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const statefulSets: StatefulPods[] = index.of('StatefulSet').flatMap((object) => {
    const spec = fields(object.manifest.spec);
    const name = text(fields(object.manifest.metadata).name);
    const serviceName = text(spec.serviceName);
    const replicas = spec.replicas === undefined ? 1 : spec.replicas;
    const first = fields(spec.ordinals).start ?? 0;
    return name === undefined || serviceName === undefined || typeof replicas !== 'number' || typeof first !== 'number' ? []
      : [{ name, namespace: namespaceOf(object) ?? '', serviceName, first, replicas }];
  });
  if (statefulSets.length === 0) {
    return [];
  }
  const services = new Map(index.of('Service').map((service) => [
    `${namespaceOf(service) ?? ''}/${text(fields(service.manifest.metadata).name) ?? ''}`, fields(service.manifest.spec).clusterIP === 'None',
  ]));
  const findings: Finding[] = [];
  const unpublished = new Set<string>();
  const told = new Set<string>();
  for (const template of podTemplates(cluster.objects)) {
    const own = template.object.manifest.kind === 'StatefulSet' ? statefulSets.find((s) => s.namespace === template.namespace && s.name === text(fields(template.object.manifest.metadata).name)) : undefined;
    for (const ref of containersOf(template)) {
      // The files a container mounts are read by it as its env is: each key of the ConfigMap, its finding on that key.
      const files = containerConfigMaps(index, template, ref).flatMap((configMap) => Object.entries(fields(configMap.manifest.data))
        .flatMap(([key, file]) => typeof file === 'string' ? [{ value: file, field: `data.${key}`, object: configMap }] : []));
      for (const { value, field, object } of [...containerTexts(ref).map((given) => ({ ...given, object: template.object })), ...files]) {
        // One finding for each field: a seed list names every peer the same wrong way.
        const problem = podNameProblems(value, template.namespace, statefulSets, services)[0];
        // A ConfigMap that several containers mount is one file: told once.
        if (problem !== undefined && !told.has(`${object.constructPath}\n${field}`)) {
          told.add(`${object.constructPath}\n${field}`);
          findings.push(objectFinding(object, { layer, severity: 'error', field, ...problem }));
        } else if (own !== undefined && new RegExp(`(?<![a-z0-9-])${own.name}-(\\d+|\\{[^}]*\\})\\.${own.serviceName}(?![a-z0-9-])`, 'i').test(value)) {
          unpublished.add(`${own.namespace}/${own.serviceName}`);
        }
      }
    }
  }
  return [...findings, ...unpublishedPeers(index, unpublished)];
}

/**
 * The headless Services, written by hand, under which a StatefulSet's pods name each other while they start, that
 * name ready pods alone: a peer that waits for the others before it is ready (etcd's quorum) never sees them. The
 * StatefulSet may not need it (its pods ready alone, then joined), so it is a warning.
 */
function unpublishedPeers(index: ReturnType<typeof indexOf>, named: ReadonlySet<string>): Finding[] {
  return [...named].flatMap((key) => {
    const [namespace, name] = key.split('/');
    const service = index.find('Service', namespace, name);
    if (service === undefined || fields(service.manifest.spec).clusterIP !== 'None' || fields(service.manifest.spec).publishNotReadyAddresses === true) {
      return [];
    }
    return [objectFinding(service, {
      layer, severity: 'warning', field: 'spec.publishNotReadyAddresses',
      message: `the pods of the StatefulSet whose headless Service this is name each other under it, and it names ready pods alone: a pod that waits for its peers before it is ready (etcd's quorum, a cluster's first election) never finds them`,
      hint: 'set spec.publishNotReadyAddresses: true, as an App\'s <app>-headless Service does',
    })];
  });
}
