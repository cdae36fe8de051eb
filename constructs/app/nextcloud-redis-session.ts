import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';

/** Nextcloud's official images, Apache's and PHP-FPM's, which share one entrypoint. */
const NEXTCLOUD_IMAGE = /^(docker\.io\/)?(library\/)?nextcloud(?=[:@]|$)/;

/** The file the entrypoint writes, in PHP's folder of settings, which the image gives root. */
const SESSION_INI = '/usr/local/etc/php/conf.d/redis-session.ini';

/**
 * Containers of Nextcloud's images given `REDIS_HOST`, run as the image's server (its own command, or
 * arguments that start Apache or PHP-FPM), not as root on a writable root: the entrypoint (`set -eu`) writes
 * {@link SESSION_INI} to keep PHP's sessions in Redis before it starts the server, which fails on the
 * read-only root, and as a user other than root in root's folder, so the container exits as it starts
 * ("cannot create …/redis-session.ini"). A volume there would hide the settings that load PHP's extensions.
 * One error per container, on its `env.REDIS_HOST`; a replaced entrypoint (`command`) or another command
 * (`args: ['/cron.sh']`) is left alone. `app` is the main container's name. Pure.
 */
export function nextcloudRedisSessionProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const first = Array.isArray(container.args) ? String(container.args[0]) : undefined;
    const exemptions = container.exemptions ?? {};
    if (typeof container.image !== 'string' || !NEXTCLOUD_IMAGE.test(container.image) || env.REDIS_HOST === undefined || container.command !== undefined
      || (first !== undefined && !first.startsWith('apache') && first !== 'php-fpm')
      || exemptions.privileged !== undefined || (exemptions.runAsRoot !== undefined && exemptions.writableRootFilesystem !== undefined)) {
      return [];
    }
    return [{
      field: `${prefix}env.REDIS_HOST`,
      message: `image "${container.image}" runs Nextcloud, whose entrypoint writes ${SESSION_INI} when REDIS_HOST is set, before it starts the server; `
        + 'that folder is root\'s, on the read-only root filesystem: the entrypoint would stop there and the container exit as it starts',
      hint: `leave ${prefix}env.REDIS_HOST out and give Nextcloud its Redis in a file of its config folder (/var/www/html/config/redis.config.php: 'memcache.locking' => '\\OC\\Memcache\\Redis', 'redis' => [ 'host' => … ]), `
        + `where PHP keeps its sessions in files; or run it as the image is built: ${prefix}exemptions: { runAsRoot: '…', writableRootFilesystem: 'its entrypoint writes ${SESSION_INI}' }`,
    }];
  });
}
