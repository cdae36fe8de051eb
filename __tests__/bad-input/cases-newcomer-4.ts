import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A second week's lab grown from the README alone: apps that talk to each other, changed after
// construction, charts with values of their own, tenants and devices. Each mistake is named on the prop
// or call that made it, with a hint written in the form that call takes.

export const CASES: BadInput[] = [
  // A secret written out in a variable added after construction is named on the call, as in the props.
  {
    name: 'addEnv with a password written out',
    build: guarded((c: ClusterChart) => labApp('web')(c).addEnv('DB_PASSWORD', 'hunter2hunter2')),
    layer: 'props', path: 'web', field: 'addEnv.DB_PASSWORD', hint: /addEnv\('DB_PASSWORD', sealedSecret\.key\('\.\.\.'\)\)/,
  },
  {
    name: "the main container's addEnv with a token written out",
    build: guarded((c: ClusterChart) => labApp('web')(c).container.addEnv('API_TOKEN', 'abcdef0123456789abcdef')),
    layer: 'props', path: 'web', field: 'addEnv.API_TOKEN',
  },
  {
    name: 'addEnv with a database URL that holds its password',
    build: guarded((c: ClusterChart) => labApp('web')(c).addEnv('DATABASE_URL', 'postgres://app:s3cretpass@db:5432/app')),
    layer: 'props', path: 'web', field: 'addEnv.DATABASE_URL', hint: /\$\(DB_PASSWORD\)/,
  },
];
