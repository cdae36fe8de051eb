import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// ntfy's image runs the `ntfy` command line as its entrypoint and gives it no arguments: started as it is, it prints
// its help and exits, and the pod restarts forever; its guides run it with `serve` (compose's `command: serve`).
// `ntfy serve` then checks its settings before it listens, and stops at once on the ones below (its
// cmd/serve.go): a base URL with a path (a trailing slash is one), an upstream server for iOS without its own base
// URL, and logins or sign-ups without the user database (`auth-file`) they are kept in.

/** ntfy's server image. */
export const NTFY_IMAGE = /^((docker\.io|ghcr\.io)\/)?binwiederhier\/ntfy(?=[:@]|$)/;

/** Where ntfy reads its configuration file unless told otherwise. */
const NTFY_CONFIG_FOLDER = '/etc/ntfy';

/** A setting of `ntfy serve` and the variable and flags that give it (flag over variable over configuration file). */
interface NtfySetting {
  readonly key: string;
  readonly env: string;
  readonly flags: readonly string[];
}

const setting = (key: string, short?: string): NtfySetting => ({
  key, env: `NTFY_${key.toUpperCase().replace(/-/g, '_')}`, flags: [`--${key}`, `--${key.replace(/-/g, '_')}`, ...(short === undefined ? [] : [`-${short}`])],
});

const BASE_URL = setting('base-url', 'B');
const UPSTREAM_BASE_URL = setting('upstream-base-url');
const AUTH_FILE = setting('auth-file', 'H');
const CONFIG_FILE: NtfySetting = { key: 'config', env: 'NTFY_CONFIG_FILE', flags: ['--config', '-c'] };
/** The switches that keep accounts, each of which ntfy refuses without `auth-file`. */
const ACCOUNT_SWITCHES = ['enable-login', 'enable-signup', 'enable-reservations'].map((key) => setting(key));

/** What a container gives a setting: its value as written (text, or a reference to a Secret) and the field it is at. */
interface GivenSetting {
  readonly value: unknown;
  readonly field: string;
}

/**
 * The value `container` gives setting `of`, the one ntfy takes: a flag's (`--base-url=…`, `--base-url …`; a switch
 * written alone is `true`) before the variable's. Undefined where neither gives it. Pure.
 */
function givenSetting({ container, prefix }: PropContainerMounts, of: NtfySetting, isSwitch = false): GivenSetting | undefined {
  const args = Array.isArray(container.args) ? container.args.map(String) : [];
  for (let i = args.length - 1; i >= 0; i--) {
    const flag = of.flags.find((f) => args[i] === f || args[i].startsWith(`${f}=`));
    if (flag !== undefined) {
      const value = args[i].length > flag.length ? args[i].slice(flag.length + 1) : isSwitch ? 'true' : args[i + 1] ?? '';
      return { value, field: `${prefix}args` };
    }
  }
  const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
  return env[of.env] === undefined ? undefined : { value: env[of.env], field: `${prefix}env.${of.env}` };
}

/** The files and folders `ntfy serve` creates as it starts, each on a volume or on the root filesystem. */
const STATE_SETTINGS: ReadonlyArray<{ readonly setting: NtfySetting; readonly holds: string }> = [
  { setting: AUTH_FILE, holds: 'its user database' },
  { setting: setting('cache-file', 'C'), holds: 'its message cache' },
  { setting: setting('attachment-cache-dir'), holds: 'its attachments' },
  { setting: setting('web-push-file'), holds: 'its web push subscriptions' },
];

/** Whether a switch's value is on, as Go's strconv.ParseBool reads it. */
const switchedOn = (value: unknown): boolean => typeof value === 'string' && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value.trim());

/** Whether a configuration file may give ntfy settings the env and arguments leave out: one is named, or mounted where ntfy looks. */
function mayReadConfigFile(entry: PropContainerMounts): boolean {
  return givenSetting(entry, CONFIG_FILE) !== undefined
    || [...entry.mountPaths].some((path) => path === NTFY_CONFIG_FOLDER || path.startsWith(`${NTFY_CONFIG_FOLDER}/`) || NTFY_CONFIG_FOLDER.startsWith(`${path}/`) || path === '/etc');
}

