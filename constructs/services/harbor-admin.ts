import type { SecretReference } from '../secrets/secret-reference';
import { bootstrapSecretStep } from '../synth/bootstrap-secret';
import type { OwnerAction } from '../synth/owner-action';

/** The user name of Harbor's administrator, which Harbor makes itself and no value of its chart renames. */
export const HARBOR_ADMIN_USER = 'admin';

/**
 * The owner's step for Harbor's administrator: who logs in, where, and with which password. Harbor sets
 * that password from the Secret at its first start only (the chart's "initial password"), so a later change
 * of the Secret changes nothing: the step says to change it in Harbor. When `createsSecret` is true (a Secret
 * made by hand that no other step makes), the step makes it too, with a password of Harbor's own rules (8
 * characters or more, an upper-case and a lower-case letter and a digit). Pure.
 */
export function harborAdminStep(reference: SecretReference, url: string, createsSecret: boolean): OwnerAction {
  const { namespace, secretName, key } = reference;
  const once = 'Harbor reads it at its first start only: change the password in Harbor (its user menu) afterwards, not in the Secret';
  if (!createsSecret) {
    return {
      kind: 'manual',
      action: `Harbor's administrator ${HARBOR_ADMIN_USER} logs in at ${url} with the password in key ${key} of Secret ${namespace}/${secretName}; ${once}`,
    };
  }
  // Harbor's core does not start without the Secret, and the steps that push to the registry come after the
  // first sync: the Secret is made before it.
  return {
    kind: 'bootstrap',
    ...bootstrapSecretStep(
      { namespace, name: secretName, keys: [{ key, value: '"$(openssl rand -hex 16)-Aa1"' }] },
      `the first password of Harbor's administrator ${HARBOR_ADMIN_USER}, who logs in at ${url}; ${once}`,
    ),
    beforeFirstSync: true,
  };
}
