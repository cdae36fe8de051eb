import type { Construct } from 'constructs';
import { App, AppVolume } from '../constructs';
import { ownerActions } from '../constructs/synth/owner-action';
import { labCluster } from './bad-input/lab';
import { aboutTheLab, sitesInMemory } from './support/synth';

// SonarQube's Elasticsearch stops at start on a node with the kernel's default vm.max_map_count, which no pod may set:
// the cluster's README asks for it on the nodes, unless the app's env turns the bootstrap checks off.

/** SonarQube with its four folders on volumes, `env` given. */
const sonarqubeLab = (env: Record<string, string>) => (scope: Construct) => new App(labCluster(scope as never), 'sonarqube', {
  image: 'sonarqube:10.7.0-community', ports: [{ name: 'http', port: 9000 }], env, resources: { memoryRequest: '3Gi', memoryLimit: '3Gi' },
  persistence: Object.fromEntries(['data', 'extensions', 'logs', 'temp'].map((folder) => [folder, { volume: AppVolume.emptyDir(), mountPath: `/opt/sonarqube/${folder}` }])),
});
const kernelSteps = (define: (scope: Construct) => unknown) => ownerActions(sitesInMemory(define as never).clusters[0]).filter((a) => a.action.includes('vm.max_map_count'));

const withChecks = sonarqubeLab({});
const withoutChecks = sonarqubeLab({ SONAR_ES_BOOTSTRAP_CHECKS_DISABLE: 'true' });

test("SonarQube synthesizes clean, and its cluster's README sets vm.max_map_count on the nodes before it starts", () => {
  expect(aboutTheLab(sitesInMemory(withChecks as never).findings).filter((f) => f.constructPath.includes('sonarqube'))).toEqual([]);
  expect(kernelSteps(withChecks)).toEqual([expect.objectContaining({ beforeFirstSync: true, command: expect.stringContaining('vm.max_map_count=524288 fs.file-max=131072') })]);
});

test('SonarQube with its bootstrap checks turned off leaves no step', () => {
  expect(kernelSteps(withoutChecks)).toEqual([]);
});
