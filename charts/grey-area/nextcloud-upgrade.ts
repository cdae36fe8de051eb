import type { OwnerAction } from '../../constructs';
import { LAB_CA_FILE } from './certificates';

/**
 * The major release of an official Nextcloud image (`nextcloud:29.0.16-apache` is 29), or undefined for a
 * tag that names none (`nextcloud:apache`). Pure.
 */
export function nextcloudMajorOf(image: string): number | undefined {
  const major = /:(\d+)(?:[.-]|$)/.exec(image);
  return major ? Number(major[1]) : undefined;
}

/**
 * The owner's step for a new Nextcloud release. The official image upgrades the install in /var/www/html
 * when it starts, but refuses to start on files of a release more than one major behind its own: a jump of
 * two majors in one commit leaves the pod crash-looping. Each raise is one major, and waits for the upgrade
 * to finish. Pure.
 */
export function nextcloudUpgradeStep(image: string, host: string, source: string): OwnerAction {
  const major = nextcloudMajorOf(image);
  const example = major === undefined ? '' : `, ${major} to ${major + 1}, then ${major + 1} to ${major + 2}`;
  return {
    kind: 'manual',
    action: `to move Nextcloud to a newer release, raise its image in ${source} (now ${image}) one major release at a time${example}: `
      + 'the image refuses to start on files of a release more than one major behind its own '
      + '("It is only possible to upgrade one major version at a time") and would only restart. Back up its database and its files on NFS first (the backup step): '
      + 'a release that has migrated them does not start on the earlier one. For each raise, synthesize, commit and push to the repository Argo CD syncs from, and wait until status.php answers '
      + `with the new version (its start upgrades the install; the startup probe gives it an hour) before the next; LAB_CA is the lab CA's ${LAB_CA_FILE}`,
    command: `curl -fsS --cacert "$LAB_CA" https://${host}/status.php`,
  };
}
