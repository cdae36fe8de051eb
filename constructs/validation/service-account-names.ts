import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import { BUILT_IN_NAMESPACES, externalIndexOf } from './external';
import type { Finding } from './finding';
import { fields, keyOf, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { makesPods, podTemplates } from './pod-spec';
import { platformReading } from './platform-reading';

// A ServiceAccount is looked up in the namespace of whatever names it. The API server's ServiceAccount admission
// refuses every pod whose account does not exist there, so a Deployment or CronJob makes no pod at all; and the
// control plane fills no token into a Secret of type kubernetes.io/service-account-token whose account does not
// exist (it cleans such a Secret up), so the long-lived token a dashboard login or Homepage's integration reads is
// never there. Namespaces whose objects
// this repository does not all render (a component's, one a chart is installed into, Kubernetes' own) are left alone.

const layer = 'references' as const;
const TOKEN_ANNOTATION = 'kubernetes.io/service-account.name';
/** Kinds that install objects this repository does not render, with the fields naming where they install them. */
const INSTALLER_TARGETS: Readonly<Record<string, readonly string[][]>> = {
  HelmRelease: [['spec', 'targetNamespace']],
  HelmChart: [['spec', 'targetNamespace']],
  Application: [['spec', 'destination', 'namespace']],
  Kustomization: [['spec', 'targetNamespace']],
};

/** Namespaces some of whose ServiceAccounts may come from outside the rendered objects. */
export function opaqueNamespaces(cluster: SynthesizedCluster): ReadonlySet<string> {
  const opaque = new Set([...BUILT_IN_NAMESPACES, ...platformReading(cluster).namespaces]);
  for (const object of cluster.objects) {
    const targets = INSTALLER_TARGETS[object.manifest.kind];
    if (targets) {
      opaque.add(namespaceOf(object));
      targets.forEach((path) => {
        const target = text(path.reduce<unknown>((value, key) => fields(value)[key], object.manifest));
        if (target) {
          opaque.add(target);
        }
      });
    }
  }
  return opaque;
}

/**
 * Pods of built-in workloads and long-lived token Secrets that name a ServiceAccount which neither this repository
 * renders in their namespace nor `declareExternal({ serviceAccounts })` declares: one error on the field naming it.
 */
export function checkServiceAccountNames(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const accounts = index.of('ServiceAccount');
  const tokens = index.of('Secret').filter((s) => s.manifest.type === 'kubernetes.io/service-account-token');
  const named = podTemplates(cluster.objects).filter((t) => makesPods(t) && text(t.spec.serviceAccountName));
  if (tokens.length === 0 && named.length === 0) {
    return [];
  }
  const opaque = opaqueNamespaces(cluster);
  const external = externalIndexOf(cluster).serviceAccounts;
  const exists = (namespace: string, name: string) => name === 'default' || opaque.has(namespace)
    || index.find('ServiceAccount', namespace, name) !== undefined || external.has(keyOf(namespace, name));
  const missing = (object: SynthesizedObject, field: string, namespace: string, name: string, what: string): Finding => {
    const here = accounts.filter((a) => namespaceOf(a) === namespace).map((a) => text(a.manifest.metadata?.name) ?? '');
    const elsewhere = accounts.filter((a) => text(a.manifest.metadata?.name) === name).map(namespaceOf).sort();
    const near = closestName(name, here);
    return objectFinding(object, {
      layer, severity: 'error', field,
      message: `ServiceAccount "${name}" does not exist in namespace "${namespace}"${elsewhere.length > 0 ? ` (it is in ${elsewhere.map((n) => `"${n}"`).join(', ')})` : ''}: ${what}`,
      hint: elsewhere.length > 0
        ? `a ServiceAccount is found in the namespace of what names it: put this object in namespace: '${elsewhere[0]}', or the ServiceAccount in "${namespace}"`
        : near !== undefined
          ? `name the ServiceAccount as it is named: '${near}'`
          : `make the ServiceAccount in namespace "${namespace}"${here.length > 0 ? ` (it has ${here.sort().join(', ')})` : ''}, or declareExternal(scope, { serviceAccounts: [{ namespace: '${namespace}', name: '${name}' }] }) for one made outside this repository`,
    });
  };
  const findings: Finding[] = [];
  for (const secret of tokens) {
    const name = text(fields(fields(secret.manifest.metadata).annotations)[TOKEN_ANNOTATION]);
    const namespace = namespaceOf(secret);
    if (name && !exists(namespace, name)) {
      findings.push(missing(secret, `metadata.annotations.${TOKEN_ANNOTATION}`, namespace, name,
        'the control plane fills no token into a Secret whose ServiceAccount does not exist and cleans it up, so no token is there to log in or connect with'));
    }
  }
  for (const template of named) {
    const name = text(template.spec.serviceAccountName) as string;
    if (!exists(template.namespace, name)) {
      findings.push(missing(template.object, `${template.specPath}.serviceAccountName`, template.namespace, name,
        `the API server refuses every pod of this ${template.object.manifest.kind} ("error looking up service account"), so it runs nothing`));
    }
  }
  return findings;
}
