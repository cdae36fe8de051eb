import { App, AppController, ClusterChart, declareExternal, Knative, Tenant } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A Knative Service routed at a host other than the one Knative gives it (`<name>.<domain>` in a namespace of
// `domainNamespaces`, as `fn`'s here) is a
// DomainMapping, whose HTTPRoute net-gateway-api points at the Knative Service's ExternalName Service.
// Cilium's Gateway API forwards to no ExternalName Service, so behind Cilium's Gateway every object
// reports Ready while the host answers 503: each case synthesized before.

/** Knative on the lab's Cilium Gateway, and a Knative app `fn` of `props` there, which `more` may route further. */
const knativeApp = (props: Partial<AppProps>, more: (app: App) => unknown = () => undefined) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(cluster, 'knative', { eventing: false, domainNamespaces: ['fn'] });
  more(new App(cluster, 'fn', {
    image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative(), ...props,
  }));
});

export const CASES: BadInput[] = [
  {
    name: "a Knative Service behind Cilium's Gateway routed at a host other than its own",
    build: knativeApp({ route: { host: 'www' } }),
    gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'route.host', hint: /host: 'fn\.lab\.test'.*another class/,
  },
  {
    name: "a Knative Service behind Cilium's Gateway routed at its own host, and by a second route at another",
    build: knativeApp({ route: { host: 'fn' } }, (app) => app.addRoute({ host: 'functions' })),
    gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'addRoute(functions).host', hint: /host: 'fn\.lab\.test'/,
  },
  {
    // Served at <name>.<domain>, a tenant's Knative Service could take any free host under the domain, one
    // another namespace's app expects: the namespace must stay in its host.
    name: "Knative serving a Tenant's namespace at <name>.<domain>, without its namespace",
    build: guarded((cluster: ClusterChart) => {
      new Knative(cluster, 'knative', { eventing: false, domainNamespaces: ['infra', 'peers-alice'] });
      new Tenant(cluster, 'alice', { namespace: 'peers-alice', owner: 'alice' });
    }),
    gatewayCluster: true,
    layer: 'props', path: 'knative', field: 'domainNamespaces[1]', hint: /leave "peers-alice" out of domainNamespaces.*<name>\.peers-alice\.<domain>/,
  },
  {
    name: 'Knative given a domain namespace that is no namespace name',
    build: guarded((cluster: ClusterChart) => new Knative(cluster, 'knative', { eventing: false, domainNamespaces: ['Peers_Alice'] })),
    gatewayCluster: true,
    layer: 'props', path: 'knative', field: 'domainNamespaces[0]',
  },
];
