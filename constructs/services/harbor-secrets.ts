import type { SecretReference } from '../secrets/secret-reference';
import { bootstrapSecretStep } from '../synth/bootstrap-secret';
import type { OwnerAction } from '../synth/owner-action';

/**
 * The keys of the one Secret that holds Harbor's internal secrets, each with the chart value that names it
 * and what Harbor needs of it. Without them the chart makes the four random ones and the token-signing
 * certificate afresh at every render (an Argo CD sync, a Flux upgrade), which logs users out, breaks
 * running jobs and keeps the Application out of sync, encrypts registry credentials with its public
 * default key, and gives its internal PostgreSQL the public default password `changeit`.
 */
export const HARBOR_INTERNAL_SECRET_KEYS = {
  /** Encrypts the registry credentials Harbor keeps in its database: exactly 16 characters. */
  secretKey: 'secretKey',
  /** Core's secret towards the other components: 16 characters. */
  core: 'secret',
  /** The UI's CSRF key: 32 characters. */
  csrf: 'CSRF_KEY',
  /** The job service's secret: 16 characters. */
  jobservice: 'JOBSERVICE_SECRET',
  /** The registry's HTTP secret, which signs upload state: 16 characters. */
  registryHttp: 'REGISTRY_HTTP_SECRET',
  /** The password core uses towards the registry, and its htpasswd line (bcrypt) the registry checks. */
  registryPassword: 'REGISTRY_PASSWD',
  registryHtpasswd: 'REGISTRY_HTPASSWD',
  /** Certificate and RSA key (PKCS#1: Harbor reads no PKCS#8 key) that sign the registry's tokens. */
  tokenCert: 'tls.crt',
  tokenKey: 'tls.key',
  /** The superuser password of the chart's internal PostgreSQL, which core logs in with. */
  databasePassword: 'POSTGRES_PASSWORD',
} as const;

/**
 * The variables that carry the internal PostgreSQL's password into each container that uses it: the
 * database's own (set at its first start, and read by its health check), core's and the exporter's. The
 * chart has no existing-Secret value for that password: these entries of each component's `extraEnvVars`
 * outrank the chart's own Secrets, which the container reads through `envFrom` and which still hold the
 * default no container then uses.
 */
const DATABASE_PASSWORD_VARIABLES = { database: 'POSTGRES_PASSWORD', core: 'POSTGRESQL_PASSWORD', exporter: 'HARBOR_DATABASE_PASSWORD' } as const;

/** The user name the chart gives core towards the registry (`registry.credentials.username`). */
const REGISTRY_USER = 'harbor_registry_user';

/** The chart values that point Harbor at the Secret `secretName` for every internal secret. Pure. */
export function harborInternalSecretValues(secretName: string) {
  const k = HARBOR_INTERNAL_SECRET_KEYS;
  const databasePassword = (component: keyof typeof DATABASE_PASSWORD_VARIABLES) => [{
    name: DATABASE_PASSWORD_VARIABLES[component],
    valueFrom: { secretKeyRef: { name: secretName, key: k.databasePassword } },
  }];
  return {
    existingSecretSecretKey: secretName,
    core: { existingSecret: secretName, existingXsrfSecret: secretName, existingXsrfSecretKey: k.csrf, secretName, extraEnvVars: databasePassword('core') },
    jobservice: { existingSecret: secretName, existingSecretKey: k.jobservice },
    registry: {
      existingSecret: secretName, existingSecretKey: k.registryHttp,
      credentials: { username: REGISTRY_USER, existingSecret: secretName },
    },
    exporter: { extraEnvVars: databasePassword('exporter') },
    database: { internal: { extraEnvVars: databasePassword('database') } },
  };
}

/**
 * The owner's step that makes the Secret with every key at its length (openssl and htpasswd of
 * apache2-utils), and the `otherKeys` of the same Secret as placeholders, once and before the first sync. Pure.
 */
export function harborInternalSecretStep(reference: SecretReference, otherKeys: readonly string[] = []): OwnerAction {
  const k = HARBOR_INTERNAL_SECRET_KEYS;
  const random = (bytes: number) => `"$(openssl rand -hex ${bytes})"`;
  const secret = bootstrapSecretStep(
    {
      namespace: reference.namespace, name: reference.secretName,
      keys: [
        { key: k.secretKey, value: random(8) }, { key: k.core, value: random(8) }, { key: k.csrf, value: random(16) },
        { key: k.jobservice, value: random(8) }, { key: k.registryHttp, value: random(8) },
        { key: k.registryPassword, value: '"$REGISTRY_PASSWD"' },
        { key: k.registryHtpasswd, value: `"$(htpasswd -nbB ${REGISTRY_USER} "$REGISTRY_PASSWD")"` },
        { key: k.databasePassword, value: random(16) },
        ...otherKeys,
        { key: k.tokenCert, file: 'tls.crt' }, { key: k.tokenKey, file: 'tls.key' },
      ],
    },
    "Harbor's internal secrets; make it once, and keep it (a new secretKey makes the registry credentials Harbor keeps unreadable)",
    { lineBreaks: true },
  );
  return {
    kind: 'bootstrap', beforeFirstSync: true, action: secret.action,
    command: [
      'openssl genrsa -traditional -out tls.key 4096',
      "openssl req -new -x509 -key tls.key -out tls.crt -days 3650 -subj '/CN=harbor-token'",
      'REGISTRY_PASSWD="$(openssl rand -hex 16)"',
      secret.command,
      'rm tls.key tls.crt',
    ].join('\n'),
  };
}
