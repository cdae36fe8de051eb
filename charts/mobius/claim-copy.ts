/** The user and group mobius' own apps run as, and so own what their claims hold. */
export const APP_USER = 1000;

/**
 * Where the owner copies files into claim `namespace/claim` of an app that runs as {@link APP_USER}: a
 * helper pod of that user, since the namespace's restricted Pod Security refuses a root one, and files
 * another user writes stay read-only to the app: its fsGroup is not applied again to a claim whose top
 * folder already carries it.
 */
export function claimCopy(namespace: string, claim: string): string {
  return `claim ${namespace}/${claim} (a helper pod that mounts the claim and runs as user and group ${APP_USER} as the app does, and kubectl cp: `
    + 'a root helper is refused by the namespace\'s restricted Pod Security, and files of another user would be read-only to the app)';
}
