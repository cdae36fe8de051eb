import { App as CdkApp } from 'cdk8s';
import { App } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// A value of no kind an environment variable takes, under a name that says secret, may be the secret all
// the same (a token pasted unquoted, a password wrapped in an object): a finding describes it, never prints it.

/** The errors of a lab app `web` with `props`, as `[layer] path field: message (hint)`. */
function errorsOf(props: Record<string, unknown>): string[] {
  const app = new CdkApp();
  guarded((a: CdkApp) => {
    new App(labCluster(a), 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);
  })(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message} (${f.hint ?? ''})`);
}

describe('a value that is no text under an env name that says secret is one error that never prints it', () => {
  test.each([
    ['a boolean in env of an App', { env: { API_KEY: true } }, 'env.API_KEY', /true/],
    ['a boolean false in a sidecar', { sidecars: [{ name: 'side', image: 'busybox:1.36', env: { DB_PASSWORD: false } }] }, 'sidecars[0].env.DB_PASSWORD', /false/],
    ['an object', { env: { API_TOKEN: { value: 's3cr3t-v4lue' } } }, 'env.API_TOKEN', /s3cr3t-v4lue/],
    ['a list', { env: { API_TOKEN: ['s3cr3t-v4lue'] } }, 'env.API_TOKEN', /s3cr3t-v4lue/],
    ['a bigint', { env: { API_TOKEN: BigInt('123456789012345678901') } }, 'env.API_TOKEN', /123456789012345678901/],
  ])('%s', (_name, props, field, printed) => {
    const errors = errorsOf(props);
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^\\[props\\] main/web ${field.replace(/[.[\]]/g, '\\$&')}: `))]);
    expect(errors[0]).not.toMatch(printed);
  });
  test.each([
    ["Kubernetes' list of { name, value } with a boolean", [{ name: 'API_KEY', value: true }], /true/],
    ["Kubernetes' list of { name, value } with an object", [{ name: 'API_KEY', value: { v: 's3cr3t-v4lue' } }], /s3cr3t-v4lue/],
  ])('env given as %s', (_name, env, printed) => {
    const errors = errorsOf({ env });
    expect(errors).toEqual([expect.stringMatching(/^\[props\] main\/web env: /)]);
    expect(errors[0]).not.toMatch(printed);
  });
  test('a boolean under a name that says no secret is still shown, to be written as text', () => {
    expect(errorsOf({ env: { DEBUG: true } })).toEqual([expect.stringMatching(/env\.DEBUG: .*the boolean true.*DEBUG: 'true'/)]);
  });
});

describe("a Java trust store's password, the JDK's public changeit, is no secret; a key store's is", () => {
  test.each([
    ['in JAVA_TOOL_OPTIONS', { JAVA_TOOL_OPTIONS: '-Djavax.net.ssl.trustStore=/etc/ssl/lab/truststore.jks -Djavax.net.ssl.trustStorePassword=changeit' }],
    ['as a variable of its own', { TRUSTSTORE_PASSWORD: 'changeit' }],
  ])('%s', (_name, env) => {
    expect(errorsOf({ env })).toEqual([]);
  });
  test.each([
    ['a trust store password of its own', { JAVA_OPTS: '-Djavax.net.ssl.trustStorePassword=Tr0ub4dor-lab' }, 'env.JAVA_OPTS'],
    ["a key store's changeit", { KEYSTORE_PASSWORD: 'changeit' }, 'env.KEYSTORE_PASSWORD'],
  ])('%s is still one', (_name, env, field) => {
    expect(errorsOf({ env })).toEqual([expect.stringContaining(` main/web ${field}: `)]);
  });
});
