import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Loose ends: a secret on an App's command line named on the prop the user wrote, a claim's size under
// another tool's name, and what a newcomer writes around them.

export const CASES: BadInput[] = [
  // A secret written out in an App's command or arguments: the App's prop, not the rendered Deployment's field.
  {
    name: "a password flag with its value in an App's args",
    build: guarded(labApp('web', { args: ['--port', '8080', '--password=hunter2'] })),
    layer: 'props', path: 'web', field: 'args[2]', hint: /--password=\$\(NAME\)/,
  },
  {
    name: "a token flag with its value as the next word of an App's args",
    build: guarded(labApp('web', { args: ['--token', 'abcdef123456'] })),
    layer: 'props', path: 'web', field: 'args[1]', hint: /after --token/,
  },
  {
    name: "a shell script of an App's command that gives a password flag its value",
    build: guarded(labApp('web', { command: ['sh', '-c', 'exec app --db-password=hunter2'] })),
    layer: 'props', path: 'web', field: 'command[2]', hint: /"\$NAME"/,
  },
  {
    name: 'a password flag in the args of a sidecar given as props',
    build: guarded(labApp('web', { sidecars: [{ name: 'backup', image: 'restic/restic:0.17.3', args: ['--password=hunter2'] }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].args[0]',
  },
  {
    name: 'a URL with its password in the args of an init container given as props',
    build: guarded(labApp('web', { initContainers: [{ name: 'migrate', image: 'migrate/migrate:v4.18.1', args: ['-database', 'postgres://app:hunter2@db/app', 'up'] }] })),
    layer: 'props', path: 'web', field: 'initContainers[0].args[1]',
  },
  {
    name: 'a password flag in the args of a container added after construction',
    build: guarded((cluster) => labApp('web')(cluster).addSidecar({ name: 'backup', image: 'restic/restic:0.17.3', args: ['--password', 'hunter2'] })),
    layer: 'props', path: 'web', field: 'addSidecar.args[1]',
  },
];