/** What is wrong with the base URL `value` ntfy is given at `field`: no http(s) URL, or one with a path. Pure. */
function baseUrlProblem(value: string, field: string): PropProblem | undefined {
  const url = /^(https?):\/\/([^/?#]+)(.*)$/.exec(value.trim());
  if (url === null) {
    return { field, message: `base-url "${value}" is no http:// or https:// URL, which ntfy refuses as it starts: the pod restarts forever`, hint: `write the URL people reach ntfy at: 'https://ntfy.example.com'` };
  }
  if (url[3] === '') {
    return undefined;
  }
  const bare = `${url[1]}://${url[2]}`;
  return {
    field,
    message: url[3] === '/'
      ? `base-url "${value}" ends with a slash, which ntfy refuses as it starts ("must not end with a slash"): the pod restarts forever`
      : `base-url "${value}" has a path, which ntfy refuses as it starts (it cannot be served under a path): the pod restarts forever`,
    hint: `write the URL without ${url[3] === '/' ? 'the slash' : 'a path (route ntfy on a host of its own)'}: '${bare}'`,
  };
}

/**
 * What keeps an ntfy container (the image's entrypoint kept) from serving: no `serve` among its arguments (an error on
 * `args`), and the settings `ntfy serve` refuses as it starts, each an error on the variable or arguments that give it.
 * A setting left out is judged only where no configuration file may give it; a file it keeps, where no volume holds it. Pure.
 */
export function ntfyServerProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap((entry): PropProblem[] => {
    const { container, prefix } = entry;
    if (typeof container.image !== 'string' || !NTFY_IMAGE.test(container.image) || container.command !== undefined) {
      return [];
    }
    const args = Array.isArray(container.args) ? container.args.map(String) : [];
    if (!args.includes('serve') || args[0] === 'ntfy') {
      return [{
        field: `${prefix}args`,
        message: args.length === 0
          ? `${container.image} runs the ntfy command line, which given no command prints its help and exits: the pod would restart forever and serve nothing`
          : `${container.image} already runs ntfy as its entrypoint, so args ${JSON.stringify(args)} run \`ntfy ${args.join(' ')}\`, not its server: it exits and the pod restarts forever`,
        hint: "args: ['serve'] (the image's entrypoint is ntfy itself, as compose's `command: serve` says)",
      }];
    }
    const problems: PropProblem[] = [];
    const base = givenSetting(entry, BASE_URL);
    const upstream = givenSetting(entry, UPSTREAM_BASE_URL);
    const wrongBase = typeof base?.value === 'string' ? baseUrlProblem(base.value, base.field) : undefined;
    if (wrongBase !== undefined) {
      problems.push(wrongBase);
    }
    if (upstream !== undefined && base === undefined && !mayReadConfigFile(entry)) {
      problems.push({
        field: upstream.field,
        message: 'upstream-base-url is set without base-url, which ntfy refuses as it starts ("if upstream-base-url is set, base-url must also be set"): it names its topics to the upstream server by its own URL',
        hint: `set the URL people reach ntfy at as well: env: { ${BASE_URL.env}: 'https://ntfy.example.com' }`,
      });
    }
    problems.push(...unmountedStateProblems(entry));
    if (givenSetting(entry, AUTH_FILE) === undefined && !mayReadConfigFile(entry)) {
      for (const switched of ACCOUNT_SWITCHES) {
        const given = givenSetting(entry, switched, true);
        if (given !== undefined && switchedOn(given.value)) {
          problems.push({
            field: given.field,
            message: `${switched.key} is on without auth-file, which ntfy refuses as it starts ("cannot set enable-signup, enable-login, enable-reserve-topics … if auth-file is not set"): users are kept in that database`,
            hint: `keep the user database on a volume and name it: env: { ${AUTH_FILE.env}: '/var/lib/ntfy/user.db' } with a claim mounted at /var/lib/ntfy`,
          });
        }
      }
    }
    return problems;
  });
}

/**
 * The files and folders ntfy is told to keep (`auth-file`, `cache-file`, …) at a path no volume of the container holds,
 * on the read-only root: SQLite cannot create the file there, so ntfy stops as it starts. Pure.
 */
function unmountedStateProblems(entry: PropContainerMounts): PropProblem[] {
  if (entry.container.exemptions?.writableRootFilesystem !== undefined) {
    return [];
  }
  return STATE_SETTINGS.flatMap(({ setting: of, holds }): PropProblem[] => {
    const given = givenSetting(entry, of);
    const path = typeof given?.value === 'string' ? given.value.trim() : '';
    // The app mounts an emptyDir at /tmp on the read-only root.
    if (given === undefined || !path.startsWith('/') || [...entry.mountPaths, '/tmp'].some((m) => path === m || path.startsWith(`${m.replace(/\/+$/, '')}/`))) {
      return [];
    }
    const folder = of.key.endsWith('-dir') ? path.replace(/\/+$/, '') : path.slice(0, path.lastIndexOf('/')) || '/';
    return [{
      field: given.field,
      message: `${of.key} ${path} keeps ${holds} on no volume of the container: on the read-only root ntfy cannot create it and stops as it starts`,
      hint: `mount a claim there, which keeps it across restarts: persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '${folder}' } }`,
    }];
  });
}
