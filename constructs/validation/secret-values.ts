// A leaf module: the one rule that tells a secret written out from a value that only names or locates one.
// The policy layer applies it to env values, flags, ConfigMap keys and config files; ChartRelease to Helm
// values; the site to its Git URL.

/** Words of a name that mark it as holding a secret; `PW` as LDAP settings shorten it (`LDAP_BIND_PW`), `MASTERKEY` as Zitadel writes its (`ZITADEL_MASTERKEY`, `--masterkey`). */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'PW', 'TOKEN', 'SECRET', 'KEY', 'APIKEY', 'AUTHKEY', 'MASTERKEY', 'CREDENTIAL', 'CREDENTIALS', 'PRIVATE']);

/**
 * A word that ends in a secret word, as some images spell their variables in one word: Pi-hole's
 * `WEBPASSWORD`, `ADMINTOKEN`, `JWTSECRET`, Tailscale's `TS_AUTHKEY`, Redis' `requirepass`. `PWD` and `KEY` end
 * ordinary words (`OLDPWD`, `HOTKEY`), and so does `PASS` in a few (`BYPASS`, `COMPASS`).
 */
const WORD_ENDING_IN_SECRET = /^[A-Z0-9]+(?:PASSWORD|PASSWD|PASS|TOKEN|SECRET|APIKEY|AUTHKEY)$/;

/** Words that end in `PASS` and say nothing of a password. */
const ORDINARY_WORDS_ENDING_IN_PASS = new Set(['BYPASS', 'COMPASS', 'SURPASS', 'TRESPASS', 'ENCOMPASS', 'OVERPASS', 'UNDERPASS', 'KEEPASS', 'MULTIPASS', 'ONEPASS', 'SINGLEPASS', 'TWOPASS']);

/** Last words of a name that say its value only names or locates a secret: `--secret-name`, `key-path`, `tokenSecretRef`. */
const LOCATOR_WORDS = new Set(['NAME', 'NAMESPACE', 'PATH', 'DIR', 'REF', 'FILE']);

/** Last words of a name that say its value is the name of an object or a key, not a path. */
const NAMING_WORDS = new Set(['NAME', 'REF']);

/** Text a Kubernetes object's name or a Secret's key may be. */
const NAME_OR_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Words before a last `KEY` that say the name picks a key of a Secret: `passwordKey: admin-password` (Helm
 * charts read an existing Secret's key so), not a key in the cryptographic sense.
 */
const KEY_OF_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'PW', 'TOKEN', 'USER', 'USERNAME', 'CREDENTIAL', 'CREDENTIALS']);

/** A value that is the name of an object in several words (`github-runner`): what a name ending in `Secret` holds when it names one. */
const OBJECT_NAME_OF_WORDS = /^[a-z0-9]+(?:[-.][a-z0-9]+)+$/;

/**
 * Words before a last `SECRET` that say the name is of the Secret that holds the credentials (Longhorn's
 * `backupTargetCredentialSecret: minio`), whose value is that Secret's name even as one word.
 */
const CREDENTIAL_WORDS = new Set(['CREDENTIAL', 'CREDENTIALS', 'CREDS']);

/**
 * Words before a last `SECRET` that say the name holds a secret of that kind itself (`SESSION_SECRET`,
 * `JWT_SECRET`, `clientSecret`), whose value may read like an object's name all the same: a passphrase of
 * words (`correct-horse-battery-staple`).
 */
const SECRET_VALUE_WORDS = new Set(['SESSION', 'JWT', 'COOKIE', 'SIGNING', 'HMAC', 'CSRF', 'WEBHOOK', 'ENCRYPTION', 'CLIENT']);

/** A Kubernetes object's name (lower-case, DNS-1123). */
const OBJECT_NAME = /^[a-z0-9](?:[-.a-z0-9]*[a-z0-9])?$/;

