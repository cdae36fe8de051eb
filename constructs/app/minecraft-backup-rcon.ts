import type { PropProblem } from '../validation/known-props';
import { SecretReference } from '../secrets/secret-reference';
import type { PropContainerMounts } from './prop-containers';
import { MINECRAFT_JAVA_IMAGE } from './minecraft-server';

// itzg/mc-backup pauses the world's saving over RCON around each copy (`rcon-cli save-off`, `save-all flush`, the
// copy, `save-on`), at RCON_HOST (localhost unless set) with RCON_PASSWORD. When saving cannot be turned off it logs
// "Unable to turn saving off. Is the server running?" and exits 1: the container restarts without end and no backup
// is ever taken. Beside the server in one pod, the two must agree on RCON.

/** itzg's backup image for the Minecraft server's world. */
const MC_BACKUP_IMAGE = /^(?:docker\.io\/)?itzg\/mc-backup(?::|@|$)/;

/** The RCON_HOST values that name the pod itself, where the server runs beside mc-backup. */
const POD_ITSELF = ['localhost', '127.0.0.1', '::1'];

/** A container's env as a map, or an empty one where it is none. Pure. */
function envOf(container: PropContainerMounts): Record<string, unknown> {
  const env = container.container.env;
  return env !== null && typeof env === 'object' && !Array.isArray(env) ? env as Record<string, unknown> : {};
}

/** Whether the server's `ENABLE_RCON` turns RCON off: the image opens it unless the value is other than `true` or `on`. Pure. */
function rconTurnedOff(env: Record<string, unknown>): boolean {
  const enabled = env.ENABLE_RCON;
  return typeof enabled === 'string' && !['true', 'on'].includes(enabled.trim().toLowerCase());
}

/** `Secret <name> key <key>`, as messages name where a password is read from. Pure. */
const secretKey = (reference: SecretReference): string => `Secret ${reference.secretName} key ${reference.key}`;

/** The name of a container for messages: the app's own for the main one. Pure. */
const containerName = (container: PropContainerMounts): string => (typeof container.container.name === 'string' ? container.container.name : 'the backup container');

/**
 * The disagreements about RCON between itzg's Minecraft Java server and itzg/mc-backup in the same pod (RCON_HOST left
 * at localhost): the server's `ENABLE_RCON` turning RCON off, on that variable; mc-backup's `RCON_PASSWORD` read from
 * another Secret key than the server's, or given while the server sets none (the image then makes a random one at each
 * start), on the backup's variable. Each makes mc-backup exit before its first copy, restarting without end. A password
 * read from a file (`RCON_PASSWORD_FILE`) is not judged. Pure.
 */
export function minecraftBackupRconProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  const server = containers.find(({ container }) => typeof container.image === 'string' && MINECRAFT_JAVA_IMAGE.test(container.image));
  if (server === undefined) {
    return [];
  }
  const serverEnv = envOf(server);
  const backups = containers.filter(({ container }) => typeof container.image === 'string' && MC_BACKUP_IMAGE.test(container.image))
    .filter((backup) => {
      const host = envOf(backup).RCON_HOST;
      return host === undefined || (typeof host === 'string' && POD_ITSELF.includes(host.trim().toLowerCase()));
    });
  return backups.flatMap((backup): PropProblem[] => {
    const env = envOf(backup);
    const name = containerName(backup);
    const exits = `mc-backup (container ${name}) exits with "Unable to turn saving off. Is the server running?" before its first copy and restarts without end: no backup is taken`;
    if (rconTurnedOff(serverEnv)) {
      return [{
        field: `${server.prefix}env.ENABLE_RCON`,
        message: `ENABLE_RCON is "${String(serverEnv.ENABLE_RCON)}", which closes the server's RCON, and mc-backup beside it pauses saving over RCON around each copy: ${exits}`,
        hint: 'leave RCON on (drop ENABLE_RCON): its port stays inside the cluster as long as no route or load balancer names it',
      }];
    }
    if ('RCON_PASSWORD_FILE' in env || 'RCON_PASSWORD_FILE' in serverEnv) {
      return [];
    }
    const given = env.RCON_PASSWORD;
    const serverGiven = serverEnv.RCON_PASSWORD;
    if (given instanceof SecretReference && serverGiven instanceof SecretReference
      && (given.namespace !== serverGiven.namespace || given.secretName !== serverGiven.secretName || given.key !== serverGiven.key)) {
      return [{
        field: `${backup.prefix}env.RCON_PASSWORD`,
        message: `mc-backup reads RCON_PASSWORD from ${secretKey(given)}, and the server from ${secretKey(serverGiven)}: two keys hold two passwords, the server refuses mc-backup's, and ${exits}`,
        hint: `read the server's: ${backup.prefix}env: { RCON_PASSWORD: <the SecretReference of the server's RCON_PASSWORD> } (${secretKey(serverGiven)})`,
      }];
    }
    return given !== undefined && serverGiven === undefined ? [{
      field: `${backup.prefix}env.RCON_PASSWORD`,
      message: `mc-backup is given an RCON_PASSWORD, and the server none, so the image makes a random RCON password at each start: the server refuses mc-backup's, and ${exits}`,
      hint: 'give the server the same password: env: { RCON_PASSWORD: <the same SecretReference> }, which both containers read',
    }] : [];
  });
}
