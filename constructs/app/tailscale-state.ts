import type { PropProblem } from '../validation/known-props';
import { TAILSCALE_IMAGE } from '../validation/tailnet-routes';

// Tailscale's container (containerboot) keeps the node's state in a Kubernetes Secret whenever it runs in a
// pod: `TS_KUBE_SECRET`, `tailscale` unless set, takes the place of `TS_STATE_DIR`. It reads and writes that
// Secret with the pod's ServiceAccount token, and exits at start without one, which an App's pods do not
// get unless the app states why. Set empty, the state goes to `TS_STATE_DIR`.

/** One container of an App as its props give it, with the prefix of its fields (`''`, `sidecars[0].`). */
export interface PropContainer {
  /** How messages name it: `the main container`, `container tailscale`. */
  readonly label: string;
  readonly field: string;
  readonly image: unknown;
  readonly env: unknown;
}

/**
 * A Tailscale container of an app without a ServiceAccount that keeps its state in a Secret (`TS_KUBE_SECRET`
 * unset or non-empty): one problem on its `image`. Pure.
 */
export function tailscaleStateProblems(containers: readonly PropContainer[], serviceAccount: unknown): PropProblem[] {
  if (serviceAccount !== undefined) {
    return [];
  }
  const found = containers.find((c) => typeof c.image === 'string' && TAILSCALE_IMAGE.test(c.image) && envValue(c.env, 'TS_KUBE_SECRET') !== '');
  if (found === undefined) {
    return [];
  }
  const secret = envValue(found.env, 'TS_KUBE_SECRET');
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

/** The value of env `name` as an App's props give it (text, a reference), or undefined when it is not given. Pure. */
export function envValue(env: unknown, name: string): unknown {
  return env !== null && typeof env === 'object' && !Array.isArray(env) ? (env as Record<string, unknown>)[name] : undefined;
}
