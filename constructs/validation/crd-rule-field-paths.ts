import { fields, Fields } from './manifest';

/** One step of a rule's fieldPath: `.name` or `['name']`. */
const STEP = /^(?:\.([A-Za-z_$][A-Za-z0-9_$-]*)|\['((?:[^'\\]|\\.)*)'\])/;

/**
 * The steps of a validation rule's fieldPath, relative to the schema the rule stands in (`.spec.replicas`,
 * `.labels['app.kubernetes.io/name']`), or undefined for a path of another form, which this leaves to the API
 * server (a numeric index, which it refuses, is among them). Pure.
 */
export function fieldPathSteps(fieldPath: string): string[] | undefined {
  const steps: string[] = [];
  let rest = fieldPath;
  while (rest !== '') {
    const step = STEP.exec(rest);
    if (step === null) {
      return undefined;
    }
    steps.push(step[1] ?? step[2].replace(/\\(.)/g, '$1'));
    rest = rest.slice(step[0].length);
  }
  return steps.length > 0 ? steps : undefined;
}

/** A step of a fieldPath that names no field, and the paths of the fields there are beside it. */
export interface MissingStep {
  readonly step: string;
  readonly known: readonly string[];
}

/**
 * The first step of `fieldPath` that names no field of `schema`, or undefined where each step names one (or the
 * path reaches a map, a free-form object, or a form this does not read). The API server requires a rule's
 * fieldPath to refer to an existing field of the schema it stands in, and refuses the CRD otherwise. Pure.
 */
export function missingFieldPathStep(schema: Fields, fieldPath: string): MissingStep | undefined {
  const steps = fieldPathSteps(fieldPath) ?? [];
  let node = schema;
  for (const [i, step] of steps.entries()) {
    const properties = fields(node.properties);
    if (Object.prototype.hasOwnProperty.call(properties, step)) {
      node = fields(properties[step]);
    } else if (node.additionalProperties !== undefined || node['x-kubernetes-preserve-unknown-fields'] === true || node.type !== 'object') {
      return undefined; // a map's keys, a free-form object's fields and non-objects are left to the API server
    } else {
      const parent = steps.slice(0, i).map((name) => `.${name}`).join('');
      return { step, known: Object.keys(properties).map((name) => `${parent}.${name}`) };
    }
  }
  return undefined;
}
