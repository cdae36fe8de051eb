import type { PropProblem } from '../validation/known-props';
import type { PersistenceProps } from './volumes';

/**
 * A variable a service's pod relies on: where the server listens or keeps its data, which the service's
 * Service, probes, route and volumes are built for. A user's value it does not accept would leave the
 * pod listening on a port nothing reaches, or writing its data to a read-only root or to no volume.
 */
export interface OwnEnvVariable {
  /** Whether a value keeps the pod working (the service's own value, or one equal to it). */
  readonly accepts: (value: string) => boolean;
  /** What the service relies on the variable for, and what breaks otherwise, as a clause. */
  readonly why: string;
  /** What the user writes instead. */
  readonly instead: string;
}

/** One variable as the user gave it: its name in the pod, its value, and the prop it was written in. */
export interface GivenEnvVariable {
  /** The variable's name in the pod. */
  readonly name: string;
  /** Its value as given (a SecretReference or a field reference is no value here). */
  readonly value: unknown;
  /** The prop it was written in (`env.OLLAMA_HOST`, `settings.server.HTTP_PORT`). */
  readonly field: string;
}

/** `env` props as given variables, each on `env.<name>`. Pure. */
export function envPropVariables(env: unknown): GivenEnvVariable[] {
  if (typeof env !== 'object' || env === null || Array.isArray(env)) {
    return []; // the shape is reported with the props
  }
  return Object.entries(env).map(([name, value]) => ({ name, value, field: `env.${name}` }));
}

/**
 * The variables a user gave a service that replace one its pod relies on (`own`, by name) with a value it
 * does not accept; a value read from a Secret or a field is one synth cannot judge, so it is left alone. Pure.
 */
export function ownEnvProblems(what: string, given: readonly GivenEnvVariable[], own: Readonly<Record<string, OwnEnvVariable>>): PropProblem[] {
  return given.flatMap(({ name, value, field }): PropProblem[] => {
    const variable = Object.prototype.hasOwnProperty.call(own, name) ? own[name] : undefined;
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (variable === undefined || typeof text !== 'string' || variable.accepts(text)) {
      return [];
    }
    return [{
      field,
      message: `${field} is "${text}", but ${what} relies on ${name}: ${variable.why}`,
      hint: variable.instead,
    }];
  });
}

/** The mount paths of the writable `persistence` entries the user gave (shape checked with the props). Pure. */
export function writableMountPaths(persistence: unknown): string[] {
  if (typeof persistence !== 'object' || persistence === null) {
    return [];
  }
  return Object.values(persistence as Record<string, PersistenceProps | undefined>).flatMap((entry) => (entry?.readOnly
    ? []
    : [entry?.mountPath, ...(entry?.mounts ?? []).filter((m) => !m.readOnly).map((m) => m.mountPath)]
  ).filter((path): path is string => typeof path === 'string').map((path) => path.replace(/\/+$/, '')));
}

/** Whether `path` is one of `folders` or lies below one, without climbing out with `..`. Pure. */
export function pathWithin(path: string, folders: readonly string[]): boolean {
  return !path.split('/').includes('..') && folders.some((folder) => path === folder || path.startsWith(`${folder}/`));
}
