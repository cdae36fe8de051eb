import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { type Fields, fields, list, namespaceOf, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { containersOf, podTemplateIndexIn, type PodTemplate } from './pod-spec';
import { podsShownIn } from './shown-pods';

/** The ports the containers of some pod templates declare, by number and by name, for each protocol. */
export interface DeclaredPorts {
  /** `<protocol>/<number or name>` of every declared port. */
  readonly keys: ReadonlySet<string>;
  /** Each port name declared, with its number and protocol, e.g. `http` → `8080/TCP`. */
  readonly names: ReadonlyMap<string, string>;
  /** Names of the workloads that declare them, for messages. */
  readonly workloads: readonly string[];
}

/** The ports `templates` declare. Pure. */
export function declaredPorts(templates: readonly PodTemplate[]): DeclaredPorts {
  const keys = new Set<string>();
  const names = new Map<string, string>();
  for (const template of templates) {
    for (const { container } of containersOf(template)) {
      for (const port of list(container.ports)) {
        const protocol = text(port.protocol) ?? 'TCP';
        keys.add(`${protocol}/${String(port.containerPort)}`);
        if (typeof port.name === 'string') {
          keys.add(`${protocol}/${port.name}`);
          names.set(port.name, `${String(port.containerPort)}/${protocol}`);
        }
      }
    }
  }
  return { keys, names, workloads: templates.map((t) => `${String(t.object.manifest.kind)} ${String(fields(t.object.manifest.metadata).name)}`) };
}

/** A hand-written NetworkPolicy, its ingress rules and the ports the pods it selects declare. */
export interface PolicyOverShownPods {
  readonly policy: SynthesizedObject;
  readonly rules: readonly Fields[];
  readonly declared: DeclaredPorts;
}

/**
 * The NetworkPolicies whose ingress ports can be judged against the pods they select: those of a namespace whose
 * pods the output all shows, selecting at least one of them. Linear: the pods of a policy come from its
 * namespace's label index.
 */
export function policiesOverShownPods(cluster: SynthesizedCluster, index: ObjectIndex): PolicyOverShownPods[] {
  const policies = index.of('NetworkPolicy');
  if (policies.length === 0) {
    return [];
  }
  const shown = podsShownIn(cluster);
  return policies.flatMap((policy) => {
    const namespace = namespaceOf(policy);
    const spec = fields(policy.manifest.spec);
    const selected = shown(namespace) ? podTemplateIndexIn(cluster.objects, namespace).selectedBy(fields(spec.podSelector)) : [];
    return selected.length === 0 ? [] : [{ policy, rules: list(spec.ingress), declared: declaredPorts(selected) }];
  });
}
