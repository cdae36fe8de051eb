import { load } from 'js-yaml';

/** A configuration file's text read as YAML, when it is a mapping; undefined for anything else or text YAML cannot read. Pure. */
export function yamlMapping(text: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = load(text);
  } catch {
    return undefined;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
}
