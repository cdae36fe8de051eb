import { DNS1035_LABEL, DNS1123_LABEL, NameRule, nameMeant, nameProblem, nameRuleOf } from '../validation/dns-names';
import type { AppController } from './controller';
import type { AppPort } from './props';

/** What an app's id names besides its workload. */
export interface AppNameUse {
  /** The app's ports at construction: with any, the id also names a Service. */
  readonly ports?: readonly AppPort[];
  /** The app's controller. @default - a Deployment */
  readonly controller?: AppController;
  /** The app's LoadBalancer Service, if it has one (named `<id>-lb`). @default - none */
  readonly loadBalancer?: unknown;
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

/** An object the app names after its id with something added, and the longest id that leaves room for it. */
interface DerivedName {
  readonly what: string;
  readonly maxLength: number;
}

/** A Service named `<id><suffix>`: the whole name is an RFC 1035 label. */
function suffixed(suffix: string, what: string): DerivedName {
  return { what: `${what} <id>${suffix}`, maxLength: DNS1035_LABEL.maxLength - suffix.length };
}

/** The object whose name leaves the id the least room, if any besides the workload's own. */
function tightestName(use: AppNameUse): DerivedName | undefined {
  const derived: DerivedName[] = [];
  if (use.controller?.kind === 'CronJob') {
    derived.push({ what: "its CronJob, whose Jobs' names add 11 characters", maxLength: nameRuleOf('CronJob').maxLength });
  }
  if (use.ports?.some((p) => p?.nodePort !== undefined)) {
    derived.push(suffixed('-nodeport', 'its NodePort Service'));
  }
  if (use.controller?.kind === 'StatefulSet') {
    derived.push({ what: "its StatefulSet, whose pods' revision label adds up to 11 characters", maxLength: nameRuleOf('StatefulSet').maxLength });
  }
  if (use.controller?.kind === 'StatefulSet' && namesService(use)) {
    derived.push(suffixed('-headless', 'its headless Service'));
  }
  if (use.loadBalancer !== undefined) {
    derived.push(suffixed('-lb', 'its LoadBalancer Service'));
  }
  return derived.sort((a, b) => a.maxLength - b.maxLength)[0];
}

/** The longest id an app used as `use` says may have: room is left for the names it makes from it. */
export function appNameMaxLength(use: AppNameUse): number {
  return Math.min(appNameRule(use).maxLength, tightestName(use)?.maxLength ?? Infinity);
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
    return `the app's id also names ${tightestName(use)!.what}: "${id}" is ${id.length} characters long, and may have at most ${maxLength}`;
  }
  return undefined;
}

/**
 * The id `id` most likely means as an app used as `use` says: in lower case, other characters a '-', a
 * leading digit dropped where the id names a Service, cut to the room its derived names leave; undefined
 * when nothing of it is left. Pure.
 */
export function appNameMeant(id: string, use: AppNameUse): string | undefined {
  const rule = appNameRule(use);
  const start = rule === DNS1035_LABEL ? id.replace(/^[^a-zA-Z]+/, '') : id;
  return nameMeant(start, { ...rule, maxLength: appNameMaxLength(use) }) ?? (start !== id && appNameProblem(start, use) === undefined ? start : undefined);
}
