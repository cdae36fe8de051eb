// Most images take a password under a name that says so (`PASSWORD`, `DB_PASS`), which the secret check reads
// whatever the image. A few read one from a variable whose name says nothing of it: servercontainers/samba adds a
// Samba user for each `ACCOUNT_<user>` and takes the value as that user's password (or its smbpasswd hash, which
// logs in as well as the password does), and NocoDB reads its database's password from the `p=` (or `password=`)
// parameter of the URL it takes in `NC_DB` (`pg://postgres:5432?u=nocodb&p=…&d=nocodb`), a query parameter too
// short a name for the check of credentials in any URL's query. Written out, it would be committed in the clear
// like any other password.

/** An image that reads a secret from variables of such names, with what the value holds, or undefined where this value holds none. */
interface ImageSecretVariable {
  readonly image: RegExp;
  readonly name: RegExp;
  readonly holds: (name: string, value: string) => string | undefined;
}

/** A password given as the `p=` or `password=` parameter of NocoDB's database URL, written out (not `$(VAR)`). */
const NOCODB_URL_PASSWORD = /[?&](?:p|password)=(?!\$)[^&#\s]+/i;

/** The images that read a secret from variables of such names. */
const IMAGE_SECRET_VARIABLES: readonly ImageSecretVariable[] = [
  {
    image: /^((docker\.io|ghcr\.io)\/)?servercontainers\/samba(?=[:@]|$)/, name: /^ACCOUNT_(.+)$/,
    holds: (name) => `the password of Samba user ${name.replace(/^ACCOUNT_/, '')} (servercontainers/samba adds the account with it)`,
  },
  {
    image: /^((docker\.io|ghcr\.io)\/)?nocodb\/nocodb(?=[:@]|$)/, name: /^NC_DB$/,
    holds: (_name, value) => (NOCODB_URL_PASSWORD.test(value) ? "the password of NocoDB's database, as the p= of its URL" : undefined),
  },
];

/** What variable `name`, set to `value`, holds where `image` reads a secret from it under a name that does not say so; undefined otherwise. Pure. */
export function imageSecretVariable(image: unknown, name: string, value: string): string | undefined {
  if (typeof image !== 'string') {
    return undefined;
  }
  return IMAGE_SECRET_VARIABLES.find((entry) => entry.image.test(image) && entry.name.test(name))?.holds(name, value);
}
