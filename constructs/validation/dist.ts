import * as fs from 'fs';
import * as path from 'path';
import type { ClusterChart } from '../platform/cluster-chart';
import { LAYERS } from '../platform/component';
import type { OutputLayer } from '../platform/layout';
import type { Manifest, SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { renderClusterFiles } from '../synth/render';
import type { Finding } from './finding';
import { parseManifests } from './schema';

/** The clusters of a `dist/` folder as written, with the problems found while reading it. */
export interface LoadedDist {
  /** One cluster per chart, its objects read from the files (construct path = the file's path). */
  readonly clusters: SynthesizedCluster[];
  /** Unreadable YAML, unlisted or missing files, stale output, folders no chart accounts for. */
  readonly findings: Finding[];
}

const KUSTOMIZATION = 'kustomization.yaml';

/**
 * Reads `outdir/<site>/<cluster>/`: the sync objects at its root and the files of its `platform/`,
 * `config/` and `apps/` folders, each folder against its own `kustomization.yaml`. YAML is read strictly
 * (duplicate keys are errors); the clusters are paired with the charts of an in-memory synth, so every
 * check runs on the committed bytes with the inventory known.
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
    // The cluster folder's root holds the engine's sync objects; each layer has a folder of its own.
    for (const layer of ['sync', ...LAYERS] as OutputLayer[]) {
      const relativeFolder = layer === 'sync' ? folder : `${folder}/${layer}`;
      const layerDirectory = path.join(outdir, relativeFolder);
      if (!fs.existsSync(layerDirectory)) {
        fileFinding(layerDirectory, 'is missing', 'error', 'run npm run synth');
        continue;
      }
      const files = fs.readdirSync(layerDirectory).filter((f) => f.endsWith('.yaml')).sort();
      for (const file of files.filter((f) => f !== KUSTOMIZATION)) {
        const relative = path.join(outdir, relativeFolder, file);
        const parsed = parseManifests(fs.readFileSync(path.join(layerDirectory, file), 'utf8'), relative);
        for (const error of parsed.errors) {
          fileFinding(relative, error.message);
        }
        for (const doc of parsed.docs) {
          objects.push({ manifest: doc as Manifest, constructPath: relative, file: file.replace(/\.yaml$/, ''), layer });
        }
      }
      const listed = readKustomizationResources(path.join(layerDirectory, KUSTOMIZATION));
      const present = [
        ...files.filter((f) => f !== KUSTOMIZATION),
        ...(layer === 'sync' ? listDirectories(layerDirectory).filter((d) => listed.includes(d)) : []),
      ].sort();
      if (listed.join('\n') !== present.join('\n')) {
        fileFinding(path.join(outdir, relativeFolder, KUSTOMIZATION), `lists ${listed.join(', ') || 'nothing'} but the folder holds ${present.join(', ') || 'nothing'}`);
      }
    }
    for (const extra of listDirectories(directory).filter((d) => !(LAYERS as readonly string[]).includes(d))) {
      fileFinding(path.join(directory, extra), 'is not a layer folder (platform, config, apps)', 'error', 'delete it, or run npm run synth');
    }
    const expected = fresh.find((c) => c.folder === folder);
    // Findings and external declarations come from the sources; the objects from dist/.
    const cluster = { chart, folder, objects, notes: expected?.notes ?? [] };
    clusters.push(cluster);
    if (expected && !sameFiles(outdir, renderClusterFiles(expected))) {
      fileFinding(path.join(outdir, folder), 'differs from a fresh synth of the sources', 'warning', 'run npm run synth and commit the result');
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

function readKustomizationResources(file: string): string[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  const [doc] = parseManifests(fs.readFileSync(file, 'utf8'), file).docs;
  return Array.isArray(doc?.resources) ? doc.resources.map(String).sort() : [];
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
