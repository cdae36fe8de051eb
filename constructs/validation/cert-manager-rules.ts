import type { SynthesizedObject } from '../synth/collect';
import { acmeContactProblems, letsEncryptDirectoryProblems } from '../platform/cert-manager-props';
import { closestName } from './closest-name';
import { goDurationText, parsedGoDuration, spokenDurationMilliseconds } from './go-duration';
import { checkSolverChallenge } from './acme-solver-rules';
import { checkCertificateOutputs } from './certificate-output-rules';
import { checkCertificateSubjectFields } from './certificate-subject-rules';
import { checkIssuerSecretNames } from './issuer-secret-names';
import { checkIssuerTypeConfig } from './issuer-type-rules';
import { AddFinding, fields, Fields, list, text } from './manifest';
import { plainHostName } from './dns-names';
import { isIpAddress } from './schema/formats';

// What cert-manager's validating webhook refuses in a Certificate, an Issuer and a ClusterIssuer although
// their CRD schemas allow it. A strict server-side dry-run calls the webhook, so these are refused as the
// API server's own rules are.

const HOUR = 3_600_000;
/** The shortest certificate cert-manager issues (MinimumCertificateDuration), and its default length of 90 days. */
const MIN_DURATION = HOUR;
const DEFAULT_DURATION = 90 * 24 * HOUR;
/** The shortest renewal window cert-manager takes (MinimumRenewBefore). */
const MIN_RENEW_BEFORE = 5 * 60_000;
/** The longest common name cert-manager takes, in bytes (X.509's upper bound). */
const MAX_COMMON_NAME_BYTES = 64;
/** Where a Certificate's subject or names come from: with none of them it is for nothing. */
const NAME_FIELDS = ['commonName', 'literalSubject', 'dnsNames', 'uris', 'emailAddresses', 'ipAddresses', 'otherNames'] as const;
/** The RSA key sizes cert-manager generates (pki.MinRSAKeySize, pki.MaxRSAKeySize), and the ECDSA curves. */
const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 8192;
const ECDSA_BITS: readonly number[] = [256, 384, 521];
/** The signature algorithms each key algorithm signs with. */
const SIGNATURES: Readonly<Record<string, readonly string[]>> = {
  RSA: ['SHA256WithRSA', 'SHA384WithRSA', 'SHA512WithRSA'],
  ECDSA: ['ECDSAWithSHA256', 'ECDSAWithSHA384', 'ECDSAWithSHA512'],
  Ed25519: ['PureEd25519'],
};
const ISSUER_KINDS: readonly string[] = ['Issuer', 'ClusterIssuer'];
/** The issuer types of an Issuer's spec, of which it takes exactly one. */
const ISSUER_TYPES = ['acme', 'ca', 'selfSigned', 'vault', 'venafi'] as const;
/** The challenge types of an ACME solver, of which it takes exactly one. */
const SOLVER_TYPES = ['http01', 'dns01'] as const;
/** An e-mail address alone, as Go's mail.ParseAddress gives it back unchanged: no display name, comment or blank. */
const BARE_EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/**
 * A Certificate (cert-manager's ValidateCertificateSpec): an issuer reference of kind Issuer or ClusterIssuer
 * unless another group names an external issuer, at least one name, a common name of at most 64 bytes,
 * IP and e-mail SANs that are an address alone, a key size its algorithm takes and a signature algorithm of
 * that key, a duration of at least an hour renewed at least 5 minutes and less than the duration before
 * it ends, its subject and name extensions as certificate-subject-rules.ts checks them, and what it writes as
 * certificate-output-rules.ts checks it.
 */
export function checkCertificate(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  checkIssuerKind(fields(spec.issuerRef), add);
  if (!NAME_FIELDS.some((key) => hasValue(spec[key]))) {
    add('spec', 'the Certificate names nothing: it has no commonName, dnsNames, ipAddresses, uris, emailAddresses or otherNames',
      "list the names it is for, e.g. dnsNames: ['web.lab.example']");
  }
  const commonName = text(spec.commonName);
  if (commonName !== undefined && Buffer.byteLength(commonName) > MAX_COMMON_NAME_BYTES) {
    add('spec.commonName', `commonName is ${Buffer.byteLength(commonName)} bytes long; cert-manager takes at most ${MAX_COMMON_NAME_BYTES}`,
      'leave commonName out and list the name in dnsNames, which has no such limit');
  }
  checkSubjectAddresses(spec, add);
  checkKey(spec, add);
  checkLifetime(spec, add);
  checkCertificateSubjectFields(spec, add);
  checkCertificateOutputs(spec, add);
}

/** Whether a name field holds something: a non-empty text or list. */
function hasValue(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || (Array.isArray(value) && value.length > 0);
}

