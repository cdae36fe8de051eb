import { ClusterChart, declareExternal, ExternalSecret } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, raw, refusedAtW } from './lab';

// Objects of the platform components that their webhooks (MetalLB, the External Secrets Operator,
// Gatekeeper) refuse at a strict server-side dry-run, Cilium policies whose rules the agent refuses, and
// Argo CD Applications, Flux Kustomizations and SealedSecrets their controllers never reconcile, although the CRD schemas
// allow them. Each is reported on the field written, with how to write it.

/** Cilium's policies, Gatekeeper's templates and Argo CD's Applications installed by hand, a ClusterSecretStore `vault` and Argo CD's namespace made elsewhere, so only the rule at hand fails. */
export function withComponents(c: ClusterChart): void {
  c.platform.declarePreinstalled({
    source: 'Cilium, Gatekeeper and Argo CD installed by hand',
    crds: [
      { group: 'cilium.io', kinds: ['CiliumNetworkPolicy'] }, { group: 'templates.gatekeeper.sh', kinds: ['ConstraintTemplate'], scope: 'Cluster' },
      { group: 'argoproj.io', kinds: ['Application'] },
    ],
  });
  declareExternal(c, { clusterSecretStores: ['vault'], namespaces: ['argocd'] });
}
/** The hand-written object `w`, and `others` beside it as `other-<n>`. */
const w = (manifest: Record<string, unknown>, ...others: Array<Record<string, unknown>>) => (c: ClusterChart) => {
  withComponents(c);
  others.forEach((other, i) => raw(c, `other-${i}`, other));
  raw(c, 'w', manifest);
};
/** An IPAddressPool `name` of MetalLB's namespace handing out `addresses`. */
const pool = (name: string, addresses: string[]) => ({
  apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: 'metallb-system' }, spec: { addresses },
});
/** An ExternalSecret `db` of namespace `web` read from ClusterSecretStore `vault`, with `spec` laid over its spec. */
const externalSecret = (spec: Record<string, unknown>) => ({
  apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'web' },
  spec: { secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' }, refreshInterval: '1h', target: { name: 'db' }, ...spec },
});
const KEY = { secretKey: 'password', remoteRef: { key: 'db', property: 'password' } };
/** A CiliumNetworkPolicy `web` of namespace `web` selecting the web app's pods, with `spec` laid over its spec. */
const cilium = (spec: Record<string, unknown>) => ({
  apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'web', namespace: 'web' },
  spec: { endpointSelector: { matchLabels: { app: 'web' } }, ...spec },
});
/** An Argo CD Application `name` installing the repository's folder `apps/web` to `destination`. */
export const application = (name: string, destination: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' },
  spec: { project: 'default', source: { repoURL: 'https://git.lab.test/lab/apps.git', path: 'apps/web', targetRevision: 'main' }, destination: { namespace: 'web', ...destination } },
});
/** A Flux Kustomization `name` applying the repository's folder `./apps/<name>` after `dependsOn`. */
export const kustomization = (name: string, ...dependsOn: string[]) => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name, namespace: 'flux-system' },
  spec: {
    interval: '10m', path: `./apps/${name}`, prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    dependsOn: dependsOn.length > 0 ? dependsOn.map((dependency) => ({ name: dependency })) : undefined,
  },
});
/**
 * A SealedSecret `name` of namespace `web` whose own metadata and template carry `own` and `template` annotations.
 * Its value has kubeseal's layout and is its own (the name is written into it): a value sealed for one Secret
 * does not open under another.
 */
export const sealedSecret = (name: string, own?: Record<string, string>, template?: Record<string, string>) => ({
  apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name, namespace: 'web', annotations: own },
  spec: { encryptedData: { password: `Ag${`${'B'.repeat(720)}${name.replace(/[^A-Za-z0-9]/g, '')}`.slice(-720)}==` }, template: { metadata: { name, namespace: 'web', annotations: template }, type: 'Opaque' } },
});
const FROM_GATEWAY = { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'gateway' } }] };

