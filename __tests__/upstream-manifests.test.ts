import type { ManifestsInstall } from '../constructs';
import { containerPatchCommand, describeContainerPatch, namespaceLabelCommands, upstreamFileUrls } from '../constructs/platform/upstream-manifests';

const install: ManifestsInstall = {
  type: 'manifests', repository: 'https://github.com/rancher/local-path-provisioner', tag: 'v0.0.32', path: 'deploy', files: ['local-path-storage.yaml'],
};

test('files of a GitHub repository are fetched raw, at the tag', () => {
  expect(upstreamFileUrls(install)).toEqual(['https://raw.githubusercontent.com/rancher/local-path-provisioner/v0.0.32/deploy/local-path-storage.yaml']);
  expect(upstreamFileUrls({ ...install, repository: 'https://git.example/lab/tools.git', path: '' })).toEqual(['https://git.example/lab/tools/raw/v0.0.32/local-path-storage.yaml']);
});

test('a container patch sets arguments and resources of the first container, and says so in a few words', () => {
  const patch = { kind: 'DaemonSet', name: 'kube-multus-ds', args: ['-v'], resources: { limits: { memory: '512Mi' } } };
  expect(containerPatchCommand(patch, 'kube-system')).toBe(
    'kubectl -n kube-system patch daemonset kube-multus-ds --type=json -p \'[{"op":"add","path":"/spec/template/spec/containers/0/args","value":["-v"]},'
    + '{"op":"add","path":"/spec/template/spec/containers/0/resources","value":{"limits":{"memory":"512Mi"}}}]\'',
  );
  expect(describeContainerPatch(patch)).toBe('DaemonSet/kube-multus-ds args -v resources limits.memory=512Mi');
});

test('the namespace the files make is labelled after the apply, only when the platform gave labels', () => {
  expect(namespaceLabelCommands(install, 'local-path-storage')).toEqual([]);
  expect(namespaceLabelCommands({ ...install, namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'privileged' } }, 'local-path-storage'))
    .toEqual(['kubectl label namespace local-path-storage pod-security.kubernetes.io/enforce=privileged --overwrite']);
});
