import { execFileSync } from 'child_process';
import { existsSync, readFileSync, statSync } from 'fs';
import { Yaml } from 'cdk8s';
import { loadAll } from 'js-yaml';
import { ENCRYPT_DATA_ONLY, identityFieldEncrypted } from '../secrets/sops-whole-file';

/**
 * A manifest that cdk8s' `Include` (through `Yaml.load`) could not load, with the file or address it was
 * given: the error cdk8s raises names neither the cause (its loader runs in a child process, whose error
 * it reports as "Command failed: node …/_loadurl.mjs <file>") nor, for a YAML error, the file.
 */
export class ManifestLoadError extends Error {
  constructor(
    /** The file or address given to `Include` as `url`. */
    public readonly url: string,
    /** The error `Yaml.load` raised. */
    public readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'ManifestLoadError';
  }
}

/**
 * A kustomization (kustomize's build file, `kind: Kustomization` or `Component` of `kustomize.config.k8s.io`)
 * given to `Include`, which adds the documents of a file as they are: its own document would be applied as
 * an object no cluster knows, and the files it lists would be left out.
 */
class KustomizationFile extends Error {
  constructor(
    /** The files and addresses it lists under `resources`. */
    public readonly resources: readonly string[],
  ) {
    super('a kustomization, not a manifest');
  }
}

/**
 * A document of an included file that is no Kubernetes object: text (an env file, which YAML reads as one
 * string), a list, or a mapping without `apiVersion` and `kind` (a chart's values.yaml). cdk8s' Include would
 * fail on it without naming the file; an object without `metadata.name` it would give a name of its own.
 */
class NotAnObject extends Error {
  constructor(
    /** Which document of the file it is, from 1. */
    public readonly document: number,
    /** What is wrong with it, after "document <n> ". */
    public readonly what: string,
    /** How to keep what the file means. */
    public readonly remedy: string,
  ) {
    super(`document ${document} ${what}`);
  }
}

/** The first document among `objects` (a file's, after its Lists are taken apart) that is no Kubernetes object, or undefined. Pure. */
function notAnObjectIn(objects: readonly unknown[]): NotAnObject | undefined {
  for (const [i, object] of objects.entries()) {
    const document = i + 1;
    if (typeof object !== 'object' || object === null) {
      return new NotAnObject(document, `is the text ${JSON.stringify(String(object).slice(0, 40))}, not a Kubernetes object`,
        'an env file of KEY=value lines goes to an app as env: { KEY: value }; a manifest holds YAML mappings with apiVersion, kind and metadata');
    }
    if (Array.isArray(object)) {
      return new NotAnObject(document, `is a list of ${object.length} item(s), not a Kubernetes object`,
        "write each object as a document of its own, separated by '---' (or as the items of a kind: List)");
    }
    const { apiVersion, kind, metadata } = object as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    const encrypted = identityFieldEncrypted(object);
    if (encrypted !== undefined) {
      return new NotAnObject(document, `is encrypted whole by sops (its ${encrypted} is an ENC[…] value), not a Kubernetes object any tool can apply`,
        `${ENCRYPT_DATA_ONLY}; read a Secret that way with SopsSecret.fromFile`);
    }
    if ('creation_rules' in object && apiVersion === undefined) {
      return new NotAnObject(document, "is sops' own configuration (creation_rules), not a Kubernetes object",
        'keep .sops.yaml at the root of the repository for the sops command, and include no file of it; encrypted Secrets come in through SopsSecret.fromDotenvFile or SopsSecret.fromFile');
    }
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      const keys = Object.keys(object).slice(0, 4).join(', ');
      return new NotAnObject(document, `is a mapping without ${typeof apiVersion !== 'string' ? 'apiVersion' : 'kind'} (its keys: ${keys}), not a Kubernetes object`,
        "Helm values go to a ChartRelease's values or a component's addValues(…); a manifest's objects each start with apiVersion and kind");
    }
    if (typeof metadata?.name !== 'string' || metadata.name === '') {
      return new NotAnObject(document, `(a ${kind}) has no metadata.name`,
        'give the object its metadata.name, as kubectl apply needs it (cdk8s would invent one)');
    }
  }
  return undefined;
}

