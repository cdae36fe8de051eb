import { load } from 'js-yaml';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { containerConfigMaps } from './config-file-hosts';
import { fields, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates } from './pod-spec';

/** Headscale's images, on Docker Hub and GitHub's registry. */
export const HEADSCALE_IMAGE = /^(?:(?:docker\.io|ghcr\.io)\/)?(?:headscale\/headscale|juanfont\/headscale)(?=[:@]|$)/;

/** One key of a ConfigMap a Headscale container mounts, read as Headscale's YAML configuration. */
export interface HeadscaleConfigFile {
  readonly configMap: SynthesizedObject;
  readonly key: string;
  /** The file's top-level settings. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/**
 * The keys of the ConfigMaps mounted into a Headscale container that hold a YAML mapping, each once however many
 * pods mount it: a file that is no YAML is the ConfigMap rules' to judge.
 */
export function headscaleConfigFiles(cluster: SynthesizedCluster): HeadscaleConfigFile[] {
  const index = indexOf(cluster.objects);
  const seen = new Set<string>();
  return podTemplates(cluster.objects).flatMap((template) => containersOf(template)
    .filter((ref) => !ref.init && HEADSCALE_IMAGE.test(text(ref.container.image) ?? ''))
    .flatMap((ref) => containerConfigMaps(index, template, ref).flatMap((configMap) => Object.entries(fields(configMap.manifest.data)).flatMap(([key, file]) => {
      const id = `${configMap.manifest.metadata.namespace ?? ''}/${configMap.manifest.metadata.name}/${key}`;
      const settings = typeof file === 'string' && !seen.has(id) ? yamlMapping(file) : undefined;
      if (settings === undefined) {
        return [];
      }
      seen.add(id);
      return [{ configMap, key, settings }];
    }))));
}

/** The top-level settings of a YAML text, or undefined when it is no YAML mapping. Pure. */
function yamlMapping(file: string): Record<string, unknown> | undefined {
  try {
    const parsed = load(file);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
