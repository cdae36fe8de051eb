import type { PropProblem } from '../validation/known-props';
import { TAILSCALE_IMAGE } from '../validation/tailnet-routes';
import { type NamedPropContainer, propEnvValue } from './prop-containers';

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
