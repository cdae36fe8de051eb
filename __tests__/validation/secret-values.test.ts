import { writesSecret } from '../../constructs/validation/secret-values';

// The one rule that tells a secret written out from a setting about one, applied to env, flags, ConfigMap
// keys, config files and Helm values alike. Settings home labs write every day must pass.

const settings: Array<[string, string]> = [
  ['PASSWORD_ITERATIONS', '600000'], ['SHOW_PASSWORD_HINT', 'false'], ['TOKEN_TTL', '3600'], ['token-ttl', '1h'],
  ['DEFAULT_KEEP_EMAIL_PRIVATE', 'true'], ['OAUTH2_PROXY_PASS_ACCESS_TOKEN', 'true'], ['ENABLE_API_KEY', 'false'],
  ['AUTHENTIK_PASSWORD_MIN_LENGTH', '12'], ['PASSWORD_HASH_ALGO', 'argon2'], ['password_encryption', 'scram-sha-256'],
  ['passwordMode', 'keepUpdated'], ['SSH_KEY_TYPE', 'ed25519'], ['key-type', 'EC'], ['access_token', '1h'], ['tokenExpiry', '1h'],
  ['GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json'], ['KEY_PATH', '/data/ssh/key'], ['MQTT_TLS_KEY', '/certs/tls.key'],
  ['TLS_SECRET_NAME', 'wildcard-tls'], ['TS_KUBE_SECRET', 'tailscale-state'], ['envFromSecret', 'grafana'],
  ['GF_AUTH_GENERIC_OAUTH_TOKEN_URL', 'https://auth.lab.example.com/application/o/token/'], ['INTERNAL_TOKEN_URI', 'file:/data/gitea/internal_token'],
  ['secret_key', 'file:///authentik-secrets/secret_key'], ['password', 'env://PG_PASS'], ['auth-key', 'file:/run/secrets/ts/authkey'],
  ['PUBLIC_KEY', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 me@laptop'], ['RESTIC_PASSWORD_COMMAND', 'cat /secrets/restic-password'],
  ['password', '!secret mqtt_password'], ['network_key', 'GENERATE'], ['accessKey', 'loki'], ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
  ['DB_PASSWORD', '$(PGPASS)'], ['DATABASE_URL', 'postgres://app:$(PGPASS)@db/app'], ['API_KEY_HEADER', 'X-Api-Key'],
  ['githubConfigSecret', 'github-runner'], ['backupTargetCredentialSecret', 'minio'],
];

const secrets: Array<[string, string]> = [
  ['DB_PASSWORD', 'hunter2'], ['ADMIN_TOKEN', 's3cr3tvalue'], ['SECRET_KEY_BASE', 'abcdef0123456789'], ['API_KEY', 'AbCd1234XyZ'],
  ['password', 'hunter2'], ['apiKey', 'AbCdEf123'], ['clientSecret', 'x9y8z7'], ['token', 'ghp_abcdefghijklmnop'],
  ['PRIVATE_KEY', '-----BEGIN PRIVATE KEY-----\nMIIE'], ['password', '!Passw0rd'], ['JWT_SECRET', 'correct horse battery staple'],
  // A passphrase of words reads like an object's name; these names hold the secret itself, not a Secret's name.
  ['GRIST_SESSION_SECRET', 'correct-horse-battery-staple'], ['JWT_SECRET', 'correct-horse-battery-staple'],
  ['clientSecret', 'tender-orbit-velvet-canyon'], ['COOKIE_SECRET', 'plum-harbor-quiet-falcon'],
];

describe('writesSecret', () => {
  test.each(settings)('%s=%s is a setting, not a secret', (name, value) => expect(writesSecret(name, value)).toBe(false));
  test.each(secrets)('%s=%s writes a secret out', (name, value) => expect(writesSecret(name, value)).toBe(true));
});
