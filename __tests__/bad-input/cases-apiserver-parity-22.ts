import type { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, ingressNginx, IngressTls } from '../../constructs';
import type { BadInput } from './cases';
import { besideWeb, goodContainer, goodDeployment, guarded, lab, labCluster, raw, refusedAtW as at } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before: AppArmor annotations of a pod template the
// API server cannot read (ValidateAppArmorProfileFormat), or that say another profile than the container's
// appArmorProfile field, its own or the pod's (validateAppArmorAnnotationsAndFieldsMatchOnCreate, which holds for
// a workload's template as for a pod: an unconfined exemption beside a guide's old runtime/default annotation);
// a HorizontalPodAutoscaler's resource metric of no resource (validateResourceSource); and an Ingress of the
// library's ingress-nginx whose Exact or Prefix path holds a character the controller's admission webhook
// refuses there (strict-validate-path-type, on by default since controller 1.12). And Vault SecretStores the
// External Secrets Operator's webhook refuses (the provider's ValidateStore): a namespaced store's reference into
// another namespace, an AppRole login of no role, a JWT login of no token, client TLS of a certificate or key alone,
// and check-and-set on KV version 1.

const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/web';
const UNCONFINED_REASON = 'rootlesskit makes its own user and mount namespaces';
const CONTAINER_PROFILE = 'spec.template.spec.containers[0].securityContext.appArmorProfile';

/**
 * A Deployment `w` of the good container, in a privileged namespace `builds`, with `profile` as its container's
 * AppArmor profile field, `pod` laid over its pod spec and `annotations` on its pods; an Unconfined profile (the
 * container's or the pod's) is declared by the unconfined exemption.
 */
export const appArmorDeployment = (profile: Record<string, unknown> | undefined, annotations: Record<string, string>, pod: Record<string, unknown> = {}) => (c: ClusterChart) => {
  c.namespaces.ensure('builds', { podSecurity: 'privileged', reason: 'rootless BuildKit' });
  const container = goodContainer();
  const securityContext = { ...(container.securityContext as Record<string, unknown>), ...(profile === undefined ? {} : { appArmorProfile: profile }) };
  const unconfined = profile?.type === 'Unconfined' || (pod.securityContext as { appArmorProfile?: { type?: string } } | undefined)?.appArmorProfile?.type === 'Unconfined';
  const exemption: Record<string, string> = unconfined ? { 'security.homelab.dev/unconfined': UNCONFINED_REASON } : {};
  const manifest = goodDeployment('web', { containers: [{ ...container, securityContext }], ...pod }, {}, { ...exemption, ...annotations });
  raw(c, 'w', { ...manifest, metadata: { name: 'web', namespace: 'builds' } });
};

/** An autoscaler `w` of the Deployment `web` whose one metric is `metric`. */
export const autoscaling = (metric: Record<string, unknown>) => besideWeb({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'w', namespace: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics: [metric] },
});

/** A cluster `edge` whose routes are the library's ingress-nginx, with the App `web` and a hand-written Ingress `ing` of class nginx routing `path` by `pathType` to it. */
export const nginxIngress = (path: string, pathType: string) => guarded((_c: ClusterChart, app: CdkApp) => {
  const edge = labCluster(app, 'edge', { routes: ingressNginx({ address: lab.pools.vips.at('10.0.8.11'), tls: IngressTls.none() }) });
  new App(edge, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  raw(edge, 'ing', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web-api', namespace: 'web' },
    spec: { ingressClassName: 'nginx', rules: [{ host: 'web.lab.test', http: { paths: [{ path, pathType, backend: { service: { name: 'web', port: { number: 8080 } } } }] } }] },
  });
});
const nginx = (name: string, path: string, pathType: string, hint: RegExp): BadInput => ({
  name, build: nginxIngress(path, pathType), layer: 'schema', path: 'ing', field: 'spec.rules[0].http.paths[0].path', hint,
});

/** Kubernetes auth of a Vault store as the ServiceAccount `vault-reader` of its own namespace. */
export const VAULT_KUBERNETES_AUTH = { kubernetes: { mountPath: 'kubernetes', role: 'web', serviceAccountRef: { name: 'vault-reader' } } };
/** A Vault `kind` (SecretStore or ClusterSecretStore) `w` in namespace `web`, with `vault` laid over its provider's settings. */
export const vaultStore = (vault: Record<string, unknown>, kind = 'SecretStore') => (c: ClusterChart) => {
  raw(c, 'w', {
    apiVersion: 'external-secrets.io/v1', kind, metadata: { name: 'vault', ...(kind === 'SecretStore' ? { namespace: 'web' } : {}) },
    spec: { provider: { vault: { server: 'https://vault.lab.test', path: 'secret', version: 'v2', auth: VAULT_KUBERNETES_AUTH, ...vault } } },
  });
};
const VAULT = 'spec.provider.vault';

