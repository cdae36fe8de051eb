import { posix } from 'path';
import { goDurationMilliseconds, PropProblem } from '../validation/known-props';
import type { FluxProps } from './flux';
import { engineNamespaceProblems } from '../validation/system-namespaces';
import { DNS1123_SUBDOMAIN, nameMeant } from '../validation/dns-names';
import { LAYERS } from './component';
import { fluxReleaseFormProblems } from './flux-release';
import { credentialIn } from '../validation/secret-values';

// What `flux()` cannot take beyond the types of its options: values Flux's API refuses, or that the
// bootstrap steps and sync objects would write into paths that do not exist.

/** The durations of Flux's sync objects, which its API refuses at zero (a fetch or apply loop without pause). */
const DURATIONS = ['interval', 'reconcileInterval', 'retryInterval', 'timeout'] as const;

function zeroDurationProblems(props: Partial<FluxProps>): PropProblem[] {
  return DURATIONS.filter((prop) => goDurationMilliseconds(props[prop]) === 0).map((prop) => ({
    field: prop, message: `${prop} ${props[prop]} is no time at all, which Flux refuses (its sync objects need a duration above zero)`,
    hint: `give a duration above zero, e.g. ${prop === 'timeout' ? "'5m'" : "'10m'"}, or leave it out for the default`,
  }));
}

/**
 * The bootstrap path is refused rather than normalized: it is a folder of the repository the owner also
 * types into `flux bootstrap --path` and commits files under, so it is written once, as the folder's path
 * from the repository's root (`clusters/lab`); `/clusters/lab` or `./clusters/lab/` would give folders
 * that differ from the sync objects' paths.
 */
function bootstrapPathProblem(path: unknown): PropProblem[] {
  if (typeof path !== 'string') {
    return [];
  }
  if (path.includes('\\')) {
    // A Windows path: bootstrap and the sync objects take the folder as Git names it, with forward slashes.
    const written = path.replace(/^[A-Za-z]:/, '').split('\\').filter((part) => part !== '' && part !== '.').join('/');
    return [{
      field: 'bootstrapPath', message: `bootstrapPath "${path}" is written with backslashes, which Flux takes as part of one folder's name`,
      hint: /^[A-Za-z]:/.test(path) ? "name the folder by its path from the repository's root with forward slashes, e.g. 'clusters/lab'" : `write it as '${written}'`,
    }];
  }
  const parts = path.split('/');
  if (path !== '' && !parts.some((part) => part === '' || part === '.' || part === '..')) {
    return shellSyntaxInPath(path);
  }
  // What the owner meant, when it stays inside the repository; '..' that climbs out of it means nothing there.
  const folder = posix.normalize(`/${path}`).replace(/^\/+|\/+$/g, '');
  const leaves = posix.normalize(path.replace(/^\/+/, '')).startsWith('..');
  return [{
    field: 'bootstrapPath', message: `bootstrapPath "${path}" is not a folder path from the repository's root (no leading / or ./, no trailing /, no ..); it is not normalized, as the owner types it into flux bootstrap too`,
    hint: leaves || folder === '' ? "name a folder inside the repository by its path from the root, e.g. 'clusters/lab'" : `write it as '${folder}'`,
  }];
}

