/** The user and group mobius' own apps run as, and so own what their claims hold. */
export const APP_USER = 1000;

/**
 * Where the owner copies files into claim `namespace/claim` of an app that runs as {@link APP_USER}: a
 * helper pod of that user, since the namespace's restricted Pod Security refuses a root one, and files
 * another user writes stay read-only to the app: its fsGroup is not applied again to a claim whose top
 * folder already carries it. `sqliteDatabase` names the SQLite file of an app that ran on the claim before
 * the copy: the claim is emptied first, as that run left its own database there, and a write-ahead log of
 * it left beside the copied file is replayed into it when the app opens it.
 */
export function claimCopy(namespace: string, claim: string, sqliteDatabase?: string): string {
  const emptied = sqliteDatabase
    ? `, emptied first of what the app wrote there since the first sync (a ${sqliteDatabase}-wal left by its fresh database `
      + `would be replayed into the copied ${sqliteDatabase} and corrupt it)`
    : '';
  return `claim ${namespace}/${claim} (a helper pod that mounts the claim and runs as user and group ${APP_USER} as the app does, and kubectl cp: `
    + `a root helper is refused by the namespace's restricted Pod Security, and files of another user would be read-only to the app)${emptied}`;
}
