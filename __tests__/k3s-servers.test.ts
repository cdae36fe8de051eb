import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, host, k3s, noRoutes, site, synthesize } from '../constructs';
import type { Host, K3s, K3sProps } from '../constructs';

// `k3s()` given itself in a cluster's `preinstalled` configures that cluster: the README lists the step that
// starts each server and the one that joins each agent, whether or not the chart also calls `configure`.
// With several control-plane hosts the first starts the embedded etcd and the others join it as servers.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
const pi = host('pi', { arch: 'arm64', roles: ['worker'], address: '192.168.1.11' });
const pi2 = host('pi2', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.1.12' });
const pi3 = host('pi3', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.1.13' });
const home = site('home', { domain: 'home.example.com', hosts: [nuc, pi, pi2, pi3], git: { url: 'https://git.example.com/me/home.git' } });

/** The steps by hand, warnings and errors of a cluster of `hosts` on K3s; `also` runs after the chart is built. */
function steps(props: K3sProps = {}, hosts: Host<any, any>[] = [nuc, pi], also?: (distribution: K3s, cluster: ClusterChart) => void) {
  const app = new CdkApp();
  const distribution = k3s(props);
  const cluster = new ClusterChart(app, 'main', { site: home, hosts, routes: noRoutes(), gitops: flux(), preinstalled: [distribution] });
  also?.(distribution, cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  // Where the schemas are absent, the schema layer notes the kinds it could not check: that is no finding of K3s'.
  const findings = (severity: string) => result.findings.filter((f) => f.severity === severity && f.layer !== 'schema').map((f) => `${f.field}: ${f.message}`);
  return { actions: result.outcomes[0].figures.ownerActions, warnings: findings('warning'), errors: findings('error') };
}

const joinsOf = <T extends { action: string }>(actions: readonly T[], name: string) => actions.filter((a) => a.action.startsWith(`join ${name} (`));

test('k3s() in preinstalled lists the join of each agent without a call of configure', () => {
  const { actions } = steps();
  expect(joinsOf(actions, 'pi').map((a) => a.action)).toEqual([expect.stringMatching(/^join pi \(192\.168\.1\.11\) to the cluster as a K3s agent/)]);
});

test('a chart that calls configure as well gets each step once', () => {
  const { actions } = steps({}, [nuc, pi], (distribution, cluster) => distribution.configure(cluster));
  expect(joinsOf(actions, 'pi')).toHaveLength(1);
});

test('three control-plane hosts: the first starts the embedded etcd, the others join it as servers with its flags', () => {
  const { actions, warnings, errors } = steps({ tokenFile: '/run/k3s-token' }, [nuc, pi2, pi3, pi]);
  expect(errors).toEqual([]);
  expect(warnings).toEqual([]);
  expect(actions.filter((a) => a.action.startsWith('start the K3s server')).map((a) => a.action)).toEqual([
    'start the K3s server on nuc with --disable=traefik --disable=servicelb --service-node-port-range=30000-32767 --token-file=/run/k3s-token --cluster-init',
  ]);
  expect(joinsOf(actions, 'pi2')).toEqual([expect.objectContaining({
    action: 'join pi2 (192.168.1.12) to the cluster as a further K3s server, with the flags of the first',
    command: 'k3s server --server https://192.168.1.10:6443 --disable=traefik --disable=servicelb --service-node-port-range=30000-32767 --token-file=/run/k3s-token',
  })]);
  expect(joinsOf(actions, 'pi3')).toHaveLength(1);
  expect(joinsOf(actions, 'pi').map((a) => a.action)).toEqual([expect.stringContaining('as a K3s agent')]);
  // The shared token is the owner's to put on every machine before any of them starts.
  expect(actions.map((a) => a.action)).toContainEqual(expect.stringMatching(/^put the cluster's join token in \/run\/k3s-token on nuc, pi2, pi3 and pi, readable by root only, before K3s starts/));
});

test('two control-plane hosts are a warning on hosts: two etcd members survive no failure', () => {
  const { warnings, errors } = steps({}, [nuc, pi2]);
  expect(errors).toEqual([]);
  expect(warnings).toEqual([expect.stringMatching(/^hosts: cluster "main" has two control-plane hosts \(nuc, pi2\)/)]);
});

test('servers on an external datastore start without --cluster-init, and two of them are no warning', () => {
  const { actions, warnings } = steps({ extraServerFlags: ['--datastore-endpoint=postgres://k3s@db.home.example.com:5432/k3s'] }, [nuc, pi2]);
  expect(warnings).toEqual([]);
  expect(actions.find((a) => a.action.startsWith('start the K3s server'))!.action).not.toContain('--cluster-init');
});

test('on NixOS each server opens the etcd ports, and the further one names the first as its server', () => {
  const { actions } = steps({ nixos: true }, [nuc, pi2, pi3]);
  const first = actions.find((a) => a.action.startsWith('start the K3s server on nuc'))!;
  expect(first.command).toContain('"--cluster-init"');
  expect(first.command).toContain('networking.firewall.allowedTCPPorts = [ 6443 10250 2379 2380 ];');
  const further = joinsOf(actions, 'pi2')[0];
  expect(further.command).toContain('role = "server";');
  expect(further.command).toContain('serverAddr = "https://192.168.1.10:6443";');
  expect(further.command).toContain('networking.firewall.allowedTCPPorts = [ 6443 10250 2379 2380 ];');
});
