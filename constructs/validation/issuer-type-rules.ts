import { AddFinding, Fields, fields, text } from './manifest';
import { CERTIFICATE_BLOCK } from './pem-certificates';

// What cert-manager's webhook refuses in the configuration of an issuer's type although the CRD schema takes
// it (ValidateACMEIssuerConfig, ValidateCAIssuerConfig, ValidateVaultIssuerConfig and ValidateVaultIssuerAuth,
// ValidateVenafiIssuerConfig): the schema asks for these fields, an empty text among them is the webhook's to
// refuse. A strict server-side dry-run calls the webhook, so the issuer is refused there.

/** The ways a Vault issuer logs in, of which it needs at least one. */
const VAULT_LOGINS = ['tokenSecretRef', 'appRole', 'clientCertificate', 'kubernetes', 'aws'] as const;

const given = (record: Fields, key: string): boolean => record[key] !== undefined && record[key] !== null;
const empty = (value: unknown): boolean => (text(value) ?? '') === '';

/** The configuration of the issuer type `spec` gives (ACME, CA, Vault or Venafi). Pure: reports through `add`. */
export function checkIssuerTypeConfig(spec: Fields, add: AddFinding): void {
  if (given(spec, 'acme')) {
    const acme = fields(spec.acme);
    if (acme.server === '') {
      add('spec.acme.server', 'the ACME issuer names no server: its server is empty', "give the ACME directory URL, e.g. server: 'https://acme-v02.api.letsencrypt.org/directory'");
    }
    checkCaBundle(acme.caBundle, 'spec.acme.caBundle', 'the ACME server', add);
  }
  if (given(spec, 'ca')) {
    const ca = fields(spec.ca);
    for (const key of ['ocspServers', 'issuingCertificateURLs'] as const) {
      (Array.isArray(ca[key]) ? ca[key] as unknown[] : []).forEach((url, i) => {
        if (url === '') {
          add(`spec.ca.${key}[${i}]`, `an entry of ${key} is empty, where cert-manager takes a URL`, `give the URL, e.g. http://ca.lab.example/${key === 'ocspServers' ? 'ocsp' : 'ca.crt'}, or drop the entry`);
        }
      });
    }
  }
  if (given(spec, 'vault')) {
    checkVault(fields(spec.vault), add);
  }
  if (given(spec, 'venafi')) {
    const venafi = fields(spec.venafi);
    if (venafi.zone === '') {
      add('spec.venafi.zone', 'the Venafi issuer names no zone: its zone is empty', 'give the policy zone (or application and issuing template) certificates are requested in');
    }
    const tpp = fields(venafi.tpp);
    if (given(venafi, 'tpp') && tpp.url === '') {
      add('spec.venafi.tpp.url', 'the Venafi TPP issuer names no server: its url is empty', 'give the URL of the TPP instance, e.g. https://tpp.lab.example/vedsdk');
    }
    if (!empty(tpp.caBundle) && given(tpp, 'caBundleSecretRef')) {
      add('spec.venafi.tpp.caBundleSecretRef', 'the Venafi TPP issuer gives both a caBundle and a caBundleSecretRef; cert-manager takes one', 'keep one of caBundle and caBundleSecretRef');
    }
  }
}

/** A Vault issuer: server and path given, one CA bundle, a client certificate with its key, and a way to log in. */
function checkVault(vault: Fields, add: AddFinding): void {
  if (vault.server === '') {
    add('spec.vault.server', 'the Vault issuer names no server: its server is empty', "give Vault's address, e.g. server: 'https://vault.lab.example:8200'");
  }
  if (vault.path === '') {
    add('spec.vault.path', 'the Vault issuer names no path: its path is empty', "give the PKI role's signing path, e.g. path: 'pki/sign/lab'");
  }
  checkCaBundle(vault.caBundle, 'spec.vault.caBundle', 'Vault', add);
  if (!empty(vault.caBundle) && given(vault, 'caBundleSecretRef')) {
    add('spec.vault.caBundleSecretRef', 'the Vault issuer gives both a caBundle and a caBundleSecretRef; cert-manager takes one', 'keep one of caBundle and caBundleSecretRef');
  }
  if (given(vault, 'clientCertSecretRef') !== given(vault, 'clientKeySecretRef')) {
    const missing = given(vault, 'clientCertSecretRef') ? 'clientKeySecretRef' : 'clientCertSecretRef';
    add(`spec.vault.${missing}`, `the Vault issuer gives a client ${missing === 'clientKeySecretRef' ? 'certificate without its key' : 'key without its certificate'}; cert-manager takes both or neither`,
      `give ${missing} too, or drop the other`);
  }
  const auth = fields(vault.auth);
  if (given(vault, 'auth') && !VAULT_LOGINS.some((login) => given(auth, login))) {
    add('spec.vault.auth', 'the Vault issuer says no way to log in to Vault', "give one, e.g. kubernetes: { role: 'cert-manager', mountPath: '/v1/auth/kubernetes', serviceAccountRef: { name: 'vault-issuer' } }");
  }
  const appRole = fields(auth.appRole);
  if (given(auth, 'appRole') && appRole.roleId === '') {
    add('spec.vault.auth.appRole.roleId', 'the AppRole login names no role: its roleId is empty', "give the AppRole's role ID (vault read auth/approle/role/<role>/role-id)");
  }
  if (given(auth, 'appRole') && fields(appRole.secretRef).name === '') {
    add('spec.vault.auth.appRole.secretRef.name', "the AppRole login's secretRef names no Secret", 'give the Secret that holds the secret ID');
  }
  if (given(auth, 'kubernetes')) {
    checkKubernetesLogin(fields(auth.kubernetes), add);
  }
}

/** Vault's Kubernetes login: a role, and the token of one of a Secret and a ServiceAccount. */
function checkKubernetesLogin(login: Fields, add: AddFinding): void {
  const at = 'spec.vault.auth.kubernetes';
  if (login.role === '') {
    add(`${at}.role`, 'the Kubernetes login names no Vault role: its role is empty', "give the role of Vault's Kubernetes auth method, e.g. role: 'cert-manager'");
  }
  const account = fields(login.serviceAccountRef);
  if (given(login, 'serviceAccountRef') && empty(account.name)) {
    add(`${at}.serviceAccountRef.name`, 'the Kubernetes login names no ServiceAccount', 'give the ServiceAccount cert-manager requests a token of');
  }
  const sources = [!empty(fields(login.secretRef).name), given(login, 'serviceAccountRef')].filter(Boolean).length;
  if (sources !== 1) {
    add(at, sources === 0 ? 'the Kubernetes login gives no token: neither a secretRef nor a serviceAccountRef' : 'the Kubernetes login gives both a secretRef and a serviceAccountRef; cert-manager takes one',
      "give serviceAccountRef: { name: 'vault-issuer' } (a token cert-manager requests) or secretRef to a token Secret, not both");
  }
}

/** A base64 caBundle holds at least one PEM certificate (validateCABundleNotEmpty); `server` names what it verifies. */
function checkCaBundle(value: unknown, at: string, server: string, add: AddFinding): void {
  if (typeof value !== 'string' || value === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value.replace(/\s+/g, ''))) {
    return; // absent, or not base64, which the schema's byte format reports
  }
  if (!CERTIFICATE_BLOCK.test(Buffer.from(value, 'base64').toString('latin1'))) {
    add(at, `the caBundle holds no PEM certificate, so cert-manager would trust nothing to verify ${server} with`,
      'give the CA certificate in PEM, base64-encoded once: base64 -w0 ca.crt');
  }
}
