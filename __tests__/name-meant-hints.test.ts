import { portProblems } from '../constructs/app/port-names';
import { secretPropProblems } from '../constructs/secrets/secret-props';

// The hints for a port name and a secret construct's name take the name meant from nameMeant, the one
// derivation of it: runs of other characters become one '-', and a name still refused (`my..db`, `8080`) is
// not offered: the example is.

test.each([
  ['HTTP', 'http'], ['my__port', 'my-port'], ['8080', 'http'], ['metrics-endpoint-v2', 'metrics-endpoin'],
])('port name %p is hinted as %p', (name, meant) => {
  expect(portProblems([{ port: { name, port: 8080 }, field: 'ports[0]' }])[0].hint).toContain(`e.g. '${meant}'`);
});

test.each([
  ['DB_Credentials', 'db-credentials'], ['my..db', 'db-credentials'], ['__', 'db-credentials'],
])('secret name %p is hinted as %p', (name, meant) => {
  expect(secretPropProblems('db', name, [], 'keys')[0].hint).toContain(`give name: '${meant}'`);
});
