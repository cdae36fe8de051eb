import type { Construct } from 'constructs';
import type { ResourcesProps } from '../constructs';
import { AppController, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, pinnedImage, site, traefik } from '../constructs';
import { shownFindings } from './support/lab-output';

// A lab of Raspberry Pis beside an amd64 mini PC with an Intel GPU, written from the README: images of one architecture
// given with their platforms and placed by arch, MongoDB on the boards that run it, node-exporter on every board.

const pi5 = host('pi5', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.114.11', cores: 4, memoryGigabytes: 8, model: 'Raspberry Pi 5' });
const pi4 = host('pi4', { arch: 'arm64', roles: ['worker'], address: '192.168.114.12', cores: 4, memoryGigabytes: 4, model: 'Raspberry Pi 4 Model B' });
const pi3 = host('pi3', { arch: 'arm64', roles: ['worker'], address: '192.168.114.13', cores: 4, memoryGigabytes: 1, model: 'Raspberry Pi 3 Model B' });
const mini = host('mini', { arch: 'amd64', roles: ['worker'], address: '192.168.114.20', cores: 4, memoryGigabytes: 16, gpus: [{ vendor: 'intel' }] });
const hosts = [pi5, pi4, pi3, mini];
const lab = site('pilab', { domain: 'pi.jdoe.dev', hosts, git: { url: 'https://github.com/jdoe/pilab.git' }, pools: { lb: { first: '192.168.114.200', last: '192.168.114.220' } } });

/** The lab, its node-exporter DaemonSet sized by `exporter`. */
const piLab = (exporter: ResourcesProps) => (scope: Construct): void => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts, preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: lab.pools.lb.at('192.168.114.200') }),
    loadBalancer: metalLb({ pools: [lab.pools.lb] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  new HomelabApp(cluster, 'mssql', {
    image: pinnedImage('mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04', ['amd64']), ports: [{ name: 'sql', port: 1433 }],
    placement: { arch: 'amd64' }, resources: { memoryRequest: '2Gi', memoryLimit: '4Gi' },
  });
  new HomelabApp(cluster, 'unifi-db', { image: 'mongo:7.0.14', ports: [{ name: 'mongo', port: 27017 }], runAsUser: 999, placement: { hosts: [pi5, mini] } });
  new HomelabApp(cluster, 'jellyfin', { image: 'jellyfin/jellyfin:10.10.7', ports: [{ name: 'http', port: 8096 }], gpu: { vendor: 'intel', renderGroup: 104 }, route: { host: 'jellyfin' } });
  new HomelabApp(cluster, 'node-exporter', {
    image: 'quay.io/prometheus/node-exporter:v1.8.2', ports: [{ name: 'metrics', port: 9100 }], controller: AppController.daemonSet(), resources: exporter,
  });
};
const sized = piLab({ memoryRequest: '64Mi', memoryLimit: '128Mi' });
const oversized = piLab({ memoryRequest: '1200Mi', memoryLimit: '2Gi' });

test('pinned single-arch images placed by arch, MongoDB 7 kept off the Pi 4 and a small DaemonSet synthesize clean', () => {
  expect(shownFindings(sized)).toEqual([]);
});

test("a DaemonSet's request above the 1 GB board it also runs on is one warning on that request", () => {
  expect(shownFindings(oversized)).toEqual(['warning main/node-exporter resources.memoryRequest']);
});

test("K3s' embedded etcd on Pis that list no SSD is a warning on hosts for each, not for the one booted from its SSD", () => {
  const board = (name: string, last: number, ssd: boolean) => host(name, {
    arch: 'arm64', roles: ['control-plane', 'worker'], address: `192.168.115.${last}`, memoryGigabytes: 8, model: 'Raspberry Pi 4 Model B',
    ...ssd ? { disks: [{ media: 'ssd' as const, sizeGigabytes: 500 }] } : {},
  });
  const boards = [board('etcd1', 11, true), board('etcd2', 12, false), board('etcd3', 13, false)];
  const etcdLab = site('etcdlab', { domain: 'etcd.jdoe.dev', hosts: boards, git: { url: 'https://github.com/jdoe/etcdlab.git' } });
  const findings = shownFindings((scope) => new ClusterChart(scope, 'main', {
    site: etcdLab, hosts: boards, preinstalled: [k3s()], routes: traefik({ hostPorts: true }), gitops: flux(),
  }));
  expect(findings.filter((f) => f === 'warning main hosts')).toHaveLength(2);
});
