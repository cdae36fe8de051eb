import { DNS1123_SUBDOMAIN, nameMeant, nameProblem } from './dns-names';
import { labelMapProblems } from './label-map';
import { AddFinding, fields, Fields, forEachRepeatedKey, list, stringMap, text } from './manifest';

// What cert-manager's webhook refuses in what a Certificate writes (ValidateCertificateSpec): the Secret it
// is stored in, that Secret's template, the keystores and extra formats beside the PEM files, and how many
// CertificateRequests it keeps. The CRD schema takes all of it.

/** The annotation prefix of cert-manager's own bookkeeping, which a Secret template may not set. */
const CERT_MANAGER_ANNOTATION_PREFIX = 'cert-manager.io/';
/** The one cert-manager annotation a template may set: it lets a CA injector read the Secret. */
const ALLOWED_CERT_MANAGER_ANNOTATION = 'cert-manager.io/allow-direct-injection';
/** The keystores cert-manager writes, with the name its messages give them. */
const KEYSTORES = [['jks', 'JKS'], ['pkcs12', 'PKCS#12']] as const;

/**
 * The Secret name is an RFC 1123 subdomain, the Secret template sets none of cert-manager's own annotations
 * and labels of keys and values a label takes,
 * each keystore has one password source (a literal one not empty), each additional output format is listed
 * once, and at least one CertificateRequest is kept. Pure: reports through `add`.
 */
export function checkCertificateOutputs(spec: Fields, add: AddFinding): void {
  const secretName = text(spec.secretName);
  const problem = secretName === undefined || secretName === '' ? undefined : nameProblem(secretName, DNS1123_SUBDOMAIN);
  if (secretName !== undefined && problem !== undefined) {
    const meant = nameMeant(secretName, DNS1123_SUBDOMAIN);
    add('spec.secretName', `secretName ${problem}, so no Secret of that name can hold the certificate`,
      meant !== undefined ? `write secretName: ${meant}` : "name the Secret in lower case with letters, digits, '-' and '.', e.g. web-tls");
  }
  for (const key of Object.keys(stringMap(fields(spec.secretTemplate).annotations))) {
    if (key.startsWith(CERT_MANAGER_ANNOTATION_PREFIX) && key !== ALLOWED_CERT_MANAGER_ANNOTATION) {
      add(`spec.secretTemplate.annotations.${key}`, `the Secret template sets ${key}; cert-manager writes its own cert-manager.io/ annotations on the Secret and refuses a template that sets one`,
        `drop ${key} from the template (cert-manager sets it); of its annotations a template may set ${ALLOWED_CERT_MANAGER_ANNOTATION} alone`);
    }
  }
  for (const problem of labelMapProblems(fields(spec.secretTemplate).labels, 'spec.secretTemplate.labels')) {
    add(problem.field, problem.message, problem.hint);
  }
  const keystores = fields(spec.keystores);
  for (const [key, shown] of KEYSTORES) {
    if (keystores[key] !== undefined && keystores[key] !== null) {
      checkKeystorePassword(fields(keystores[key]), `spec.keystores.${key}`, shown, add);
    }
  }
  forEachRepeatedKey(list(spec.additionalOutputFormats), (format) => text(format.type), (index, first, type) => {
    add(`spec.additionalOutputFormats[${index}].type`, `output format ${type} is listed twice (also at additionalOutputFormats[${first}]); cert-manager takes each format once`,
      `drop additionalOutputFormats[${index}]`);
  });
  if (typeof spec.revisionHistoryLimit === 'number' && spec.revisionHistoryLimit < 1) {
    add('spec.revisionHistoryLimit', `revisionHistoryLimit ${spec.revisionHistoryLimit} is below 1; cert-manager keeps at least the CertificateRequest of the current certificate`,
      'give revisionHistoryLimit: 1 or more, or leave it out to keep every request');
  }
}

/**
 * A keystore is locked by exactly one of a literal password and a Secret's key, a literal one not empty. A literal
 * password that cert-manager takes is still plain text in Git: a warning, as a keystore's password may be a
 * well-known one on purpose (Java's `changeit`), which protects nothing.
 */
function checkKeystorePassword(keystore: Fields, at: string, shown: string, add: AddFinding): void {
  const literal = typeof keystore.password === 'string' ? keystore.password : undefined;
  const fromSecret = (text(fields(keystore.passwordSecretRef).name) ?? '') !== '';
  if (literal !== undefined && fromSecret) {
    add(`${at}.password`, `the ${shown} keystore has both a password and a passwordSecretRef; cert-manager takes one of them`,
      'drop password, and keep the password in the Secret that passwordSecretRef names');
  } else if (literal === undefined && !fromSecret) {
    add(`${at}.passwordSecretRef`, `the ${shown} keystore has no password: cert-manager takes one from passwordSecretRef (or password) to lock it with`,
      "give passwordSecretRef: { name: 'web-keystore', key: 'password' }, a Secret of the Certificate's namespace");
  } else if (literal === '') {
    add(`${at}.password`, `the ${shown} keystore's literal password is empty, which cert-manager refuses`,
      "give passwordSecretRef: { name: 'web-keystore', key: 'password' } instead, so the password stays out of Git");
  } else if (literal !== undefined) {
    add(`${at}.password`, `the ${shown} keystore's password is written in the Certificate, in plain text in Git`,
      "keep it in a Secret and give passwordSecretRef: { name: 'web-keystore', key: 'password' }, unless it is a well-known one (Java's changeit) on purpose", 'warning');
  }
}
