import { App as CdkApp } from 'cdk8s';
import { flux } from '../constructs';
import { labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// Where `flux bootstrap` commits Flux's own manifests when flux() names no folder: synthesis replaces the
// output folder as a whole, so a folder inside it would lose them at the next synth.

/** The owner steps of flux() on cluster `main` of the lab, synthesized into `outdir`. */
function fluxSteps(props: Parameters<typeof flux>[0] = {}, outdir = 'dist'): string[] {
  const cluster = labCluster(new CdkApp({ outdir }), 'main', { gitops: flux(props) });
  return cluster.platform.preinstalled.filter((p) => p.source === 'flux bootstrap').flatMap((p) => p.manualSteps ?? []);
}

test('without bootstrapPath, bootstrap commits to flux-system/<site>/<cluster>, outside the output folder', () => {
  const bootstrap = fluxSteps().find((step) => step.startsWith('flux bootstrap'))!;
  expect(bootstrap).toContain('--path=flux-system/lab/main');
  expect(bootstrap).not.toMatch(/--path=dist\//);
  expect(bootstrap).toContain("Flux's components land in flux-system/lab/main/flux-system/, and flux-system/lab/main/ holds a Kustomization that applies ./dist/lab/main");
});

test('without bootstrapPath, a step before bootstrap makes and commits the Kustomization that hands the folder over to dist/', () => {
  const steps = fluxSteps({ interval: '5m', prune: false });
  const root = steps.find((step) => step.includes('flux create kustomization'))!;
  expect(root).toBe('before flux bootstrap, commit and push flux-system/lab/main/dist.yaml, the Kustomization that applies ./dist/lab/main once bootstrap syncs flux-system/lab/main/: '
    + 'mkdir -p flux-system/lab/main && flux create kustomization lab-main-root --source=GitRepository/flux-system --path=./dist/lab/main --prune=false --interval=5m '
    + '--export > flux-system/lab/main/dist.yaml');
  expect(steps.indexOf(root)).toBeLessThan(steps.findIndex((step) => step.startsWith('flux bootstrap')));
});

test("the root Kustomization follows Flux's namespace and another output folder", () => {
  const root = fluxSteps({ namespace: 'flux' }, 'out').find((step) => step.includes('flux create kustomization'))!;
  expect(root).toContain('--source=GitRepository/flux --path=./out/lab/main');
  expect(root).toContain('--namespace=flux --export > flux-system/lab/main/dist.yaml');
});

test('a chosen bootstrapPath is the owner folder, which holds its Kustomization already: no step makes one', () => {
  const steps = fluxSteps({ bootstrapPath: 'clusters/lab' });
  expect(steps.some((step) => step.includes('flux create kustomization'))).toBe(false);
  expect(steps.find((step) => step.startsWith('flux bootstrap'))).toContain('--path=clusters/lab --version=v2.9.0;');
});

test('an output folder named flux-system, which would hold the default bootstrap folder, is an error on bootstrapPath', () => {
  const app = new CdkApp({ outdir: 'flux-system' });
  labCluster(app, 'main', { gitops: flux() });
  const { findings } = synthFindings(app, prepopulatedOutdir());
  expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main gitops.bootstrapPath']);
});
