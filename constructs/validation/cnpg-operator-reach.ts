import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf, ObjectIndex } from './object-index';
import { namespaceLabels, policyAdmission, type PolicyPod, type PolicyTarget } from './policy-admission';

// CloudNativePG's operator asks each instance of a Cluster for its status on the instance manager's port, 8000, and
// connects to PostgreSQL on 5432; the replicas stream from the primary on 5432 too (its documentation: "ensure the
// operator can reach every cluster pod on ports 8000 and 5432, and that pods can connect to each other"). A
// default-deny ingress policy in the database's namespace that admits only its apps leaves the Cluster with no
// instance the operator sees as ready, and replicas that never catch up.

const layer = 'policy' as const;
const GROUP = 'postgresql.cnpg.io';
/** The namespace the operator's manifests and Helm chart install it in. */
const DEFAULT_OPERATOR_NAMESPACE = 'cnpg-system';
/** The labels of the operator's pod, as its manifests and chart set them. */
const OPERATOR_LABELS = { 'app.kubernetes.io/name': 'cloudnative-pg' };
const STATUS_PORT: PolicyTarget = { port: 8000, name: 'status', protocol: 'TCP' };
const POSTGRES_PORT: PolicyTarget = { port: 5432, name: 'postgresql', protocol: 'TCP' };

/** The operator's namespace: the first a preinstalled declaration of its CRDs names, else its install's default. */
function operatorNamespace(cluster: SynthesizedCluster): { namespace: string; declared: boolean } {
  const declared = cluster.chart.platform.preinstalled.find((p) => (p.crds ?? []).some((crd) => crd.group === GROUP) && (p.namespaces ?? []).length > 0);
  return declared === undefined ? { namespace: DEFAULT_OPERATOR_NAMESPACE, declared: false } : { namespace: declared.namespaces![0], declared: true };
}

/** An instance pod of CloudNativePG Cluster `name` in `namespace`, as policies see it (the labels the operator gives its pods). */
function instancePod(index: ObjectIndex, namespace: string, name: string): PolicyPod {
  return { namespace, namespaceLabels: namespaceLabels(index, namespace), labels: { 'cnpg.io/cluster': name, 'cnpg.io/podRole': 'instance' } };
}

/** A PgBouncer pod of Pooler `pooler` of Cluster `cluster`, as policies see it. */
function poolerPod(index: ObjectIndex, pooler: SynthesizedObject, cluster: string): PolicyPod {
  const namespace = namespaceOf(pooler);
  const labels = { 'cnpg.io/poolerName': text(fields(pooler.manifest.metadata).name) ?? '', 'cnpg.io/podRole': 'pooler', 'cnpg.io/cluster': cluster };
  return { namespace, namespaceLabels: namespaceLabels(index, namespace), labels };
}

/** A NetworkPolicy rule that admits `from` on both ports, as the hint writes it. */
const ruleHint = (from: string) => `ingress: [{ from: [${from}], ports: [{ port: 8000 }, { port: 5432 }] }]`;

/**
 * CloudNativePG Clusters whose instances the namespace's NetworkPolicies close to the operator on port 8000, or,
 * with more than one instance, to each other on 5432: an error on the Cluster, as it never becomes ready (or its
 * replicas never stream); and Poolers whose PgBouncer pods they close out of their Cluster's instances on 5432.
 * Only a refusal the policies state for certain counts.
 */
export function checkCnpgOperatorReach(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const clusters = index.of('Cluster').filter((o) => String(o.manifest.apiVersion).startsWith(`${GROUP}/`));
  if (clusters.length === 0) {
    return [];
  }
  const { namespace: operatorNs, declared } = operatorNamespace(cluster);
  const operator: PolicyPod = { namespace: operatorNs, namespaceLabels: namespaceLabels(index, operatorNs), labels: OPERATOR_LABELS };
  const findings: Finding[] = [];
  for (const pg of clusters) {
    const name = text(fields(pg.manifest.metadata).name) ?? '';
    const instance = instancePod(index, namespaceOf(pg), name);
    if (policyAdmission(index, 'ingress', operator, instance, STATUS_PORT) === 'refuses') {
      findings.push(objectFinding(pg, {
        layer, severity: 'error', field: 'metadata.namespace',
        message: `the NetworkPolicies of namespace "${instance.namespace}" admit nothing from CloudNativePG's operator (namespace ${operatorNs}${declared ? '' : ', its install\'s default'}) `
          + `on its instances' status port 8000: the operator never sees an instance of Cluster ${name} ready, and the Cluster never becomes healthy`,
        hint: `admit the operator on the instances: a NetworkPolicy of namespace "${instance.namespace}" with podSelector: { matchLabels: { 'cnpg.io/cluster': '${name}' } }, `
          + `${ruleHint(`{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': '${operatorNs}' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'cloudnative-pg' } } }`)}`
          + `${declared ? '' : `; an operator installed elsewhere is declared with its namespace: preinstalled: [{ source: 'cloudnative-pg', namespaces: ['<its namespace>'], crds: [...] }]`}`,
      }));
    }
    const instances = fields(pg.manifest.spec).instances;
    if (typeof instances === 'number' && instances > 1 && policyAdmission(index, 'ingress', instance, instance, POSTGRES_PORT) === 'refuses') {
      findings.push(objectFinding(pg, {
        layer, severity: 'error', field: 'spec.instances',
        message: `the NetworkPolicies of namespace "${instance.namespace}" admit nothing from the instances of Cluster ${name} on PostgreSQL's port 5432: `
          + (instances > 2 ? `its ${instances - 1} replicas cannot stream from the primary and never become ready` : 'its replica cannot stream from the primary and never becomes ready'),
        hint: `admit the Cluster's own pods: podSelector: { matchLabels: { 'cnpg.io/cluster': '${name}' } }, ${ruleHint(`{ podSelector: { matchLabels: { 'cnpg.io/cluster': '${name}' } } }`)}`,
      }));
    }
  }
  for (const pooler of index.of('Pooler').filter((o) => String(o.manifest.apiVersion).startsWith(`${GROUP}/`))) {
    const name = text(fields(fields(pooler.manifest.spec).cluster).name);
    const namespace = namespaceOf(pooler);
    if (name === undefined || index.find('Cluster', namespace, name) === undefined
      || policyAdmission(index, 'ingress', poolerPod(index, pooler, name), instancePod(index, namespace, name), POSTGRES_PORT) !== 'refuses') {
      continue;
    }
    findings.push(objectFinding(pooler, {
      layer, severity: 'error', field: 'spec.cluster.name',
      message: `the NetworkPolicies of namespace "${namespace}" admit nothing from this Pooler's PgBouncer pods on port 5432 of Cluster ${name}'s instances: `
        + 'every connection through the pooler fails',
      hint: `admit the pooler on the Cluster's pods: podSelector: { matchLabels: { 'cnpg.io/cluster': '${name}' } }, `
        + `ingress: [{ from: [{ podSelector: { matchLabels: { 'cnpg.io/poolerName': '${text(fields(pooler.manifest.metadata).name) ?? ''}' } } }], ports: [{ port: 5432 }] }]`,
    }));
  }
  return findings;
}
