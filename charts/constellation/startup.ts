import type { Construct } from 'constructs';
import {
  AppVolume, BootstrapSecret, bootstrapSecretCommand, bootstrapSecretStep, factValue, JELLYFIN_CACHE_SIZE_LIMIT, JELLYFIN_TRANSCODE_SIZE_LIMIT, JELLYFIN_TRANSCODES_DIR, leaveOwnerAction,
  mediaFolder, MediaContainers, SecretReference,
} from '../../constructs';
import { cloud, constellation, mediaSettings } from '../../hosts/constellation';
import { ghostDatabase, KEYCLOAK_URL, MEDIA_CONTAINERS } from './media';

// What the images need to start, or to be used once started, that the design does not give: it moves
// containers whose config folders already hold their settings. A pod that would crash-loop, or come up
// with an image's well-known default secret, gets the value from a Secret the owner creates, or a step
// before the files go into K3s' folder.

/** Secret (namespace `media`) holding lldap's JWT secret and its admin's first password. */
export const LLDAP_SECRET = 'lldap-secrets';
/** Secret (namespace `media`) holding Keycloak's first admin. */
export const KEYCLOAK_ADMIN_SECRET = 'keycloak-admin';

/**
 * Sets what each image needs to start on `media`, and leaves the owner's steps for the rest on it: called after
 * the step that stops the Podman containers, so that the config folders change owner once nothing else writes them.
 */
