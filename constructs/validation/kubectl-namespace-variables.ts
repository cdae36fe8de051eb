import { fields, list, text } from './manifest';

// kubectl told its namespace by a variable of its container: Kubernetes expands `$(NAME)` in the command line from
// the container's env, and a shell script expands `$NAME` and `${NAME}` from it too. A CronJob that cleans up its
// own namespace takes the name from the downward API (a fieldRef to metadata.namespace), so the line acts in the
// pod's namespace; a variable of a written value acts in that value's. Where the value cannot be told (from a
// Secret or a ConfigMap, or no such variable), the namespace is unknown and the line's rights are not judged.

/** A word that is one variable reference: `$(NAME)`, `${NAME}` or `$NAME`. */
const WHOLE_REFERENCE = /^\$(?:\(([A-Za-z_][A-Za-z0-9_.-]*)\)|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * The namespace a kubectl line acts in where it was given `written` (`-n <written>`), in a container of `env` of a
 * pod of `podNamespace`: the word itself, or the value of the variable it names (the pod's namespace for a fieldRef
 * to metadata.namespace); undefined where the word holds a variable whose value cannot be told. Pure.
 */
export function namespaceValue(written: string, env: unknown, podNamespace: string): string | undefined {
  if (!written.includes('$')) {
    return written;
  }
  const match = WHOLE_REFERENCE.exec(written);
  const name = match?.[1] ?? match?.[2] ?? match?.[3];
  // Kubernetes takes the last entry of a name listed twice.
  const entry = name === undefined ? undefined : list(env).filter((variable) => variable.name === name).at(-1);
  if (text(fields(fields(entry?.valueFrom).fieldRef).fieldPath) === 'metadata.namespace') {
    return podNamespace;
  }
  const value = text(entry?.value);
  return value === undefined || value === '' || value.includes('$') ? undefined : value;
}
