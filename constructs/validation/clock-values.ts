import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { objectFinding } from './manifest';
import { textMarks } from './text-marks';
import { CONTENT_FIELDS, firstTextField } from './unset-values';

/** A Unix time in seconds (10 digits) or milliseconds (13 digits) standing alone, as `String(Date.now())` writes it. */
const EPOCH = /(?<!\d)(\d{13}|\d{10})(?!\d)/g;
/** A date with its time of day, as `new Date().toISOString()` writes it, or with `-` for `:` and `.` as a label takes it. */
const DATE_TIME = /(\d{4}-\d\d-\d\d)T(\d\d)[:-](\d\d)(?:[:-](\d\d)(?:[.-](\d{1,9}))?)?(Z|[+-]\d\d:?\d\d)?/g;
/** `Math.random()` as text: `0.` and the fourteen or more digits of a double, with no other digit or dot around. */
const RANDOM = /(?<![\d.])0\.(\d{14,})(?![\d.])/;
/** A digit five times over: a fraction computed (1 / 3, 0.1 + 0.2 as 0.30000000000000004), which Math.random() seldom gives. */
const COMPUTED_FRACTION = /(\d)\1{4}/;

/** Whether `text` holds a number of Math.random(). Pure. */
function holdsRandom(text: string): boolean {
  const digits = RANDOM.exec(text)?.[1];
  return digits !== undefined && !COMPUTED_FRACTION.test(digits);
}

/**
 * How far before this process began a reading of the clock is still taken for one of this run: a worker
 * thread's own start comes later than the work it may be handed, and the lab's modules may load before.
 */
const EARLIEST_BEFORE_START_MS = 10 * 60_000;

/** Kinds whose pod template an app's props write, whose findings name the app. */
const POD_TEMPLATE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** The time `text` gives as a date with its time of day, in milliseconds, or NaN. Pure. */
function dateTimeMs(match: RegExpMatchArray): number {
  const [, day, hours, minutes, seconds = '00', fraction, zone = 'Z'] = match;
  return Date.parse(`${day}T${hours}:${minutes}:${seconds}${fraction === undefined ? '' : `.${fraction.slice(0, 3)}`}${zone}`);
}

/** What in `text` was read from the clock while this run went on (between `from` and `to`), or undefined. */
function clockReadingIn(text: string, from: number, to: number): string | undefined {
  const during = (ms: number): boolean => ms >= from && ms <= to;
  for (const match of text.matchAll(EPOCH)) {
    if (during(match[1].length === 13 ? Number(match[1]) : Number(match[1]) * 1000)) {
      return match[1];
    }
  }
  for (const match of text.matchAll(DATE_TIME)) {
    if (during(dateTimeMs(match))) {
      return match[0];
    }
  }
  return undefined;
}

/**
 * Text of a rendered object that holds the time of this very run (`Date.now()`, `new Date().toISOString()`,
 * in seconds or milliseconds) or a number of `Math.random()`: each synth writes another value, so `dist/`
 * changes on every run though nothing of the lab did, and the GitOps engine applies a change (a new pod
 * template rolls the pods) on every commit. A time is taken for this run's when it lies between shortly
 * before the process began and now, which no time written by hand does for longer than minutes. The
 * contents of a ConfigMap's or a Secret's file are read for times alone: a file may hold long fractions.
 * One finding per object, on the first such field.
 */
export function checkClockValues(cluster: SynthesizedCluster): Finding[] {
  const to = Date.now() + 60_000;
  const from = performance.timeOrigin - EARLIEST_BEFORE_START_MS;
  // One value is most often written into several objects (an app's labels go on its workload, Service and
  // policy): it is reported once, on a workload where one holds it, whose fields name the app's props.
  const byText = new Map<string, { object: SynthesizedObject; field: string; word: string; others: number }>();
  for (const object of cluster.objects) {
    if (!textMarks(object.manifest, cluster.renderedFiles?.get(object.manifest)).clockReading) {
      continue;
    }
    const found = clockValueField(object, from, to);
    if (found === undefined) {
      continue;
    }
    const seen = byText.get(found.text);
    if (seen === undefined) {
      byText.set(found.text, { object, field: found.field, word: found.word, others: 0 });
    } else if (!POD_TEMPLATE_KINDS.has(String(seen.object.manifest.kind)) && POD_TEMPLATE_KINDS.has(String(object.manifest.kind))) {
      byText.set(found.text, { object, field: found.field, word: found.word, others: seen.others + 1 });
    } else {
      seen.others += 1;
    }
  }
  return [...byText].map(([text, { object, field, word, others }]) => {
    const random = word === 'random';
    return objectFinding(object, {
      layer: 'references', severity: 'error', field,
      message: `"${text}" holds ${random ? 'a number of Math.random()' : `${word}, the time this synth ran`}`
        + `${others === 0 ? '' : ` (as ${others} other object${others === 1 ? '' : 's'} of the cluster do${others === 1 ? 'es' : ''})`}: `
        + 'each run writes another value, so dist/ changes though the lab did not and the GitOps engine applies a change on every commit',
      hint: random
        ? 'write a fixed value; a name that must change with the contents it names (a ConfigMap rolled into the pods) takes a hash of those contents'
        : "write a fixed value (a version, or a date written by hand), or leave it out: Git's history tells when each change was made",
    });
  });
}

/** The first field of `object` whose text holds a reading of the clock between `from` and `to`, or of Math.random(). */
function clockValueField(object: SynthesizedObject, from: number, to: number): { readonly field: string; readonly text: string; readonly word: string } | undefined {
  const contents = CONTENT_FIELDS[String(object.manifest.kind)] ?? [];
  // A workload's spec first: its pod template's labels name the app's `labels` prop, its own metadata's do not.
  const ordered = POD_TEMPLATE_KINDS.has(String(object.manifest.kind)) ? { spec: object.manifest.spec, ...object.manifest } : object.manifest;
  const outside = firstTextField(ordered, contents, (text) => clockReadingIn(text, from, to) ?? (holdsRandom(text) ? 'random' : undefined));
  if (outside !== undefined || contents.length === 0) {
    return outside;
  }
  const manifest = object.manifest as Record<string, unknown>;
  for (const key of contents) {
    const inside = manifest[key] === undefined ? undefined : firstTextField({ [key]: manifest[key] }, [], (text) => clockReadingIn(text, from, to));
    if (inside !== undefined) {
      return inside;
    }
  }
  return undefined;
}