/** The words of a name, upper-case: `DB_PASSWORD`, `db-password` and `dbPassword` all give DB, PASSWORD. */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().split(/[^A-Z0-9]+/).filter((w) => w !== '');
}

/**
 * Names whose secret word names an identifier, as their last words spell them: etcd's `--initial-cluster-token`
 * (`ETCD_INITIAL_CLUSTER_TOKEN`) only keeps the IDs of two clusters bootstrapped alike apart, and etcd's own guides
 * write it out (`etcd-cluster-1`).
 */
const IDENTIFIER_NAMES: readonly string[] = ['INITIAL_CLUSTER_TOKEN'];

/** Whether `words` end in one of {@link IDENTIFIER_NAMES}. */
function namesIdentifier(words: readonly string[]): boolean {
  const joined = words.join('_');
  return IDENTIFIER_NAMES.some((name) => joined === name || joined.endsWith(`_${name}`));
}

/**
 * etcd's `--auth-token` (`ETCD_AUTH_TOKEN`) takes the kind of token its server hands out, `simple` or `jwt` with its
 * options (`jwt,pub-key=/certs/jwt.pub,priv-key=/certs/jwt.key,sign-method=RS256`), never a token itself.
 */
const TOKEN_TYPE = /^(?:simple|jwt(?:,[a-z-]+=[^,=\s]+)*)$/;

/** Whether `value` under `name`, whose last words are `AUTH TOKEN`, is a kind of token ({@link TOKEN_TYPE}). */
function namesTokenType(name: string, value: string): boolean {
  return /(?:^|_)AUTH_TOKEN$/.test(wordsOf(name).join('_')) && TOKEN_TYPE.test(value);
}

/**
 * Last words of a name whose value is a list of keys with their secrets: LiveKit's `LIVEKIT_KEYS`
 * (`<api key>: <secret>`, one pair a line), and `API_KEYS` as other servers name such a list.
 */
const KEY_LIST_NAMES: readonly string[] = ['LIVEKIT_KEYS', 'API_KEYS'];

/** Whether a name looks like it holds a secret (`DB_PASSWORD`, `API_KEY`, `adminPassword`, …); `*_FILE` names hold paths. */
export function isSecretLookingName(name: string): boolean {
  let answer = secretLookingNames.get(name);
  if (answer === undefined) {
    const words = wordsOf(name);
    const joined = words.join('_');
    answer = (words.some((w) => SECRET_WORDS.has(w) || (WORD_ENDING_IN_SECRET.test(w) && !ORDINARY_WORDS_ENDING_IN_PASS.has(w)))
      || KEY_LIST_NAMES.some((list) => joined === list || joined.endsWith(`_${list}`))) && words[words.length - 1] !== 'FILE'
      && !namesIdentifier(words);
    if (secretLookingNames.size >= 10_000) {
      secretLookingNames.clear();
    }
    secretLookingNames.set(name, answer);
  }
  return answer;
}

/** Answers per name: env names repeat across every app of a fleet. */
const secretLookingNames = new Map<string, boolean>();

/**
 * A reference filled in later, not a value: `$(DB_PASSWORD)`, which Kubernetes expands from another variable, and a
 * variable's name in braces, `{FRIGATE_RTSP_PASSWORD}`, which Frigate fills in from its environment as it reads its
 * config (its docs' way to keep a camera's password out of the file).
 */
function isReference(value: string): boolean {
  return value.startsWith('$') || /^\{[A-Za-z_]\w*\}$/.test(value);
}

/**
 * Whether `name` only names or locates a secret: its last word says so (`passwordSecretName`,
 * `--key-path`), it names an existing Secret (`existingSecret`, `existingSecretAdminPassword`), it picks a
 * key of one (`passwordKey`), or it ends in `Secret` and holds an object name (`githubConfigSecret: github-runner`).
 */
