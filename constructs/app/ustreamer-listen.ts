import type { PropProblem } from '../validation/known-props';
import { propContainers, type PropContainersProps } from './prop-containers';

// µStreamer (ustreamer), the webcam streamer of Klipper's and OctoPrint's camera stacks (crowsnest runs it too),
// listens on 127.0.0.1 unless `--host` (`-s`) names another address: in a pod that is the pod's own loopback, which
// neither its Service nor the ingress controller reaches, so Mainsail, Fluidd, OctoPrint and the route show no
// picture. prind's image (mkuf/ustreamer) starts it with `--host=0.0.0.0 --port=8080` as its CMD, which the
// container's `args` replace: a camera's options given there (compose's `command:`) drop the address with them.

/** prind's ustreamer image, whose entrypoint is ustreamer and whose CMD listens on every address. */
export const USTREAMER_IMAGE = /^((docker\.io|ghcr\.io)\/)?mkuf\/ustreamer(?=[:@]|$)/;

/** A loopback address, as ustreamer's `--host` takes it. */
const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;

/** The words of a command line, or undefined when it is no list of words. */
function wordsOf(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

/**
 * The address ustreamer's options give it to listen on (`--host=0.0.0.0`, `--host 0.0.0.0`, `-s 0.0.0.0`), with the
 * index of the word that holds it; `'socket'` where it serves a Unix socket (`--unix`, `-U`), as a sidecar's proxy
 * may read it; undefined where none is given. Pure.
 */
function listenAddress(options: readonly string[]): { readonly address: string; readonly at: number } | 'socket' | undefined {
  for (let i = 0; i < options.length; i++) {
    const word = options[i];
    if (/^(--unix(=|$)|-U)/.test(word)) {
      return 'socket';
    }
    const joined = /^(?:--host=|-s(?=.))(.+)$/.exec(word);
    if (joined !== null) {
      return { address: joined[1], at: i };
    }
    if ((word === '--host' || word === '-s') && i + 1 < options.length) {
      return { address: options[i + 1], at: i + 1 };
    }
  }
  return undefined;
}

/**
 * Containers that serve ports and run ustreamer listening on the loopback: the image's entrypoint given `args`
 * without `--host`, or a `command` that runs ustreamer (`/opt/ustreamer/ustreamer`, `ustreamer`) without it, or
 * with `--host` naming a loopback address. One error per container, on the word of the loopback address or else
 * on the prop whose words run it, whose hint adds `--host=0.0.0.0`. An init container, which serves nothing, a
 * shell's script and a Unix socket are left alone. `app` is the main container's name. Pure.
 */
export function ustreamerListenProblems(props: PropContainersProps | null | undefined, app: string): PropProblem[] {
  return propContainers(props, app).flatMap(({ container, prefix }): PropProblem[] => {
    if (prefix.startsWith('initContainers') || !Array.isArray(container.ports) || container.ports.length === 0) {
      return [];
    }
    const command = wordsOf(container.command);
    const args = wordsOf(container.args) ?? [];
    const fromImage = command === undefined && typeof container.image === 'string' && USTREAMER_IMAGE.test(container.image) && container.args !== undefined;
    const words = command === undefined ? args : [...command, ...args];
    // The image's entrypoint is ustreamer itself, so its options start with args; a command names it among its words.
    const found = command === undefined ? -1 : words.findIndex((word) => /(^|\/)ustreamer(\.bin)?$/.test(word));
    if (!fromImage && found < 0) {
      return [];
    }
    const start = fromImage ? 0 : found + 1;
    const options = words.slice(start);
    const listen = listenAddress(options);
    if (listen === 'socket' || (listen !== undefined && !LOOPBACK.test(listen.address))) {
      return [];
    }
    // Where a word of the joined command line was written: the command's words come first.
    const placeOf = (index: number): { readonly prop: 'command' | 'args'; readonly at: number } => (command !== undefined && index < command.length
      ? { prop: 'command', at: index } : { prop: 'args', at: index - (command?.length ?? 0) });
    const place = listen === undefined ? { prop: args.length > 0 || fromImage ? 'args' as const : 'command' as const, at: -1 } : placeOf(start + listen.at);
    const written = place.prop === 'command' ? command ?? [] : args;
    const fixed = place.at < 0 ? [...written, '--host=0.0.0.0'] : written.map((word, i) => (i === place.at ? word.replace(listen!.address, '0.0.0.0') : word));
    const field = `${prefix}${place.prop}${place.at < 0 ? '' : `[${place.at}]`}`;
    const why = fromImage && listen === undefined
      ? `args replace the CMD of ${container.image} (--host=0.0.0.0 --port=8080), so ustreamer listens on 127.0.0.1, its own default`
      : listen === undefined ? 'ustreamer listens on 127.0.0.1 unless --host names another address' : `ustreamer is told to listen on ${listen.address}`;
    const hint = `listen on every address of the pod: ${prefix}${place.prop}: [${fixed.map((word) => `'${word}'`).join(', ')}]`;
    return [{
      field,
      message: `${why}: in the pod that is its own loopback, which neither its Service nor a route reaches, so the webcam's stream and snapshots answer no one`,
      hint,
    }];
  });
}
