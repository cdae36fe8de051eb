import { defineAether } from '../charts/aether';
import { App, externalHost, Osquery, osqueryConfig, requiredPodSecurityLevel, WazuhAgent, wazuhAgentConfig } from '../constructs';
import { podSecurityDepartures } from '../constructs/validation/pod-security';
import { wazuhManager } from '../hosts/aether';
import { envOf, synthCluster } from './services/support';
import { manifestsOf, synthInMemory } from './support/synth';

const result = synthInMemory(defineAether);
const objects = manifestsOf(result, 'aether/main');
const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const readme = result.files.get('aether/main/README.md')!;

describe('aether: the three node agents of the design, as DaemonSets in namespace system', () => {
  test('synthesizes with no error', () => {
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('the OpenTelemetry node collector, the Wazuh agent and osquery are the three DaemonSets of system', () => {
    expect(objects.filter((o) => o.kind === 'DaemonSet' && o.metadata.namespace === 'system').map((o) => o.metadata.name).sort())
      .toEqual(['osquery', 'wazuh-agent']);
    // The node collector is a Helm release of the platform, rendered by Helm in the cluster.
    expect(result.files.get('aether/main/helm/otel-node-collector.values.yml')).toMatch(/^mode: daemonset$/m);
  });

  test('the Wazuh agent enrolls with the manager under the node name, through the image\'s variables', () => {
    const daemonSet = find('DaemonSet', 'wazuh-agent');
    const container = daemonSet.spec.template.spec.containers[0];
    expect(container.image).toBe('wazuh/wazuh-agent:4.13.0');
    expect(envOf(daemonSet)).toEqual({
      WAZUH_MANAGER_SERVER: wazuhManager.address, WAZUH_MANAGER_PORT: '1514',
      WAZUH_REGISTRATION_SERVER: wazuhManager.address, WAZUH_REGISTRATION_PORT: '1515',
      WAZUH_AGENT_NAME: { fieldRef: { fieldPath: 'spec.nodeName' } },
    });
    expect(container.volumeMounts).toContainEqual({ mountPath: '/wazuh-config-mount/etc/ossec.conf', name: 'config', readOnly: true, subPath: 'ossec.conf' });
    expect(find('ConfigMap', 'wazuh-agent-config').data['ossec.conf']).toContain('<directories>/host/etc</directories>');
    expect(container.livenessProbe.exec.command).toEqual(['pgrep', '-x', 'wazuh-agentd']);
  });

  test('the Wazuh agent may connect to the manager\'s two ports only', () => {
    const policy = find('CiliumNetworkPolicy', 'wazuh-agent');
    expect(policy.spec.egress).toHaveLength(2);
    expect(policy.spec.egress[1]).toEqual({
      toCIDR: [`${wazuhManager.address}/32`],
      toPorts: [{ ports: [{ port: '1514', protocol: 'TCP' }, { port: '1515', protocol: 'TCP' }] }],
    });
  });

  test('each departure of the Wazuh agent is an exemption annotation with its reason', () => {
    const annotations = find('DaemonSet', 'wazuh-agent').spec.template.metadata.annotations;
    expect(Object.keys(annotations).sort()).toEqual([
      'security.homelab.dev/add-capabilities', 'security.homelab.dev/host-path', 'security.homelab.dev/run-as-root', 'security.homelab.dev/writable-root-filesystem',
    ]);
    const pod = find('DaemonSet', 'wazuh-agent').spec.template.spec;
    expect(pod.hostNetwork).toBeUndefined();
    expect(pod.hostPID).toBeUndefined();
    expect(pod.volumes).toContainEqual({ hostPath: { path: '/etc', type: 'Directory' }, name: 'host-0' });
  });

  test('osquery: not root, read-only root, the node\'s processes through hostPID, results on standard output', () => {
    const daemonSet = find('DaemonSet', 'osquery');
    const pod = daemonSet.spec.template.spec;
    const container = pod.containers[0];
    expect(container.image).toBe('osquery/osquery:5.17.0-ubuntu22.04');
    expect(pod.hostPID).toBe(true);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(container.args).toEqual(expect.arrayContaining(['--logger_plugin=stdout', '--config_path=/etc/osquery/osquery.conf', '--specified_identifier=$(NODE_NAME)']));
    expect(container.readinessProbe.exec.command[0]).toBe('sh');
    expect(Object.keys(daemonSet.spec.template.metadata.annotations).sort()).toEqual(['security.homelab.dev/host-path', 'security.homelab.dev/host-pid']);
    const schedule = JSON.parse(find('ConfigMap', 'osquery-config').data['osquery.conf']).schedule;
    expect(Object.keys(schedule)).toEqual(['host_etc_files', 'kernel_info', 'kernel_modules', 'processes']);
  });

  test('osquery connects nowhere but DNS', () => {
    expect(find('CiliumNetworkPolicy', 'osquery').spec.egress).toHaveLength(1);
  });

  test('namespace system is privileged, and says which exemptions of which agent make it so', () => {
    const namespace = find('Namespace', 'system');
    expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    const reasons = namespace.metadata.annotations['security.homelab.dev/pod-security-reasons'];
    for (const agent of ['osquery:', 'wazuh-agent:', 'otel-node-collector:']) {
      expect(reasons).toContain(agent);
    }
    expect(reasons).toContain("only the node's process namespace shows");
  });

  test("a node's agent enrolls again whenever its pod is new, keeping no key: the README asks the manager to let it replace the node's agent at once", () => {
    const step = readme.split('\n').find((line) => line.includes('let a node\'s agent that enrolls again replace the agent'));
    expect(step).toContain(`on the Wazuh manager (${wazuhManager.address})`);
    // The manager's defaults refuse the name for an hour after the old agent's last contact and registration.
    expect(readme).toContain('<disconnected_time enabled="no">1h</disconnected_time>');
    expect(readme).toContain('<after_registration_time>0</after_registration_time>');
  });

  test('the manager\'s address is a placeholder the cluster README asks the owner to set', () => {
    expect(readme).toContain('IDS stack (Wazuh manager) address');
    expect(readme).toContain('external host wazuh-manager address');
  });
});

describe('WazuhAgent and Osquery on their own', () => {
  const manager = externalHost('manager', { address: '192.168.1.50', ports: { events: 11514 } });

  test('defaults: own namespaces, Wazuh\'s default enrollment port, Kubernetes NetworkPolicies with an ipBlock', () => {
    const { errors, find: get } = synthCluster((chart) => {
      new WazuhAgent(chart, 'wazuh-agent', { manager, group: 'k8s-nodes' });
      new Osquery(chart, 'osquery');
    });
    expect(errors).toEqual([]);
    expect(get('DaemonSet', 'wazuh-agent').metadata.namespace).toBe('wazuh');
    expect(get('DaemonSet', 'osquery').metadata.namespace).toBe('osquery');
    expect(get('NetworkPolicy', 'wazuh-agent').spec.egress[1]).toEqual({
      ports: [{ port: 11514, protocol: 'TCP' }, { port: 1515, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '192.168.1.50/32' } }],
    });
    expect(get('ConfigMap', 'wazuh-agent-config').data['ossec.conf']).toContain('<groups>k8s-nodes</groups>');
  });

  test('config renderers', () => {
    expect(wazuhAgentConfig({ group: 'default', watchedFolders: ['/etc'], jsonLogs: ['/var/log/x.log'] }))
      .toContain('<log_format>json</log_format>\n    <location>/host/var/log/x.log</location>');
    expect(JSON.parse(osqueryConfig({ uptime: { query: 'SELECT * FROM uptime;', interval: 60 } }))).toEqual({
      schedule: { uptime: { interval: 60, query: 'SELECT * FROM uptime;' } },
    });
  });

  test('hostPID is a departure that the hostPid exemption declares, at the privileged level', () => {
    const departures = podSecurityDepartures({ spec: { hostPID: true, containers: [] }, specPath: 'spec', annotations: {} } as any);
    expect(departures.find((d) => d.field === 'spec.hostPID')).toMatchObject({ level: 'privileged', exemptions: ['host-pid', 'privileged'] });
    expect(requiredPodSecurityLevel({ hostPid: 'lists the node\'s processes' })).toBe('privileged');
  });

  test('a missing manager, and an egress address that is no CIDR block, are refused', () => {
    expect(() => synthCluster((chart) => {
      new WazuhAgent(chart, 'wazuh-agent', {} as any);
    })).toThrow(/WazuhAgent/);
    expect(() => synthCluster((chart) => {
      new App(chart, 'app', { image: 'example/app:1.0.0', egress: [{ cidr: '10.0.0.300/32' }] });
    })).toThrow(/app/);
  });
});
