// How a mail client meets a submission port. Port 465 (submissions, RFC 8314) speaks TLS from the first byte; 587
// (submission) and 25 (SMTP) greet in plain text and offer STARTTLS. A client that opens TLS on 587 fails at once
// ("wrong version number"); one that waits in plain text on 465 waits for a greeting that never comes and times out.

/** The port of SMTP over TLS from the first byte. */
export const SMTP_IMPLICIT_TLS_PORT = 465;

/** Ports that greet in plain text and offer STARTTLS. */
export const SMTP_STARTTLS_PORTS: readonly number[] = [25, 587];
