import { Construct } from 'constructs';
import { weaveGitOps, WEAVE_GITOPS_ADMIN, WEAVE_GITOPS_PINS, WEAVE_GITOPS_PORT } from '../platform/components/weave-gitops';
import { leaveOwnerAction } from '../synth/owner-action';
import { ClusterChart } from '../platform/cluster-chart';
import type { RouteIntent } from '../platform/route-flavor';
import { ServiceRoute } from '../platform/service-route';
import type { SecretReference } from '../secrets/secret-reference';
import { ROUTE_HOST_REQUIRED } from '../validation/app-props-shape';
import { reportFinding } from '../validation/finding';
import { rejectPropProblems, requireProps } from '../validation/known-props';
import { unappliedRouteFields } from './route-fields';
import { WEAVE_GITOPS_PROPS_SHAPE } from '../validation/service-props-shapes';
import { Flux } from '../platform/flux';
import { compareReleases, type FluxRelease, releaseParts } from '../platform/flux-release';

/** The kind that tells Flux is there: the UI lists Kustomizations first. */
const FLUX_KUSTOMIZATION = { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization' } as const;

/** The first Flux release that no longer serves helm.toolkit.fluxcd.io/v2beta1, the HelmRelease API the UI reads. */
const HELM_V2BETA1_DROPPED: FluxRelease = 'v2.7.0';

/**
 * What the UI's HelmRelease pages show with the cluster's Flux: the release `flux({ version })` pins, or,
 * for a Flux installed outside this repository, whichever it is.
 */
function helmReleasePages(release: FluxRelease | undefined): string {
  if (releaseParts(release) === undefined) {
    return 'with such a Flux its HelmRelease pages stay empty (its upstream issue 5223)';
  }
  return compareReleases(release!, HELM_V2BETA1_DROPPED) >= 0
    ? `the cluster pins Flux ${release} (flux({ version })), one of them, so its HelmRelease pages stay empty (its upstream issue 5223)`
    : `the cluster pins Flux ${release} (flux({ version })), which still serves it: the pages stay empty from the first upgrade to 2.7 on (its upstream issue 5223)`;
}

/** Options of the Weave GitOps UI. */
export interface WeaveGitOpsProps {
  /** The UI's route, e.g. `{ host: 'gitops' }`. */
  readonly route: RouteIntent;
  /**
   * The admin's bcrypt password hash: key `password` of the Secret `cluster-user-auth` in Flux's namespace,
   * which also holds `username`.
   */
  readonly adminPassword: SecretReference;
  /** Flux's namespace. @default 'flux-system' */
  readonly namespace?: string;
}

/** Weave GitOps, the web UI for Flux: the chart as a platform component, and a route through the cluster's ingress. */
export class WeaveGitOps extends Construct {
  constructor(scope: Construct, id: string, props: WeaveGitOpsProps) {
    super(scope, id);
    requireProps(this, 'WeaveGitOps', props, WEAVE_GITOPS_PROPS_SHAPE, {
      required: [
        ['route', "give the UI's route: route: { host: 'gitops' }"],
        ['adminPassword', "pass the admin password hash as a SecretReference: adminPassword: sealedSecret.key('password')"],
        ROUTE_HOST_REQUIRED,
      ],
    });
    // Its pages load their scripts from the root (`<base href="/">`), so a path prefix serves a blank page.
    rejectPropProblems(this, 'WeaveGitOps', unappliedRouteFields(props.route, ['host', 'port'],
      'the UI answers at the root of its own host name only, and its route fronts the Service its chart makes'));
    const cluster = ClusterChart.of(this);
    // The UI shows Flux's objects and acts through Flux's APIs: without Flux it has nothing to show.
    if (!cluster.platform.providesKind(FLUX_KUSTOMIZATION.group, FLUX_KUSTOMIZATION.kind)) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'scope',
        message: `Weave GitOps is the UI of Flux, but cluster "${cluster.clusterName}" runs ${cluster.gitops ? `the ${cluster.gitops.name} engine` : 'no GitOps engine'}, not Flux`,
        hint: 'use the UI of the cluster\'s own engine, or set gitops: flux(); a Flux installed outside this repository is declared with '
          + `preinstalled: [{ source: '…', crds: [{ group: '${FLUX_KUSTOMIZATION.group}', kinds: ['${FLUX_KUSTOMIZATION.kind}'] }] }]`,
      });
      return;
    }
    const namespace = props.namespace ?? 'flux-system';
    cluster.platform.require(weaveGitOps({ namespace }));
    if (props.adminPassword.secretName !== 'cluster-user-auth' || props.adminPassword.namespace !== namespace || props.adminPassword.key !== 'password') {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'adminPassword',
        message: `the chart reads key password of Secret ${namespace}/cluster-user-auth, not ${props.adminPassword.namespace}/${props.adminPassword.secretName} key ${props.adminPassword.key}`,
        hint: `seal the admin as Secret cluster-user-auth in ${namespace} with keys username and password (a bcrypt hash)`,
      });
    }
    // The chart compares the login with a hash: a password sealed as it is never matches.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `Secret ${namespace}/cluster-user-auth holds username ${WEAVE_GITOPS_ADMIN} and, as password, the bcrypt hash of the admin's password, not the password itself`,
      // Read without echo, the password stays off the screen and the shell's history.
      command: "read -rsp 'Weave GitOps admin password: ' ADMIN_PASSWORD && printf %s \"$ADMIN_PASSWORD\" | gitops get bcrypt-hash",
    });
    // The pinned chart is the UI's last stable release (app v0.38.0), built against Flux APIs older than the
    // Flux releases of today: its HelmRelease pages ask for v2beta1, which Flux 2.7 removed (upstream issue
    // 5223, open). The owner learns it here rather than from an empty page.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `Weave GitOps chart ${WEAVE_GITOPS_PINS.chart} (app v0.38.0, the UI's last stable release) reads HelmReleases as helm.toolkit.fluxcd.io/v2beta1, which Flux 2.7 and later no longer serve: `
        + `${helmReleasePages(cluster.gitops instanceof Flux ? cluster.gitops.release : undefined)}; `
        + 'read the releases with the Flux CLI instead',
      command: 'flux get helmreleases -A',
    });
    // The chart makes the Service the route points at; the route sits with the component's config.
    new ServiceRoute(cluster.platform.configScope('weave-gitops'), 'ui', {
      name: 'weave-gitops',
      host: props.route.host,
      namespace,
      serviceName: 'weave-gitops',
      port: props.route.port ?? WEAVE_GITOPS_PORT,
    });
  }
}
