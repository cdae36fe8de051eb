/**
 * A variable of Flux's `postBuild` substitution, `${NAME}` (`$${NAME}` is its escape of a literal). The output
 * of this library is applied without it, so the text stays as written.
 */
export const FLUX_PLACEHOLDER = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;

/** The name of the first Flux placeholder in `value` (`NS` of `web-${NS}`), or undefined when it holds none. Pure. */
export function fluxPlaceholderName(value: unknown): string | undefined {
  return typeof value === 'string' ? FLUX_PLACEHOLDER.exec(value)?.[1] : undefined;
}

/**
 * What a Flux placeholder `${name}` left in `value` does and how to write the value instead: the one wording of
 * an object's field and of a prop that holds one (an App's namespace, a route's host), so the user reads the
 * same cause wherever the placeholder was written. `outcome` says what would get the placeholder. Pure.
 */
export function fluxPlaceholderProblem(value: string, name: string, outcome: string): { readonly message: string; readonly hint: string } {
  return {
    message: `"${value.length > 80 ? `${value.slice(0, 80)}…` : value}" holds \${${name}}, a variable of Flux's postBuild substitution, which this output is applied without: ${outcome}`,
    hint: "write the value itself (in TypeScript: a constant, or the site's facts such as site.domain, where the old repository had its cluster-settings)",
  };
}