export function giveWhatTheImagesNeed(media: MediaContainers): void {
  const secret = (name: string, key: string) => SecretReference.external(media.namespace, name, key);
  const { lldap, keycloak, authelia, jellyfin, ghost } = media.apps;
  // Jellyfin writes its image and metadata cache to /cache (JELLYFIN_CACHE_DIR of the image): a volume there
  // lets its root filesystem stay read-only, as the library's Jellyfin construct runs it. Its transcodes go
  // under /cache too, a film's worth of segments for each stream, more than the cache's limit: on a volume
  // of their own, as the construct keeps them, a long film no longer gets the pod evicted mid-stream.
  jellyfin.addVolume('cache', AppVolume.emptyDir({ sizeLimit: JELLYFIN_CACHE_SIZE_LIMIT }), { mountPath: '/cache' });
  jellyfin.addVolume('transcodes', AppVolume.emptyDir({ sizeLimit: JELLYFIN_TRANSCODE_SIZE_LIMIT }), { mountPath: JELLYFIN_TRANSCODES_DIR });
  // Ghost's image configures no database since Ghost 5.9, and Ghost then connects to MySQL on localhost and exits.
  // The design names no database (a placeholder): SQLite lives in the content folder, where a folder brought from
  // Podman keeps it (data/ghost.db), the one path Ghost writes on its read-only root filesystem.
  const ghostClient = factValue(ghostDatabase);
  ghost.addEnv('database__client', ghostClient);
  if (ghostClient === 'sqlite3') {
    ghost.addEnv('database__connection__filename', `${MEDIA_CONTAINERS.ghost.configDir}/data/ghost.db`);
    ghost.addEnv('database__useNullAsDefault', 'true');
  }
  // Ghost signs staff in from a browser it does not know only with a code it e-mails them; on its image's default
  // transport, straight from the pod to the recipient's mail server, that mail fails or is refused.
  leaveOwnerAction(ghost, {
    kind: 'manual',
    action: 'Ghost e-mails staff a code before they sign in to its admin from a browser it does not know, and the design gives it no mail '
      + 'settings: give the pod the mail__* settings its Podman container sends with (mail__transport, mail__from, mail__options__host, '
      + 'mail__options__port, mail__options__auth__user, and mail__options__auth__pass from a Secret it reads) in charts/constellation/media.ts; '
      + 'without them no one signs in to Ghost\'s admin from a new browser',
    beforeFirstSync: true,
  });
  // Without these lldap runs on its defaults, a JWT secret written in its source and the admin password
  // `password`. The key seed stays unset: lldap keeps the key of the passwords in the folder it
  // brings along (server_key), and a seed in its place would make it refuse to start.
  lldap.addEnv('LLDAP_JWT_SECRET', secret(LLDAP_SECRET, 'jwt-secret'));
  lldap.addEnv('LLDAP_LDAP_USER_PASS', secret(LLDAP_SECRET, 'ldap-user-pass'));
  const address = (name: string) => `https://${media.proxyTargets().find((t) => t.name === name)!.hostname}`;
  const lldapSecret: BootstrapSecret = {
    namespace: media.namespace, name: LLDAP_SECRET, keys: [{ key: 'jwt-secret', value: '"$(openssl rand -base64 48)"' }, 'ldap-user-pass'],
  };
  createBeforeStart(lldap, lldapSecret,
    'lldap\'s JWT secret (jwt-secret, a random value) and the password lldap gives its admin on its first start (ldap-user-pass; '
    + 'with a folder brought from Podman, the admin password it has today), which the design does not give: without them lldap runs on '
    + `its defaults, a JWT secret written in its source and the admin password \`password\`; the admin signs in with it at ${address('lldap')}`);
  // Day two: the step above refuses a Secret that exists, and each value is read at a different time.
  leaveOwnerAction(lldap, {
    kind: 'manual',
    action: `to rotate lldap's JWT secret (jwt-secret of Secret ${media.namespace}/${LLDAP_SECRET}): the command that made the Secret refuses one that exists, `
      + 'and lldap reads it only as it starts: replace the Secret, ldap-user-pass holding the admin\'s password as it is now, and restart lldap, '
      + 'which signs every user out. lldap reads ldap-user-pass only as it makes its admin, on its first start: the admin\'s password changes in '
      + `lldap's web UI (${address('lldap')}), and then in the Secret, for a folder started anew`,
    command: `${bootstrapSecretCommand(lldapSecret, { namespaceExists: true, replaces: true })} && kubectl -n ${media.namespace} rollout restart deployment/lldap`,
  });
  // Keycloak makes an admin only from these, on the first start of an empty database; otherwise only a
  // browser on the pod itself could create one.
  keycloak.addEnv('KC_BOOTSTRAP_ADMIN_USERNAME', secret(KEYCLOAK_ADMIN_SECRET, 'username'));
  keycloak.addEnv('KC_BOOTSTRAP_ADMIN_PASSWORD', secret(KEYCLOAK_ADMIN_SECRET, 'password'));
  const keycloakSecret: BootstrapSecret = { namespace: media.namespace, name: KEYCLOAK_ADMIN_SECRET, keys: ['username', 'password'] };
  createBeforeStart(keycloak, keycloakSecret,
    'Keycloak\'s first admin (username, password), which the design does not give: Keycloak makes it on the first start of an empty '
    + `database only, and without it no admin can sign in from outside the pod; the admin signs in at ${KEYCLOAK_URL}/admin/`);
  leaveOwnerAction(keycloak, {
    kind: 'manual',
    action: `to change the password of Keycloak's admin: Secret ${media.namespace}/${KEYCLOAK_ADMIN_SECRET} is read only on the first start of an empty database, `
      + `so a new value there changes no one's password; change it in the admin console (${KEYCLOAK_URL}/admin/, Users of realm master), `
      + 'then replace the Secret with it, for a database started anew (the command that made the Secret refuses one that exists)',
    command: bootstrapSecretCommand(keycloakSecret, { namespaceExists: true, replaces: true }),
  });
  // Authelia rewrites /app/.healthcheck.env, its image's HEALTHCHECK settings, as it starts, and exits when it
  // cannot: on a read-only root filesystem it never listens. Kubernetes probes its port and never runs that
  // script, so switching the file off keeps the root read-only; an environment variable overrides the
  // configuration.yml brought from Podman, which did not need it.
  authelia.addEnv('AUTHELIA_SERVER_DISABLE_HEALTHCHECK', 'true');
  // Authelia reads /config/configuration.yml and, without one, writes a template there and exits.
  leaveOwnerAction(authelia, {
    kind: 'manual',
    action: `Authelia starts only with configuration.yml in its config folder (${mediaFolder(mediaSettings.configDir, 'authelia')} on ${cloud.name}), `
      + 'which the design does not give: keep the one its Podman container reads, with its LDAP address changed to lldap in the cluster, '
      + `ldap://lldap.${media.namespace}.svc.cluster.local:3890, its session cookie domain ${constellation.domain} and authelia_url https://auth.${constellation.domain}, `
      + 'and its secrets (reset-password JWT, session, storage encryption key, LDAP bind password); without it, Authelia writes a template and exits',
    beforeFirstSync: true,
  });
  // Keycloak keeps its LDAP user federation in its database, not in a file a step could name: its connection
  // URL is the address lldap had under Podman. lldap's LDAP port is reached inside the cluster only, so a URL
  // naming a host (or a port Podman published) finds no directory, and no one signs in through Keycloak.
  leaveOwnerAction(keycloak, {
    kind: 'manual',
    action: 'Keycloak keeps its LDAP user federation in its database, with the address lldap had under Podman; lldap\'s LDAP port (3890) is '
      + `reached inside the cluster only: once Keycloak is up, set the Connection URL of that federation (admin console at `
      + `${KEYCLOAK_URL}/admin/, User federation of its realm) to `
      + `ldap://lldap.${media.namespace}.svc.cluster.local:3890 where it names ${cloud.name}, its address or a published port, `
      + 'as Authelia\'s configuration.yml does; without it no one signs in through Keycloak with an lldap account',
  });
  leaveOwnerAction(media, {
    kind: 'manual',
    action: 'make each container\'s config folder on its host before K3s starts the pods, owned by the user it writes as, once its Podman container has '
      + 'stopped (one still running goes on writing files as its own user, which the pod may not open): each pod mounts it as a '
      + 'folder that must exist (a missing one keeps the pod from starting). The linuxserver.io images take their folder as they start; the others '
      + 'write only into what their user owns, so a folder brought from Podman, written there as root or as the image\'s own user, goes to that user '
      + `with everything in it${rootRun(media).map((name) => `; ${name} runs as root without the capability to write into another owner's folder, so its folder is root's`).join('')}`,
    command: configFolderCommand(media),
    beforeFirstSync: true,
  });
}

