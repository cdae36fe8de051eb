/**
 * boky/postfix, a Postfix relay for a cluster's apps (Docker Hub's `boky/postfix`, GitHub's `ghcr.io/bokysan/postfix`):
 * it forwards to `RELAYHOST` and takes mail only from the sender domains `ALLOWED_SENDER_DOMAINS` lists.
 */
export const POSTFIX_RELAY_IMAGE = /^((docker\.io\/)?boky\/postfix|ghcr\.io\/bokysan\/postfix)(?=[:@]|$)/;
