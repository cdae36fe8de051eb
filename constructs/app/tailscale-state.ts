import type { PropProblem } from '../validation/known-props';
import { TAILSCALE_IMAGE } from '../validation/tailnet-routes';
import { type NamedPropContainer, type PropContainerMounts, propEnvValue } from './prop-containers';
import { normalMountPath } from './mount-paths';
import { runsOnReadOnlyRoot, writableOnReadOnlyRoot } from './read-only-root';

// Tailscale's container (containerboot) keeps the node's state in a Kubernetes Secret whenever it runs in a
// pod: `TS_KUBE_SECRET`, `tailscale` unless set, takes the place of `TS_STATE_DIR`. It reads and writes that
// Secret with the pod's ServiceAccount token, and exits at start without one, which an App's pods do not
// get unless the app states why. Set empty, the state goes to `TS_STATE_DIR`.

/**
 * A Tailscale container of an app without a ServiceAccount that keeps its state in a Secret (`TS_KUBE_SECRET`
 * unset or non-empty): one problem on its `image`. Pure.
 */
export function tailscaleStateProblems(containers: readonly NamedPropContainer[], serviceAccount: unknown): PropProblem[] {
  if (serviceAccount !== undefined) {
    return [];
  }
  const found = containers.find((c) => typeof c.image === 'string' && TAILSCALE_IMAGE.test(c.image) && propEnvValue(c.env, 'TS_KUBE_SECRET') !== '');
  if (found === undefined) {
    return [];
  }
  const secret = propEnvValue(found.env, 'TS_KUBE_SECRET');
  const name = typeof secret === 'string' ? secret : 'tailscale';
  return [{
    field: `${found.field}image`,
    message: `${found.label} runs Tailscale, whose containerboot keeps its state in the Kubernetes Secret "${name}" when it runs in a pod `
      + `(TS_KUBE_SECRET${typeof secret === 'string' ? '' : ", unset, defaults to 'tailscale'"}), and the app's pods get no ServiceAccount token: it exits as it starts`,
    hint: `keep the state in a folder: env: { TS_KUBE_SECRET: '', TS_STATE_DIR: '/var/lib/tailscale' } with a claim mounted there; or let it keep the Secret: `
      + `serviceAccount: { reason: 'tailscale keeps its state in a Secret', rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }, `
      + `{ apiGroups: [''], resources: ['secrets'], resourceNames: ['${name}'], verbs: ['get', 'update', 'patch'] }] }`,
  }];
}

/**
 * A Tailscale container that keeps its state in a folder (`TS_KUBE_SECRET: ''` with `TS_STATE_DIR`) under no volume
 * of its container, on a read-only root: tailscaled cannot write the node's key there and stops as it starts. One
 * error on `env.TS_STATE_DIR`, whose hint mounts a claim there. Pure.
 */
export function tailscaleStateDirProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix, mountPaths }) => {
    const folder = propEnvValue(container.env, 'TS_STATE_DIR');
    if (typeof container.image !== 'string' || !TAILSCALE_IMAGE.test(container.image) || propEnvValue(container.env, 'TS_KUBE_SECRET') !== ''
      || typeof folder !== 'string' || !folder.startsWith('/') || !runsOnReadOnlyRoot(container) || writableOnReadOnlyRoot(normalMountPath(folder), mountPaths)) {
      return [];
    }
    const at = normalMountPath(folder);
    const claim = `persistence: { state: { volume: AppVolume.claim({ tier, size: '100Mi' }), mountPath: '${at}' } }`;
    const mounted = [...mountPaths].filter((path) => path !== '/tmp').sort();
    return [{
      field: `${prefix}env.TS_STATE_DIR`,
      message: `TS_STATE_DIR ${folder} is where tailscaled keeps the node's key and state, and it lies under no volume of the container, on the read-only root: tailscaled cannot write it and stops as it starts`,
      hint: mounted.length > 0
        ? `name a folder the container mounts, TS_STATE_DIR: '${mounted[0]}', or mount a claim at ${at}: ${claim}`
        : `mount a claim there, so the node keeps its identity across restarts: ${claim}`,
    }];
  });
}
