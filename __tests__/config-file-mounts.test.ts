import { AppVolume } from '../constructs';
import { mountPathProblems } from '../constructs/app/mount-paths';

// A ConfigMap or Secret mounted whole is a folder of its keys: at a file's name, the app finds a folder.

test.each([
  ['a ConfigMap at a file name', { volume: AppVolume.configMap('blocky'), mountPath: '/app/config.yml' }, 'persistence.v.mountPath'],
  ['a Secret at a certificate name', { volume: AppVolume.secret('mqtt-tls'), mounts: [{ mountPath: '/mosquitto/certs/server.crt' }] }, 'persistence.v.mounts[0].mountPath'],
])('%s is an error on its mount path', (_name, volume, field) => {
  expect(mountPathProblems({ v: volume }, 'app')).toEqual([expect.objectContaining({ field, hint: expect.stringMatching(/subPath/) })]);
});

test.each([
  ['one key mounted by its subPath', { volume: AppVolume.configMap('blocky'), mounts: [{ mountPath: '/app/config.yml', subPath: 'config.yml' }] }],
  ['the whole ConfigMap at a folder', { volume: AppVolume.configMap('nginx'), mountPath: '/etc/nginx/conf.d' }],
  ['a claim at a path with a dot', { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/srv/data.json' }],
])('%s is no error', (_name, volume) => {
  expect(mountPathProblems({ v: volume }, 'app')).toEqual([]);
});
