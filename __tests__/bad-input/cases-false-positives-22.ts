import { ApiObject } from 'cdk8s';
import { AppController, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// What still fails beside the forms this round lets pass: a psql variable in the SQL of psql -c outside its string
// literals (a JSON literal before it changes nothing), create limited to resourceNames on an object rather than a
// subresource, and a Java truststore's password other than Java's public default written out.

/** A Job `db-setup` running `script` with psql. */
const psqlJob = (script: string) => guarded(labApp('db-setup', {
  image: 'postgres:17.2-alpine', ports: undefined, controller: AppController.job({ backoffLimit: 3 }), command: ['sh', '-c', script],
  env: { PGPASSWORD: SecretReference.external('default', 'postgres-admin', 'password') },
}));

export const CASES: BadInput[] = [
  {
    name: 'psql -c seeding a JSON setting and then a role whose password is a psql variable',
    build: psqlJob("psql -h postgres -U postgres -v pw=\"$PW\" -c \"INSERT INTO settings VALUES ('ui', '{\\\"theme\\\":\\\"dark\\\"}'); CREATE ROLE app LOGIN PASSWORD :'pw'\""),
    layer: 'references', path: 'db-setup', field: 'command[2]', message: /:'pw'/, hint: /standard input/,
  },
  {
    name: 'a Role letting a backup job create pods by name beside its exec into one',
    build: (cluster) => {
      new ApiObject(cluster, 'role', {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'db-dump', namespace: 'default' },
        rules: [
          { apiGroups: [''], resources: ['pods/exec'], resourceNames: ['db-0'], verbs: ['create'] },
          { apiGroups: [''], resources: ['pods'], resourceNames: ['db-dump'], verbs: ['get', 'create'] },
        ],
      });
    },
    layer: 'schema', path: 'role', field: 'rules[1].verbs[1]', hint: /a rule of its own without resourceNames/,
  },
  {
    name: "a Java truststore's own password written out in JAVA_TOOL_OPTIONS",
    build: guarded(labApp('ledger', { env: { JAVA_TOOL_OPTIONS: '-Djavax.net.ssl.trustStore=/etc/ssl/java/truststore.jks -Djavax.net.ssl.trustStorePassword=s3cret-store' } })),
    layer: 'props', path: 'ledger', field: 'env.JAVA_TOOL_OPTIONS', hint: /trustStorePassword=\$\(PASSWORD\)/,
  },
];
