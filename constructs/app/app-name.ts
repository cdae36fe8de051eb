import { DNS1035_LABEL, DNS1123_LABEL, NameRule, nameProblem, nameRuleOf } from '../validation/dns-names';
import type { AppController } from './controller';
import type { AppPort } from './props';

/** What an app's id names besides its workload. */
export interface AppNameUse {
  /** The app's ports at construction: with any, the id also names a Service. */
  readonly ports?: readonly AppPort[];
  /** The app's controller. @default - a Deployment */
  readonly controller?: AppController;
}

/** Whether the id of an app used as `use` says also names a Service. */
function namesService(use: AppNameUse): boolean {
  return (use.ports?.length ?? 0) > 0 || use.controller?.kind === 'KnativeService';
}

/**
 * The naming rule an app's id must follow. It names the workload, the main container and the pods' label
 * `app.kubernetes.io/name` (an RFC 1123 label), and a Service when the app has ports or runs as a Knative
 * Service (an RFC 1035 label: no leading digit).
 */
export function appNameRule(use: AppNameUse): NameRule {
  return namesService(use) ? DNS1035_LABEL : DNS1123_LABEL;
}

/** The longest id an app used as `use` says may have: a CronJob leaves room for the suffix of its Jobs. */
export function appNameMaxLength(use: AppNameUse): number {
  const label = appNameRule(use).maxLength;
  return use.controller?.kind === 'CronJob' ? Math.min(label, nameRuleOf('CronJob').maxLength) : label;
}

/** Why `id` cannot name an app used as `use` says, or undefined when it can. */
export function appNameProblem(id: string, use: AppNameUse): string | undefined {
  const named = namesService(use) ? 'its workload, container, pod label and Service' : 'its workload, container and pod label';
  const problem = nameProblem(id, appNameRule(use));
  if (problem !== undefined) {
    return `the app's id names ${named}: ${problem}`;
  }
  const maxLength = appNameMaxLength(use);
  if (id.length > maxLength) {
    return `the app's id names its CronJob: "${id}" is ${id.length} characters long; a CronJob's name may have at most ${maxLength}, as its Jobs' names add 11`;
  }
  return undefined;
}
