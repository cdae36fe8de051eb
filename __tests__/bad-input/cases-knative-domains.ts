import { App, AppController, ClusterChart, declareExternal, Knative } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A Knative Service routed at a host other than the one Knative gives it (`<name>.<domain>`) is a
// DomainMapping, whose HTTPRoute net-gateway-api points at the Knative Service's ExternalName Service.
// Cilium's Gateway API forwards to no ExternalName Service, so behind Cilium's Gateway every object
// reports Ready while the host answers 503: each case synthesized before.

/** Knative on the lab's Cilium Gateway, and a Knative app `fn` of `props` there, which `more` may route further. */
const knativeApp = (props: Partial<AppProps>, more: (app: App) => unknown = () => undefined) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(cluster, 'knative', { eventing: false });
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
];
