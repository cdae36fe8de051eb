import type { IConstruct } from 'constructs';
import type { BodySize } from '../platform/body-size';
import { envPropVariables, ownEnvProblems, type GivenEnvVariable, type OwnEnvVariable } from './own-env';
import { ownVolumeProblems } from './own-volumes';
import { volumeSourceProblems } from './volumes';
import { rejectPropProblems, requireProps, type PropProblem, type PropRules, type PropShape } from '../validation/known-props';

/** How a service construct built on an App checks the props the user gave it. */
export interface ServicePropsCheck {
  /** The construct's name in findings (`Ollama`). */
  readonly what: string;
  /** The props as the user gave them. */
  readonly props: unknown;
  /** Their shape. */
  readonly shape: PropShape;
  /** Required props and the like. @default {} */
  readonly rules?: PropRules;
  /**
   * The volumes the service mounts itself, by name, each with what the user writes instead to change it
   * (`set \`storage\``): a `persistence` entry of the user's under one of these names is an error.
   * @default {}
   */
  readonly ownVolumes?: Readonly<Record<string, string>>;
  /**
   * The variables the service's pod relies on (where the server listens or keeps its data), by name: one the
   * user's `env` sets to a value it does not accept is an error on `env.<name>`. @default {}
   */
  readonly ownEnv?: Readonly<Record<string, OwnEnvVariable>>;
  /**
   * Variables the user gave through props other than `env` (Forgejo's `settings`), judged against `ownEnv` as
   * `env` is. @default []
   */
  readonly givenEnv?: readonly GivenEnvVariable[];
  /**
   * The service's props that give its volumes, by volume name (`{ data: 'storage' }`, or the path of the volume
   * inside a prop, `media.volume`): a finding about such a volume (its source, or its claim's tier, access mode
   * or size) names the prop rather than the App's `persistence` entry built from it.
   * @default {}
   */
  readonly volumeProps?: Readonly<Record<string, string>>;
  /**
   * Variables the service writes from props of its own, by name, each with that prop (`{ GITEA__database__HOST:
   * 'database.postgres.host' }`): a finding about such a variable of the rendered pod names the prop the user
   * wrote rather than `env.<name>`, which the user never wrote. @default {}
   */
  readonly envProps?: Readonly<Record<string, string>>;
  /**
   * The prop the service writes into its image's tag (`version`), and its repository's release scheme: a
   * tag that names a release line is reported there rather than on the App's `image`. @default - none
   */
  readonly versionProp?: ServiceVersionProp;
  /** Problems of values the shape cannot judge (a version written as an image), once the shape holds. @default - none */
  readonly problems?: () => readonly PropProblem[];
  /**
   * The largest request body the service's uploads need (image uploads, git pushes), from the project's own
   * reverse-proxy documentation: each of its routes lets at least this through unless it sets
   * `maxBodySize`. @default - the ingress' own limit
   */
  readonly routeBodySize?: BodySize;
}

/** The prop a service writes into its image's tag, and how its repository numbers releases. */
export interface ServiceVersionProp {
  /** The prop, e.g. `version`. */
  readonly field: string;
  /** How many numbers a release of the repository has, e.g. 3 for `11.0.3`. */
  readonly parts: number;
  /** A release to show in the hint, e.g. `11.0.3`. */
  readonly example: string;
}

// The App's props a service builds from its own (an image from `version`, a persistence entry from
// `storage`) would otherwise be judged first, and a finding would name a prop the user never wrote.
const CHECKS = new WeakMap<object, ServicePropsCheck>();

/**
 * The props a caller handed a service construct, as an object to read its options from: `{}` for `null`, a
 * list or anything else that is no object (JavaScript, `as any`), which the construct reports on its props
 * through {@link appPropsOfService} given the props as they came.
 */
export function servicePropsObject<T extends object>(given: T | null | undefined): T {
  return typeof given === 'object' && given !== null && !Array.isArray(given) ? given : ({} as T);
}

/** `copy` of `appProps`, marked as `appProps` is (see {@link appPropsOfService}). */
export function withServiceMark<T extends object>(appProps: object, copy: T): T {
  const check = CHECKS.get(appProps);
  return check === undefined ? copy : appPropsOfService(copy, check);
}

/** Marks `appProps` as built by a service from the props `check` judges, and returns it. */
export function appPropsOfService<T extends object>(appProps: T, check: ServicePropsCheck): T {
  CHECKS.set(appProps, check);
  return appProps;
}

