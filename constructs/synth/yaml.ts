import { dump } from 'js-yaml';

/**
 * Serializes manifests as a multi-document YAML stream. Strings that YAML 1.1 readers (kubectl's
 * go-yaml) would take for booleans or numbers, such as `yes` or `0755`, are quoted.
 */
export function toYamlStream(manifests: readonly object[]): string {
  return manifests.map((manifest) => dump(manifest, { noRefs: true, lineWidth: -1 })).join('---\n');
}