function namesSecret(words: readonly string[], value: string): boolean {
  const last = words[words.length - 1];
  // A Secret's name or key has none of a password's punctuation: `existingSecret: 'S3cr3t!pw'` is the password
  // itself. A value that is no text ('') is judged by its name alone.
  const nameOrKey = value === '' || NAME_OR_KEY.test(value);
  return (LOCATOR_WORDS.has(last) && (nameOrKey || !NAMING_WORDS.has(last))) || (words.includes('EXISTING') && nameOrKey)
    || (last === 'KEY' && words.length > 1 && KEY_OF_WORDS.has(words[words.length - 2]) && nameOrKey)
    || (last === 'SECRET' && words.length > 1 && !SECRET_VALUE_WORDS.has(words[words.length - 2])
      && (OBJECT_NAME_OF_WORDS.test(value) || (CREDENTIAL_WORDS.has(words[words.length - 2]) && OBJECT_NAME.test(value))));
}

/**
 * Last words of a name that say its value is a setting about a secret, not the secret: a length, a
 * lifetime, an algorithm, a mode, an endpoint, a command that prints it (`PASSWORD_MIN_LENGTH`, `TOKEN_TTL`,
 * `password_encryption`, `passwordMode`, `token_url`, `--password-command`, `SSH_KEY_TYPE`, `AWS_ACCESS_KEY_ID`, an OIDC
 * plugin's `TokenValidation: IdToken`, `REGISTRY_AUTH_HTPASSWD_REALM`).
 */
const SETTING_WORDS = new Set([
  'URL', 'URI', 'URIS', 'ENDPOINT', 'HOST', 'PORT', 'HEADER', 'PREFIX', 'SUFFIX', 'FIELD', 'PARAM', 'LOCATION', 'SOURCE',
  'LENGTH', 'LEN', 'MIN', 'MAX', 'ITERATIONS', 'ROUNDS', 'COST', 'COUNT', 'LIMIT', 'SIZE', 'BITS',
  'TTL', 'EXPIRY', 'EXPIRE', 'EXPIRES', 'EXPIRATION', 'LIFETIME', 'LIFESPAN', 'TIMEOUT', 'INTERVAL', 'DURATION', 'AGE',
  'ALG', 'ALGO', 'ALGORITHM', 'HASH', 'HASHER', 'CIPHER', 'ENCRYPTION', 'FORMAT', 'ENCODING', 'TYPE', 'KIND', 'MODE', 'METHOD',
  'POLICY', 'COMPLEXITY', 'STRENGTH', 'VALIDATION', 'HINT', 'HINTS', 'COMMAND', 'CMD', 'ID', 'IDS', 'USER', 'USERNAME', 'PROVIDER', 'STORE',
  'BACKEND', 'VERSION', 'PROTOCOL', 'AUDIENCE', 'ISSUER', 'SCOPE', 'SCOPES', 'ENABLED', 'DISABLED', 'REQUIRED', 'USAGE', 'USAGES',
  // A key's fingerprint names the key (Passbolt's PASSBOLT_GPG_SERVER_KEY_FINGERPRINT): it is read off the public half.
  'FINGERPRINT', 'THUMBPRINT',
  // A realm is the name a basic-auth challenge shows the client (the registry's REGISTRY_AUTH_HTPASSWD_REALM: Registry Realm).
  'REALM',
]);

/**
 * Values that write out no secret whatever their name: empty, null, booleans, numbers, durations, paths,
 * the name of a key or certificate file (`tls.key`), structure (YAML or JSON), templates and references
 * filled in later (`$(VAR)`, `${VAR}`, `{{ … }}`), a YAML tag that reads the value elsewhere (Home
 * Assistant's `!secret mqtt_password`), the word `GENERATE` (Zigbee2MQTT makes the key itself), and an
 * ellipsis, the placeholder of an example (`--from-literal=token=…`).
 */