export const CASES: BadInput[] = [
  // AppArmor annotations beside the field (ValidateAppArmorPodAnnotations, validateAppArmorAnnotationsAndFieldsMatchOnCreate).
  at("an unconfined container whose guide's AppArmor annotation still says runtime/default", appArmorDeployment({ type: 'Unconfined' }, { [APPARMOR]: 'runtime/default' }),
    `${CONTAINER_PROFILE}.type`, /drop the annotation .*"unconfined"/),
  at("a container of the pod's Unconfined profile whose annotation says runtime/default", appArmorDeployment(undefined, { [APPARMOR]: 'runtime/default' },
    { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'Unconfined' } } }), `${CONTAINER_PROFILE}.type`, /"unconfined"/),
  at('a Localhost AppArmor profile whose annotation names another profile', appArmorDeployment({ type: 'Localhost', localhostProfile: 'k8s-web' }, { [APPARMOR]: 'localhost/k8s-web-old' }),
    `${CONTAINER_PROFILE}.localhostProfile`, /"localhost\/k8s-web"/),
  at('a RuntimeDefault AppArmor profile whose annotation says unconfined', appArmorDeployment({ type: 'RuntimeDefault' }, { [APPARMOR]: 'unconfined' }),
    `${CONTAINER_PROFILE}.type`, /"runtime\/default"/),
  at('an unconfined container beside an empty AppArmor annotation', appArmorDeployment({ type: 'Unconfined' }, { [APPARMOR]: '' }),
    `${CONTAINER_PROFILE}.type`, /"unconfined"/),
  at('an AppArmor annotation written as the field\'s type RuntimeDefault', appArmorDeployment(undefined, { [APPARMOR]: 'RuntimeDefault' }),
    `spec.template.metadata.annotations.${APPARMOR}`, /runtime\/default, localhost\/<profile> or unconfined/),
  // Autoscaler metrics (validateResourceSource).
  at('an autoscaler resource metric of no resource name', autoscaling({ type: 'Resource', resource: { name: '', target: { type: 'Utilization', averageUtilization: 80 } } }),
    'spec.metrics[0].resource.name', /name: 'cpu'/),
  at('an autoscaler container resource metric of no resource name', autoscaling({ type: 'ContainerResource', containerResource: { name: '', container: 'web', target: { type: 'Utilization', averageUtilization: 80 } } }),
    'spec.metrics[0].containerResource.name', /cpu or memory/),
  // ingress-nginx's admission (strict-validate-path-type).
  nginx('an ingress-nginx Prefix path of a custom method after a colon', '/api/v1/schedules:batchDelete', 'Prefix', /ImplementationSpecific.*path: '\/api\/v1\/'/),
  nginx("an ingress-nginx Exact path of a user's home with a tilde", '/~alice', 'Exact', /pathType: ImplementationSpecific/),
  nginx('an ingress-nginx Prefix path with an optional slash', '/api/?', 'Prefix', /ImplementationSpecific/),
  // Vault stores (the External Secrets Operator's ValidateStore).
  at("a namespaced Vault SecretStore logging in as another namespace's ServiceAccount",
    vaultStore({ auth: { kubernetes: { mountPath: 'kubernetes', role: 'web', serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } } } }),
    `${VAULT}.auth.kubernetes.serviceAccountRef.namespace`, /ClusterSecretStore/),
  at("a namespaced Vault SecretStore reading its token from another namespace's Secret", vaultStore({ auth: { tokenSecretRef: { name: 'vault-token', key: 'token', namespace: 'vault' } } }),
    `${VAULT}.auth.tokenSecretRef.namespace`, /namespace web/),
  at('a Vault AppRole login of no role', vaultStore({ auth: { appRole: { path: 'approle', secretRef: { name: 'vault-approle', key: 'secret-id' } } } }),
    `${VAULT}.auth.appRole.roleId`, /roleRef/),
  at('a Vault JWT login of no token', vaultStore({ auth: { jwt: { path: 'jwt', role: 'web' } } }), `${VAULT}.auth.jwt`, /kubernetesServiceAccountToken/),
  at('a Vault client TLS certificate without its key', vaultStore({ tls: { certSecretRef: { name: 'vault-client', key: 'tls.crt' } } }, 'ClusterSecretStore'),
    `${VAULT}.tls.keySecretRef`, /tls\.key/),
  at('Vault check-and-set on KV version 1', vaultStore({ version: 'v1', checkAndSet: { required: true } }), `${VAULT}.checkAndSet.required`, /version: 'v2'/),
];