/** Characters the shell reads as blanks or syntax, which a folder path in an owner step's command must not hold. */
const SHELL_SYNTAX = /[\s'"`$!*?[\]{}()<>|&;#~]/;

/**
 * The bootstrap path goes unquoted into the owner's `flux bootstrap --path=` and `mkdir -p` commands, where
 * a blank splits it into two words and shell syntax is read as such.
 */
function shellSyntaxInPath(path: string): PropProblem[] {
  const found = SHELL_SYNTAX.exec(path);
  return found === null ? [] : [{
    field: 'bootstrapPath', message: `bootstrapPath "${path}" holds ${/\s/.test(found[0]) ? 'a blank' : `"${found[0]}"`}, which the shell reads in the owner steps' flux bootstrap --path= and mkdir commands: ${/\s/.test(found[0]) ? 'it would split the folder into two words' : 'it would not reach the command as written'}`,
    hint: `name the folder with letters, digits, '-', '_' and '.', e.g. '${path.split('/').map((part) => part.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'lab').join('/')}'`,
  }];
}

const VARIABLE = String.raw`\$\{?[A-Za-z_][A-Za-z0-9_]*\}?`;
/**
 * A word the shell passes on as one path: unquoted, no blanks and no characters it reads as syntax; between
 * double quotes also blanks, so `"$VAR"` and `"$HOME/.config/sops/age/keys.txt"` are one word each.
 */
const SHELL_PATH = new RegExp(String.raw`^(?:[A-Za-z0-9._~/+@%:,=-]|${VARIABLE}|"(?:[A-Za-z0-9._~/+@%:,= -]|${VARIABLE})*")+$`);

/**
 * A path from the home folder as `~`: the shell expands a `~` only at the start of a word (or of an
 * assignment's value), and in `--from-file=age.agekey=~/…` it is neither, so kubectl would look for a
 * folder named `~`.
 */
const HOME_TILDE = /^"?~/;

/** An age recipient (public key), as `age-keygen -y` prints it and `.sops.yaml` lists it. */
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/**
 * The key file goes into the owner's `kubectl create secret` command as written: without `sopsSecretName`
 * there is no such step, and a path with blanks or shell syntax would break the command it is copied into.
 */
function sopsKeyFileProblem(props: Partial<FluxProps>): PropProblem[] {
  const file = props.sopsKeyFile;
  if (typeof file !== 'string') {
    return [];
  }
  // The key pasted where its file belongs would be written into the owner step, and so into Git.
  const credential = credentialIn(file);
  if (credential !== undefined) {
    return [{
      field: 'sopsKeyFile', message: `sopsKeyFile is ${credential} (text of ${file.length} characters), not the path of the file that holds it: the owner step in the cluster's README would write it out`,
      hint: "give the path of the age key file (age-keygen -o age.key writes one), e.g. sopsKeyFile: './age.key', kept out of Git, or leave sopsKeyFile out for \"$SOPS_AGE_KEY_FILE\"",
    }];
  }
  if (AGE_RECIPIENT.test(file.trim())) {
    return [{
      field: 'sopsKeyFile', message: `sopsKeyFile "${file}" is an age recipient, the public key files are encrypted to: Flux decrypts with the private key, which the owner step reads from a file`,
      hint: "give the path of the age key file whose public key this is (the file age-keygen wrote, with its AGE-SECRET-KEY-… line), e.g. sopsKeyFile: './age.key'; the recipient belongs in .sops.yaml's creation rules",
    }];
  }
  if (props.sopsSecretName === undefined) {
    return [{
      field: 'sopsKeyFile', message: `sopsKeyFile "${file}" is used only to make the sopsSecretName Secret, and no sopsSecretName is given`,
      hint: "set sopsSecretName (e.g. 'sops-age') for Flux to decrypt SOPS files, or drop sopsKeyFile",
    }];
  }
  if (HOME_TILDE.test(file)) {
    return [{
      field: 'sopsKeyFile', message: `sopsKeyFile "${file}" starts with ~, which the shell does not expand inside --from-file=age.agekey=…: kubectl would look for a folder named ~`,
      hint: /^"?~\//.test(file) ? `name the home folder by its variable: '"$HOME${file.replace(/^"?~/, '').replace(/"$/, '')}"'` : 'write the absolute path of the key file',
    }];
  }
  return SHELL_PATH.test(file) ? [] : [{
    field: 'sopsKeyFile', message: `sopsKeyFile "${file}" is not one shell word: the owner step's kubectl command would split or misread it`,
    hint: 'write a path without blanks or shell characters, e.g. ./age.key, or a variable as "$SOPS_AGE_KEY_FILE"',
  }];
}

/**
 * `flux bootstrap` makes a GitRepository and a Kustomization named after Flux's namespace, in it
 * (`flux-system`): sync objects of that name would take over bootstrap's own, which then point wherever the
 * cluster folder's do, and a changed one fails both.
 */
function bootstrapNameProblem(props: Partial<FluxProps>): PropProblem[] {
  const namespace = props.namespace ?? 'flux-system';
  return props.name !== namespace ? [] : [{
    field: 'name', message: `name "${namespace}" is the name of the GitRepository and Kustomization flux bootstrap makes in namespace ${namespace}; the sync objects would replace them`,
    hint: "leave name out for <site>-<cluster>, or give another, e.g. 'lab-main'",
  }];
}

/** What the sync name is suffixed with: a Kustomization per layer, and the root one the owner commits for bootstrap. */
const SYNC_NAME_SUFFIXES: readonly string[] = [...LAYERS, 'root'];

/**
 * The longest sync name: kustomize-controller labels every object it applies with its Kustomization's name
 * (`kustomize.toolkit.fluxcd.io/name`), a label value of at most 63 characters, so a longer Kustomization
 * name has every apply of its layer refused.
 */
export const SYNC_NAME_MAX_LENGTH = 63 - Math.max(...SYNC_NAME_SUFFIXES.map((suffix) => `-${suffix}`.length));

/**
 * Why `name` cannot name the sync objects (the GitRepository, and the Kustomizations `<name>-<layer>`);
 * `defaulted` says it was made of the site's name and the cluster's id. Reported on `name`. Pure.
 */
export function syncNameProblems(name: unknown, defaulted = false): PropProblem[] {
  if (typeof name !== 'string' || name.length <= SYNC_NAME_MAX_LENGTH) {
    return [];
  }
  const meant = nameMeant(name, { ...DNS1123_SUBDOMAIN, maxLength: SYNC_NAME_MAX_LENGTH });
  return [{
    field: 'name',
    message: `${defaulted ? 'the default name <site>-<cluster>' : 'name'} "${name}" is ${name.length} characters long, and the Kustomizations ${name}-<layer> longer still: `
      + "kustomize-controller labels every object it applies with its Kustomization's name (kustomize.toolkit.fluxcd.io/name), a label value of at most 63 characters, so the API server would refuse them all",
    hint: `give flux() a name of at most ${SYNC_NAME_MAX_LENGTH} characters${meant === undefined ? '' : `, e.g. flux({ name: '${meant}' })`}${defaulted ? ", or shorten the site's name or the cluster's id" : ''}`,
  }];
}

/** Everything {@link flux} finds wrong with `props` beyond their shape. Pure. */
export function fluxOptionProblems(props: Partial<FluxProps> | undefined): PropProblem[] {
  return props === null || typeof props !== 'object' ? []
    : [...fluxReleaseFormProblems(props.version), ...zeroDurationProblems(props), ...bootstrapPathProblem(props.bootstrapPath), ...sopsKeyFileProblem(props), ...bootstrapNameProblem(props), ...syncNameProblems(props.name),
      ...engineNamespaceProblems('namespace', props.namespace, 'Flux', 'flux-system')];
}

/**
 * A bootstrap path inside the output folder (`outputFolder`, from the repository's root): synthesis replaces
 * that folder as a whole, so the Flux manifests bootstrap commits there, and the Kustomization the owner
 * commits beside them, would be deleted by the next synth. Pure.
 */
export function bootstrapPathInOutputProblem(path: unknown, outputFolder: string): PropProblem[] {
  if (typeof path !== 'string' || outputFolder === '' || (path !== outputFolder && !path.startsWith(`${outputFolder}/`))) {
    return [];
  }
  return [{
    field: 'bootstrapPath', message: `bootstrapPath "${path}" is inside the output folder ${outputFolder}/, which synthesis replaces as a whole: the files bootstrap commits there would be deleted by the next synth`,
    hint: `name a folder of the repository outside ${outputFolder}/, e.g. 'clusters/lab'`,
  }];
}