export const CASES: BadInput[] = [
  // MetalLB (internal/config/config.go: ParseCIDR, poolsFor, l2AdvertisementFromCR).
  refusedAtW('a MetalLB pool address without its prefix length', w(pool('extra', ['192.168.1.240'])), 'spec.addresses[0]', /192\.168\.1\.240\/32/),
  refusedAtW('a MetalLB pool range that starts after it ends', w(pool('extra', ['192.168.1.250-192.168.1.240'])), 'spec.addresses[0]', /192\.168\.1\.240-192\.168\.1\.250/),
  refusedAtW('two MetalLB pools sharing addresses', w(pool('extra', ['192.168.1.224/27']), pool('first', ['192.168.1.230-192.168.1.235'])),
    'spec.addresses[0]', /own addresses/),
  refusedAtW('an L2Advertisement naming a pool twice', w({
    apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name: 'extra', namespace: 'metallb-system' }, spec: { ipAddressPools: ['vips', 'vips'] },
  }), 'spec.ipAddressPools[1]', /once/),
  // External Secrets Operator (apis/externalsecrets/v1/externalsecret_validator.go).
  refusedAtW('an ExternalSecret mapping neither data nor dataFrom', w(externalSecret({})), 'spec.data', /secretKey/),
  {
    name: 'an ExternalSecret construct mapping no key', layer: 'props', path: 'es', field: 'data', hint: /remoteKey/,
    build: guarded((c: ClusterChart) => {
      withComponents(c);
      new ExternalSecret(c, 'es', { namespace: 'web', store: { name: 'vault' }, data: {} });
    }),
  },
  refusedAtW('an ExternalSecret dataFrom entry that extracts and finds at once', w(externalSecret({ dataFrom: [{ extract: { key: 'db' }, find: { name: { regexp: '^db-' } } }] })),
    'spec.dataFrom[0]', /one dataFrom entry per extract and find/),
  refusedAtW('an ExternalSecret deleting a Secret it merges into', w(externalSecret({ data: [KEY], target: { name: 'db', creationPolicy: 'Merge', deletionPolicy: 'Delete' } })),
    'spec.target.deletionPolicy', /creationPolicy: Owner/),
  // Gatekeeper (constraint framework: ValidateConstraintTemplateBasic).
  refusedAtW('a ConstraintTemplate named otherwise than its kind', w({
    apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', metadata: { name: 'allowed-repos' },
    spec: {
      crd: { spec: { names: { kind: 'K8sAllowedRepos' } } },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: 'package k8sallowedrepos\nviolation[{"msg": "no"}] { false }\n' }],
    },
  }), 'metadata.name', /"k8sallowedrepos"/),
  // Cilium (pkg/policy/api/rule_validation.go: IngressRule.sanitize, EgressRule.sanitize, PortRule.sanitize).
  refusedAtW('a Cilium egress rule to endpoints and a CIDR at once', w(cilium({
    egress: [{ toEndpoints: [{ matchLabels: { app: 'db' } }], toCIDR: ['192.168.1.10/32'], toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }] }] }],
  })), 'spec.egress[0].toCIDR', /another with toCIDR/),
  refusedAtW('Cilium HTTP rules on a port without a protocol', w(cilium({
    ingress: [{ ...FROM_GATEWAY, toPorts: [{ ports: [{ port: '8080' }], rules: { http: [{ method: 'GET', path: '/' }] } }] }],
  })), 'spec.ingress[0].toPorts[0].ports[0].protocol', /protocol: TCP/),
  refusedAtW('Cilium DNS rules on ingress', w(cilium({
    ingress: [{ ...FROM_GATEWAY, toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] }],
  })), 'spec.ingress[0].toPorts[0].rules.dns', /egress/),
  refusedAtW('a Cilium egress rule to a Service with ports', w(cilium({
    egress: [{ toServices: [{ k8sService: { serviceName: 'db', namespace: 'web' } }], toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }] }] }],
  })), 'spec.egress[0].toPorts', /drop toPorts/),
  // Argo CD (util/argo/argo.go: ValidateDestination).
  refusedAtW('an Argo CD destination given by server and name at once', w(application('web', { server: 'https://kubernetes.default.svc', name: 'in-cluster' })),
    'spec.destination.name', /keep one of them/),
  refusedAtW('an Argo CD destination naming no cluster', w(application('web', {})), 'spec.destination.server', /https:\/\/kubernetes\.default\.svc/),
  // Sealed Secrets (sealedsecret_expansion.go: Unseal opens values with the label of the SealedSecret's own scope).
  refusedAtW('a SealedSecret whose template alone is sealed namespace-wide', w(sealedSecret('db', undefined, { 'sealedsecrets.bitnami.com/namespace-wide': 'true' })),
    'metadata.annotations', /sealedsecrets\.bitnami\.com\/namespace-wide: "true"/),
  // Flux (kustomize-controller and helm-controller: checkDependencies waits for each dependency to be Ready).
  { ...refusedAtW('Flux Kustomizations that depend on each other', w(kustomization('w', 'other'), kustomization('other', 'w')), 'spec.dependsOn[0]', /closes the circle/), layer: 'references', path: 'other-0' },
  { ...refusedAtW('a Flux Kustomization that depends on itself', w(kustomization('w', 'w')), 'spec.dependsOn[0]', /closes the circle/), layer: 'references' },
];
