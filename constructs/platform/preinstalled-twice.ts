import type { ClusterChart } from './cluster-chart';
import type { ComponentProvides, Preinstalled } from './component';
import { reportFinding } from '../validation/finding';

// A distribution that brings an add-on of its own (RKE2's ingress-nginx, MicroK8s' MetalLB addon) is declared
// preinstalled with what that add-on provides; a cluster choice that installs the same add-on again makes a
// second owner of the same cluster-wide objects, and its install fails or fights the distribution's.

/** The kinds of the cluster-wide objects a `provides` list names, by list. */
const NAMED_OBJECTS: ReadonlyArray<readonly [category: keyof ComponentProvides, kind: string]> = [
  ['storageClasses', 'StorageClass'], ['runtimeClasses', 'RuntimeClass'], ['priorityClasses', 'PriorityClass'],
  ['ingressClasses', 'IngressClass'], ['gatewayClasses', 'GatewayClass'], ['clusterIssuers', 'ClusterIssuer'],
];

/** Load-balancer choices that answer every LoadBalancer Service that names no class. */
const CLASSLESS_LOAD_BALANCERS: Readonly<Record<string, string>> = { metallb: 'MetalLB', cilium: 'Cilium LB-IPAM' };

/** What the owner does to keep one of the two, `component` (or the load-balancer choice) being the repository's, for hints. */
const keepOne = (component: string) => "keep one: switch the distribution's own off (RKE2: the disable list of /etc/rancher/rke2/config.yaml, "
  + `e.g. disable: [rke2-ingress-nginx]; MicroK8s: microk8s disable <addon>) and drop it from this declaration, or drop the cluster choice that brings ${component}`;

/**
 * What the owner does when the component is the controller of the cluster's routes (`ingressNginx()`'s ingress-nginx,
 * `traefik()`'s Traefik): dropping the choice would leave every route unserved, as no route flavor renders routes for a
 * distribution's own controller, so the distribution's own is the one to switch off.
 */
const keepRouteController = (component: string) => "keep the cluster's: component " + component + " serves the cluster's routes, and no route flavor serves them "
  + "with the distribution's own controller, so switch the distribution's own off (RKE2: the disable list of /etc/rancher/rke2/config.yaml, "
  + 'e.g. disable: [rke2-ingress-nginx]) and drop it from this declaration';

/** One thing a preinstalled declaration and the cluster's own installs both bring. */
export interface SecondInstall {
  /** The field of the declaration, e.g. `preinstalled[0].provides.ingressClasses[0]`. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
  /** How to keep one. */
  readonly hint: string;
}

/**
 * What each declaration of the cluster's `preinstalled` (with its field) brings that a platform component of the
 * cluster installs again: a class or issuer of the same name, a CRD of the same kind, and a load balancer that
 * answers every LoadBalancer Service beside a `loadBalancer` choice that does too. K3s' declaration is left out:
 * its packaged parts are reported on `k3s({ disable })`, whose hint writes the list. `routeController` names the
 * component of the cluster's route flavor (`ingress-nginx`), whose class is kept and the distribution's switched off. Pure.
 */
export function secondInstalls(
  declared: ReadonlyArray<readonly [field: string, declaration: Preinstalled]>,
  components: ReadonlyArray<{ readonly name: string; readonly provides?: ComponentProvides; readonly crds?: ReadonlyArray<{ readonly group: string; readonly kinds: readonly string[] }> }>,
  loadBalancer: string | undefined,
  routeController?: string,
): SecondInstall[] {
  return declared.filter(([, d]) => d.distribution?.toLowerCase() !== 'k3s').flatMap(([field, d]) => {
    const classes = NAMED_OBJECTS.flatMap(([category, kind]) => (d.provides?.[category] ?? []).flatMap((name, j) => {
      const component = components.find((c) => (c.provides?.[category] ?? []).includes(name));
      return component === undefined ? [] : [{
        field: `${field}.provides.${category}[${j}]`,
        message: `${kind} "${name}" is declared preinstalled by ${d.source}, and platform component ${component.name} of the cluster makes one of that name too: `
          + 'Helm does not take over an object its release did not make, so the install fails, and two controllers would claim what the object names',
        hint: component.name === routeController ? keepRouteController(component.name) : keepOne(`component ${component.name}`),
      }];
    }));
    const crds = (d.crds ?? []).flatMap((crd, j) => {
      const kind = crd.kinds.find((k) => components.some((c) => (c.crds ?? []).some((own) => own.group === crd.group && own.kinds.includes(k))));
      const component = kind === undefined ? undefined : components.find((c) => (c.crds ?? []).some((own) => own.group === crd.group && own.kinds.includes(kind)));
      return component === undefined ? [] : [{
        field: `${field}.crds[${j}]`,
        message: `the CRDs of ${crd.group} (${kind}) are declared preinstalled by ${d.source}, and platform component ${component.name} of the cluster installs them too: `
          + "two installs of one operator, whose controllers would both act on every object of it and whose CRDs the component's install cannot take over",
        hint: keepOne(`component ${component.name}`),
      }];
    });
    const implementation = loadBalancer === undefined ? undefined : CLASSLESS_LOAD_BALANCERS[loadBalancer];
    // A MetalLB addon declared with its CRDs is reported on them already: one mistake, one error.
    const balancers = implementation === undefined || crds.length > 0 ? [] : (d.provides?.loadBalancers ?? []).slice(0, 1).map(() => ({
      field: `${field}.provides.loadBalancers[0]`,
      message: `${d.source} is declared to give LoadBalancer Services an address (${(d.provides?.loadBalancers ?? []).join(', ')}), beside the cluster's ${implementation} (loadBalancer): `
        + 'both would answer every LoadBalancer Service that names no class',
      hint: keepOne(`${implementation} (loadBalancer)`),
    }));
    return [...classes, ...crds, ...balancers];
  });
}

/** Reports {@link secondInstalls} of the cluster, once every component is asked for. */
export function reportSecondInstalls(cluster: ClusterChart, declared: ReadonlyArray<readonly [field: string, declaration: Preinstalled]>): void {
  cluster.onPlatformPrepare(() => {
    const components = cluster.platform.components.map((c) => ({ name: c.name, provides: c.props.provides, crds: c.props.crds }));
    for (const problem of secondInstalls(declared, components, cluster.loadBalancer?.name, cluster.routes?.name)) {
      reportFinding(cluster, { layer: 'references', severity: 'error', ...problem });
    }
  });
}
