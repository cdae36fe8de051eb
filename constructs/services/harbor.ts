import { Construct } from 'constructs';
import { renderPlacement, reportDistributionTaintedPlacement, reportUnmetPlacement } from '../app/placement';
import { routeHostPropProblems } from '../app/route-host';
import { resolvePlacement, PlacementProps } from '../inventory/placement';
import { ChartRelease } from '../platform/chart-release';
import { releaseNameProblems } from '../platform/release-name';
import { noNetworkPolicy } from '../platform/component-network';
import { ClusterChart } from '../platform/cluster-chart';
import { claimRoutePaths } from '../platform/route-claims';
import { ingressHttpsOrigin, type RouteIntent } from '../platform/route-flavor';
import { storageClassNameOf } from '../platform/storage';
import { TRAEFIK_DEFAULT_READ_TIMEOUT, TraefikRoutes } from '../platform/traefik';
import { IngressNginxRoutes } from '../platform/ingress-nginx';
import { TRAEFIK_INGRESS_CLASS } from '../platform/components/traefik';
import type { SecretReference } from '../secrets/secret-reference';
import { ROUTE_HOST_REQUIRED } from '../validation/app-props-shape';
import { declareExternal } from '../validation/external';
import { reportFinding } from '../validation/finding';
import { rejectPropProblems, requireProps } from '../validation/known-props';
import { unappliedRouteFields } from './route-fields';
import { sizePropProblems } from './size-props';
import { noteChartClaim } from '../validation/chart-claims';
import { HARBOR_INTERNAL_SECRET_KEYS, harborInternalSecretStep, harborInternalSecretValues } from './harbor-secrets';
import { harborAdminStep } from './harbor-admin';
import { harborChartVersionProblems } from './harbor-chart-version';
import { harborCleanupStep } from './harbor-cleanup';
import { leaveOwnerAction } from '../synth/owner-action';
import { HARBOR_PROPS_SHAPE } from '../validation/service-props-shapes';
import { systemNamespaceProblems } from '../validation/system-namespaces';
import { nfsTierProblem } from '../platform/component-tiers';

/** Pinned release of the Harbor chart. Renovate reads the comment above each pin. */
export const HARBOR_PINS = {
  // renovate: datasource=helm depName=harbor registryUrl=https://helm.goharbor.io
  chart: '1.17.1',
} as const;

/** Harbor Helm chart release used when none is given. */
export const HARBOR_DEFAULT_CHART_VERSION = HARBOR_PINS.chart;

/** Harbor's components that run pods, as its Helm chart names their values. */
/** The chart's claims beside the image store, on the database tier: each part's size. */
const HARBOR_SMALL_CLAIMS = [['job logs', '1Gi'], ['database', '5Gi'], ['Redis', '1Gi'], ['Trivy cache', '5Gi']] as const;

const HARBOR_COMPONENTS = ['core', 'portal', 'jobservice', 'registry', 'trivy', 'exporter', 'nginx'] as const;

/** Options of a Harbor registry. */
export interface HarborProps {
  /** Version of the `harbor` chart of helm.goharbor.io. @default HARBOR_DEFAULT_CHART_VERSION */
  readonly chartVersion?: string;
  /** Namespace. @default 'registry' */
  readonly namespace?: string;
  /** Where every Harbor pod runs; a tainted registry host is tolerated. @default - anywhere */
  readonly placement?: PlacementProps;
  /** Host name of the registry and UI (a label under the cluster domain, or a FQDN); it becomes `externalURL`. */
  readonly route: RouteIntent;
  /**
   * IngressClass of the chart's Ingress; TLS ends there with the controller's certificate.
   * @default - the IngressClass the cluster's platform provides
   */
  readonly ingressClassName?: string;
  /** Storage tier of the image store (and of the rest, unless `databaseStorageTier` is given). @default 'fast' */
  readonly storageTier?: string;
  /**
   * Storage tier of Harbor's PostgreSQL database (5Gi), its Redis (1Gi), the job logs (1Gi) and Trivy's
   * cache (5Gi): a node-local tier when the image store sits on NFS, where PostgreSQL's fsync and file
   * locking are not to be trusted.
   * @default - storageTier
   */
  readonly databaseStorageTier?: string;
  /** Size of the image store. @default '100Gi' */
  readonly registrySize?: string;
  /**
   * The first password of Harbor's administrator `admin`, key `HARBOR_ADMIN_PASSWORD` of a Secret in Harbor's
   * namespace. Harbor reads it at its first start only; the README's step for it says who logs in where.
   */
  readonly adminPassword: SecretReference;
  /**
   * Key `secretKey` of the Secret in Harbor's namespace that holds all of Harbor's internal secrets, made
   * once by the owner and kept: `secretKey` (16 characters, the key Harbor encrypts registry credentials
   * with), `secret`, `JOBSERVICE_SECRET`, `REGISTRY_HTTP_SECRET` (16 characters each), `CSRF_KEY`
   * (32), `REGISTRY_PASSWD` with its htpasswd line `REGISTRY_HTPASSWD`, the token-signing `tls.crt`
   * and `tls.key`, and `POSTGRES_PASSWORD`, the password of the chart's internal PostgreSQL. Given, the
   * chart makes none afresh at each render and the database does not run with the chart's public default
   * password; a Secret made by hand is listed among the owner's steps before the first sync, with the
   * command that makes every key.
   */
  readonly internalSecrets: SecretReference;
}