/** Fields only kustomize's build file has: kustomize takes one without `apiVersion` and `kind`, as many repositories write it. */
const KUSTOMIZATION_FIELDS = ['resources', 'components', 'bases', 'patches', 'patchesStrategicMerge', 'configMapGenerator', 'secretGenerator', 'helmCharts'];

/**
 * Whether `object` is a kustomization: of `kustomize.config.k8s.io`, or without `apiVersion` (and without a
 * kind, or of kind Kustomization or Component) with a field only kustomizations have. Pure.
 */
function isKustomization(object: unknown): boolean {
  const { apiVersion, kind } = (object ?? {}) as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion === 'string') {
    return /^kustomize\.config\.k8s\.io\//.test(apiVersion);
  }
  return typeof object === 'object' && !Array.isArray(object) && (kind === undefined || kind === 'Kustomization' || kind === 'Component')
    && KUSTOMIZATION_FIELDS.some((field) => field in (object as object));
}

/** The kustomization among `objects`, as a {@link KustomizationFile}, or undefined when there is none. */
function kustomizationIn(objects: readonly unknown[]): KustomizationFile | undefined {
  const build = objects.find(isKustomization);
  if (build === undefined) {
    return undefined;
  }
  const resources = (build as { resources?: unknown }).resources;
  return new KustomizationFile(Array.isArray(resources) ? resources.filter((r): r is string => typeof r === 'string') : []);
}

/** Why the manifest at `url` did not load, as a finding's message and hint. Reads the file, once loading it failed. */
export function manifestLoadProblem(url: string, cause: unknown): { message: string; hint: string } {
  if (cause instanceof KustomizationFile) {
    const listed = cause.resources.length > 0 ? ` (${cause.resources.join(', ')})` : '';
    return {
      message: `${url} is a kustomization, kustomize's build file, not a manifest: Include adds a file's objects as they are, and runs no kustomize`,
      hint: `include each file it lists under resources${listed} with an Include of its own, or render it once with \`kubectl kustomize <folder> > <file>.yaml\` and include that file`,
    };
  }
  if (cause instanceof NotAnObject) {
    return { message: `${url} is no manifest Include can add: its ${cause.message}`, hint: cause.remedy };
  }
  const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  if (isAddress(url)) {
    return {
      message: `the manifest at ${url} could not be downloaded: ${downloadError(cause) ?? detail}`,
      hint: 'check the address; a manifest kept in the repository (downloaded once, pinned) loads without the network',
    };
  }
  if (!existsSync(url)) {
    return {
      message: `the manifest file ${url} does not exist (relative to ${process.cwd()})`,
      hint: 'give the path of the YAML file relative to the folder synth runs in, or an absolute path',
    };
  }
  if (statSync(url).isDirectory()) {
    return { message: `${url} is a folder, not a manifest file`, hint: 'include each YAML file of the folder with its own Include' };
  }
  const error = localYamlError(url);
  if (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
    return {
      message: `the manifest file ${url} is not valid YAML: ${reason}${mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : ''}`,
      hint: `${yamlErrorRemedy(reason)}; \`kubectl apply --dry-run=client -f\` on the file shows the same`,
    };
  }
  return { message: `the manifest ${url} could not be loaded: ${detail}`, hint: 'check that the file holds Kubernetes objects as YAML documents separated by ---' };
}

/** How to fix the YAML syntax error `reason` (js-yaml's words), for the kinds an edited or merged file has. Pure. */
function yamlErrorRemedy(reason: string): string {
  if (/duplicated mapping key/.test(reason)) {
    return 'keep one of the two keys there (kubectl refuses a key given twice, and other tools keep the last)';
  }
  if (/unidentified alias/.test(reason)) {
    return "define the anchor (&name) in the same document as its alias (*name): an anchor does not reach past '---'";
  }
  if (/tab characters/.test(reason)) {
    return 'indent with spaces there: YAML takes no tab in indentation';
  }
  return 'fix the YAML there (indentation, a ": " or "#" inside an unquoted value needs quotes)';
}

