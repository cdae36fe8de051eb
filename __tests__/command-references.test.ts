import { App as CdkApp } from 'cdk8s';
import { App, SecretReference, synthesize } from '../constructs';
import { commandLineReferences } from '../constructs/app/command-references';
import { labCluster } from './bad-input/lab';

// Kubernetes expands only $(NAME) in a command line, from the container's variables: a shell's ${NAME} or
// $NAME, or a misspelt $(NAME), reaches the program as text, a password among them.

const VARIABLES = ['DB_PASSWORD', 'PORT'];

test("a shell's form of a container variable is named with the word Kubernetes expands", () => {
  expect(commandLineReferences(undefined, ['--password=${DB_PASSWORD}', '--port', '$PORT'], VARIABLES)).toEqual([
    expect.objectContaining({ key: 'args', index: 0, hint: "write '--password=$(DB_PASSWORD)'" }),
    expect.objectContaining({ key: 'args', index: 2, hint: "write '$(PORT)'" }),
  ]);
  expect(commandLineReferences(['app', '--token=$(DB_PASS)'], undefined, VARIABLES)).toEqual([
    expect.objectContaining({ key: 'command', index: 1, hint: expect.stringContaining('$(DB_PASSWORD)') }),
  ]);
});

test('what Kubernetes or a shell expands, escapes and templates of the program stay silent', () => {
  expect(commandLineReferences(undefined, ['--password=$(DB_PASSWORD)', '$$PORT', '$${DB_PASSWORD}', '$$(DB_PASS)', '${HOME}', '$(POD_IP)'], VARIABLES)).toEqual([]);
  // A shell script expands its own variables.
  expect(commandLineReferences(['sh', '-c'], ['exec app --password="$DB_PASSWORD" --port ${PORT}'], VARIABLES)).toEqual([]);
});

test("an App's args with ${NAME} of its own variable is a warning on the arg", () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  new App(cluster, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], args: ['--password=${DB_PASSWORD}'],
    env: { DB_PASSWORD: SecretReference.external('web', 'db', 'password') },
  });
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.field.startsWith('args')).map((f) => [f.severity, f.constructPath, f.field, f.hint]))
    .toEqual([['warning', 'main/web', 'args[0]', "write '--password=$(DB_PASSWORD)'"]]);
});