/** A step before the first sync: create `secret`, holding `what`. */
function createBeforeStart(scope: Construct, secret: BootstrapSecret, what: string): void {
  leaveOwnerAction(scope, { kind: 'bootstrap', ...bootstrapSecretStep(secret, what), beforeFirstSync: true });
}

/** The containers whose config folder belongs to root: they run as root with every capability dropped. */
function rootRun(media: MediaContainers): string[] {
  return media.configFolders().filter((f) => f.uid === 0).map((f) => f.name).sort();
}

/**
 * Per host, one `install -d` per owner for the config folders of the containers that run there, and one
 * `chown -R` for those of the containers that do not take their folder themselves: a folder brought from
 * Podman holds files written as root or as the image's own user, which they could not write.
 */
function configFolderCommand(media: MediaContainers): string {
  const folders = media.configFolders();
  const owners = [...new Set(folders.map((f) => `${f.uid}:${f.gid}`))].sort((a, b) => Number(b.split(':')[0]) - Number(a.split(':')[0]));
  return constellation.hosts.filter((h) => folders.some((f) => f.host === h)).map((h) => [`# on ${h.name}`, ...owners.flatMap((owner) => {
    const [uid, gid] = owner.split(':');
    const own = folders.filter((f) => f.host === h && `${f.uid}:${f.gid}` === owner);
    const paths = (list: typeof own) => list.map((f) => f.path).sort().join(' ');
    const given = own.filter((f) => !f.takesOwnership);
    return [
      ...(own.length === 0 ? [] : [`install -d -o ${uid} -g ${gid} ${paths(own)}`]),
      ...(given.length === 0 ? [] : [`chown -R ${owner} ${paths(given)}`]),
    ];
  })].join('\n')).join('\n');
}
