import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// Nextcloud's cron.php and occ stop unless they run as the user who owns config/config.php ("Console has to be
// executed with the user that owns the file config/config.php"). The official images' entrypoint, started as root,
// installs and upgrades as www-data, so config.php is never root's: run as root, each background-job run exits 1.

/** Nextcloud's official images, Apache's and PHP-FPM's. */
const NEXTCLOUD_IMAGE = /^(?:docker\.io\/)?(?:library\/)?nextcloud(?=[:@]|$)/;

/** A command line that runs Nextcloud's background jobs or its console. */
const CONSOLE_RUN = /(?:^|[\s/])(?:cron\.php|occ)(?=\s|$|;|&|\|)/;

/** www-data of the image: 82 on the Alpine tags, 33 on the Debian ones. */
function wwwDataOf(image: string): number {
  return /alpine/.test(image) ? 82 : 33;
}

/**
 * Containers of Nextcloud's images that run `cron.php` or `occ` as root (`exemptions.runAsRoot`), as a server's props
 * copied into a CronJob do: one error per container on that exemption, whose hint runs it as www-data. A container
 * run as another user is left alone, as a server run as that user owns config.php itself. Pure.
 */
export function nextcloudConsoleUserProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }): PropProblem[] => {
    const image = container.image;
    const words = [container.command, container.args].flatMap((list) => (Array.isArray(list) ? list.map(String) : []));
    const ran = CONSOLE_RUN.exec(words.join(' '));
    if (typeof image !== 'string' || !NEXTCLOUD_IMAGE.test(image) || ran === null || container.exemptions?.runAsRoot === undefined) {
      return [];
    }
    const script = ran[0].trim().replace(/^\//, '');
    const user = wwwDataOf(image);
    return [{
      field: `${prefix}exemptions.runAsRoot`,
      message: `the container runs Nextcloud's ${script} as root, and ${script} runs only as the owner of config/config.php, which the image's entrypoint `
        + `makes www-data's (${user}): every run would stop with "Console has to be executed with the user that owns the file config/config.php"`,
      hint: `leave ${prefix}exemptions.runAsRoot out and run it as www-data: ${prefix}runAsUser: ${user}, ${prefix}runAsGroup: ${user}`,
    }];
  });
}
