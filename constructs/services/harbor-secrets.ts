import type { SecretReference } from '../secrets/secret-reference';

/**
 * The keys of the one Secret that holds Harbor's internal secrets, each with the chart value that names it
 * and what Harbor needs of it. Without them the chart makes the four random ones and the token-signing
 * certificate afresh at every render (an Argo CD sync, a Flux upgrade), which logs users out, breaks
 * running jobs and keeps the Application out of sync, and encrypts registry credentials with its public
 * default key.
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
} as const;

/** The user name the chart gives core towards the registry (`registry.credentials.username`). */
const REGISTRY_USER = 'harbor_registry_user';

/** The chart values that point Harbor at the Secret `secretName` for every internal secret. Pure. */
export function harborInternalSecretValues(secretName: string) {
  const k = HARBOR_INTERNAL_SECRET_KEYS;
  return {
    existingSecretSecretKey: secretName,
    core: { existingSecret: secretName, existingXsrfSecret: secretName, existingXsrfSecretKey: k.csrf, secretName },
    jobservice: { existingSecret: secretName, existingSecretKey: k.jobservice },
    registry: {
      existingSecret: secretName, existingSecretKey: k.registryHttp,
      credentials: { username: REGISTRY_USER, existingSecret: secretName },
    },
  };
}

/**
 * The owner's commands that make the Secret with every key at its length (openssl and htpasswd of
 * apache2-utils), and the `otherKeys` of the same Secret as placeholders. Pure.
 */
export function harborInternalSecretCommand(reference: SecretReference, otherKeys: readonly string[] = []): string {
  const k = HARBOR_INTERNAL_SECRET_KEYS;
  return [
    'openssl genrsa -traditional -out tls.key 4096',
    "openssl req -new -x509 -key tls.key -out tls.crt -days 3650 -subj '/CN=harbor-token'",
    'REGISTRY_PASSWD="$(openssl rand -hex 16)"',
    `kubectl create namespace ${reference.namespace} --dry-run=client -o yaml | kubectl apply -f -`,
    `kubectl -n ${reference.namespace} create secret generic ${reference.secretName} \\`,
    `  --from-literal=${k.secretKey}="$(openssl rand -hex 8)" \\`,
    `  --from-literal=${k.core}="$(openssl rand -hex 8)" \\`,
    `  --from-literal=${k.csrf}="$(openssl rand -hex 16)" \\`,
    `  --from-literal=${k.jobservice}="$(openssl rand -hex 8)" \\`,
    `  --from-literal=${k.registryHttp}="$(openssl rand -hex 8)" \\`,
    `  --from-literal=${k.registryPassword}="$REGISTRY_PASSWD" \\`,
    `  --from-literal=${k.registryHtpasswd}="$(htpasswd -nbB ${REGISTRY_USER} "$REGISTRY_PASSWD")" \\`,
    ...otherKeys.map((key) => `  --from-literal=${key}="…" \\`),
    `  --from-file=${k.tokenCert}=tls.crt --from-file=${k.tokenKey}=tls.key`,
    'rm tls.key tls.crt',
  ].join('\n');
}
