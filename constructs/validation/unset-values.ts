import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { objectFinding } from './manifest';
import { textMarks } from './text-marks';

/**
 * What JavaScript writes into text for a value that is not there: `undefined` for an unset environment
 * variable or a missing property (`${process.env.TAG}`, `${cfg.domain}`), `NaN` for a number read from
 * nothing (`${Number(process.env.PORT)}`), `[object Object]` for an object where its name or address was
 * meant (`${nas}`). The word stands alone or begins a unit (`undefinedGi`); a word of prose or code
 * (`undefinedness`, `NaNo`) is no such value.
 */
const UNSET_VALUE = /(?<![A-Za-z0-9])(undefined|NaN)(?![a-z0-9])|\[object Object\]/;

/** Fields that hold a file's or a secret's bytes, whose words are the file's own (a script may say `undefined`). */
export const CONTENT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ConfigMap: ['data', 'binaryData'],
  Secret: ['data', 'stringData'],
  SealedSecret: ['spec'],
};

/** What text built from `word` came from, for a finding's hint. Pure. */
function unsetValueHint(word: string): string {
  if (word === '[object Object]') {
    return 'an object was written into text (`${host}`): write the fact meant, e.g. `${host.address}`, or the name the object gives';
  }
  return `${word === 'NaN' ? 'a number was read from text that holds none (Number(process.env.X) of an unset variable)'
    : 'a value that is not set was written into text: an environment variable of the machine that runs synth (`${process.env.X}`), '
      + 'a missing property, or one read before it was set (app.routeHostname before addRoute)'}; `
    + "set it, or give a default (process.env.X ?? '…'), or leave the field out";
}

/**
 * Text of a rendered object that holds `undefined`, `NaN` or `[object Object]`, where a template literal
 * or `+` wrote a value that was not there: the API server takes `nginx:undefined` or
 * `www.undefined.example.com` as they are, and the mistake shows only when the pod or route fails. Only
 * text without blanks is read (a name, an address, a path, a URL, a size): prose and scripts may say the
 * words. One finding per object, on the first such field.
 */
export function checkUnsetValues(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    // The words are rare: an object none of whose text holds one is passed over without writing a field path.
    if (!textMarks(object.manifest, cluster.renderedFiles?.get(object.manifest)).unsetWord) {
      continue;
    }
    const found = unsetValueField(object);
    if (found !== undefined) {
      findings.push(objectFinding(object, {
        layer: 'references', severity: 'error', field: found.field,
        message: `"${found.text}" holds ${found.word}: text built from a value that was not there`,
        hint: unsetValueHint(found.word),
      }));
    }
  }
  return findings;
}

/** The first field of `object` whose text holds an unset value, outside the fields of file contents. */
function unsetValueField(object: SynthesizedObject): { readonly field: string; readonly text: string; readonly word: string } | undefined {
  return firstTextField(object.manifest, CONTENT_FIELDS[String(object.manifest.kind)] ?? [], (value) => {
    if ((value.includes('undefined') || value.includes('NaN') || value.includes('[object')) && !/\s/.test(value.replace('[object Object]', ''))) {
      const match = UNSET_VALUE.exec(value);
      return match ? match[1] ?? match[0] : undefined;
    }
    return undefined;
  });
}

/**
 * The first text under `manifest` (in key order, outside its top-level `skipped` fields) of which `word`
 * finds something, with its field path and what it found.
 */
export function firstTextField(
  manifest: object, skipped: readonly string[], word: (text: string) => string | undefined,
): { readonly field: string; readonly text: string; readonly word: string } | undefined {
  let found: { field: string; text: string; word: string } | undefined;
  const walk = (value: unknown, field: string): boolean => {
    if (typeof value === 'string') {
      const seen = word(value);
      if (seen !== undefined) {
        found = { field, text: value, word: seen };
        return true;
      }
      return false;
    }
    if (Array.isArray(value)) {
      return value.some((item, i) => walk(item, `${field}[${i}]`));
    }
    if (value !== null && typeof value === 'object') {
      return Object.entries(value).some(([key, item]) => !(field === '' && skipped.includes(key)) && walk(item, field === '' ? key : `${field}.${key}`));
    }
    return false;
  };
  walk(manifest, '');
  return found;
}
