import { App as CdkApp } from 'cdk8s';
import * as fs from 'fs';
import * as yaml from 'js-yaml';
import * as path from 'path';
import { ClusterChart, gitLabCi, synthesize } from '../constructs';
import { TALOS_KUBERNETES_MINOR } from '../charts/aether/main';
import { oneNodeLocalPathCluster } from './support/one-node-lab';
import { unwrittenOutdir } from './support/synth';

// The deploy jobs apply with kubectl, which supports one minor release of skew against the API server: its
// release follows the cluster's Kubernetes, which the design's Talos release installs.

const DIST = path.join(__dirname, '..', 'dist', 'aether', 'main');

/** `<major>.<minor>` of an image tagged with its kubectl release (alpine/k8s:1.34.1 → 1.34). */
const minorOfTag = (image: string) => /:v?(\d+\.\d+)\./.exec(image)?.[1];

test("aether's deploy jobs run the kubectl of the Kubernetes its Talos v1.11.0 installs, and so does Synapse's signing-key Job", () => {
  const pipeline = yaml.load(fs.readFileSync(path.join(DIST, 'gitlab-ci.yml'), 'utf8')) as Record<string, { image?: { name: string } }>;
  const images = [...new Set(Object.values(pipeline).flatMap((job) => (job?.image ? [job.image.name] : [])))];
  expect(images).toHaveLength(1);
  expect(minorOfTag(images[0])).toBe(TALOS_KUBERNETES_MINOR);
  const synapse = yaml.load(fs.readFileSync(path.join(DIST, 'helm', 'synapse.values.yml'), 'utf8')) as any;
  const publish = synapse.signingkey.job.publishImage;
  expect(`${publish.repository}:${publish.tag}`).toBe(images[0]);
  // The README's upgrade step names the same release as the one the cluster runs.
  expect(fs.readFileSync(path.join(DIST, 'README.md'), 'utf8')).toContain(`Talos v1.11.0 installs ${TALOS_KUBERNETES_MINOR}`);
});

function synth(props: { kubernetesVersion?: string; jobImage?: string }) {
  const app = new CdkApp();
  new ClusterChart(app, 'main', {
    ...oneNodeLocalPathCluster(false),
    gitops: gitLabCi({ agent: { project: 'infra/agents', name: 'lab', kasAddress: 'wss://gitlab.lab.test/-/kubernetes-agent/' }, ...props }),
  });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  const pipeline = result.files.get('lab/main/gitlab-ci.yml');
  const image = pipeline === undefined ? undefined : (yaml.load(pipeline) as Record<string, any>)['.lab-main-deploy'].image.name;
  return { errors: result.findings.filter((f) => f.severity === 'error'), image };
}

test('a cluster one minor release from the pinned kubectl deploys with it; jobImage picks the kubectl of an older cluster', () => {
  expect(synth({ kubernetesVersion: '1.33' })).toEqual({ errors: [], image: 'alpine/k8s:1.34.1' });
  expect(synth({ kubernetesVersion: '1.30', jobImage: 'alpine/k8s:1.30.4' })).toEqual({ errors: [], image: 'alpine/k8s:1.30.4' });
});
// A cluster further from the jobs' kubectl is an error on gitops.kubernetesVersion: bad-input/cases-gitlab-ci-kubectl.ts.

test("the peers' deploy template aether asks for runs kn with the kubectl of the cluster's release, as its own jobs do", () => {
  const readme = fs.readFileSync(path.join(DIST, 'README.md'), 'utf8');
  const step = readme.split('\n').find((line) => line.includes('create GitLab project infra/ci-templates with knative-deploy.yml'))!;
  expect(step).toContain(`on an image with kn and a kubectl of Kubernetes ${TALOS_KUBERNETES_MINOR}, the release the cluster runs`);
  const pipeline = fs.readFileSync(path.join(DIST, 'gitlab-ci.yml'), 'utf8');
  const image = /name: (alpine\/k8s:\S+)/.exec(pipeline)![1];
  expect(step).toContain(`the cluster's own deploy jobs run ${image}`);
});
