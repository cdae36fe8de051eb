import { NO_NETWORK_POLICY_ANNOTATION } from '../platform/component-network';
import type { SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import type { ObjectIndex } from './object-index';

/** A namespace that gets pods the output does not show, and the install that brings them. */
export interface HiddenPods {
  /** The namespace the pods run in. */
  readonly namespace: string;
  /** The object that installs them. */
  readonly install: SynthesizedObject;
  /** The field of the install that names the namespace. */
  readonly field: string;
}

/**
 * Where installs put pods that the output does not show (a chart's, an operator's): a Flux HelmRelease,
 * a K3s HelmChart, an Argo CD Application of a chart, Knative's operator resources. Pure.
 */
export function hiddenPodNamespaces(index: ObjectIndex): HiddenPods[] {
  const found: HiddenPods[] = [];
  for (const install of index.of('HelmRelease', 'HelmChart')) {
    const target = text(fields(install.manifest.spec).targetNamespace);
    found.push({ namespace: target ?? namespaceOf(install), install, field: target !== undefined ? 'spec.targetNamespace' : 'metadata.namespace' });
  }
  for (const install of index.of('Application')) {
    const spec = fields(install.manifest.spec);
    const charts = [fields(spec.source), ...list(spec.sources)].some((source) => text(source.chart) !== undefined);
    const target = text(fields(spec.destination).namespace);
    if (charts && target !== undefined) {
      found.push({ namespace: target, install, field: 'spec.destination.namespace' });
    }
  }
  for (const install of index.of('KnativeServing', 'KnativeEventing')) {
    found.push({ namespace: namespaceOf(install), install, field: 'metadata.namespace' });
  }
  return found;
}

/**
 * Namespaces declared in the output whose pods come from an install the output does not show, with neither
 * a NetworkPolicy over every pod (`covered`; an App's own policy selects its pods only) nor the annotation
 * that says why not: the pod templates the policy check reads are not there to show what the namespace lacks.
 */
export function hiddenPodFindings(index: ObjectIndex, covered: ReadonlySet<string>): Finding[] {
  const exempt = new Set(index.of('Namespace')
    .filter((ns) => (stringMap(fields(ns.manifest.metadata).annotations)[NO_NETWORK_POLICY_ANNOTATION] ?? '').trim() !== '')
    .map((ns) => text(fields(ns.manifest.metadata).name)));
  const declared = new Set(index.of('Namespace').map((ns) => text(fields(ns.manifest.metadata).name)));
  const reported = new Set<string>();
  const findings: Finding[] = [];
  for (const { namespace, install, field } of hiddenPodNamespaces(index)) {
    if (!declared.has(namespace) || covered.has(namespace) || exempt.has(namespace) || reported.has(namespace)) {
      continue;
    }
    reported.add(namespace);
    findings.push(objectFinding(install, {
      layer: 'policy', severity: 'warning', field,
      message: `namespace "${namespace}" gets the pods of ${text(install.manifest.kind)} "${text(fields(install.manifest.metadata).name)}", which the output does not show, and no NetworkPolicy governs every pod of it (an app's own policy selects the app's pods only); every pod may talk to the install's pods`,
      hint: `state the install's network: a component's or ChartRelease's network: servesPorts({ port, purpose }) for a policy of the ports its pods serve, or noNetworkPolicy('…') for the annotation ${NO_NETWORK_POLICY_ANNOTATION} on its Namespace; `
        + `for a ${text(install.manifest.kind)} written by hand, add a NetworkPolicy of namespace "${namespace}" over every pod (podSelector: {}) that admits what its pods serve, or give its Namespace that annotation with the reason`,
    }));
  }
  return findings;
}
