import { podSecurityDepartures } from '../constructs/validation/pod-security';
import { chartValueDepartures } from '../constructs/platform/chart-pod-security';
import { runAsRootProblems } from '../constructs/app/security';

// Settings the restricted level admits stay silent: confinement written out, pod defaults the containers
// keep, Helm values that only tighten, and root through its exemption.

const CONFINED = {
  allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
};
const template = (container: Record<string, unknown>, pod: Record<string, unknown> = {}, annotations: Record<string, string> = {}) => ({
  spec: { containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', securityContext: { ...CONFINED, ...container } }], securityContext: { runAsNonRoot: true, ...pod } },
  specPath: 'spec.template.spec', annotations,
}) as any;

describe('confinement the baseline level admits is no departure', () => {
  test.each([
    ['AppArmor RuntimeDefault and Localhost', template({ appArmorProfile: { type: 'RuntimeDefault' } }, { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-web' } })],
    ['the AppArmor annotation runtime/default or localhost/…', template({}, {}, { 'container.apparmor.security.beta.kubernetes.io/web': 'localhost/k8s-web' })],
    ['an SELinux level and an allowed type', template({ seLinuxOptions: { level: 's0:c123,c456', type: 'container_kvm_t' } }, { seLinuxOptions: { level: 's0:c123,c456' } })],
    ['procMount Default', template({ procMount: 'Default' })],
    ['hostProcess false', template({ windowsOptions: { hostProcess: false } })],
    ['a pod user other than 0 that the container overrides', template({ runAsUser: 1000 }, { runAsUser: 2000 })],
  ])('%s', (_name, pod) => {
    expect(podSecurityDepartures(pod)).toEqual([]);
  });

  test("a pod-level departure the container inherits is reported once, on the container", () => {
    const fields = podSecurityDepartures(template({}, { appArmorProfile: { type: 'Unconfined' } })).map((d) => d.field);
    expect(fields).toEqual(['spec.template.spec.containers[0].securityContext.appArmorProfile.type']);
  });

  test('a pod runAsUser 0 is declared by the runAsRoot exemption', () => {
    const departure = podSecurityDepartures(template({ runAsUser: 1000 }, { runAsUser: 0 }))[0];
    expect(departure).toMatchObject({ field: 'spec.template.spec.securityContext.runAsUser', level: 'baseline', exemptions: ['run-as-root', 'privileged'] });
  });
});

describe('Helm values', () => {
  test('values that tighten the pods, or mention security words elsewhere, ask for nothing', () => {
    expect(chartValueDepartures({
      podSecurityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 0, seccompProfile: { type: 'RuntimeDefault' } },
      securityContext: { privileged: false, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } },
      config: { privileged: true, runAsUser: 0 },
      hostNetwork: false,
    })).toEqual([]);
  });

  test('each widening value is named with its level', () => {
    expect(chartValueDepartures({ agent: { hostPID: true, containerSecurityContext: { capabilities: { add: ['NET_ADMIN'] } } } })).toEqual([
      { field: 'values.agent.hostPID', what: "shares the host's process namespace", level: 'privileged' },
      { field: 'values.agent.containerSecurityContext.capabilities.add', what: 'adds the capabilities NET_ADMIN', level: 'privileged' },
    ]);
  });
});

describe('runAsUser 0', () => {
  test('beside exemptions.runAsRoot it is what the exemption runs as', () => {
    expect(runAsRootProblems({ runAsUser: 0, exemptions: { runAsRoot: 'chowns its data' } }, '', true)).toEqual([]);
  });

  test('without it, it names the exemption', () => {
    expect(runAsRootProblems({ runAsUser: 0 }, 'sidecars[0].')).toEqual([expect.objectContaining({ field: 'sidecars[0].runAsUser', hint: expect.stringContaining('runAsRoot') })]);
  });
});
