import type { Construct } from 'constructs';
import { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import { requiredArgument } from '../platform/component-arguments';
import { missingKeyHint } from '../validation/closest-name';
import type { Finding } from '../validation/finding';
import { SecretOrigin, SecretReference } from './secret-reference';

/** A key asked of a secret construct that its Secret will not hold, noted for validation. */
interface UnknownKeyNote {
  readonly namespace: string;
  readonly secretName: string;
  readonly key: string;
  readonly finding: Omit<Finding, 'constructPath'>;
}

const UNKNOWN_KEY_NOTE = `${NOTE_TYPE_PREFIX}unknown-secret-key`;

/**
 * Note of a secret construct that checked the values it renders itself (kubeseal ciphertext, SOPS
 * encryption) and reported them on its own prop; the plaintext-secrets check leaves those values alone:
 * one mistake, one error. Its data is a {@link CheckedValues}.
 */
export const VALUES_CHECKED_NOTE = `${NOTE_TYPE_PREFIX}secret-values-checked`;

/**
 * The values a secret construct checked, by their field in the object it renders (`spec.encryptedData.password`,
 * `stringData.token`). A value a JSON patch changed or added afterwards is not among them, and is checked
 * like a hand-written one.
 */
export type CheckedValues = Readonly<Record<string, unknown>>;

/** The values of `record` (a manifest's `data`, a SealedSecret's `encryptedData`) by their field under `prefix`. */
export function valuesAt(prefix: string, record: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record !== null && typeof record === 'object' ? record : {}).map(([key, value]) => [`${prefix}.${key}`, value]));
}

/**
 * The reference to `key` of a secret construct's Secret. An unknown key is noted against the construct
 * and the reference is still returned, so every problem of a synth run is listed at once; validation
 * reports it there unless a pod reads the key, which is then reported on the prop that reads it (an
 * App's `env.<NAME>`), else on the pod's field ({@link unknownKeyFindings}).
 */
export function referenceKey(
  scope: Construct,
  source: { readonly namespace: string; readonly secretName: string; readonly keys: readonly string[] },
  key: string,
  origin: SecretOrigin,
): SecretReference {
  requiredArgument(key, 'key()', 'key.name', 'text', `the name of one of its keys${source.keys.length === 0 ? '' : `, e.g. key('${[...source.keys].sort()[0]}')`}`, scope);
  if (!source.keys.includes(key)) {
    const note: UnknownKeyNote = {
      namespace: source.namespace, secretName: source.secretName, key,
      finding: {
        layer: 'references', severity: 'error', field: `key(${JSON.stringify(key)})`,
        message: `Secret "${source.secretName}" will have no key "${key}"`,
        hint: missingKeyHint(key, [...source.keys].sort()),
      },
    };
    scope.node.addMetadata(UNKNOWN_KEY_NOTE, note);
  }
  const reference = new SecretReference(source.namespace, source.secretName, key, origin);
  if (!source.keys.includes(key)) {
    reference.keyProblem = { message: `Secret "${source.secretName}" will have no key "${key}"`, hint: missingKeyHint(key, [...source.keys].sort()) };
  }
  return reference;
}

/** A key a construct reported on its own prop when it rendered a pod that reads it. */
interface KeyReadNote {
  readonly namespace: string;
  readonly secretName: string;
  readonly key: string;
}

const KEY_READ_NOTE = `${NOTE_TYPE_PREFIX}unknown-secret-key-read`;

/**
 * Notes that `scope` reported the unknown key of `reference` on the prop its pods read it through: the
 * pods under `scope` that read it are not reported again ({@link keysReportedOnProps}).
 */
export function noteKeyReportedOnProp(scope: Construct, reference: SecretReference): void {
  scope.node.addMetadata(KEY_READ_NOTE, { namespace: reference.namespace, secretName: reference.secretName, key: reference.key } satisfies KeyReadNote);
}

/**
 * Whether the unknown key `namespace/secret/key` that the object at `objectPath` reads was reported on
 * the prop of a construct it was rendered under.
 */
export function keysReportedOnProps(cluster: SynthesizedCluster): (objectPath: string, namespace: string, secretName: string, key: string) => boolean {
  const notes = cluster.notes.filter((note) => note.type === KEY_READ_NOTE);
  return (objectPath, namespace, secretName, key) => notes.some((note) => {
    const data = note.data as KeyReadNote;
    return (objectPath === note.constructPath || objectPath.startsWith(`${note.constructPath}/`))
      && data.namespace === namespace && data.secretName === secretName && data.key === key;
  });
}

/**
 * The unknown keys asked of the cluster's secret constructs, except those of `reported` (as
 * `namespace/secret/key`), which a pod reads and which are reported on the pod's field, and those reported
 * on the prop that reads them (an env variable of a Secret the output does not hold, as Crossplane's
 * connection Secrets): one mistake, one error.
 */
export function unknownKeyFindings(cluster: SynthesizedCluster, reported: ReadonlySet<string>): Finding[] {
  const keyOf = (data: KeyReadNote) => `${data.namespace}/${data.secretName}/${data.key}`;
  const reportedOnProps = new Set(cluster.notes.filter((note) => note.type === KEY_READ_NOTE).map((note) => keyOf(note.data as KeyReadNote)));
  return cluster.notes.filter((note) => note.type === UNKNOWN_KEY_NOTE).flatMap((note) => {
    const data = note.data as UnknownKeyNote;
    return reported.has(keyOf(data)) || reportedOnProps.has(keyOf(data)) ? [] : [{ ...data.finding, constructPath: note.constructPath }];
  });
}

/** A sub-path of a Secret volume that a construct's prop mounts: the volume holds one file per key, so the sub-path names a key. */
export interface SubPathProp {
  /** Name of the container the volume is mounted into. */
  readonly container: string;
  /** Name of the pod volume. */
  readonly volume: string;
  /** The sub-path as written. */
  readonly subPath: string;
  /** The prop that wrote it, e.g. `persistence.creds.mounts[0].subPath`. */
  readonly field: string;
}

const SUB_PATH_PROP_NOTE = `${NOTE_TYPE_PREFIX}secret-sub-path-prop`;

/** Notes that the prop `prop.field` of `scope` mounted a Secret or ConfigMap volume's key by its sub-path, for a finding about that key. */
export function noteSubPathProp(scope: Construct, prop: SubPathProp): void {
  scope.node.addMetadata(SUB_PATH_PROP_NOTE, prop);
}

/**
 * The construct and prop that mounted `subPath` of `volume` into `container` of the object at `objectPath`
 * (rendered under that construct), if a construct noted it with {@link noteSubPathProp}.
 */
export function subPathProps(cluster: SynthesizedCluster): (objectPath: string, mount: Omit<SubPathProp, 'field'>) => { constructPath: string; field: string } | undefined {
  const notes = cluster.notes.filter((note) => note.type === SUB_PATH_PROP_NOTE);
  return (objectPath, mount) => {
    const note = notes.find((n) => {
      const data = n.data as SubPathProp;
      return (objectPath === n.constructPath || objectPath.startsWith(`${n.constructPath}/`))
        && data.container === mount.container && data.volume === mount.volume && data.subPath === mount.subPath;
    });
    return note && { constructPath: note.constructPath, field: (note.data as SubPathProp).field };
  };
}
