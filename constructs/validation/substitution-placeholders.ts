import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { FLUX_PLACEHOLDER, fluxPlaceholderProblem } from './flux-placeholder';
import { fieldPath, objectFinding, type ObjectFindingProps } from './manifest';
import { textMarks } from './text-marks';

/** A placeholder joined by a dot to a name: a host name or address built from one (`echo.${SECRET_DOMAIN}`). */
const IN_HOST_NAME = /[A-Za-z0-9-]\.\$\{[A-Za-z_][A-Za-z0-9_]*\}|(?<!\$)\$\{[A-Za-z_][A-Za-z0-9_]*\}\.[A-Za-z0-9]/;
/** Fields whose whole value Kubernetes hands on as it is: a container's image and env value, a ConfigMap's value. */
const VALUE_AS_IS = /(^data\.[^.]+$|\.env\[\d+\]\.value$|\.containers\[\d+\]\.image$)/;

/**
 * Where a manifest's string at `field` holds a `${NAME}` that only Flux's `postBuild` substitution would
 * have replaced: anywhere in `metadata`; in a container's image, or an env or ConfigMap value without blanks (Kubernetes
 * expands `$(NAME)` in env and commands, never `${NAME}`); or as part of a host name elsewhere. A script
 * or a config file (text with blanks or lines) and a chart's own stand-ins (a whole value `${NAME}` its
 * pods replace at start) are left alone. Pure.
 */
function placeholderAt(field: string, value: string): string | undefined {
  const found = FLUX_PLACEHOLDER.exec(value);
  if (found === null) {
    return undefined;
  }
  if (field.startsWith('metadata.')) {
    return found[1];
  }
  if (/\s/.test(value)) {
    return undefined;
  }
  return VALUE_AS_IS.test(field) || IN_HOST_NAME.test(value) ? found[1] : undefined;
}

/**
 * Every string of `value` that holds `${` given to `visit`, with the keys that lead to it and the records and
 * lists that hold it (outermost first). Paths are built only for what is found: most text holds no `${`.
 */
function eachString(value: unknown, parts: Array<string | number>, holders: unknown[],
  visit: (parts: ReadonlyArray<string | number>, holders: readonly unknown[], value: string) => void): void {
  if (typeof value === 'string') {
    if (value.includes('${')) {
      visit(parts, holders, value);
    }
    return;
  }
  if (value === null || typeof value !== 'object') {
    return;
  }
  holders.push(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      parts.push(i);
      eachString(value[i], parts, holders, visit);
      parts.pop();
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      parts.push(key);
      eachString(record[key], parts, holders, visit);
      parts.pop();
    }
  }
  holders.pop();
}

/**
 * Whether `name` is another variable of the container whose env entry holds it: that is compose's
 * interpolation, which the env check reports with Kubernetes' `$(NAME)` form.
 */
function namesContainerVariable(parts: ReadonlyArray<string | number>, holders: readonly unknown[], name: string): boolean {
  const env = holders[holders.length - 2];
  return parts[parts.length - 3] === 'env' && Array.isArray(env)
    && env.some((entry) => (entry as { name?: unknown } | null)?.name === name);
}

/** A placeholder in an object's field: Flux's wording, and the form that reads another variable of the container. Pure. */
function placeholderInObject(value: string, name: string): { readonly message: string; readonly hint: string } {
  const { message, hint } = fluxPlaceholderProblem(value, name, 'the object would get the placeholder as its value');
  return { message, hint: `${hint}; an env value that reads another variable of the container is $(${name})` };
}

/** The findings of a placeholder left in a field, which other findings on that field only echo. */
const PLACEHOLDER_FINDINGS = new WeakSet<Finding>();

function placeholderFinding(object: SynthesizedObject, finding: ObjectFindingProps): Finding {
  const made = objectFinding(object, finding);
  PLACEHOLDER_FINDINGS.add(made);
  return made;
}

/**
 * `findings` without the other errors on a field that holds a Flux placeholder: a namespace `${NS}` is no
 * DNS label and no declared namespace, a host `echo.${DOMAIN}` no DNS name, and each of those errors is the
 * placeholder's echo. One mistake is one error, the one that says where the placeholder comes from and what
 * to write instead. Pure.
 */
export function withoutPlaceholderEchoes(findings: readonly Finding[]): Finding[] {
  const key = (finding: Finding) => `${finding.constructPath}\u0000${finding.field ?? ''}`;
  const held = new Set(findings.filter((finding) => PLACEHOLDER_FINDINGS.has(finding)).map(key));
  return held.size === 0 ? [...findings]
    : findings.filter((finding) => PLACEHOLDER_FINDINGS.has(finding) || finding.severity !== 'error' || !held.has(key(finding)));
}

/**
 * A `${NAME}` left in an object from a Flux repository whose Kustomizations substituted it (`postBuild.substitute`
 * or `substituteFrom`, a cluster-settings ConfigMap): nothing replaces it in this output, so the object would
 * be applied with the placeholder as its value (a label, an annotation's address, a host, a time zone).
 */
export function checkSubstitutionPlaceholders(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object: SynthesizedObject = all[n];
    if (!textMarks(object.manifest, cluster.renderedFiles?.get(object.manifest)).placeholder) {
      continue;
    }
    eachString(object.manifest, [], [], (parts, holders, value) => {
      const field = fieldPath(parts);
      const name = placeholderAt(field, value);
      if (name !== undefined && !namesContainerVariable(parts, holders, name)) {
        findings.push(placeholderFinding(object, {
          layer: 'references', severity: 'error', field,
          ...placeholderInObject(value, name),
        }));
      }
    });
  }
  return findings;
}