/**
 * Harbor, the OCI registry, installed from its Helm chart by the cluster's GitOps engine (a HelmRelease
 * under Flux, an Application under Argo CD): every component carries the placement's nodeSelector and
 * tolerations; the chart's own Ingress, of the IngressClass the cluster provides, serves `route.host`.
 */
export class Harbor extends Construct {
  constructor(scope: Construct, id: string, props: HarborProps) {
    super(scope, id);
    requireProps(this, 'Harbor', props, HARBOR_PROPS_SHAPE, {
      required: [
        ['route', "give the registry's host name: route: { host: 'registry' }"],
        ['adminPassword', "pass the admin password as a SecretReference: adminPassword: sealedSecret.key('HARBOR_ADMIN_PASSWORD')"],
        ['internalSecrets', "make one Secret of Harbor's internal secrets (see the Harbor section of the README) and refer to it: internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey')"],
        ROUTE_HOST_REQUIRED,
      ],
      // Harbor's release (2.x) is not the chart's (1.x), which the other services' `version` would suggest.
      foreign: [['version', `Harbor is installed from its Helm chart, whose releases are numbered apart from Harbor's own: set chartVersion to a release of the harbor chart `
        + `of helm.goharbor.io (chartVersion: '${HARBOR_DEFAULT_CHART_VERSION}' is the default), not Harbor's version`, 'chartVersion'],
        // The chart's values that take a secret's text would put it in dist/: they come from one Secret.
        ...['secretKey', 'existingSecretSecretKey', 'xsrfKey', 'secret'].map((prop) => [prop,
          `Harbor's internal secrets (secretKey, the CSRF key, core's, the job service's and the registry's secrets) come from one Secret the owner makes, never a text in dist/: `
          + "internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey') (its keys: the Harbor section of the README)", 'internalSecrets'] as const)],
    });
    const cluster = ClusterChart.of(this);
    rejectPropProblems(this, 'Harbor', [
      // The chart's Ingress is no object of this tree, so no check of objects would see a host it cannot serve.
      ...routeHostPropProblems(props.route.host, (label) => cluster.hostname(label), cluster.domain, 'route.host'),
      ...unappliedRouteFields(props.route, ['host'],
        "Harbor's chart makes its own Ingress, for the whole host name (the registry API lives at /v2/), and Harbor has its own login"),
      ...sizePropProblems(props, ['registrySize']),
      ...harborChartVersionProblems(props.chartVersion, HARBOR_DEFAULT_CHART_VERSION),
      // No node agent: the chart's pods and their Pod Security level would share kube-system with the cluster's own.
      ...systemNamespaceProblems('namespace', props.namespace, {
        whose: "Harbor's", kubeSystem: false, hint: "give Harbor a namespace of its own, e.g. namespace: 'registry', or leave namespace out (it defaults to 'registry')",
      }),
      // The id names the chart's release: reported here, not on the release the user never wrote.
      ...releaseNameProblems(id, 'id'),
    ]);
    const namespace = props.namespace ?? 'registry';
    cluster.namespaces.ensure(namespace);
    const placement = resolvePlacement(cluster.hosts, props.placement);
    reportUnmetPlacement(this, placement, 'placement', cluster.clusterName, cluster.hosts);
    reportDistributionTaintedPlacement(this, placement, props.placement?.host ? 'placement.host' : 'placement', cluster);
    const pin = renderPlacement(placement);
    const storageClassOfTier = (field: 'storageTier' | 'databaseStorageTier', tierName: string): string => {
      const tier = cluster.tier(tierName);
      if (!tier) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field, message: `cluster "${cluster.clusterName}" has no storage tier "${tierName}"`,
          hint: cluster.unknownTierHint(tierName),
        });
      }
      return tier ? storageClassNameOf(tier) : '';
    };
    const storageClass = storageClassOfTier('storageTier', props.storageTier ?? 'fast');
    const databaseStorageClass = props.databaseStorageTier === undefined ? storageClass : storageClassOfTier('databaseStorageTier', props.databaseStorageTier);
    // PostgreSQL goes where the database tier says, which is the image store's tier unless given.
    const databaseTierName = props.databaseStorageTier ?? props.storageTier ?? 'fast';
    const databaseTier = cluster.tier(databaseTierName);
    const databaseOnNfs = databaseTier && nfsTierProblem(databaseTierName, databaseTier, "Harbor's PostgreSQL needs a working fsync and POSIX locks, which NFS does not promise: its data may be corrupted");
    if (databaseOnNfs) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: props.databaseStorageTier === undefined ? 'storageTier' : 'databaseStorageTier', message: databaseOnNfs.message,
        hint: props.databaseStorageTier === undefined
          ? `keep the image store on NFS and give the database a tier on a disk of the node: databaseStorageTier: '${cluster.tierNames.find((name) => nfsTierProblem(name, cluster.tier(name)!, '') === undefined) ?? 'fast'}'`
          : databaseOnNfs.hint,
      });
    }
    this.checkSecret(props.adminPassword, 'adminPassword', namespace, 'HARBOR_ADMIN_PASSWORD', 'the admin password');
    this.checkSecret(props.internalSecrets, 'internalSecrets', namespace, HARBOR_INTERNAL_SECRET_KEYS.secretKey, "Harbor's internal secrets");
    if (props.adminPassword.origin === 'external') {
      // Made by hand: declared, so the cluster README lists it among the owner's steps.
      declareExternal(this, { secrets: [props.adminPassword] });
    }
    // One Secret may hold the admin password too: the step that makes it then makes that key as well.
    const adminInInternal = props.internalSecrets.origin === 'external' && props.adminPassword.namespace === props.internalSecrets.namespace
      && props.adminPassword.secretName === props.internalSecrets.secretName;
    const hostname = cluster.hostname(props.route.host);
    const externalURL = ingressHttpsOrigin(cluster, hostname);
    // The first login: who, where, and that the Secret counts only once. It makes a Secret made by hand
    // that no other step makes, so the README's generic step for it does not come as well.
    leaveOwnerAction(this, harborAdminStep(props.adminPassword, externalURL, props.adminPassword.origin === 'external' && !adminInInternal));
    leaveOwnerAction(this, harborCleanupStep(externalURL));
    if (props.internalSecrets.origin === 'external') {
      // The pods start with these keys: made before the first sync, every key at once, by one command.
      declareExternal(this, { secrets: [props.internalSecrets] });
      leaveOwnerAction(this, harborInternalSecretStep(props.internalSecrets, adminInInternal ? [props.adminPassword.key] : []));
    }
    const podPlacement = { nodeSelector: pin.nodeSelector, affinity: pin.affinity, tolerations: pin.tolerations };
    const secretValues = harborInternalSecretValues(props.internalSecrets.secretName);
    const components = Object.fromEntries(HARBOR_COMPONENTS.map((c) => [c, { ...podPlacement, ...(secretValues as unknown as Record<string, object>)[c] }]));
    // The chart's Ingress is no object of this tree, so the cluster's route checks would not see its host.
    claimRoutePaths(this, cluster, {
      hostname, paths: [{ path: '/' }], hostField: 'route.host', route: 'route',
      hostHint: "give Harbor a host name of its own: its chart's Ingress serves the whole host, and a path is refused",
    });
    const pvc = (size: string) => ({ storageClass: databaseStorageClass, size });
    // The chart makes its claims from these values: noted, so a StorageClass's capacity checks count them.
    const registrySize = props.registrySize ?? '100Gi';
    noteChartClaim(this, { storageClassName: storageClass, size: registrySize, field: props.registrySize === undefined ? 'storageTier' : 'registrySize', description: "Harbor's image store" });
    for (const [part, size] of HARBOR_SMALL_CLAIMS) {
      noteChartClaim(this, { storageClassName: databaseStorageClass, size, field: props.databaseStorageTier === undefined ? 'storageTier' : 'databaseStorageTier', description: `Harbor's ${part}` });
    }

    // The class of the cluster's route flavor first: another controller's (the Tailscale operator's, on the tailnet
    // alone) may be provided too. ingress-nginx installs its controller, and so provides its class, only once the cluster is prepared.
    const flavorClass = cluster.routes instanceof IngressNginxRoutes ? cluster.routes.ingressClassName
      : cluster.routes instanceof TraefikRoutes ? TRAEFIK_INGRESS_CLASS : undefined;
    const ingressClassName = props.ingressClassName ?? flavorClass ?? cluster.platform.provided('ingressClasses')[0];
    if (!ingressClassName) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'ingressClassName',
        message: `cluster "${cluster.clusterName}" provides no IngressClass for Harbor's Ingress`,
        hint: 'use a route flavor whose controller serves Ingresses (traefik()), or set ingressClassName',
      });
    }
    if (props.ingressClassName === undefined && cluster.routes instanceof TraefikRoutes && cluster.routes.readTimeout === undefined) {
      // A layer goes up in one request: Traefik v3 ends it after a minute, whatever its size.
      reportFinding(this, {
        layer: 'references', severity: 'warning', field: 'route',
        message: `Traefik ends a request after ${TRAEFIK_DEFAULT_READ_TIMEOUT} (its readTimeout), and a docker push sends each image layer in one request: `
          + 'a layer that takes longer to upload fails',
        hint: "give the cluster's routes a longer limit, e.g. routes: traefik({ readTimeout: '30m' })",
      });
    }
    if (props.ingressClassName !== undefined) {
      // The class is a value of the chart, which no check of the cluster's Ingresses sees.
      cluster.onPrepare(() => {
        const served = cluster.platform.provided('ingressClasses');
        if (!served.includes(props.ingressClassName!)) {
          reportFinding(this, {
            layer: 'references', severity: 'error', field: 'ingressClassName',
            message: `no controller of cluster "${cluster.clusterName}" serves IngressClass "${props.ingressClassName}", so Harbor's Ingress would not be served`,
            hint: served.length > 0 ? `use ${served.map((c) => `"${c}"`).join(' or ')}, or leave ingressClassName out` : 'use a route flavor whose controller serves Ingresses (traefik()), or declare the controller preinstalled',
          });
        }
      });
    }
    new ChartRelease(this, 'release', {
      name: id,
      namespace,
      network: noNetworkPolicy('Harbor\'s own pods call each other on many ports (core, portal, registry, job service, database, Redis, Trivy), which the chart chooses'),
      chart: { repository: 'https://helm.goharbor.io', chart: 'harbor', version: props.chartVersion ?? HARBOR_DEFAULT_CHART_VERSION },
      values: {
        ...components,
        database: { internal: { ...podPlacement, ...secretValues.database.internal } },
        redis: { internal: podPlacement },
        // The chart's own Ingress: its Service names are the chart's, so it routes to them itself.
        expose: {
          type: 'ingress',
          tls: { enabled: false },
          // No annotations of ours: the chart's own include nginx.ingress.kubernetes.io/proxy-body-size "0", which
          // lets image layers of any size through ingress-nginx (Traefik caps no body), and values given here
          // would be merged over them.
          ingress: { className: ingressClassName ?? '', hosts: { core: hostname } },
        },
        // What docker clients reach (the node port under Traefik's nodePorts): token realms and pull URLs name it.
        externalURL,
        existingSecretAdminPassword: props.adminPassword.secretName,
        existingSecretSecretKey: secretValues.existingSecretSecretKey,
        persistence: {
          persistentVolumeClaim: {
            registry: { storageClass, size: registrySize },
            jobservice: { jobLog: pvc(HARBOR_SMALL_CLAIMS[0][1]) },
            database: pvc(HARBOR_SMALL_CLAIMS[1][1]),
            redis: pvc(HARBOR_SMALL_CLAIMS[2][1]),
            trivy: pvc(HARBOR_SMALL_CLAIMS[3][1]),
          },
        },
      },
    });
  }

  /** Reports a reference to a Secret the chart reads by name only, outside `namespace` or under another key. */
  private checkSecret(reference: SecretReference, field: string, namespace: string, key: string, what: string): void {
    if (reference.namespace !== namespace || reference.key !== key) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field,
        message: `the chart reads key ${key} of a Secret in "${namespace}", not ${reference.namespace}/${reference.secretName} key ${reference.key}`,
        hint: `keep ${what} under key ${key} of a Secret in namespace ${namespace}, and refer to that`,
      });
      // Reported here with its cause; the Secret the chart's values name in its namespace is not reported again as missing.
      if (reference.namespace !== namespace) {
        declareExternal(this, { secrets: [{ namespace, name: reference.secretName }] });
      }
    }
  }
}
