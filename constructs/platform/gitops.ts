import { ApiObject } from 'cdk8s';
import { describeValue } from '../inventory/problems';
import { InputError } from '../validation/input-error';
import type { Construct } from 'constructs';
import type { ClusterChart } from './cluster-chart';
import type { Installable, PlatformLayer } from './component';
import { notAChoiceProblem } from './choice-kinds';

/**
 * How a cluster applies its folder of `dist/`: Flux, Argo CD, K3s' auto-deploy folder, a CI job. The
 * engine decides how components are installed and how the layers are applied in order; one engine's
 * kinds live in its own file, never in services or flavors.
 */
export interface GitOpsEngine {
  /** Short name, e.g. `flux`. */
  readonly name: string;
  /**
   * Whether the engine refuses a whole layer while one of its objects is of a kind the cluster does not
   * know yet (Flux: its server-side dry run fails, so nothing of the layer is applied, and an object of
   * the layer that would bring the kind is never created). Objects of kinds that objects of the config
   * layer bring once settled (a Crossplane Provider's ProviderConfig) then go into the apps layer
   * instead; see `Platform.settledScope`.
   * @default false - the engine applies such objects again until their kinds exist (a retried sync, a second pass, a file of their own)
   */
  readonly refusesLayerWithUnknownKind?: boolean;
  /** Declares what the engine's own bootstrap brings (its CRDs, its namespace). Called once by the cluster. */
  bind(cluster: ClusterChart): void;
  /**
   * Renders the objects that install `component` under `scope`: a platform component (in the `platform`
   * layer) or an app's chart release (in the `apps` layer).
   */
  renderComponent(scope: Construct, component: Installable, cluster: ClusterChart): void;
  /**
   * Renders the objects that make the cluster apply `layers` in order, under `scope` (the cluster
   * folder's root, what the engine's bootstrap points at). Called once, after everything else.
   */
  renderSync(scope: Construct, cluster: ClusterChart, layers: readonly PlatformLayer[]): void;
  /**
   * Name of a layer's file for `unit` (an app, a component), relative to the cluster folder; engines
   * that apply files in name order (K3s) prefix them.
   * @default - `<layer>/<unit>.yaml` in a layer folder with its own kustomization.yaml
   */
  fileName?(layer: PlatformLayer, unit: string): string;
  /**
   * Files the engine writes beside the cluster's objects (a CI job file, Helm values), paths relative to
   * the cluster folder. They are not Kubernetes objects and no kustomization lists them.
   * @default - none
   */
  extraFiles?(cluster: ClusterChart): ReadonlyMap<string, string>;
  /**
   * Marks `object` as one the engine must leave in the cluster when it leaves the repository (an object
   * whose deletion destroys data, such as an imported ZFS volume). Engines that prune every object of
   * their set leave it out.
   * @default - the engine prunes it like any other object
   */
  keepWhenRemoved?(object: ApiObject): void;
  /**
   * Marks `object`, a kind whose spec the API server does not let change (a Job's pod template), so that
   * the engine deletes and creates it again when it changes instead of failing to apply its layer.
   * @default - the engine applies it like any other object; a changed one fails its layer until it is deleted by hand
   */
  replaceWhenChanged?(object: ApiObject): void;
  /**
   * The namespace the engine runs in where the cluster's author chose it, with the engine option that
   * chose it (relative to the cluster's `gitops`, e.g. `namespace`): an app found in that namespace is
   * then reported on the option, which is what moved.
   * @default - the engine's own namespace, which an app that moves into it is reported for
   */
  readonly chosenNamespace?: { readonly namespace: string; readonly field: string };
  /**
   * The folder of the site's repository that the engine's bootstrap commits its own files to and syncs
   * from (Flux: `flux bootstrap --path`), with the engine option that chose it (relative to the cluster's
   * `gitops`): no other cluster on the same repository and branch may use it, or a folder inside it.
   * @default - the engine commits nothing to the repository
   */
  bootstrapFolder?(cluster: ClusterChart): { readonly path: string; readonly field: string };
}

/** The Git source of the cluster's site; a GitOps engine without one is reported where the engine is bound. */
export function gitSourceOf(cluster: ClusterChart): { url: string; branch: string } | undefined {
  return cluster.site.git;
}

/**
 * Whether the engine reports that the site has no Git source: not when the site wrote one that its own
 * check refused (`git: 'https://…'`), which is the one mistake, already named on the site's `git`.
 */
export function gitSourceMissing(cluster: ClusterChart): boolean {
  return gitSourceOf(cluster) === undefined && !cluster.site.problems.some((p) => p.field === 'git' || p.field.startsWith('git.'));
}

/** What every engine has; a value without them is no engine, whatever its type says. */
const ENGINE_METHODS = ['bind', 'renderComponent', 'renderSync'] as const;

/**
 * Why `value`, given as a cluster's `gitops`, is not an engine (a list of two, an options object instead of
 * the factory's result), or undefined when it is one or not an object at all (the props shape reports that). Pure.
 */
export function notAnEngineProblem(value: unknown): { message: string; hint: string } | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  if (Array.isArray(value)) {
    return {
      message: `gitops is a list of ${value.length}; a cluster is applied by one engine, as two would fight over its objects`,
      hint: 'give one engine, e.g. gitops: flux(); a cluster of another engine is a ClusterChart of its own',
    };
  }
  return notAChoiceProblem(value, 'gitops', 'a GitOps engine', ENGINE_METHODS,
    "make it with an engine's factory and its options inside, e.g. gitops: flux({ interval: '5m' }), argoCd(), gitLabCi({ agent }) or k3sManifests()");
}

/** `object` when it is an object of the output, else the input error of the engine's method `call` that was given it. */
export function requiredApiObject(object: unknown, call: string): ApiObject {
  if (!ApiObject.isApiObject(object)) {
    throw new InputError(`${call}() was given ${describeValue(object)}, not an object of the output`, `${call}.object`, `give it an ApiObject the cluster renders, e.g. ${call}(new ApiObject(this, 'data', { … }))`);
  }
  return object;
}
