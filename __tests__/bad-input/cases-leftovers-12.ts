import { hostPlacement, kubePrometheusStack } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import { ciliumComponent } from '../../constructs/platform/components/cilium';
import { ingressNginxComponent } from '../../constructs/platform/components/ingress-nginx';
import type { BadInput } from './cases';
import { gpu1, guarded, labApp } from './lab';

// A top-level key of addValues that ingress-nginx, kube-prometheus-stack or Cilium does not have, but that is a
// near miss of one of its values.yaml, is refused with the key meant: Helm would install the chart without it.
export const CASES: BadInput[] = [
  {
    name: "a misspelt top-level key of ingress-nginx's chart in addValues",
    build: (cluster: ClusterChart) => cluster.platform.require(ingressNginxComponent()).addValues({ controler: { replicaCount: 2 } }),
    layer: 'props', path: 'platform/installs/ingress-nginx', field: 'addValues.controler', hint: /^did you mean controller\?/,
  },
  {
    name: "a top-level key of kube-prometheus-stack's chart written with a capital in addValues",
    build: (cluster: ClusterChart) => cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }))
      .addValues({ alertManager: { enabled: false } }),
    layer: 'props', path: 'platform/installs/kube-prometheus-stack', field: 'addValues.alertManager', hint: /^did you mean alertmanager\?/,
  },
  {
    name: "a misspelt top-level key of Cilium's chart in addValues",
    build: (cluster: ClusterChart) => cluster.platform.require(ciliumComponent()).addValues({ hubbel: { relay: { enabled: true } } }),
    layer: 'props', path: 'platform/installs/cilium', field: 'addValues.hubbel', hint: /^did you mean hubble\?/,
  },
];

// A `${NS}` of Flux's postBuild substitution written as an App's namespace or a route's host is one error on the
// prop, which says where the placeholder comes from, with the hint Flux's check of objects gives.
CASES.push(
  {
    name: "a Flux placeholder as an App's namespace",
    build: guarded(labApp('web', { namespace: '${NS}' })),
    layer: 'props', path: 'web', field: 'namespace', message: /holds \$\{NS\}, a variable of Flux's postBuild substitution/, hint: /^write the value itself/,
  },
  {
    name: "a Flux placeholder in an App's route host",
    build: guarded(labApp('web', { route: { host: 'echo.${SECRET_DOMAIN}' } })),
    layer: 'props', path: 'web', field: 'route.host', message: /holds \$\{SECRET_DOMAIN\}, a variable of Flux's postBuild substitution/, hint: /^write the value itself/,
  },
);
