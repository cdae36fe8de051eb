import type { IConstruct } from 'constructs';
import type { SecretReference } from '../secrets/secret-reference';
import { bootstrapSecretStep } from '../synth/bootstrap-secret';
import { leaveOwnerAction } from '../synth/owner-action';
import type { PlatformComponent } from './platform';

/**
 * Records that `component` (described as `reader`) reads `refs`. A Secret made outside the repository is
 * a step by hand, so it is listed with the owner's other steps. A sealed, SOPS or external-secret
 * reference arrives through Git, in a layer after the platform: the component's install then does not
 * wait for its workloads, which start once that layer brings the Secret.
 */
export function componentReadsSecret(scope: IConstruct, component: PlatformComponent, reader: string, refs: readonly SecretReference[]): void {
  for (const ref of refs) {
    if (ref.origin !== 'external') {
      component.readsSecret(ref.namespace, ref.secretName);
    }
  }
  leaveExternalSecretSteps(scope, reader, refs);
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
