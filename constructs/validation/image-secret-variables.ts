// Most images take a password under a name that says so (`PASSWORD`, `DB_PASS`), which the secret check reads
// whatever the image. A few read one from a variable whose name says nothing of it: servercontainers/samba adds a
// Samba user for each `ACCOUNT_<user>` and takes the value as that user's password (or its smbpasswd hash, which
// logs in as well as the password does). Written out, it would be committed in the clear like any other password.

/** The images that read a secret from variables of such names, with what the value is. */
const IMAGE_SECRET_VARIABLES: ReadonlyArray<{ readonly image: RegExp; readonly name: RegExp; readonly holds: (name: string) => string }> = [
  {
    image: /^((docker\.io|ghcr\.io)\/)?servercontainers\/samba(?=[:@]|$)/, name: /^ACCOUNT_(.+)$/,
    holds: (name) => `the password of Samba user ${name.replace(/^ACCOUNT_/, '')} (servercontainers/samba adds the account with it)`,
  },
];

/** What variable `name` holds where `image` reads a secret from it under a name that does not say so; undefined otherwise. Pure. */
export function imageSecretVariable(image: unknown, name: string): string | undefined {
  if (typeof image !== 'string') {
    return undefined;
  }
  const known = IMAGE_SECRET_VARIABLES.find((entry) => entry.image.test(image) && entry.name.test(name));
  return known?.holds(name);
}