/**
 * Judges the service's own props on `scope` (the App being built) before the App's props built from
 * them; throws `PropsRejected` after reporting when they do not hold. Nothing for a plain App.
 */
export function checkServiceProps(scope: IConstruct, appProps: unknown): void {
  const check = typeof appProps === 'object' && appProps !== null ? CHECKS.get(appProps) : undefined;
  if (check) {
    requireProps(scope, check.what, check.props, check.shape, check.rules ?? {});
    const persistence = (check.props as { persistence?: unknown } | undefined)?.persistence;
    const built = (appProps as { persistence?: Record<string, { volume?: unknown } | undefined> }).persistence ?? {};
    rejectPropProblems(scope, check.what, [
      ...ownVolumeProblems(check.what, persistence, check.ownVolumes ?? {}),
      ...ownEnvProblems(check.what, [...envPropVariables((check.props as { env?: unknown } | undefined)?.env), ...check.givenEnv ?? []], check.ownEnv ?? {}),
      ...Object.entries(check.volumeProps ?? {}).flatMap(([name, prop]) => volumeSourceProblems(built[name]?.volume, prop)),
      ...check.problems?.() ?? [],
    ]);
  }
}

/**
 * The problems of a variable `addEnv` gives the main container of a service built from `appProps`: one that
 * replaces a variable its pod relies on (see `ServicePropsCheck.ownEnv`) with a value it does not accept, as
 * the `env` prop would; none for a plain App.
 */
export function serviceEnvProblems(appProps: unknown, name: string, value: unknown, field: string): PropProblem[] {
  const check = typeof appProps === 'object' && appProps !== null ? CHECKS.get(appProps) : undefined;
  return check?.ownEnv ? ownEnvProblems(check.what, [{ name, value, field }], check.ownEnv) : [];
}

/** The service's props that gave the App's volumes, by volume name (see `ServicePropsCheck.volumeProps`); none for a plain App. */
export function serviceVolumeProps(appProps: unknown): Readonly<Record<string, string>> {
  return (typeof appProps === 'object' && appProps !== null ? CHECKS.get(appProps)?.volumeProps : undefined) ?? {};
}

/**
 * How a finding names an App prop of the service built from `appProps`: `env.<name>` of a variable the service
 * writes from a prop of its own as that prop (see `ServicePropsCheck.envProps`), any other prop as `inTermsOf`
 * names it; for a plain App, every prop as `inTermsOf` does. Returned as a function that holds only that table
 * and `inTermsOf`, not the props.
 */
export function serviceWrittenProp(appProps: unknown, inTermsOf: (prop: string) => string): (prop: string) => string {
  const envProps = (typeof appProps === 'object' && appProps !== null ? CHECKS.get(appProps)?.envProps : undefined) ?? {};
  return (prop) => (prop.startsWith('env.') && Object.prototype.hasOwnProperty.call(envProps, prop.slice(4)) ? envProps[prop.slice(4)] : inTermsOf(prop));
}

/** The largest request body a service's routes let through unless they say (see `ServicePropsCheck.routeBodySize`); none for a plain App. */
export function serviceRouteBodySize(appProps: unknown): BodySize | undefined {
  return typeof appProps === 'object' && appProps !== null ? CHECKS.get(appProps)?.routeBodySize : undefined;
}

/** The prop a service wrote its image's tag in (see `ServicePropsCheck.versionProp`); none for a plain App. */
export function serviceVersionProp(appProps: unknown): ServiceVersionProp | undefined {
  return typeof appProps === 'object' && appProps !== null ? CHECKS.get(appProps)?.versionProp : undefined;
}

/**
 * Whether a finding may name a prop of the construct built from `appProps`: every prop of a plain App, and of
 * a service only its own props (Ollama's `memoryLimit`, not the App's `ports` it wrote itself) and the App's
 * calls the user made on it (`addVolume(<name>)`, `addPort`).
 * Returned as a function that holds only the service's prop shape, not the props.
 */
export function servicePropNamer(appProps: unknown): (prop: string) => boolean {
  const check = typeof appProps === 'object' && appProps !== null ? CHECKS.get(appProps) : undefined;
  const checked = check !== undefined;
  const shape = check?.shape;
  return (prop) => {
    if (!checked || /^(containers\.[^.]+\.)?(add[A-Z]\w*|mount)\b/.test(prop)) {
      return true;
    }
    const top = prop.split(/[.[]/)[0];
    return typeof shape === 'object' && Object.prototype.hasOwnProperty.call(shape, top);
  };
}
