import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// Docmost validates its environment as it starts and exits ("The Environment variables has failed the following
// validations … Exiting program") when DATABASE_URL, REDIS_URL or APP_SECRET is missing, or when a connection URL
// does not start with its scheme (postgres:// or postgresql://, redis:// or rediss://). Redis is no option there: its
// queues and collaboration run on it, so a lab that leaves REDIS_URL out, or writes it `redis:6379` as a compose
// file's host and port, restarts the pod forever.

/** Docmost's image, on Docker Hub and GitHub's registry. */
export const DOCMOST_IMAGE = /^((docker\.io|ghcr\.io)\/)?docmost\/docmost(?=[:@]|$)/;

/** The settings Docmost requires, each with the schemes a URL of it takes (none for the secret) and what a hint writes. */
const REQUIRED: ReadonlyArray<{ readonly name: string; readonly schemes: readonly string[]; readonly example: string }> = [
  { name: 'DATABASE_URL', schemes: ['postgres', 'postgresql'], example: "SecretReference.external('<namespace>', '<secret>', 'database-url') holding postgresql://docmost:<password>@postgres:5432/docmost" },
  { name: 'REDIS_URL', schemes: ['redis', 'rediss'], example: "'redis://redis:6379'" },
  { name: 'APP_SECRET', schemes: [], example: "SecretReference.external('<namespace>', '<secret>', 'app-secret'), 32 characters or more" },
];

/**
 * A container of Docmost's image, run by its own entrypoint (`command` unset), whose environment its start refuses:
 * a required setting left out (an error on `env`), or a connection URL written without its scheme (`redis:6379`, an
 * error on that variable, whose hint writes the scheme). A value from a Secret is trusted. Pure.
 */
export function docmostEnvProblems(list: readonly PropContainerMounts[]): PropProblem[] {
  return list.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !DOCMOST_IMAGE.test(container.image) || container.command !== undefined) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const missing = REQUIRED.filter(({ name }) => env[name] === undefined || env[name] === null || env[name] === '');
    const unschemed = REQUIRED.filter(({ name, schemes }) => {
      const value = env[name];
      return schemes.length > 0 && typeof value === 'string' && value !== '' && !schemes.some((scheme) => value.toLowerCase().startsWith(`${scheme}://`));
    });
    return [
      ...(missing.length === 0 ? [] : [{
        field: `${prefix}env`,
        message: `Docmost requires ${missing.map(({ name }) => name).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not set: it validates its environment as it starts and exits without ${missing.length > 1 ? 'them' : 'it'}, so the pod restarts forever`,
        hint: `set ${missing.map(({ name, example }) => `${name}: ${example}`).join('; ')}`,
      }]),
      ...unschemed.map(({ name, schemes }) => ({
        field: `${prefix}env.${name}`,
        message: `${name} "${String(env[name])}" does not start with ${schemes.map((scheme) => `${scheme}://`).join(' or ')}: Docmost refuses it as it starts and exits, so the pod restarts forever`,
        hint: `write the URL with its scheme: ${name}: '${schemes[0]}://${String(env[name]).replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}'`,
      })),
    ];
  });
}
