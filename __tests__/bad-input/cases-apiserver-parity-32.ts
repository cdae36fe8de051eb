import { ApiObject } from 'cdk8s';
import { ClusterChart, SealedSecret } from '../../constructs';
import type { BadInput } from './cases';
import { withComponents } from './cases-apiserver-parity-13';
import { sealedFor } from './cases-new-user-49';
import { besideWeb, raw, refusedAtW as at } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before. Flux's Alerts and Receivers written by hand,
// whose notification-controller CRDs the schema set lacks: kinds outside the CRD's enum, entries of no kind, an
// event severity of neither info nor error, fields the CRD does not name, and the required Provider, Secret and
// sender type left out. And Cilium policies the agent stores but never enforces: one of neither spec nor specs, and
// a namespaced policy whose rule selects nodes. And Gateway listeners whose namespace selector the implementations
// cannot read (none beside from: Selector, or one LabelSelectorAsSelector refuses), which attach no route.

/** A Flux object `w` of Flux's namespace, named `lab`, of `kind` at `apiVersion` with `spec`. */
const fluxObject = (c: ClusterChart, apiVersion: string, kind: string, spec: Record<string, unknown>) =>
  new ApiObject(c, 'w', { apiVersion, kind, metadata: { name: 'lab', namespace: 'flux-system' }, spec });

/** A Discord Provider `discord` and the Alert `w` of Flux's namespace, its spec `spec` laid over one of the bootstrap GitRepository's events. */
export const fluxAlert = (spec: Record<string, unknown>) => (c: ClusterChart) => {
  new SealedSecret(c, 'discord-webhook', { namespace: 'flux-system', name: 'discord-webhook', encryptedData: { address: sealedFor('flux-system', 'discord-webhook', 'address') } });
  new ApiObject(c, 'discord', {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider', metadata: { name: 'discord', namespace: 'flux-system' }, spec: { type: 'discord', secretRef: { name: 'discord-webhook' } },
  });
  fluxObject(c, 'notification.toolkit.fluxcd.io/v1beta3', 'Alert', { providerRef: { name: 'discord' }, eventSources: [{ kind: 'GitRepository', name: 'flux-system' }], ...spec });
};

/** The webhook token sealed as key token and the Receiver `w` of GitHub's pushes to the bootstrap GitRepository, `spec` laid over it. */
export const fluxReceiver = (spec: Record<string, unknown>) => (c: ClusterChart) => {
  new SealedSecret(c, 'webhook-token', { namespace: 'flux-system', name: 'webhook-token', encryptedData: { token: sealedFor('flux-system', 'webhook-token', 'token') } });
  fluxObject(c, 'notification.toolkit.fluxcd.io/v1', 'Receiver', {
    type: 'github', events: ['ping', 'push'], secretRef: { name: 'webhook-token' }, resources: [{ kind: 'GitRepository', name: 'flux-system' }], ...spec,
  });
};

/** A CiliumNetworkPolicy `w` of namespace `web` beside the web app, its CRD installed by hand, `policy` laid over its top level. */
export const ciliumPolicy = (policy: Record<string, unknown>) => (c: ClusterChart) => {
  withComponents(c);
  besideWeb({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'web', namespace: 'web' }, ...policy })(c);
};
/** A Gateway `w` of Cilium's class in namespace `web` whose one HTTP listener admits routes by `namespaces`. */
export const gatewayAdmitting = (namespaces: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge', namespace: 'web' },
    spec: { gatewayClassName: 'cilium', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces } }] },
  });
};
/** A case of the Gateway `w`, in a cluster routed by the Gateway API. */
const onGateway = (name: string, namespaces: Record<string, unknown>, field: string, hint: RegExp): BadInput =>
  ({ ...at(name, gatewayAdmitting(namespaces), field, hint), gatewayCluster: true });
/** An ingress rule from the pods of namespace gateway to port 8080. */
export const FROM_GATEWAY = { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'gateway' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] };

export const CASES: BadInput[] = [
  at('an Alert on the events of a Deployment', fluxAlert({ eventSources: [{ kind: 'Deployment', name: 'web', namespace: 'web' }] }), 'spec.eventSources[0].kind', /HelmRelease/),
  at('an Alert event source of no kind', fluxAlert({ eventSources: [{ name: 'flux-system' }] }), 'spec.eventSources[0].kind', /GitRepository/),
  at('an Alert of event severity warning', fluxAlert({ eventSeverity: 'warning' }), 'spec.eventSeverity', /'error'/),
  at('an Alert with its exclusion list misspelt', fluxAlert({ exclusions: ['^Dependencies'] }), 'spec.exclusions', /exclusionList/),
  at('an Alert that names no Provider', fluxAlert({ providerRef: undefined }), 'spec.providerRef', /providerRef: \{ name: 'discord' \}/),
  at('a Receiver of type gitea', fluxReceiver({ type: 'gitea' }), 'spec.type', /generic/),
  at('a Receiver reconciling an Argo CD Application', fluxReceiver({ resources: [{ kind: 'Application', name: 'web' }] }), 'spec.resources[0].kind', /GitRepository/),
  at('a Receiver whose interval is a day', fluxReceiver({ interval: '1d' }), 'spec.interval', /24h/),
  at('a Receiver that names no Secret', fluxReceiver({ secretRef: undefined }), 'spec.secretRef', /token/),
  at('a CiliumNetworkPolicy of neither spec nor specs', ciliumPolicy({}), 'spec', /endpointSelector/),
  at('a CiliumNetworkPolicy whose rule selects nodes', ciliumPolicy({ spec: { nodeSelector: { matchLabels: { 'kubernetes.io/hostname': 'gpu1' } }, ingress: [FROM_GATEWAY] } }),
    'spec.nodeSelector', /CiliumClusterwideNetworkPolicy/),
  onGateway('a Gateway listener admitting routes by a selector it does not give', { from: 'Selector' }, 'spec.listeners[0].allowedRoutes.namespaces.selector', /from: All/),
  onGateway('a Gateway listener selecting namespaces by an operator of its own', { from: 'Selector', selector: { matchExpressions: [{ key: 'team', operator: 'Equals', values: ['lab'] }] } },
    'spec.listeners[0].allowedRoutes.namespaces.selector.matchExpressions[0].operator', /NotIn/),
  onGateway('a Gateway listener selecting namespaces by a label that Exists with values', { from: 'Selector', selector: { matchExpressions: [{ key: 'team', operator: 'Exists', values: ['lab'] }] } },
    'spec.listeners[0].allowedRoutes.namespaces.selector.matchExpressions[0].values', /drop values/),
];
