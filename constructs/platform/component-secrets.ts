import type { IConstruct } from 'constructs';
import type { SecretReference } from '../secrets/secret-reference';
import { bootstrapSecretStep } from '../synth/bootstrap-secret';
import { leaveOwnerAction, type OwnerAction } from '../synth/owner-action';
import type { PlatformComponent } from './platform';
import { rolloutRestartCommand } from './rollout-restart';

/**
 * Records that `component` (described as `reader`) reads `refs`. A Secret made outside the repository is
 * a step by hand, so it is listed with the owner's other steps. A sealed, SOPS or external-secret
 * reference arrives through Git, in a layer after the platform: the component's install then does not
 * wait for its workloads, which start once that layer brings the Secret.
 */
export function componentReadsSecret(scope: IConstruct, component: PlatformComponent, reader: string, refs: readonly SecretReference[],
  atStart?: ReadAtStart): void {
  for (const ref of refs) {
    if (ref.origin !== 'external') {
      component.readsSecret(ref.namespace, ref.secretName);
    }
  }
  leaveExternalSecretSteps(scope, reader, refs);
  if (atStart !== undefined) {
    leaveOwnerAction(component, newValueRestartStep(reader, component.namespace, refs, atStart));
  }
}

/** How a component reads its Secrets into its environment, once, when its pods start. */
export interface ReadAtStart {
  /** Its workload, as `kubectl rollout restart` names it, e.g. `deployment/traefik`. */
  readonly workload: string;
  /** What else holds the same value and changes with it, e.g. the user of the service the token logs in to. @default - nothing */
  readonly alsoChange?: string;
}

/**
 * The step after a new value of a Secret a component reads into its environment (a rotated token): the
 * kubelet writes a Secret's value into a container's environment when it starts the container, and never
 * again, so the component keeps the old value until its pods start anew. Pure.
 */
export function newValueRestartStep(reader: string, namespace: string, refs: readonly SecretReference[], atStart: ReadAtStart): OwnerAction {
  const secrets = [...new Set(refs.map((ref) => `${ref.namespace}/${ref.secretName}`))].sort().map((secret) => {
    const keys = [...new Set(refs.filter((ref) => `${ref.namespace}/${ref.secretName}` === secret).map((ref) => ref.key))].sort();
    return `${keys.length === 1 ? 'key' : 'keys'} ${keys.join(' and ')} of Secret ${secret}`;
  });
  return {
    kind: 'manual',
    action: `${reader} reads ${secrets.join(', ')} into its environment when it starts: a new value put there later (a rotated token or password) `
      + `reaches it only when its pods start again${atStart.alsoChange === undefined ? '' : `; ${atStart.alsoChange}`}. Once the cluster has the new value, `
      + 'restart it with the command, and revoke the old value only then',
    command: rolloutRestartCommand(namespace, atStart.workload),
  };
}

/**
 * Lists, with the owner's other steps, each Secret of `refs` made outside the repository that `reader`
 * (e.g. `ClusterIssuer letsencrypt`) reads: one step per Secret, with all the keys read of it. The readers
 * are platform components and config-layer objects, which the later layers wait for, so the step comes
 * before the first sync.
 */
export function leaveExternalSecretSteps(scope: IConstruct, reader: string, refs: readonly SecretReference[]): void {
  const external = refs.filter((ref) => ref.origin === 'external');
  const bySecret = new Map<string, SecretReference[]>();
  for (const ref of external) {
    const key = `${ref.namespace}/${ref.secretName}`;
    bySecret.set(key, [...(bySecret.get(key) ?? []), ref]);
  }
  for (const [key, secretRefs] of [...bySecret].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [namespace, name] = key.split('/');
    const keys = [...new Set(secretRefs.map((r) => r.key))].sort();
    leaveOwnerAction(scope, { kind: 'bootstrap', beforeFirstSync: true, ...bootstrapSecretStep({ namespace, name, keys }, `read by ${reader}`) });
  }
}
