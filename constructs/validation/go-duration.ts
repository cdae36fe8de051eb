/** A Go duration as the Flux and Kubernetes APIs take it: numbers with units, largest first or not. */
export const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** Milliseconds of a Go duration (`1m30s`, `200ms`); undefined when `value` is none. */
export function goDurationMilliseconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !GO_DURATION.test(value)) {
    return undefined;
  }
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, amount, , suffix] of value.matchAll(/([0-9]+(\.[0-9]+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * unit[suffix];
  }
  return total;
}

/** Milliseconds of each unit Go's time.ParseDuration takes. */
const GO_UNITS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, '\u00b5s': 1e-3, '\u03bcs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** One number and its unit of a Go duration, read from where the last one ended. */
const GO_PART = /(\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/y;

/**
 * Milliseconds of `value` as Go's time.ParseDuration reads it (what a metav1.Duration field takes): a sign,
 * then numbers each with its unit (`90m`, `1h30m`, `-1.5h`, `300ms`), or a bare `0`; undefined when Go
 * refuses it (`90d`, `1h30`, `2 hours`). Wider than `GO_DURATION`, which is the pattern Flux's schemas hold. Pure.
 */
export function parsedGoDuration(value: string): number | undefined {
  const sign = value.startsWith('-') ? -1 : 1;
  const body = /^[-+]/.test(value) ? value.slice(1) : value;
  if (body === '0') {
    return 0;
  }
  let total = 0;
  let at = 0;
  while (at < body.length) {
    GO_PART.lastIndex = at;
    const part = GO_PART.exec(body);
    if (!part) {
      return undefined;
    }
    total += Number(part[1]) * GO_UNITS[part[2]];
    at = GO_PART.lastIndex;
  }
  return body === '' ? undefined : sign * total;
}

/** Milliseconds of each unit word other tools and people write a duration with, by its lower-case spelling. */
const UNIT_WORDS: ReadonlyArray<[RegExp, number]> = [
  [/^(ms|msecs?|millis(econds?)?)$/, 1],
  [/^(s|secs?|seconds?)$/, 1000],
  [/^(m|mins?|minutes?)$/, 60_000],
  [/^(h|hrs?|hours?)$/, 3_600_000],
  [/^(d|days?)$/, 86_400_000],
  [/^(w|weeks?)$/, 604_800_000],
];

/**
 * Milliseconds of a duration written the way other tools or people write one: words or short units with
 * blanks (`10 minutes`, `10min`, `2 hours 30 mins`, `1d`), a trailing number after hours (`1h30`, read as
 * minutes), ISO 8601 (`PT5M`). Undefined when it reads as none of them. Pure.
 */
export function spokenDurationMilliseconds(value: string): number | undefined {
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(value.trim());
  if (iso && /\d/.test(value)) {
    return (Number(iso[1] ?? 0) * 24 * 3600 + Number(iso[2] ?? 0) * 3600 + Number(iso[3] ?? 0) * 60 + Number(iso[4] ?? 0)) * 1000;
  }
  const text = value.trim().toLowerCase().replace(/(\d)h(\d+)$/, '$1h$2m').replace(/\band\b|,/g, ' ');
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, word] of parts) {
    const unit = UNIT_WORDS.find(([spelling]) => spelling.test(word));
    if (!unit) {
      return undefined;
    }
    total += Number(amount) * unit[1];
  }
  return total;
}

/** `milliseconds` as Go writes a duration, largest unit first: 5 400 000 is `1h30m`, 1 500 is `1500ms`. Pure. */
export function goDurationText(milliseconds: number): string {
  if (milliseconds % 1000 !== 0) {
    return `${milliseconds}ms`;
  }
  const seconds = milliseconds / 1000;
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 || seconds === 0 ? `${s}s` : ''}`;
}