const NOT_A_SECRET = new RegExp('^(?:|~|null|true|false|yes|no|on|off|enabled?|disabled?|-?\\d+(?:\\.\\d+)?|…|\\.\\.\\.'
  + '|[\\w-]+(?:\\.[\\w-]+)*\\.(?:key|pem|crt|cert|cer|der|csr|p12|pfx|jks|pub|asc|gpg|txt|json|ya?ml|toml|ini|conf|env)'
  + '|(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d|w|y))+|[[{].*|\\|[-+]?|>[-+]?|<[^>]*>|!(?:secret|env_var|include|env)\\s.*|generate'
  + '|\\.{0,2}/.*|~/.*|.*(?:\\$\\{|\\{\\{|%\\(|\\$[A-Za-z_(]).*)$', 'i');

/** A URI that reads the value from elsewhere or locates it (`file:///run/secrets/key`, `env://PG_PASS`, `https://idp/token`). */
const URI_VALUE = /^(?:[a-z][a-z0-9+.-]*:\/\/\S*|file:\S+|env:\S+)$/i;

/** A public key or certificate: no secret (`ssh-ed25519 AAAA…`, `-----BEGIN PUBLIC KEY-----`). */
const PUBLIC_KEY_VALUE = /^(?:(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+@openssh\.com) |-----BEGIN (?:PUBLIC KEY|CERTIFICATE|SSH2 PUBLIC KEY)-----)/;

/**
 * Whether `name: value` is a truststore's password of Java's convention, `changeit` (`javax.net.ssl.trustStorePassword`,
 * `TRUSTSTORE_PASSWORD`): a truststore holds public certificates alone, and Java's own and trust-manager's JKS
 * truststores are written with that password, which guards nothing secret. A keystore's is left to the rule. Pure.
 */
function isJavaTruststoreDefault(name: string, value: string): boolean {
  const joined = wordsOf(name).join('_');
  return value === 'changeit' && (joined.includes('TRUSTSTORE') || joined.includes('TRUST_STORE'));
}

/**
 * Whether `value` under `name` (an env variable, a flag, a ConfigMap key, a setting of a config file or of
 * Helm values) writes out a secret: the name holds a secret word (`DB_PASSWORD`, `apiKey`, `--token`), the
 * name is no setting about a secret, no locator of one and no public key's, and the value is no setting,
 * path, URI without a password, reference or public key. The one rule every place applies.
 */
export function writesSecret(name: string, value: string): boolean {
  if (!isSecretLookingName(name) || NOT_A_SECRET.test(value) || PUBLIC_KEY_VALUE.test(value)
    || (URI_VALUE.test(value) && urlPasswordIn(value) === undefined) || namesTokenType(name, value) || isJavaTruststoreDefault(name, value)) {
    return false;
  }
  return nameSaysSecret(name, value);
}

/**
 * Whether `name` says its value is a secret, whatever the value: it holds a secret word and is no setting
 * about a secret, no locator of one and no public key's. {@link writesSecret} also asks the value, and takes
 * a number for no secret (a port, a count); under such a name a number may be one all the same (a PIN, a
 * numeric token), so a message describes it by its size rather than print it.
 */
export function nameSaysSecret(name: string, value: string): boolean {
  if (!isSecretLookingName(name)) {
    return false;
  }
  const words = wordsOf(name);
  const last = words[words.length - 1];
  // An access key (S3's `accessKey`, the id half of a key pair) names an account; its secret half
  // (`AWS_SECRET_ACCESS_KEY`, `secretAccessKey`) is the secret.
  const accessKeyId = last === 'KEY' && words[words.length - 2] === 'ACCESS' && !words.includes('SECRET');
  return !namesSecret(words, value) && !SETTING_WORDS.has(last) && !accessKeyId && !words.includes('FROM')
    && !words.includes('PUBLIC') && !words.includes('PUB');
}

/** A number, as text or as a number: `12345678`, `-1.5`. */
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * Whether a message or hint must not print `value` given under `name`: text that writes out a secret (see
 * {@link writesSecret}), or a value that is no text (a number, a boolean, an object or list) under a name that
 * says secret (see {@link nameSaysSecret}), which may be the secret all the same: a PIN, a numeric token, a
 * password wrapped in an object. Which values the policy reports as plaintext secrets stays
 * {@link writesSecret}'s to say.
 */
