import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';

// grey-area's design read fact by fact against the committed output: the facts an audit found carried
// without a word. The output is read from dist/, which other tests keep equal to a fresh synth.

const out = path.join(__dirname, '..', 'dist', 'grey-area', 'main');
const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
const choices = readme.slice(readme.indexOf('## Choices against the design'), readme.indexOf('## Platform components'));
const bullet = (title: string) => choices.split('\n').find((line) => line.startsWith(`- **${title}`)) ?? '';
const manifests = (file: string) => (fs.readFileSync(path.join(out, file), 'utf8').split(/^---$/m)
  .map((doc) => load(doc)).filter(Boolean) as any[]);

describe("grey-area: the CI's registry login keeps the design's secret names", () => {
  test('the CI step keeps the Harbor robot account as REGISTRY_USER and REGISTRY_PASSWORD, the secrets of the design\'s login', () => {
    const step = readme.split('\n').find((line) => line.startsWith("| manual | the design's CI (GitHub Actions)"))!;
    expect(step).toContain('a Harbor robot account whose name and secret the CI keeps as REGISTRY_USER and REGISTRY_PASSWORD');
  });

  test("the CI choice says the quay.io login's secrets have no counterpart", () => {
    expect(bullet('CI.')).toContain('`REGISTRY_USER` and `REGISTRY_PASSWORD` hold that account');
    expect(bullet('CI.')).toContain('(`QUAY_USER`, `QUAY_TOKEN`) has no counterpart');
  });
});

describe("grey-area: Ollama's models, which the design mounts from `server: sleeper-service`", () => {
  test("the volume names sleeper-service's tailnet address, the inventory's placeholder", () => {
    const ollama = manifests('apps/ollama.yaml').find((m) => m.kind === 'Deployment');
    const models = ollama.spec.template.spec.volumes.find((v: any) => v.name === 'models');
    const machine = readme.split('\n').find((line) => line.startsWith('| sleeper-service |'))!;
    expect(machine).toContain(`| ${models.nfs.server} (placeholder) |`);
    expect(models.nfs.path).toBe('/mnt/storage/models');
  });

  test('the Ollama choice says why the mount goes by address where the design writes the bare name', () => {
    expect(bullet('Ollama')).toContain("by sleeper-service's tailnet address (a placeholder of the inventory) where the design writes `server: sleeper-service`");
  });
});

describe("grey-area: the registry, which the design also draws as a NixOS container on limiting-factor", () => {
  test('Harbor runs in the cluster, kept to limiting-factor, and the storage choice says why it is no NixOS container', () => {
    const harbor = manifests('apps/harbor.yaml').find((m) => m.kind === 'Application');
    expect(harbor.spec.destination.namespace).toBe('registry');
    expect(harbor.spec.source.helm.valuesObject.core.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'limiting-factor' });
    expect(bullet('Storage.')).toContain("the registry is not the design's NixOS container on limiting-factor (`containers.registry`)");
  });
});
