import type { IConstruct } from 'constructs';
import { InputError } from '../validation/input-error';
import { isSize } from '../validation/quantity';
import { describeValue } from '../inventory/problems';

/** What is wrong with a quantity and how to write it. */
export interface QuantityProblem {
  /** What is wrong, as a finding's message. */
  readonly message: string;
  /** How to write it, as a finding's hint. */
  readonly hint: string;
}

const MEBIBYTE = 1024 * 1024;
const GIBIBYTE = 1024 * MEBIBYTE;

/**
 * The Kubernetes size meant by a size written as docker, compose and most people write it: `512m`, `1g`,
 * `2GB`, `1.5gb` (docker's units are binary; in Kubernetes `m` is thousandths and `GB` no unit), or a byte
 * count given as a number. Undefined when `value` is no such spelling. `fromCompose` says the value was
 * written for docker, whose `512M` is 512Mi; otherwise a spelling Kubernetes reads as it is (`512M`) is its own.
 */
export function dockerSizeMeant(value: unknown, fromCompose = false): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    if (value < MEBIBYTE) {
      return `${value}Mi`; // a small bare number is mebibytes with the unit left out, never bytes
    }
    return value % GIBIBYTE === 0 ? `${value / GIBIBYTE}Gi` : `${Math.round(value / MEBIBYTE)}Mi`;
  }
  const spelled = typeof value === 'string' ? /^(\d+(?:\.\d+)?|\.\d+)\s*([kmgtKMGT])(?:i?[bB])?$/.exec(value.trim()) : null;
  return spelled && (fromCompose || !isSize(value)) ? `${spelled[1]}${spelled[2].toUpperCase()}i` : undefined;
}

/**
 * The Kubernetes size meant by one whose binary unit is written in the wrong case (`256mi`, `1GI`): its unit as
 * Kubernetes spells it. Undefined for any other value.
 */
function unitCaseMeant(value: unknown): string | undefined {
  const written = typeof value === 'string' ? /^(\d+(?:\.\d+)?|\.\d+)\s*([kmgtpe])i$/i.exec(value.trim()) : null;
  return written && !isSize(value) ? `${written[1]}${written[2].toUpperCase()}i` : undefined;
}

/** The hint for a size that is none: the docker spelling's Kubernetes form, or the unit in its case, where there is one. */
function sizeHint(value: unknown): string {
  const cased = unitCaseMeant(value);
  if (cased !== undefined) {
    return `write '${cased}': Kubernetes' units are written in their case (Ki, Mi, Gi, Ti)`;
  }
  const meant = dockerSizeMeant(value);
  if (meant === undefined) {
    return 'write a number with a unit, such as 512Mi, 1.5Gi, 50Gi or 2T';
  }
  return typeof value === 'number'
    ? `write it as a string with a unit: '${meant}' (a bare number is bytes)`
    : `write '${meant}': docker's ${String(value).trim()} is ${meant} here (${/\dm$/.test(String(value).trim())
      ? 'in Kubernetes m means thousandths' : "Kubernetes' units are Ki, Mi, Gi, Ti, or k, M, G, T"})`;
}

/** What is wrong with a size with a unit (`512Mi`, `1.5Gi`, `600Gi`, `2T`), as `field` of some props; undefined when nothing is. */
export function sizeProblem(quantity: unknown, field = 'size'): QuantityProblem | undefined {
  if (quantity === undefined || quantity === null) {
    // Left out (a claim written without its size): nothing to read as a size.
    const name = field.split('.').pop();
    return { message: `${name} is missing`, hint: `give ${name} a number with a unit, such as '10Gi' or '512Mi'` };
  }
  if (typeof quantity === 'string' && /^0*(?:\.0*)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)$/.test(quantity) && /\d/.test(quantity)) {
    // The format is right; the amount is what no volume or container can have.
    return { message: `${field.split('.').pop()} ${describeValue(quantity)} is zero`, hint: 'give a size above zero, such as 512Mi or 1Gi' };
  }
  return isSize(quantity) ? undefined : { message: `${describeValue(quantity)} is not a size`, hint: sizeHint(quantity) };
}

/**
 * Checks a Kubernetes size with a unit (`512Mi`, `1.5Gi`, `600Gi`, `2T`) and returns it. Anything else is bad input:
 * an `InputError` that synthesis reports with `field` against `scope`, or the construct being built when none is
 * given (a size read while an app renders, after later constructs were built, names its own app).
 */
export function parseSize(quantity: string, field = 'size', scope?: IConstruct): string {
  const problem = sizeProblem(quantity, field);
  if (problem) {
    throw new InputError(problem.message, field, problem.hint, scope);
  }
  return quantity;
}

/** A CPU quantity as Kubernetes takes it: millicores (`250m`) or cores (`2`, `0.5`, `.5`). */
const CPU = /^([1-9]\d*m|\d+(\.\d+)?|\.\d+)$/;

/**
 * The Kubernetes CPU quantity meant by a CPU amount written another way: docker's `0.5 cpus`, `1 core`,
 * `500M` for millicores, `50%` of a core. Undefined when `value` is no such spelling.
 */
export function cpuMeant(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  const cores = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:cpus?|cores?|vcpus?)$/i.exec(text);
  if (cores) {
    return cores[1];
  }
  const milli = /^([1-9]\d*)\s*(?:M|mc|millicores?|millicpus?)$/.exec(text);
  if (milli) {
    return `${milli[1]}m`;
  }
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  return percent && Number(percent[1]) > 0 ? `${Math.round(Number(percent[1]) * 10)}m` : undefined;
}

/**
 * The most cores a bare number (no `m`) is taken to mean. Above it, `500` or `2000` is millicores written
 * without their unit: Kubernetes would reserve 500 cores, which no home-lab host has, and the pod would
 * never be scheduled.
 */
export const MOST_CORES = 64;

/** What is wrong with a CPU quantity (`250m`, `2`, `0.5`); undefined when nothing is. */
export function cpuProblem(quantity: unknown): QuantityProblem | undefined {
  const text = String(quantity);
  if ((typeof quantity === 'string' || typeof quantity === 'number') && CPU.test(text) && Number(text.replace(/m$/, '')) !== 0) {
    return text.endsWith('m') || Number(text) <= MOST_CORES ? undefined : {
      message: `${describeValue(quantity)} is ${text} cores, more than any home-lab host has`,
      hint: `${/^\d+$/.test(text) ? `write '${text}m' for ${text} millicores` : 'write millicores with m, such as 500m'} (a number without m is cores: '2', '0.5')`,
    };
  }
  const meant = cpuMeant(quantity);
  return {
    message: `${describeValue(quantity)} is not a CPU quantity`,
    hint: meant !== undefined
      ? `write '${meant}' (cores as a number, or millicores with m: docker's cpus: 0.5 is 0.5 or 500m here)`
      : 'write millicores such as 250m, or cores such as 2 or 0.5 (docker\'s cpus: 0.5 is 0.5 or 500m here)',
  };
}

/** Checks a CPU quantity (`250m`, `2`, `0.5`) and returns it in Kubernetes notation; anything else is an `InputError`. */
export function parseCpu(quantity: string | number, field = 'cpu'): string {
  const problem = cpuProblem(quantity);
  if (problem) {
    throw new InputError(problem.message, field, problem.hint);
  }
  return String(quantity);
}