export function hiddenInMessages(name: string, value: unknown): boolean {
  if (typeof value === 'string') {
    return writesSecret(name, value) || (NUMBER_TEXT.test(value) && nameSaysSecret(name, value));
  }
  return value !== undefined && value !== null && nameSaysSecret(name, typeof value === 'number' || typeof value === 'bigint' ? String(value) : '');
}

/** What a message says of a value it must not print (see {@link hiddenInMessages}): its kind and size. Pure. */
export function hiddenValueText(value: unknown): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    return /^\d+$/.test(text) ? `a number of ${plural(text.length, 'digit')}` : `a number of ${plural(text.length, 'character')}`;
  }
  if (typeof value === 'string') {
    return `text of ${plural(value.length, 'character')}`;
  }
  if (Array.isArray(value)) {
    return `a list of ${plural(value.length, 'item')}`;
  }
  if (typeof value === 'object' && value !== null) {
    return `an object of ${plural(Object.keys(value).length, 'key')}`;
  }
  return `a ${typeof value}`;
}

/**
 * A setting of SNMP's community string (v1 and v2c), the shared secret a switch or a UPS answers polls with, as
 * snmp_exporter's auth file and most pollers name it; `public` is the default every device ships with, and hides
 * nothing.
 */
const SNMP_COMMUNITY_SETTING = /^(?:snmp[-_]?)?community$/i;

/**
 * Whether a setting `name: value` of a config file or of Helm values writes out a secret. A bare `key` is
 * structure (a toleration's, a selector's, a `secretKeyRef`'s), not a key in the cryptographic sense.
 */
export function settingWritesSecret(name: string, value: string): boolean {
  if (SNMP_COMMUNITY_SETTING.test(name)) {
    return !NOT_A_SECRET.test(value) && !/^public$/i.test(value);
  }
  return !/^key$/i.test(name) && writesSecret(name, value);
}

/**
 * The first setting of a JSON file that writes a secret out, as its path (`clients[0].secret`), or undefined for
 * text that is no JSON object or array, or holds none: a key that says secret (a realm export's client `secret`,
 * an identity provider's `clientSecret`), or the `value` of a password credential (`{ type: 'password', value }`,
 * a realm's users). JSON written on one line, as `JSON.stringify` writes it, has no setting line to read. Pure.
 */
export function jsonSecretSetting(file: string): string | undefined {
  const text = file.trim();
  if (!/^[[{]/.test(text)) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const walk = (value: unknown, path: string): string | undefined => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = walk(value[i], `${path}[${i}]`);
        if (found !== undefined) {
          return found;
        }
      }
      return undefined;
    }
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    const record = value as Record<string, unknown>;
    if (record.type === 'password' && typeof record.value === 'string' && record.value !== '' && !isReference(record.value)) {
      return path === '' ? 'value' : `${path}.value`;
    }
    for (const [key, child] of Object.entries(record)) {
      const at = path === '' ? key : `${path}.${key}`;
      const found = typeof child === 'string'
        ? (child !== '' && !isReference(child) && settingWritesSecret(key, child) ? at : undefined)
        : walk(child, at);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  };
  return walk(parsed, '');
}

/** What {@link credentialIn} calls a private key (PEM or OpenSSH). */
export const PRIVATE_KEY_CREDENTIAL = 'a private key';

/**
 * Values that are a credential by their form, whatever the name they are given under (`DISCORD_WEBHOOK`,
 * `slack_api_url`, `GH_AUTH`): webhook URLs whose path is the credential (whoever reads the URL may post to
 * the channel), push and ping URLs of uptime monitors (Uptime Kuma, Healthchecks), access tokens whose prefix names their issuer, a bearer token, a private key.
 */
