import type { SynthesizedObject } from '../synth/collect';
import { describeValue } from '../inventory/problems';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, FULLY_QUALIFIED_DOMAIN_NAME, nameProblem } from './dns-names';
import { AddFinding, fields } from './manifest';
import { certificateRequestDerProblem } from './certificate-request-der';

/** The key usages a CertificateSigningRequest may ask for (certificates/validation's allValidUsages). */
const KEY_USAGES: ReadonlySet<string> = new Set([
  'signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment',
  'cert sign', 'crl sign', 'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing',
  'email protection', 's/mime', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing',
  'microsoft sgc', 'netscape sgc',
]);

/** The signer that CertificateSigningRequests of certificates/v1beta1 defaulted to; v1 refuses it. */
const LEGACY_SIGNER = 'kubernetes.io/legacy-unknown';

/** The shortest certificate lifetime a request may ask for: ten minutes. */
const MIN_EXPIRATION_SECONDS = 600;

/** The first PEM block of `text`: its type and its base64 body. */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/;

const SIGNER_HINT = "name the signer as <domain>/<name>: one of Kubernetes' own (kubernetes.io/kube-apiserver-client, kubernetes.io/kube-apiserver-client-kubelet, kubernetes.io/kubelet-serving) or your signer's, e.g. lab.example/internal-ca";

/**
 * A CertificateSigningRequest as ValidateCertificateSigningRequestCreate takes it: `spec.request` the base64 of a
 * PEM `CERTIFICATE REQUEST` block, a signer named `<domain>/<path>` (not the legacy one v1 no longer takes), at
 * least one key usage, each of the fixed set and each once, and a lifetime of at least ten minutes. The
 * request must parse and its signature verify against its own key, as the API server checks. Pure: reports through `add`.
 */
export function checkCertificateSigningRequest(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  if (typeof spec.request === 'string') {
    const problem = certificateRequestProblem(spec.request);
    if (problem !== undefined) {
      add('spec.request', problem, 'give the base64 of the PEM request itself: openssl req -new … -out web.csr, then base64 -w0 web.csr (the PEM begins -----BEGIN CERTIFICATE REQUEST-----)');
    }
  }
  if (typeof spec.signerName === 'string') {
    const problem = signerNameProblem(spec.signerName);
    if (problem !== undefined) {
      add('spec.signerName', problem, SIGNER_HINT);
    }
  }
  const usages: unknown[] = Array.isArray(spec.usages) ? spec.usages : [];
  if (usages.length === 0) {
    add('spec.usages', 'a CertificateSigningRequest must ask for key usages; the API server refuses one without',
      "list them, e.g. usages: ['digital signature', 'key encipherment', 'client auth'] (or 'server auth' for a serving certificate)");
  } else {
    const seen = new Set<unknown>();
    usages.forEach((usage, i) => {
      if (typeof usage === 'string' && !KEY_USAGES.has(usage)) {
        const spaced = usage.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
        add(`spec.usages[${i}]`, `${describeValue(usage)} is not a key usage Kubernetes knows`,
          KEY_USAGES.has(spaced) ? `write '${spaced}': usages are written in lower case, with spaces` : `use one of ${[...KEY_USAGES].map((u) => `'${u}'`).join(', ')}`);
      } else if (seen.has(usage)) {
        add(`spec.usages[${i}]`, `usage ${describeValue(usage)} is listed twice; the API server refuses a repeated usage`, 'list each usage once');
      }
      seen.add(usage);
    });
  }
  const expiration = spec.expirationSeconds;
  if (typeof expiration === 'number' && expiration < MIN_EXPIRATION_SECONDS) {
    add('spec.expirationSeconds', `a certificate of ${expiration} seconds is refused: a request may not ask for less than ${MIN_EXPIRATION_SECONDS} seconds (10 minutes)`,
      `ask for at least ${MIN_EXPIRATION_SECONDS} seconds, e.g. expirationSeconds: 86400 (a day), or leave it to the signer`);
  }
}

/** Why `request` (base64, as a []byte field is written) holds no PEM certificate request; undefined when it does. Pure. */
function certificateRequestProblem(request: string): string | undefined {
  const pem = Buffer.from(request.replace(/[\r\n]/g, ''), 'base64').toString('latin1');
  const block = PEM_BLOCK.exec(pem);
  if (block === null) {
    return /-----BEGIN /.test(request)
      ? 'spec.request holds the PEM text itself; the field is bytes, written in base64, so the API server reads no PEM block in it'
      : 'spec.request decodes to no PEM block; the API server takes only a PEM block of type CERTIFICATE REQUEST';
  }
  if (block[1] !== 'CERTIFICATE REQUEST') {
    return `spec.request holds a PEM block of type ${block[1]}, where the API server takes only a CERTIFICATE REQUEST${/KEY/.test(block[1]) ? ' (and a key never belongs in the repository)' : ''}`;
  }
  const der = Buffer.from(block[2].replace(/\s/g, ''), 'base64');
  const problem = certificateRequestDerProblem(der);
  return problem === undefined ? undefined : `the CERTIFICATE REQUEST block of spec.request ${problem}; the API server parses the request and checks its signature`;
}

/** Why `signerName` is no `<domain>/<path>` the API server takes (ValidateCertificateSigningRequestSignerName); undefined when it is one. Pure. */
export function signerNameProblem(signerName: string): string | undefined {
  if (signerName === '') {
    return 'signerName is empty; the API server needs to know which signer is asked';
  }
  if (signerName === LEGACY_SIGNER) {
    return `signerName ${LEGACY_SIGNER} is the legacy signer of certificates/v1beta1, which certificates/v1 refuses`;
  }
  const segments = signerName.split('/');
  if (segments.length !== 2) {
    return `signerName ${describeValue(signerName)} is no fully qualified domain and path of the form 'example.com/signer-name' (one '/')`;
  }
  const [domain, path] = segments;
  const domainProblem = nameProblem(domain, FULLY_QUALIFIED_DOMAIN_NAME);
  if (domainProblem !== undefined) {
    return `the domain of signerName ${describeValue(signerName)}: ${domainProblem}`;
  }
  const pathProblem = path.split('.').map((part) => nameProblem(part, DNS1123_SUBDOMAIN)).find((problem) => problem !== undefined);
  if (pathProblem !== undefined || path.length > DNS1123_SUBDOMAIN.maxLength + DNS1123_LABEL.maxLength + 1) {
    return `the path of signerName ${describeValue(signerName)} is no RFC 1123 subdomain, at most ${DNS1123_SUBDOMAIN.maxLength + DNS1123_LABEL.maxLength + 1} characters`;
  }
  return undefined;
}
