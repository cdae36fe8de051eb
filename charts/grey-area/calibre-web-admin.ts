import { bootstrapSecretStep, ContainerProps, OwnerAction, SecretReference } from '../../constructs';

// Calibre-Web makes its settings database (app.db) on its first start with the administrator admin and the
// password admin123, which anyone who reaches it may use. Its command line sets a user's password instead
// (`cps.py -p <app.db> -s <user>:<password>`): it makes app.db as the first start would, sets the password,
// and exits. Run against a new file that is renamed into place only when that succeeded, it never leaves
// an app.db with the default password behind; an app.db that exists (a later start, a restored one) is kept.

/** The name of Calibre-Web's first administrator, the one its first start makes. */
export const CALIBRE_WEB_ADMIN_USER = 'admin';

/** The mount path of Calibre-Web's settings folder, where app.db lives in the linuxserver.io image. */
const CONFIG_PATH = '/config';

/**
 * The init container that gives the first administrator the password of `password` before Calibre-Web first
 * starts, from the app's own `image` (its Python and Calibre-Web), on the volume `configVolume` mounted at
 * /config. It runs as `uid`, the user the image drops to (PUID). Pure.
 */
export function calibreWebAdminPasswordInit(image: string, password: SecretReference, configVolume: string, uid: number): ContainerProps {
  const appDb = `${CONFIG_PATH}/app.db`;
  const fresh = `${CONFIG_PATH}/app.db.new`;
  return {
    name: 'set-admin-password',
    image,
    command: ['sh', '-ec', [
      `[ -f ${appDb} ] && exit 0`,
      `rm -f ${fresh}`,
      `python3 /app/calibre-web/cps.py -p ${fresh} -s "${CALIBRE_WEB_ADMIN_USER}:$ADMIN_PASSWORD"`,
      `mv ${fresh} ${appDb}`,
    ].join('\n')],
    // Calibre-Web keeps its log and encryption key beside its settings, not in the image's read-only folders.
    env: { ADMIN_PASSWORD: password, CALIBRE_DBPATH: CONFIG_PATH },
    mounts: [{ volume: configVolume, mountPath: CONFIG_PATH }],
    runAsUser: uid, runAsGroup: uid,
  };
}

/**
 * The owner's step that makes the Secret of the administrator's password, before Calibre-Web first starts.
 * Calibre-Web's default password rules ask for eight characters with a digit, a lower-case and an upper-case
 * letter and a special character: the generated password ends with one of each. Pure.
 */
export function calibreWebAdminSecretStep(password: SecretReference): OwnerAction {
  const { namespace, secretName, key } = password;
  return {
    kind: 'bootstrap',
    beforeFirstSync: true,
    ...bootstrapSecretStep(
      { namespace, name: secretName, keys: [{ key, value: '"$(openssl rand -hex 16)-Aa1"' }] },
      `the password Calibre-Web's administrator ${CALIBRE_WEB_ADMIN_USER} gets before its first start (instead of its default admin123); `
      + 'it is read only while app.db does not exist, so change the password in Calibre-Web afterwards, not here',
    ),
  };
}