/** Whether `url` is an address to download rather than a file. */
function isAddress(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

/**
 * The objects of the local file `file`, read in this process. cdk8s reads every manifest through a child
 * process (a node start, a tenth of a second or more per file), which prints its own stack trace to synth's
 * output when the file is missing and reads a folder as an empty manifest: both are refused here first.
 */
function loadLocal(file: string): unknown[] {
  if (!existsSync(file)) {
    throw new Error(`no file ${file}`);
  }
  if (statSync(file).isDirectory()) {
    throw new Error(`${file} is a folder`);
  }
  return parseManifest(readFileSync(file, 'utf-8'));
}

/**
 * The objects of a manifest's text, read as cdk8s' `Yaml.load` reads a file: YAML 1.1 (as Kubernetes reads
 * it: `0644` is octal, `yes` a boolean) by the same `yaml` package, empty documents left out. Pure.
 */
export function parseManifest(text: string): unknown[] {
  // Loaded when a manifest is read: the package costs tens of milliseconds to load, which a lab without an
  // Include should not pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  return parseAllDocuments(text, { version: '1.1' }).map((document) => document.toJSON() as unknown).filter((object) => object !== undefined && object !== null
    && !(Array.isArray(object) && object.length === 0) && !(typeof object === 'object' && Object.keys(object).length === 0));
}

/** cdk8s' program that downloads a manifest and prints it. */
const CDK8S_LOADER = 'cdk8s/lib/_loadurl.mjs';

/**
 * The objects of the manifest at the address `url`, downloaded by cdk8s' own loader with its error output
 * kept (cdk8s lets it print a stack trace to synth's output), then read as cdk8s reads any manifest.
 */
function loadDownloaded(url: string, load: (url: string) => unknown[]): unknown[] {
  let loader: string;
  try {
    // Named through a variable: a bundler that bundles cdk8s leaves it to be found at run time, in node_modules.
    loader = require.resolve(CDK8S_LOADER);
  } catch {
    return load(url); // cdk8s is bundled where no node_modules holds it: its own loader, beside the bundle
  }
  const body = execFileSync(process.execPath, [loader, url], {
    encoding: 'utf-8', maxBuffer: 10 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseManifest(body);
}

/** The YAML syntax error of the local file `url`, or undefined when it parses (or is no local file). */
function localYamlError(url: string): Error | undefined {
  if (!existsSync(url) || statSync(url).isDirectory()) {
    return undefined;
  }
  try {
    loadAll(readFileSync(url, 'utf-8'));
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** The loader's own error line from the child process' stderr, when it printed one. */
function downloadError(cause: unknown): string | undefined {
  const stderr = String((cause as { stderr?: unknown }).stderr ?? '');
  return stderr.split('\n').map((line) => line.trim()).find((line) => /^(Error|[A-Z]\w*Error):/.test(line));
}

let watching = false;

/**
 * Makes `Yaml.load`, which `Include` calls, raise a {@link ManifestLoadError} that keeps the file it was
 * given. Installed once, when this library loads; a load that succeeds is untouched.
 */
export function watchManifestLoads(): void {
  if (watching) {
    return;
  }
  watching = true;
  const load = Yaml.load.bind(Yaml);
  (Yaml as unknown as { load: (url: string) => unknown[] }).load = (url: string) => {
    let objects: unknown[];
    try {
      objects = isAddress(url) ? loadDownloaded(url, load) : loadLocal(url);
    } catch (error) {
      throw new ManifestLoadError(url, error);
    }
    // cdk8s' parser keeps going past a syntax error and yields objects with fields such as "[object Object]":
    // a local file is read again here, strictly.
    const problem = localYamlError(url) ?? kustomizationIn(objects);
    if (problem) {
      throw new ManifestLoadError(url, problem);
    }
    const items = objects.flatMap(listItems);
    const notAnObject = notAnObjectIn(items);
    if (notAnObject) {
      throw new ManifestLoadError(url, notAnObject);
    }
    return items;
  };
}

/**
 * The items of a `v1` List (what `kubectl get … -o yaml` prints for several objects), which kubectl apply
 * and kustomize apply one by one and no API server serves as a kind; any other object as it is. Pure.
 */
function listItems(object: unknown): unknown[] {
  const list = object as { apiVersion?: unknown; kind?: unknown; items?: unknown } | null;
  return list?.apiVersion === 'v1' && list.kind === 'List' && Array.isArray(list.items) ? list.items.flatMap(listItems) : [object];
}
