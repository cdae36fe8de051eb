import * as fs from 'fs';
import * as path from 'path';
import type { ClusterChart } from '../platform/cluster-chart';
import { LAYERS } from '../platform/component';
import type { OutputLayer } from '../platform/layout';
import type { Manifest, SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { renderClusterFiles } from '../synth/render';
import type { Finding } from './finding';
import { parseManifests } from './schema';
import { parseSopsDotenv, sopsDotenvSecretManifest } from '../secrets/sops-dotenv';

/** The clusters of a `dist/` folder as written, with the problems found while reading it. */
export interface LoadedDist {
  /** One cluster per chart, its objects read from the files (construct path = the file's path). */
  readonly clusters: SynthesizedCluster[];
  /** Unreadable YAML, unlisted or missing files, stale output, folders no chart accounts for. */
  readonly findings: Finding[];
}

const KUSTOMIZATION = 'kustomization.yaml';

/**
 * Reads `outdir/<site>/<cluster>/` as the cluster's engine laid it out (layer folders with their own
 * `kustomization.yaml`, or flat files named by layer): every `.yaml` file except kustomizations is read
 * strictly (duplicate keys are errors), each folder's files against its `kustomization.yaml`, and the
 * whole folder against what a fresh synth renders. The clusters are paired with the charts of an
 * in-memory synth, so every check runs on the committed bytes with the inventory known.
 */
export function loadDistClusters(outdir: string, charts: readonly ClusterChart[], fresh: readonly SynthesizedCluster[] = []): LoadedDist {
  const findings: Finding[] = [];
  const fileFinding = (file: string, message: string, severity: Finding['severity'] = 'error', hint?: string): void => {
    findings.push({ layer: 'schema', severity, constructPath: file, field: '', message, hint });
  };
  const clusters: SynthesizedCluster[] = [];
  const folders = new Set<string>();
  for (const chart of charts) {
    const folder = chart.folder;
    folders.add(folder);
    const directory = path.join(outdir, folder);
    if (!fs.existsSync(directory)) {
      fileFinding(path.join(outdir, folder), 'is missing', 'error', 'run npm run synth');
      continue;
    }
    const objects: SynthesizedObject[] = [];
    const present = new Set<string>();
    const walk = (relativeFolder: string): void => {
      const absolute = path.join(outdir, relativeFolder);
      const entries = fs.readdirSync(absolute, { withFileTypes: true });
      const yamlFiles = entries.filter((e) => e.isFile() && e.name.endsWith('.yaml') && e.name !== KUSTOMIZATION).map((e) => e.name).sort();
      const subfolders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
      entries.filter((e) => e.isFile()).forEach((e) => present.add(`${relativeFolder}/${e.name}`));
      for (const file of yamlFiles) {
        const relative = path.join(outdir, relativeFolder, file);
        const parsed = parseManifests(fs.readFileSync(path.join(absolute, file), 'utf8'), relative);
        for (const error of parsed.errors) {
          fileFinding(relative, error.message);
        }
        const inCluster = `${relativeFolder}/${file}`.slice(folder.length + 1);
        for (const doc of parsed.docs) {
          objects.push({ manifest: doc as Manifest, constructPath: relative, file: file.replace(/\.yaml$/, ''), layer: layerOfFile(inCluster) });
        }
      }
      const kustomization = path.join(absolute, KUSTOMIZATION);
      if (fs.existsSync(kustomization)) {
        const doc = readKustomization(kustomization);
        const listed = Array.isArray(doc?.resources) ? doc.resources.map(String).sort() : [];
        const inCluster = `${relativeFolder}/${KUSTOMIZATION}`.slice(folder.length + 1);
        for (const generated of generatedSecretsOf(doc, absolute, path.join(outdir, relativeFolder), fileFinding)) {
          objects.push({ ...generated, layer: layerOfFile(inCluster) });
        }
        // A folder lists its files; sub-folders are listed only where it applies them itself (a cluster
        // without an engine), since an engine syncs each layer folder on its own.
        const held = [...yamlFiles, ...subfolders.filter((d) => listed.includes(d) && fs.existsSync(path.join(absolute, d, KUSTOMIZATION)))].sort();
        if (listed.join('\n') !== held.join('\n')) {
          fileFinding(path.join(outdir, relativeFolder, KUSTOMIZATION), `lists ${listed.join(', ') || 'nothing'} but the folder holds ${held.join(', ') || 'nothing'}`);
        }
      } else if (yamlFiles.length > 0 && relativeFolder !== folder) {
        fileFinding(absolute, `holds ${yamlFiles.join(', ')} but no ${KUSTOMIZATION}`, 'error', 'run npm run synth');
      }
      subfolders.forEach((sub) => walk(`${relativeFolder}/${sub}`));
    };
    walk(folder);
    const expected = fresh.find((c) => c.folder === folder);
    // Findings and external declarations come from the sources; the objects from dist/.
    clusters.push({ chart, folder, objects, notes: expected?.notes ?? [] });
    if (expected) {
      const rendered = renderClusterFiles(expected);
      for (const file of rendered.keys()) {
        if (!present.has(file)) {
          fileFinding(path.join(outdir, file), 'is missing', 'error', 'run npm run synth');
        }
      }
      for (const file of [...present].sort()) {
        if (!rendered.has(file)) {
          fileFinding(path.join(outdir, file), 'is not written by synth', 'error', 'delete it, or run npm run synth, which replaces dist/ as a whole');
        }
      }
      if (!sameFiles(outdir, rendered)) {
        fileFinding(path.join(outdir, folder), 'differs from a fresh synth of the sources', 'warning', 'run npm run synth and commit the result');
      }
    }
  }
  for (const site of listDirectories(outdir)) {
    for (const cluster of listDirectories(path.join(outdir, site))) {
      if (!folders.has(`${site}/${cluster}`)) {
        fileFinding(path.join(outdir, site, cluster), 'belongs to no cluster of the sites', 'error', 'delete it, or run npm run synth, which replaces dist/ as a whole');
      }
    }
  }
  return { clusters, findings };
}

/** The layer of a file from its path in the cluster folder: a layer folder, or a flat `<n>-<layer>-` name. */
function layerOfFile(relative: string): OutputLayer {
  const [first, ...rest] = relative.split('/');
  if (rest.length > 0 && (LAYERS as readonly string[]).includes(first)) {
    return first as OutputLayer;
  }
  const flat = /^\d+-(platform|config|apps)-/.exec(first);
  return flat ? (flat[1] as OutputLayer) : 'sync';
}

function readKustomization(file: string): Record<string, unknown> | undefined {
  const [doc] = parseManifests(fs.readFileSync(file, 'utf8'), file).docs;
  return doc as Record<string, unknown> | undefined;
}

/**
 * The Secrets a kustomization's `secretGenerator` makes from SOPS-encrypted dotenv files of its folder, as
 * `SopsSecret.fromDotenvFile` renders them (construct path = the file's path); a file named and missing is
 * a finding.
 */
function generatedSecretsOf(
  kustomization: Record<string, unknown> | undefined, absolute: string, shown: string, fileFinding: (file: string, message: string) => void,
): Array<Omit<SynthesizedObject, 'layer'>> {
  const entries = Array.isArray(kustomization?.secretGenerator) ? kustomization.secretGenerator as Array<Record<string, unknown>> : [];
  return entries.flatMap((entry) => (Array.isArray(entry.envs) ? entry.envs.map(String) : []).flatMap((fileName) => {
    const file = path.join(absolute, fileName);
    if (!fs.existsSync(file)) {
      fileFinding(path.join(shown, KUSTOMIZATION), `generates Secret ${String(entry.name)} from ${fileName}, which the folder does not hold`);
      return [];
    }
    const content = fs.readFileSync(file, 'utf8');
    const identity = { name: String(entry.name), namespace: String(entry.namespace), type: typeof entry.type === 'string' ? entry.type : undefined };
    const manifest = sopsDotenvSecretManifest(identity, parseSopsDotenv(content)) as Manifest;
    return [{ manifest, constructPath: path.join(shown, fileName), file: fileName, generator: { fileName, content } }];
  }));
}

function sameFiles(outdir: string, files: ReadonlyMap<string, string>): boolean {
  return [...files].every(([relative, content]) => {
    const file = path.join(outdir, relative);
    return fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content;
  });
}

function listDirectories(directory: string): string[] {
  return fs.existsSync(directory)
    ? fs.readdirSync(directory, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort()
    : [];
}
