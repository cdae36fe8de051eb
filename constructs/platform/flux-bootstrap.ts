import { toYamlDocument } from '../synth/yaml';
import type { RolePlacement } from './node-role';
import { compareText } from '../text-order';

/** The controllers `flux bootstrap` installs by default. */
export type FluxController = 'source-controller' | 'kustomize-controller' | 'helm-controller' | 'notification-controller';

/** Name of the bootstrap file that holds the Kustomize overlay of Flux's own controllers. */
export const FLUX_SYSTEM_OVERLAY_FILE = 'flux-system.kustomization.yml';

/**
 * The `kustomization.yaml` that `flux bootstrap` builds its own manifests with, plus a patch per placed
 * controller: Flux's documented way to change its controllers before they first run. The placement is a
 * preference (node affinity) with the hosts' taints tolerated, not a requirement: bootstrap waits for
 * every controller to be ready, and a host that has not joined yet would stall it.
 */
export function fluxSystemOverlay(placement: Readonly<Partial<Record<FluxController, RolePlacement>>>): Record<string, unknown> {
  const patches = (Object.keys(placement) as FluxController[]).sort().map((controller) => {
    const place = placement[controller]!;
    const spec: Record<string, unknown> = {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            weight: 100,
            preference: {
              matchExpressions: Object.entries(place.nodeSelector).sort(([a], [b]) => compareText(a, b))
                .map(([key, value]) => ({ key, operator: 'In', values: [value] })),
            },
          }],
        },
      },
    };
    if (place.tolerations.length > 0) {
      spec.tolerations = place.tolerations;
    }
    return {
      target: { kind: 'Deployment', name: controller },
      patch: toYamlDocument({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: controller }, spec: { template: { spec } } }),
    };
  });
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['gotk-components.yaml', 'gotk-sync.yaml'],
    patches,
  };
}

/**
 * What the bootstrap step says of the sync Secret `secret` (`<namespace>/<name>`), by the scheme of the
 * repository's URL: an SSH URL clones with a deploy key, an HTTP(S) one with a username and a token
 * (basic auth), which `flux bootstrap` stores only with `--token-auth`.
 */
export function bootstrapCredential(url: string, secret: string, github: boolean): string {
  if (url.startsWith('ssh://')) {
    return `deploy key in Secret ${secret}`;
  }
  return github
    ? `username and token in Secret ${secret}, a basic-auth Secret: add --token-auth, which stores GITHUB_TOKEN there`
    : `username and token in Secret ${secret}, a basic-auth Secret: add --token-auth --username=<user> --password=<token>, which stores them there`;
}

/**
 * The folder `flux bootstrap --path` points at when `flux({ bootstrapPath })` names none: outside the
 * output folder, which synthesis replaces as a whole (it would delete the files bootstrap commits), at
 * `flux-system/<site>/<cluster>`, the layout of a repository with many clusters. Pure.
 */
export function defaultBootstrapPath(clusterFolder: string): string {
  return `flux-system/${clusterFolder}`;
}

/**
 * The owner step that commits the Kustomization handing a defaulted bootstrap folder over to the cluster
 * folder (bootstrap's own Kustomization applies the bootstrap folder only), made with Flux's CLI. A
 * chosen `bootstrapPath` is the owner's folder, holding that Kustomization already. Pure.
 */
export function rootKustomizationStep(bootstrapPath: string, clusterPath: string, sync: { name: string; namespace: string; interval: string; prune: boolean }): string {
  const { name, namespace, interval, prune } = sync;
  // bootstrap names its GitRepository after Flux's namespace.
  return `before flux bootstrap, commit and push ${bootstrapPath}/dist.yaml, the Kustomization that applies ./${clusterPath} once bootstrap syncs ${bootstrapPath}/: `
    + `mkdir -p ${bootstrapPath} && flux create kustomization ${name}-root --source=GitRepository/${namespace} --path=./${clusterPath} --prune=${prune} --interval=${interval}`
    + `${namespace === 'flux-system' ? '' : ` --namespace=${namespace}`} --export > ${bootstrapPath}/dist.yaml`;
}