/** An issuer reference in cert-manager's group (or none) names an Issuer or a ClusterIssuer. */
function checkIssuerKind(reference: Fields, add: AddFinding): void {
  const group = text(reference.group) ?? '';
  const kind = text(reference.kind) ?? '';
  if ((group !== '' && group !== 'cert-manager.io') || kind === '' || ISSUER_KINDS.includes(kind)) {
    return;
  }
  const meant = closestName(kind, ISSUER_KINDS) ?? ISSUER_KINDS.find((known) => kind.toLowerCase().startsWith(known.toLowerCase()));
  add('spec.issuerRef.kind', `kind ${JSON.stringify(kind)} is neither Issuer nor ClusterIssuer, the kinds of cert-manager's own issuers`,
    meant !== undefined ? `write kind: ${meant}` : "for an external issuer, set issuerRef.group to its API group (e.g. awspca.cert-manager.io); else write kind: ClusterIssuer or Issuer");
}

/**
 * IP and e-mail SANs are an address each, nothing beside it. A DNS SAN that is an address, a URL, or that
 * ends in the root's dot, passes the webhook, but no certificate serves it: an ACME server refuses the order, and a
 * client matches an address against IP SANs alone and a name without its dot.
 */
function checkSubjectAddresses(spec: Fields, add: AddFinding): void {
  (Array.isArray(spec.dnsNames) ? spec.dnsNames : []).forEach((name: unknown, i) => {
    if (typeof name === 'string' && isIpAddress(name)) {
      add(`spec.dnsNames[${i}]`, `${JSON.stringify(name)} is an IP address, which a client matches against the certificate's IP SANs alone, and an ACME server refuses as a DNS name`,
        `list it under ipAddresses: ['${name}'] (from a CA issuer of your own), or give the DNS name that points at it`);
    } else if (typeof name === 'string' && name.length > 1 && name.endsWith('.')) {
      add(`spec.dnsNames[${i}]`, `${JSON.stringify(name)} ends in the root's dot, which an ACME server refuses and a client does not match against the name it connects to`,
        `write it without the dot: '${name.replace(/\.+$/, '')}'`);
    } else if (typeof name === 'string' && /[:/?#]/.test(name)) {
      // Copied from the browser's address bar: the ACME server refuses the order, and no client asks for it.
      add(`spec.dnsNames[${i}]`, `${JSON.stringify(name)} is written as a URL (a scheme, port or path), and a certificate names hosts alone`,
        `write the host name alone: '${plainHostName(name)}'`);
    }
  });
  (Array.isArray(spec.ipAddresses) ? spec.ipAddresses : []).forEach((address: unknown, i) => {
    if (typeof address === 'string' && !isIpAddress(address)) {
      const network = address.includes('/') ? address.slice(0, address.indexOf('/')) : undefined;
      add(`spec.ipAddresses[${i}]`, `${JSON.stringify(address)} is not an IP address`,
        network !== undefined && isIpAddress(network) ? `give the address alone: '${network}'` : 'give an IPv4 or IPv6 address; host names go in dnsNames');
    }
  });
  (Array.isArray(spec.emailAddresses) ? spec.emailAddresses : []).forEach((address: unknown, i) => {
    if (typeof address === 'string' && !BARE_EMAIL.test(address)) {
      const inner = /<([^<>\s]+@[^<>\s]+)>/.exec(address)?.[1];
      add(`spec.emailAddresses[${i}]`, `${JSON.stringify(address)} is not an e-mail address alone`,
        inner !== undefined ? `give the address without a name: '${inner}'` : "give the mailbox alone, e.g. 'ops@lab.example'");
    }
  });
}

/** The key's size is one its algorithm takes, and the signature algorithm signs with that key. */
function checkKey(spec: Fields, add: AddFinding): void {
  const key = fields(spec.privateKey);
  const algorithm = text(key.algorithm) || 'RSA';
  const size = key.size;
  if (typeof size === 'number' && size > 0) {
    if (algorithm === 'RSA' && (size < MIN_RSA_BITS || size > MAX_RSA_BITS)) {
      add('spec.privateKey.size', `an RSA key of ${size} bits is not within ${MIN_RSA_BITS}–${MAX_RSA_BITS}`,
        size === 256 || size === 384 ? `${size} is an ECDSA curve's size: set algorithm: ECDSA, or size: 2048 for RSA` : 'give size: 2048, 3072 or 4096');
    } else if (algorithm === 'ECDSA' && !ECDSA_BITS.includes(size)) {
      add('spec.privateKey.size', `an ECDSA key of ${size} bits is none of ${ECDSA_BITS.join(', ')}`,
        size >= MIN_RSA_BITS ? "that is an RSA key's size: set algorithm: RSA, or size: 256 for ECDSA" : 'give size: 256, 384 or 521');
    }
  }
  const signature = text(spec.signatureAlgorithm);
  const allowed = SIGNATURES[algorithm];
  // A signature algorithm of no key at all is the schema's to report.
  if (signature !== undefined && allowed !== undefined && !allowed.includes(signature) && Object.values(SIGNATURES).some((names) => names.includes(signature))) {
    add('spec.signatureAlgorithm', `${signature} does not sign with an ${algorithm} key${key.algorithm === undefined ? " (cert-manager's default)" : ''}`,
      `give one of ${allowed.join(', ')}, or leave signatureAlgorithm out for cert-manager to choose`);
  }
}

/**
 * The duration (default 90 days) is at least an hour, and renewBefore at least 5 minutes and less than it.
 * A duration Go cannot read is one error: the webhook cannot decode the Certificate, and nothing is compared.
 */
function checkLifetime(spec: Fields, add: AddFinding): void {
  const duration = readDuration(spec, 'duration', add);
  const renewBefore = readDuration(spec, 'renewBefore', add);
  if (duration === null || renewBefore === null) {
    return;
  }
  const length = duration ?? DEFAULT_DURATION;
  if (duration !== undefined && duration < MIN_DURATION) {
    add('spec.duration', `a certificate lasting ${String(spec.duration)} is shorter than the hour cert-manager issues at least`,
      "give at least duration: '1h'; a certificate of a lab CA commonly lasts '2160h' (90 days)");
    return;
  }
  if (spec.renewBeforePercentage !== undefined && spec.renewBeforePercentage !== null) {
    checkRenewBeforePercentage(spec, length, renewBefore !== undefined, add);
    return;
  }
  if (renewBefore === undefined) {
    return;
  }
  if (renewBefore < MIN_RENEW_BEFORE) {
    add('spec.renewBefore', `renewing ${String(spec.renewBefore)} before the end is less than the 5 minutes cert-manager takes at least`,
      "give renewBefore: '5m' or more, e.g. a third of the duration ('720h' of '2160h')");
  } else if (renewBefore >= length) {
    add('spec.renewBefore', `renewBefore ${String(spec.renewBefore)} is not shorter than the certificate's duration ${duration === undefined ? "(cert-manager's default, 2160h)" : String(spec.duration)}, so it would be renewed as soon as it is issued`,
      `give a renewBefore below the duration, e.g. '${goDurationText(Math.round(length / 3))}'`);
  }
}

/**
 * renewBeforePercentage (the share of the lifetime left when cert-manager renews) is the only renewal window
 * given, within 1–99, and the window cert-manager's webhook reckons of it, (100 − percentage) % of the
 * certificate's `length`, at least 5 minutes (ValidateDuration).
 */
function checkRenewBeforePercentage(spec: Fields, length: number, withRenewBefore: boolean, add: AddFinding): void {
  const percentage = spec.renewBeforePercentage;
  if (withRenewBefore) {
    add('spec.renewBeforePercentage', 'the Certificate gives both renewBefore and renewBeforePercentage; cert-manager takes one of them',
      'keep renewBeforePercentage (it follows the duration) and drop renewBefore, or the other way round');
    return;
  }
  if (typeof percentage !== 'number' || !Number.isInteger(percentage)) {
    return; // the schema reports a percentage that is no integer
  }
  const window = Math.trunc((length * (100 - percentage)) / 100);
  if (percentage <= 0 || percentage >= 100) {
    add('spec.renewBeforePercentage', `renewBeforePercentage ${percentage} is not within 1–99, the share of the certificate's lifetime left when cert-manager renews it`,
      'give the share to renew in, e.g. renewBeforePercentage: 33 (renewed with a third of its lifetime left)');
  } else if (window < MIN_RENEW_BEFORE) {
    add('spec.renewBeforePercentage', `with a lifetime of ${goDurationText(length)}, renewBeforePercentage ${percentage} is a renewal window of ${goDurationText(window)} to cert-manager's webhook (it reckons ${100 - percentage} % of the lifetime), less than the 5 minutes it takes at least`,
      'give a lower percentage or a longer duration, so that (100 − percentage) % of the duration is 5 minutes or more');
  }
}

/**
 * Milliseconds of a duration field: undefined when absent, null when Go cannot read it (reported here, with
 * the spelling Go takes when the value reads as a duration written another way).
 */
function readDuration(spec: Fields, key: 'duration' | 'renewBefore', add: AddFinding): number | undefined | null {
  const value = spec[key];
  if (typeof value !== 'string') {
    return undefined; // absent, or of a type the schema reports
  }
  const milliseconds = parsedGoDuration(value);
  if (milliseconds !== undefined) {
    return milliseconds;
  }
  const meant = spokenDurationMilliseconds(value);
  add(`spec.${key}`, `${key} ${JSON.stringify(value)} is no Go duration, so cert-manager's webhook cannot read the Certificate`,
    meant !== undefined ? `write it in hours, minutes and seconds: ${key}: '${goDurationText(meant)}'` : `write it in hours, minutes and seconds, e.g. ${key}: '2160h' for 90 days`);
  return null;
}

/**
 * An Issuer or ClusterIssuer (cert-manager's ValidateIssuerConfig): exactly one issuer type, an ACME server
 * trusted by a CA bundle or without verification but not both, the Secrets of its keys named
 * (issuer-secret-names.ts), the settings of its type given (issuer-type-rules.ts), and each ACME solver of exactly one challenge type, checked as acme-solver-rules.ts does.
 */
export function checkIssuer(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const types = ISSUER_TYPES.filter((type) => spec[type] !== undefined && spec[type] !== null);
  if (types.length === 0) {
    add('spec', 'the issuer has no issuer type: none of acme, ca, selfSigned, vault and venafi', 'give the one it issues from, e.g. ca: { secretName: ... } or acme: { ... }');
  } else if (types.length > 1) {
    add(`spec.${types[1]}`, `the issuer is of type ${types[0]} and ${types.slice(1).join(' and ')}; cert-manager takes one type per issuer`,
      `keep ${types[0]} and make a second issuer for ${types[1]}`);
  }
  list(fields(spec.acme).solvers).forEach((solver, i) => {
    const given = SOLVER_TYPES.filter((type) => solver[type] !== undefined && solver[type] !== null);
    if (given.length !== 1) {
      add(`spec.acme.solvers[${i}]`, given.length === 0 ? 'the solver has no challenge type: neither http01 nor dns01' : 'the solver has both an http01 and a dns01 challenge; cert-manager takes one per solver',
        given.length === 0 ? 'give http01 or dns01' : 'make two solvers, and a selector (e.g. dnsZones) to say which names each one proves');
    }
    checkCloudflareCredentials(fields(solver.dns01).cloudflare, `spec.acme.solvers[${i}].dns01.cloudflare`, add);
    checkSolverChallenge(solver, `spec.acme.solvers[${i}]`, add);
  });
  checkIssuerSecretNames(spec, add);
  checkIssuerTypeConfig(spec, add);
  const acme = fields(spec.acme);
  if ((text(acme.caBundle) ?? '') !== '' && acme.skipTLSVerify === true) {
    add('spec.acme.skipTLSVerify', 'the ACME issuer gives both a caBundle to trust and skipTLSVerify; cert-manager takes one of them',
      "drop skipTLSVerify: the caBundle is what lets cert-manager verify the ACME server's certificate");
  }
  if (spec.acme !== undefined && spec.acme !== null) {
    // Not the webhook's: the ACME server refuses the account (or cert-manager finds no directory), and the
    // issuer never becomes ready. The checks acmeIssuer() runs on its options, on an issuer written by hand.
    for (const problem of [...letsEncryptDirectoryProblems(acme.server), ...acmeContactProblems(acme.email, acme.server, 'email', false)]) {
      add(`spec.acme.${problem.field}`, problem.message, problem.hint);
    }
  }
}

/** The Cloudflare API credentials a DNS-01 solver reads, by which of them it names. */
const CLOUDFLARE_SECRET_REFS = ['apiTokenSecretRef', 'apiKeySecretRef'] as const;

/**
 * A Cloudflare DNS-01 solver names one Secret key it reads its token (or global key) from, with both the
 * Secret's name and the key (ValidateACMEChallengeSolverDNS01): without them it could write no TXT record.
 */
function checkCloudflareCredentials(given: unknown, at: string, add: AddFinding): void {
  if (given === undefined || given === null) {
    return;
  }
  const cloudflare = fields(given);
  const refs = CLOUDFLARE_SECRET_REFS.filter((ref) => cloudflare[ref] !== undefined && cloudflare[ref] !== null);
  if (refs.length === 0) {
    add(at, 'the Cloudflare DNS-01 solver names no Secret with its API token: cert-manager could write no TXT record for the challenge',
      "give apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' }, a Secret of cert-manager's namespace holding a token with Zone:DNS:Edit on the zone");
    return;
  }
  for (const ref of refs) {
    const selector = fields(cloudflare[ref]);
    for (const part of ['name', 'key'] as const) {
      if (text(selector[part]) === undefined || text(selector[part]) === '') {
        add(`${at}.${ref}.${part}`, `${ref} names no ${part === 'name' ? 'Secret' : 'key of its Secret'}, so the solver has no credential to read`,
          part === 'key' ? `give the key the token is stored under, e.g. ${ref}: { name: '${text(selector.name) ?? 'cloudflare-api-token'}', key: 'api-token' }` : 'give the name of the Secret that holds the token');
      }
    }
  }
}