const CREDENTIAL_FORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[^\s/]+\/\S+/i, 'a Slack webhook URL, whose path is its credential'],
  [/https:\/\/(?:[a-z]+\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[\w-]+/i, 'a Discord webhook URL, whose path is its credential'],
  [/https:\/\/[a-z0-9-]+\.webhook\.office\.com\/\S+|https:\/\/outlook\.office\.com\/webhook\/\S+/i, 'a Microsoft Teams webhook URL, whose path is its credential'],
  [/https:\/\/api\.telegram\.org\/bot\d+:[\w-]+/i, "a Telegram URL with its bot's token"],
  // A monitor's push or ping URL: whoever reads it reports the job healthy, and its failures go unseen.
  [/https?:\/\/[^\s/]+\/api\/push\/[A-Za-z0-9]{8,}/i, 'an Uptime Kuma push URL, whose path is its token'],
  [/https?:\/\/(?:hc-ping\.com|[^\s/]+\/ping)\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[\w-]{22}\/[\w-]+)/i, 'a Healthchecks ping URL, whose path is its credential'],
  [/(?:^|[^\w])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{30,})/, 'a GitHub access token'],
  [/(?:^|[^\w])glpat-[\w-]{20,}/, 'a GitLab access token'],
  [/(?:^|[^\w])xox[abposr]-[\w-]{10,}/, 'a Slack token'],
  [/^Bearer\s+[\w.~+/-]{16,}=*$/i, 'an Authorization header with its bearer token'],
  [/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, PRIVATE_KEY_CREDENTIAL],
  [/(?:^|[^\w-])AGE-SECRET-KEY-(?:1)[0-9A-Z]{50,}/, 'an age secret key'],
  [/(?:^|[^\w-])tskey-(?:auth|client|api|scim|webhook)-[\w-]{16,}/, 'a Tailscale key'],
  [/(?:^|[^\w-])sk-(?:proj-|ant-(?:api\d\d-)?|svcacct-)?[A-Za-z0-9_-]{32,}/, 'an API secret key (sk-…)'],
  [/(?:^|[^\w-])eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{16,}/, 'a JSON Web Token'],
  // plex.tv/claim's token, which Plex's images read from PLEX_CLAIM to sign the server in to its owner's account.
  [/(?:^|[^\w-])claim-(?=[\w-]*[A-Z])(?=[\w-]*\d)[A-Za-z0-9_-]{16,32}(?![\w-])/, 'a Plex claim token (plex.tv/claim), which signs a server in to its owner\'s account within four minutes of being made (a Secret made by hand just before the first start carries it in time)'],
  // htpasswd: a user, then an Apache MD5, bcrypt, SHA-1 or crypt(3) hash; whoever reads the hash may crack it offline.
  [/(?:^|[\s"',[])[^\s:"',[]+:(?:\$apr1\$|\$2[aby]\$\d\d\$|\{SHA\}|\$[156]\$)[./\w$=+]{16,}/, 'an htpasswd line with its password hash'],
  [/^Basic\s+[A-Za-z0-9+/]{8,}=*$/i, 'an Authorization header with its user and password (base64, no encryption)'],
  [/[?&](?:access_?token|token|auth|api_?key|apikey|key|password|passwd|secret|sig|signature)=[^&#\s$%{]{8,}/i, 'a URL with a credential in its query (token=, auth=, key=)'],
];

/** A value that may be base64 (a `base64 -w0` habit): long enough to hide a credential, base64 characters only. */
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4}){6,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$|^[A-Za-z0-9_-]{24,}$/;
/** The fewest characters {@link BASE64_TEXT} takes: every text of every object is asked, and most are shorter. */
const BASE64_TEXT_LENGTH = 24;

/**
 * What the first credential `value` holds by its form (`a Slack webhook URL, whose path is its credential`,
 * `a GitHub access token`), if any, written out or base64-encoded (base64 is no encryption: `base64 -d`
 * reads it back): such a value is a secret whatever its name, as a password written into a URL is (see
 * {@link urlPasswordIn}).
 */
export function credentialIn(value: string): string | undefined {
  const form = credentialFormIn(value);
  if (form !== undefined || value.length < BASE64_TEXT_LENGTH || !BASE64_TEXT.test(value)) {
    return form;
  }
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // Bytes that are no text decode to replacement characters: a hash or ciphertext, no credential written out.
  const inner = decoded.includes('\ufffd') ? undefined : credentialFormIn(decoded) ?? (urlPasswordIn(decoded) !== undefined ? 'a URL with its password written out' : undefined);
  return inner === undefined ? undefined : `base64 of ${inner}`;
}

/** Text each credential form holds (a prefix, a host, a separator): most values hold none, and one scan tells. */
const CREDENTIAL_MARKS = /hooks\.slack|discord|webhook|telegram|\/api\/push\/|hc-ping|\/ping\/|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|bearer|PRIVATE KEY|AGE-SECRET|tskey-|sk-|eyJ|claim-|:\$|:\{SHA\}|basic|[?&]\w+=/i;

function credentialFormIn(value: string): string | undefined {
  return CREDENTIAL_MARKS.test(value) ? CREDENTIAL_FORMS.find(([pattern]) => pattern.test(value))?.[1] : undefined;
}

/**
 * A URL that carries a password (`postgres://app:hunter2@db/app`). A user given as a variable with its default
 * (go2rtc's `${CAM_USER:admin}`) is one part, whose colon is no password's.
 */
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/(?:\$\{[^}\s]*\}|\$(?!\{)|[^/\s:@$])*:([^@\s/]+)@/i;

/**
 * The password of the first URL in `value` that carries one written out, if any. A password that starts
 * with `$` is a reference (`$(DB_PASSWORD)`), not a value.
 */
export function urlPasswordIn(value: string): string | undefined {
  if (!value.includes('@')) {
    return undefined;
  }
  const password = URL_WITH_PASSWORD.exec(value)?.[1];
  return password !== undefined && !isReference(password) ? password : undefined;
}

/** A setting of a config file: `key: value` (YAML, JSON), `key = value` (INI, TOML), `KEY=value` (.env). */
const SETTING_LINE = /^\s*(?:-\s+)?(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;

/**
 * A password an SQL statement writes out as a quoted string: PostgreSQL's `CREATE USER … WITH PASSWORD '…'`
 * (`ENCRYPTED PASSWORD`, `ALTER ROLE … PASSWORD`), MySQL's and MariaDB's `IDENTIFIED BY '…'` (`IDENTIFIED
 * WITH <plugin> BY`) and `SET PASSWORD … = PASSWORD('…')`, as a database image's init scripts hold them.
 */
const SQL_PASSWORD = /\b(PASSWORD|IDENTIFIED(?:\s+WITH\s+\w+)?\s+BY)\s*(?:=\s*(?:PASSWORD\s*)?)?\(?\s*'([^']+)'/i;

/**
 * psql's interpolation of a variable as a quoted literal or name (`PASSWORD :'pw'`), which the script fills from
 * `psql -v pw="$DB_PASSWORD"` or a `\set pw` that runs a shell command: a reference, no value.
 */
const PSQL_VARIABLE = /(?<=\s):(["'])[A-Za-z_]\w*\1/g;

/**
 * The clause that writes a password out in SQL of `text` (`PASSWORD '…'`, `IDENTIFIED BY '…'`), the value left out;
 * undefined where there is none, or the quoted value is a reference (`'$DB_PASSWORD'`, which a shell fills in). Pure.
 */
export function sqlPasswordClause(text: string): string | undefined {
  const sql = SQL_PASSWORD.exec(text);
  return sql === null || isReference(sql[2]) ? undefined : `${sql[1].replace(/\s+/g, ' ').toUpperCase()} '…'`;
}

/** A directive of a config file whose name and value a space parts (redis.conf's `requirepass hunter2`). */
const DIRECTIVE_LINE = /^([a-z][a-z_-]*)[ \t]+(\S+)[ \t]*$/;

/** A setting with a quoted value inside a line: a JSON or JavaScript object on one line (MongoDB's `createUser({ user: 'app', pwd: '…' })`). */
const INLINE_SETTING = /["']?([A-Za-z_][\w.-]*)["']?\s*:\s*(["'])([^"'\n]*)\2/g;

/**
 * An element of an XML file with its text inside a line (the `config.xml` of Sonarr, Radarr, Prowlarr and the
 * other *arr apps: `<ApiKey>…</ApiKey>`, `<Password>…</Password>`).
 */
const XML_ELEMENT = /<([A-Za-z_][\w.-]*)(?:\s[^<>]*)?>([^<>\n]*)<\/\1\s*>/g;

/**
 * The first line of a config file that writes out a secret (`password: hunter2`, `api_key = "…"`,
 * `requirepass hunter2`, `{ pwd: '…' }` inside a line, an XML element's `<ApiKey>…</ApiKey>`, an SQL script's `… WITH PASSWORD 'hunter2'`), by its
 * number and setting name (for SQL, the clause); undefined when there is none. The value itself is never
 * repeated. Pure.
 */
export function secretSettingLine(file: string): { number: number; setting: string } | undefined {
  const lines = file.split('\n');
  let inKeyList = false;
  for (let i = 0; i < lines.length; i++) {
    const keyed = keyListEntry(lines[i], inKeyList);
    inKeyList = keyed.inList;
    if (keyed.setting !== undefined) {
      return { number: i + 1, setting: keyed.setting };
    }
    const sql = /^\s*--/.test(lines[i]) ? undefined : sqlPasswordClause(lines[i]);
    if (sql !== undefined) {
      return { number: i + 1, setting: `the SQL password (${sql})` };
    }
    if (lines[i].trimStart().startsWith('#')) {
      continue;
    }
    const match = SETTING_LINE.exec(lines[i]) ?? DIRECTIVE_LINE.exec(lines[i]);
    const setting = match !== null && settingWritesSecret(match[1], match[2].replace(/^(["'])(.*)\1$/, '$2'))
      ? match[1]
      : [...lines[i].replace(PSQL_VARIABLE, ':variable').matchAll(INLINE_SETTING)].find((inline) => settingWritesSecret(inline[1], inline[3]))?.[1]
        ?? [...lines[i].matchAll(XML_ELEMENT)].find((element) => settingWritesSecret(element[1], element[2].trim()))?.[1];
    if (setting !== undefined) {
      return { number: i + 1, setting };
    }
  }
  return undefined;
}

/** A top-level block of a YAML file that maps each API key to its secret: LiveKit's config's `keys:`. */
const KEY_LIST_BLOCK = /^keys\s*:\s*(?:#.*)?$/;

/**
 * How line `line` of a YAML file stands to a block that maps API keys to their secrets ({@link KEY_LIST_BLOCK}),
 * `inList` telling whether the lines before it opened one: whether the block goes on after it, and the setting
 * (`keys.<api key>`) where the line writes a secret out in it. The key is a name the server gives its clients, so
 * its value is the secret whatever the key is called. Pure.
 */
function keyListEntry(line: string, inList: boolean): { readonly inList: boolean; readonly setting?: string } {
  if (KEY_LIST_BLOCK.test(line)) {
    return { inList: true };
  }
  if (line.trim() === '' || line.trimStart().startsWith('#')) {
    return { inList };
  }
  // A line at the left margin closes the block; one indented under it is an entry.
  if (!inList || !/^\s/.test(line)) {
    return { inList: false };
  }
  const entry = SETTING_LINE.exec(line);
  const value = entry?.[2].replace(/^(["'])(.*)\1$/, '$2');
  return entry !== null && value !== undefined && writesSecret('secret', value) ? { inList, setting: `keys.${entry[1]}` } : { inList };
}
