import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// restic's REST server image (`restic/rest-server`) has no ENTRYPOINT: its CMD is `/entrypoint.sh`, which runs
// `rest-server --path "$DATA_DIRECTORY" --htpasswd-file "$PASSWORD_FILE" $OPTIONS` and reads its flags from `OPTIONS`
// alone. A pod's `args` replace that CMD, so flags given there, as the server's own README writes them
// (`--append-only --private-repos`), are run as the program: the container fails with "executable file not found".
// Started as `rest-server` itself, the server keeps its repositories in its default `--path`, `/tmp/restic`, which is
// the pod's scratch emptyDir: every backup is lost with the pod, and `.htpasswd` is looked for there too.

/** restic's REST server image, on Docker Hub or GitHub's registry. */
const REST_SERVER_IMAGE = /^((docker\.io|ghcr\.io)\/)?restic\/rest-server(?=[:@]|$)/;

/** The folder the server keeps its repositories in unless `--path` says otherwise. */
const DEFAULT_PATH = '/tmp/restic';

/** The words of a line as text, a word of another kind (a lazy value) as empty. Pure. */
const words = (line: unknown): string[] => (Array.isArray(line) ? line.map((word) => (typeof word === 'string' ? word : '')) : []);

/** Quoted for the hint's TypeScript. Pure. */
const quoted = (list: readonly string[]): string => list.map((word) => `'${word}'`).join(', ');

/**
 * A container of restic's REST server image that would not run as its owner meant: flags in `args` with no `command`,
 * which Kubernetes runs in place of the image's start script (an error on the first word, whose hint moves them to
 * `OPTIONS`); or the server started by name (in `command`, or as the first word of `args`) without `--path`, which
 * keeps the repositories in the scratch `/tmp/restic` (an error on that word, whose hint names the data volume). A
 * shell line is left alone. Pure.
 */
export function restServerStartProblems(list: readonly PropContainerMounts[]): PropProblem[] {
  return list.flatMap(({ container, prefix, mountPaths }): PropProblem[] => {
    if (typeof container.image !== 'string' || !REST_SERVER_IMAGE.test(container.image)) {
      return [];
    }
    const command = words(container.command);
    const args = words(container.args);
    if (command.length === 0 && args[0]?.startsWith('-') === true) {
      return [{
        field: `${prefix}args[0]`,
        message: `the image restic/rest-server has no entrypoint: args replace its start script (/entrypoint.sh), so Kubernetes runs "${args[0]}" as the program and the container fails with "executable file not found"; the start script reads the server's flags from OPTIONS alone`,
        hint: `give the flags in OPTIONS and drop args: env: { OPTIONS: '${args.join(' ')}' }`,
      }];
    }
    const line = command.length > 0 ? [...command, ...args] : args;
    const key = command.length > 0 ? 'command' : 'args';
    const program = line[0]?.split('/').pop();
    if (program !== 'rest-server' || line.some((word) => word === '--path' || word.startsWith('--path='))) {
      return [];
    }
    const data = [...mountPaths].find((path) => path === '/data') ?? [...mountPaths].find((path) => path !== '/tmp') ?? '/data';
    return [{
      field: `${prefix}${key}[0]`,
      message: `rest-server is started without --path, so it keeps every repository in its default ${DEFAULT_PATH}, on the pod's scratch /tmp: the backups are lost with the pod, whatever volume the container mounts`,
      hint: `name the repositories' volume: ${key}: [${quoted([...(key === 'command' ? command : args), '--path', data])}]; or leave ${key} out and give the flags in env.OPTIONS, as the image's start script passes --path ${data} itself`,
    }];
  });
}
