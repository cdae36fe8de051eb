import { AddFinding, Fields, fields, text } from './manifest';

// The Secrets an issuer keeps its keys in, which cert-manager's webhook requires by name although the CRD schema
// takes an empty one (ValidateCAIssuerConfig, ValidateACMEIssuerConfig, ValidateSecretKeySelector).

/**
 * A CA issuer's `secretName`, an ACME account's `privateKeySecretRef.name`, and the key ID and Secret key of
 * an external account binding are not empty. `spec` is the issuer's. Pure: reports through `add`.
 */
export function checkIssuerSecretNames(spec: Fields, add: AddFinding): void {
  const ca = fields(spec.ca);
  if (spec.ca !== undefined && spec.ca !== null && typeof ca.secretName === 'string' && ca.secretName === '') {
    add('spec.ca.secretName', 'the CA issuer names no Secret to sign with: its secretName is empty',
      "give the Secret of cert-manager's namespace (a ClusterIssuer's) or the issuer's that holds the CA's tls.crt and tls.key, e.g. secretName: lab-root-ca");
  }
  const acme = fields(spec.acme);
  const accountKey = fields(acme.privateKeySecretRef);
  if (acme.privateKeySecretRef !== undefined && typeof accountKey.name === 'string' && accountKey.name === '') {
    add('spec.acme.privateKeySecretRef.name', 'the ACME account key Secret has an empty name',
      'name the Secret cert-manager creates to keep the account key in, e.g. letsencrypt-account-key');
  }
  if (acme.externalAccountBinding === undefined || acme.externalAccountBinding === null) {
    return;
  }
  const binding = fields(acme.externalAccountBinding);
  if (typeof binding.keyID === 'string' && binding.keyID === '') {
    add('spec.acme.externalAccountBinding.keyID', 'the external account binding has an empty keyID', "give the key ID the CA (ZeroSSL, Google's Public CA) issued with the HMAC key");
  }
  const key = fields(binding.keySecretRef);
  // A missing name is the schema's to report; a missing key is the webhook's alone.
  if (binding.keySecretRef !== undefined && key.name === '') {
    add('spec.acme.externalAccountBinding.keySecretRef.name', "the external account binding's keySecretRef names no Secret", 'give the Secret that holds the HMAC key');
  }
  if (binding.keySecretRef !== undefined && (text(key.key) ?? '') === '') {
    add('spec.acme.externalAccountBinding.keySecretRef.key', "the external account binding's keySecretRef names no key of its Secret: cert-manager reads no default key",
      'give the key the HMAC key is stored under, e.g. key: secret');
  }
}
