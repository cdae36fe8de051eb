import type { PropContainer } from './prop-containers';

/** The variables and arguments an image reads one of its settings from (a folder, a port). */
export interface SettingSources {
  /** Variables of the container's env (`GF_PATHS_DATA`). */
  readonly env: readonly string[];
  /** Flags of the container's arguments, given as `--flag=value` or `--flag value`. @default - none */
  readonly flags?: readonly string[];
}

/**
 * The values a container gives a setting of its image through `sources`, in the order the env then the
 * arguments give them: an env value as written (a string, or a reference to a Secret or a ConfigMap), an
 * argument as a string (`''` for a flag left last without its value). Empty when none is given. Pure.
 */
export function givenSettings(container: Pick<PropContainer, 'env' | 'args'>, { env: names, flags = [] }: SettingSources): unknown[] {
  const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
  const args = Array.isArray(container.args) ? container.args.map(String) : [];
  return [
    ...names.map((name) => env[name]),
    ...args.flatMap((arg, i) => flags.flatMap((flag) => (arg === flag ? [args[i + 1] ?? ''] : arg.startsWith(`${flag}=`) ? [arg.slice(flag.length + 1)] : []))),
  ].filter((value) => value !== undefined);
}
