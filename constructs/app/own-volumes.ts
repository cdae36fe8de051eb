import type { PropProblem } from '../validation/known-props';

/**
 * The `persistence` entries a user gave a service construct under the name of a volume the service
 * mounts itself. The App takes one volume per name, so such an entry would replace the service's own
 * (Forgejo's repositories, Ollama's models) without a word, where the prop promises volumes beside it.
 * `ownVolumes` maps each of the service's volume names to what the user writes instead to change it.
 * Pure.
 */
export function ownVolumeProblems(what: string, persistence: unknown, ownVolumes: Readonly<Record<string, string>>): PropProblem[] {
  if (typeof persistence !== 'object' || persistence === null || Array.isArray(persistence)) {
    return []; // the shape is reported with the props
  }
  return Object.keys(persistence).filter((name) => Object.prototype.hasOwnProperty.call(ownVolumes, name)).map((name) => ({
    field: `persistence.${name}`,
    message: `persistence.${name} has the name of a volume ${what} mounts itself; it would replace that volume, not sit beside it`,
    hint: `${ownVolumes[name]}; a volume of your own beside it needs another name, e.g. persistence: { 'extra-${name}': … }`,
  }));
}

/**
 * `ownVolumes` for the volumes a service built (`own`): each name with its entry of `described`, else
 * `otherwise` (for volumes named by position, such as the node folders `host-0`, `host-1`). Pure.
 */
export function ownVolumesOf(own: Readonly<Record<string, unknown>>, described: Readonly<Record<string, string>>, otherwise: string): Record<string, string> {
  return Object.fromEntries(Object.keys(own).map((name) => [name, described[name] ?? otherwise]));
}
