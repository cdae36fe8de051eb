import type { PropProblem } from '../validation/known-props';
import { imageTag } from './image-tag';
import { envReadFromSource, propEnvValue, underMount } from './prop-containers';
import type { PropContainerMounts } from './prop-containers';

// ClickHouse's image sets its users up as it starts: its entrypoint writes /etc/clickhouse-server/users.d/default-user.xml
// (with `cat > …` under `set -e`) whenever CLICKHOUSE_USER other than `default`, CLICKHOUSE_PASSWORD or
// CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT is set, and from 25.1.3 on also when none is, to close the password-less `default`
// user to every host but the pod's own loopback. CLICKHOUSE_SKIP_USER_SETUP=1 skips that step. On a read-only root
// with nothing mounted at that folder the write fails and the entrypoint exits before the server starts.

/** The official ClickHouse server images: `clickhouse/clickhouse-server`, Docker's `clickhouse` and the older `yandex/clickhouse-server`. */
export const CLICKHOUSE_IMAGE = /^(docker\.io\/)?((clickhouse|yandex)\/clickhouse-server|(library\/)?clickhouse)(?=[:@]|$)/;

/** The folder the entrypoint writes its user file in. */
const USERS_FOLDER = '/etc/clickhouse-server/users.d';

/** The variables that make the entrypoint write a user of their own, in the order the message names them. */
const USER_VARIABLES = ['CLICKHOUSE_PASSWORD', 'CLICKHOUSE_USER', 'CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT'] as const;

/**
 * Whether the image's entrypoint closes the password-less `default` user to other hosts, which it does from 25.1.3
 * on: a tag that names such a release, or one that names none (`latest`, `head`, no tag). Pure.
 */
export function closesDefaultUser(image: string): boolean {
  const tag = imageTag(image);
  if (tag === undefined || /^(latest|head)(-|$)/.test(tag)) {
    return true;
  }
  const release = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (release === null) {
    return false;
  }
  const [major, minor, patch] = [Number(release[1]), Number(release[2]), release[3] === undefined ? undefined : Number(release[3])];
  // A line named without its patch (`25.1`) takes the newest build of that line.
  return major > 25 || (major === 25 && (minor > 1 || (minor === 1 && (patch === undefined || patch >= 3))));
}

/** The variable whose value makes the entrypoint write a user of its own, or undefined. Pure. */
function userVariable(env: unknown): string | undefined {
  return USER_VARIABLES.find((name) => {
    const value = propEnvValue(env, name);
    if (value === undefined || value === null) {
      return false;
    }
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
    // A value from a Secret is a value; written out, the entrypoint's own defaults write nothing.
    return text === undefined || !(text === '' || (name === 'CLICKHOUSE_USER' && text === 'default') || (name === 'CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT' && text === '0'));
  });
}

/**
 * Containers of ClickHouse's image whose entrypoint would write its user file on the read-only root filesystem, with
 * nothing mounted at `/etc/clickhouse-server/users.d` or above: one error each, on the variable that makes it write
 * (`env.CLICKHOUSE_PASSWORD`), or on `image` where a release from 25.1.3 writes it unasked. A writable root, a
 * replaced entrypoint (`command`), args that run another command than the server and
 * `CLICKHOUSE_SKIP_USER_SETUP: '1'` (or read from a ConfigMap or a Secret) are left alone. Where a volume there lets the file be written, a release from 25.1.3
 * given no user that serves ports is an error on `image` too: its default user answers the pod's loopback alone. Pure.
 */
export function clickhouseUserSetupProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const image = container.image;
    const args = Array.isArray(container.args) ? container.args : [];
    if (typeof image !== 'string' || !CLICKHOUSE_IMAGE.test(image) || container.command !== undefined
      || (args.length > 0 && !String(args[0]).startsWith('--')) || container.exemptions?.writableRootFilesystem !== undefined
      || envReadFromSource(container.env, 'CLICKHOUSE_SKIP_USER_SETUP') || String(propEnvValue(container.env, 'CLICKHOUSE_SKIP_USER_SETUP') ?? '').trim() === '1') {
      return [];
    }
    const variable = userVariable(container.env);
    if (variable === undefined && !closesDefaultUser(image)) {
      return [];
    }
    if (underMount(USERS_FOLDER, entry.mountPaths)) {
      // The file is written: a release that closes the default user then answers other pods' clients with "Authentication failed".
      return variable === undefined && Array.isArray(container.ports) && container.ports.length > 0 ? [{
        field: `${prefix}image`,
        message: `"${image}" (ClickHouse 25.1.3 and later), given no user, closes its password-less default user to every host but the pod's own `
          + 'loopback as it starts: every client that reaches it through its Service is refused with "Authentication failed"',
        hint: `${prefix}env.CLICKHOUSE_SKIP_USER_SETUP: '1' keeps the default user open to the apps its network policy admits; or give it a user `
          + 'with CLICKHOUSE_USER and CLICKHOUSE_PASSWORD from a Secret, which its clients then log in as',
      }] : [];
    }
    const containers = prefix === '' ? '' : `, containers: ['${String(container.name)}']`;
    const folder = `users: { volume: AppVolume.emptyDir(), mountPath: '${USERS_FOLDER}'${containers} }`;
    if (variable !== undefined) {
      return [{
        field: `${prefix}env.${variable}`,
        message: `${variable} makes the entrypoint of "${image}" write the user it sets up to ${USERS_FOLDER}/default-user.xml as it starts, `
          + 'on the read-only root filesystem: the write fails and the entrypoint exits before the server starts',
        hint: `mount an emptyDir there: persistence: { ${folder} }`,
      }];
    }
    return [{
      field: `${prefix}image`,
      message: `"${image}" (ClickHouse 25.1.3 and later) writes ${USERS_FOLDER}/default-user.xml as it starts, to close the password-less `
        + 'default user to other hosts, on the read-only root filesystem: the write fails and the entrypoint exits before the server starts',
      hint: `${prefix}env.CLICKHOUSE_SKIP_USER_SETUP: '1' keeps the default user open to the apps its network policy admits, as Plausible's `
        + `compose file does; or give it a user with CLICKHOUSE_USER and CLICKHOUSE_PASSWORD from a Secret and mount an emptyDir there: persistence: { ${folder} }`,
    }];
  });
}
