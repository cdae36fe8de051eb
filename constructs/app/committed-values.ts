import type { PropProblem } from '../validation/known-props';
import { envLiteralProblem, floatingImageProblem, neverPulledProblem } from '../validation/policy';
import { commandLineSecrets } from '../validation/command-secrets';

/** The props of an App, or of one of its containers, that the policy judges before the pod is rendered. */
interface CommittedValues {
  readonly image?: unknown;
  readonly imagePullPolicy?: unknown;
  readonly env?: unknown;
  readonly command?: unknown;
  readonly args?: unknown;
}

/**
 * A floating image, an image never pulled and a secret written out in `env`, `command` or `args`, on the props the user wrote
 * (`image`, `env.DB_PASSWORD`, `args[1]`, `sidecars[0].image` with `prefix` `sidecars[0].`), with the hints the policy gives
 * for a rendered pod: the same decision, made where the mistake is. `mayFloat` says the pod states why
 * its images follow a moving tag (a `floatingImage` exemption of the App or of any of its containers); `secretReference` writes
 * the reference a hint gives for the secret of a variable, the lab's own way (read only when one is written). Pure, but for `secretReference`.
 */
export function committedValueProblems(props: CommittedValues | undefined, prefix: string, mayFloat: boolean, secretReference?: (variable: string) => string): PropProblem[] {
  if (props === null || typeof props !== 'object') {
    return []; // the props' shape reports it
  }
  const image = typeof props.image === 'string' && !mayFloat ? floatingImageProblem(props.image) : undefined;
  const env = props.env !== null && typeof props.env === 'object' ? Object.entries(props.env as Record<string, unknown>) : [];
  const neverPulled = neverPulledProblem(props.imagePullPolicy, typeof props.image === 'string' ? props.image : '');
  return [
    ...(image ? [{ field: `${prefix}image`, ...image }] : []),
    ...(neverPulled ? [{ field: `${prefix}imagePullPolicy`, ...neverPulled }] : []),
    ...env.flatMap(([name, value]) => {
      const problem = typeof value === 'string' && value !== '' ? envLiteralProblem(name, value, 'env', props.image, secretReference) : undefined;
      return problem ? [{ field: `${prefix}env.${name}`, ...problem }] : [];
    }),
    ...commandLineSecrets(props.command, props.args).map(({ key, index, message, hint }) => ({ field: `${prefix}${key}[${index}]`, message, hint })),
  ];
}
