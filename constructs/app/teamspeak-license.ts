import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';
import { imageRows } from './image-rows';

// TeamSpeak's servers start only once their license is accepted: the server prints the license, says how to
// accept it and exits. Its images take the acceptance from their env, as their compose examples write it.

/** A TeamSpeak server image and how it is told the license is accepted. */
interface TeamSpeakServer {
  readonly image: RegExp;
  readonly server: string;
  /** The variable that accepts the license, with `accept` as its value. */
  readonly variable: string;
}

const TEAMSPEAK_SERVERS: readonly TeamSpeakServer[] = [
  // The official image of TeamSpeak 3 (Docker Hub's `teamspeak`); ts3server reads the variable itself.
  { image: /^(?:docker\.io\/)?(?:library\/)?teamspeak(?=[:@]|$)/, server: 'the TeamSpeak 3 server', variable: 'TS3SERVER_LICENSE' },
  { image: /^(?:docker\.io\/)?teamspeaksystems\/teamspeak6-server(?=[:@]|$)/, server: 'the TeamSpeak 6 server', variable: 'TSSERVER_LICENSE_ACCEPTED' },
];

/** A word of the command line that accepts the license itself (ts3server's `license_accepted=1`, an `--accept-license` flag). */
const LICENSE_WORD = /licen[sc]e/i;

/**
 * Containers of a TeamSpeak server image whose license is not accepted: without the variable (and no word of its
 * command line about the license) an error on `image`, with another value than `accept` (`true`, `yes`, `1`) one on
 * that variable, as the server exits at start in both cases. A value that is no text is the env check's. Pure.
 */
export function teamSpeakLicenseProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }): PropProblem[] => {
    const image = container.image;
    const server = typeof image === 'string' ? imageRows(TEAMSPEAK_SERVERS, image)[0] : undefined;
    if (server === undefined) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' && !Array.isArray(container.env) ? container.env as Record<string, unknown> : {};
    const hint = `${prefix}env: { ${server.variable}: 'accept' } accepts TeamSpeak's license, as the image's documentation asks`;
    const value = env[server.variable];
    if (value === undefined) {
      const words = [container.command, container.args].flatMap((w) => (Array.isArray(w) ? w : []));
      return words.some((word) => typeof word === 'string' && LICENSE_WORD.test(word)) ? [] : [{
        field: `${prefix}image`,
        message: `image "${image as string}" runs ${server.server}, which prints its license and exits at start until the license is accepted, and env has no ${server.variable}`,
        hint,
      }];
    }
    return typeof value === 'string' && value.trim() !== 'accept' ? [{
      field: `${prefix}env.${server.variable}`,
      message: `${server.variable} is "${value}", and ${server.server} takes the word accept alone as accepting its license: it exits at start`,
      hint,
    }] : [];
  });
}
