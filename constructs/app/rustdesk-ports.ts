import type { PropProblem } from '../validation/known-props';

// RustDesk's ID server, hbbs, takes TCP and UDP on the same port (21116 unless `-p` names another): TCP for hole
// punching and connections, UDP for the clients' ID registration and heartbeats. A port declared for TCP alone
// leaves the Service without the UDP one, and every client stays "not ready" however its TCP is open.

/** RustDesk's server images: the plain one runs what its command names, the s6 one runs hbbs and hbbr by itself. */
const RUSTDESK_SERVER_IMAGE = /^(docker\.io\/|ghcr\.io\/)?rustdesk\/rustdesk-server(-s6)?(?=[:@]|$)/;

/** The words of the app's start: its command, then its args, as far as each is a list of strings. */
const startWords = (props: RustdeskProps): string[] => [props.command, props.args]
  .flatMap((words) => (Array.isArray(words) ? words.filter((word): word is string => typeof word === 'string') : []));

/** The props of an App that this check reads. */
export interface RustdeskProps {
  readonly image?: unknown;
  readonly command?: unknown;
  readonly args?: unknown;
  readonly ports?: unknown;
}

/** The port hbbs listens on: the value of `-p`/`--port` among its words (`-p 21116`, `--port=21116`), 21116 when none. Pure. */
export function hbbsPort(words: readonly string[]): number {
  for (let i = 0; i < words.length; i++) {
    const joined = /^--port=(\d+)$/.exec(words[i]);
    const value = joined?.[1] ?? (words[i] === '-p' || words[i] === '--port' ? words[i + 1] : undefined);
    if (value !== undefined && /^\d+$/.test(value)) {
      return Number(value);
    }
  }
  return 21116;
}

/**
 * An App running hbbs (the s6 image, or the plain image whose command or args start with `hbbs`) that declares its
 * registration port for TCP without the same port for UDP: one problem on that port, whose hint adds the UDP one.
 * Pure.
 */
export function rustdeskPortProblems(props: RustdeskProps): PropProblem[] {
  const image = props.image;
  const match = typeof image === 'string' ? RUSTDESK_SERVER_IMAGE.exec(image) : null;
  const words = startWords(props);
  const first = words[0]?.split('/').pop();
  if (match === null || !Array.isArray(props.ports) || (match[2] === undefined && first !== 'hbbs')) {
    return [];
  }
  const port = hbbsPort(words);
  const ports = props.ports as ReadonlyArray<{ readonly name?: unknown; readonly port?: unknown; readonly protocol?: unknown }>;
  const isUdp = (entry: (typeof ports)[number]) => entry?.protocol === 'UDP';
  const tcp = ports.findIndex((entry) => entry?.port === port && !isUdp(entry));
  if (tcp < 0 || ports.some((entry) => entry?.port === port && isUdp(entry))) {
    return [];
  }
  return [{
    field: `ports[${tcp}]`,
    message: `hbbs takes its clients' ID registration and heartbeats on UDP ${port}, and the app declares ${port} for TCP alone: `
      + 'its Service would carry no UDP port, and every client would stay "not ready" however its TCP connects',
    hint: `declare the port for UDP too: { name: 'id-udp', port: ${port}, protocol: 'UDP' }`,
  }];
}
