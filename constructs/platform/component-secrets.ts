import type { IConstruct } from 'constructs';
import type { SecretReference } from '../secrets/secret-reference';
import { leaveOwnerAction } from '../synth/owner-action';

/**
 * Records that a component reads `refs` (keys of one Secret). A Secret made outside the repository is
 * a step by hand, so it is listed with the owner's other steps; sealed, SOPS and external-secret
 * references arrive through Git and need nothing.
 */
export function componentReadsSecret(scope: IConstruct, component: string, refs: readonly SecretReference[]): void {
  const external = refs.filter((ref) => ref.origin === 'external');
  const bySecret = new Map<string, SecretReference[]>();
  for (const ref of external) {
    const key = `${ref.namespace}/${ref.secretName}`;
    bySecret.set(key, [...(bySecret.get(key) ?? []), ref]);
  }
  for (const [key, secretRefs] of [...bySecret].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [namespace, name] = key.split('/');
    const keys = [...new Set(secretRefs.map((r) => r.key))].sort();
    leaveOwnerAction(scope, {
      kind: 'bootstrap',
      action: `create Secret ${key} with key(s) ${keys.join(', ')} for ${component} (or seal it and reference the SealedSecret)`,
      command: `kubectl -n ${namespace} create secret generic ${name} ${keys.map((k) => `--from-literal=${k}=…`).join(' ')}`,
    });
  }
}
